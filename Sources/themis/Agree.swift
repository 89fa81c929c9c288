import ArgumentParser
import Foundation
import ThemisAgreement
import ThemisCodebook
import ThemisExport
import ThemisIngest

extension AgreementWriter.Format: ExpressibleByArgument {}
extension AgreementUnit: ExpressibleByArgument {}
extension Measure: ExpressibleByArgument {}

/// `themis agree`: inter-coder agreement per code and overall, with the disagreements.
struct Agree: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit agreement between coders: per code and overall, with disagreements to reconcile.",
        discussion: """
            Reads long codings (CSV or JSON Lines: segment, code, optional coder) and wide
            coding sheets (CSV: document, segment, speaker, text, then one column per code),
            one coder per file or split by a coder column. Units come from --units (the
            output of themis ingest), else from the sheets' rows, else from the coded
            segments (with a warning that agreement on absence is then unknown).
            Interviewer units are left out unless --all-speakers. Where two coders both
            apply a code to a unit with a valence, the valences are compared too (one per
            unit and code: enabler + barrier = mixed, neutral yields to any other).

            Examples:
              themis agree ann.csv ben.csv --units segments.jsonl
              themis agree codings.csv samples/gold/gold-codings.csv --units segments.jsonl --level 1 --format md
              themis agree sheets/*.csv --gold ann --disagreements to-reconcile.csv
              themis agree ann.csv ben.csv --units segments.jsonl --bootstrap 1000 --seed 7
              themis agree --table ratings.csv --measure ordinal
              themis agree nia.csv tom.csv --unit character --transcripts samples --exclude-uncoded
            """
    )

    @Argument(help: "Coding files (long codings or wide sheets).")
    var files: [String] = []

    @Option(help: "Segments from `themis ingest` (JSONL or CSV): the units compared.")
    var units: String?

    @Option(name: .customLong("codebook"), help: "Codebooks: compare every codable code, and reject unknown codes.")
    var codebooks: [String] = []

    @Option(help: "Coders to compare, comma-separated, in this order.")
    var coders: String?

    @Option(help: "Roll codes up to this depth first (1 = top-level codes).")
    var level: Int?

    @Flag(help: "Keep interviewer units.")
    var allSpeakers = false

    @Option(help: "Treat this coder as the reference: adds precision, recall and F1 per code, and valence accuracy.")
    var gold: String?

    @Option(help: "Output format: json, md, csv or html (default: from the -o extension, else json).")
    var format: AgreementWriter.Format?

    @Option(help: "Write the disagreements (document, segment, speaker, text, code, one column per coder) as CSV.")
    var disagreements: String?

    @Option(help: "Bootstrap replicates for 95% intervals of alpha and kappa.")
    var bootstrap: Int?

    @Option(help: "Seed for --bootstrap.")
    var seed: UInt64 = 1

    @Option(help: "Unit of comparison: segment, character (each character of the transcripts) or document (was the code used there at all).")
    var unit: AgreementUnit = .segment

    @Flag(help: "With --unit character or document: leave out units no coder coded.")
    var excludeUncoded = false

    @Option(help: "With --unit character: transcripts whose length counts the uncoded text too.")
    var transcripts: [String] = []

    @Option(help: "Reliability data: CSV with a unit column, then one column per coder.")
    var table: String?

    @Option(help: "Level of measurement for --table: nominal, ordinal, interval or ratio.")
    var measure: Measure = .nominal

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all).")
    var output: String?

    @Flag(help: "Accepted for scripts that pass it to every command; this command shows no progress bar.")
    var quiet = false

    func validate() throws {
        if table == nil, files.isEmpty { throw ValidationError("give coding files, or --table FILE") }
        if table != nil, !files.isEmpty { throw ValidationError("--table takes no coding files") }
        if let level, level < 1 { throw ValidationError("--level must be 1 or more") }
        if let bootstrap, bootstrap < 1 { throw ValidationError("--bootstrap must be at least 1") }
        if format == nil, let output, output != "-", AgreementWriter.Format(fileName: output) == nil {
            throw ValidationError("cannot tell the format from '\(output)'; give --format")
        }
    }

    func run() throws {
        do {
            try audit()
        } catch let error as CodingFileError {
            throw CommandFailure(message: error.description)
        }
    }

    private func audit() throws {
        let transcriptFiles = try collectInputs(transcripts)
        try refuseOverwritingInputs([("-o", output), ("--disagreements", disagreements)],
                                    inputs: files + codebooks + [units, table].compactMap { $0 } + transcriptFiles.inputs.map(\.url.path))
        let format = self.format ?? output.flatMap(AgreementWriter.Format.init(fileName:)) ?? .json
        if let table {
            let out = try openOutput(output)
            try out.write(try ReliabilityTable.report(path: table, measure: measure, format: format))
            try out.commit()
            return
        }
        if unit != .segment {
            try spanAudit(format: format, transcriptFiles: transcriptFiles)
            return
        }
        let loaded = try AgreementInputs.load(
            files: files, units: units, codebooks: codebooks.isEmpty ? [] : try loadCodebooks(codebooks),
            coders: coders, level: level, allSpeakers: allSpeakers)
        var goldIndex: Int?
        if let gold {
            guard let index = loaded.judgements.coders.firstIndex(of: gold) else {
                throw CommandFailure(message: "--gold \(gold) is not one of the coders (\(loaded.judgements.coders.joined(separator: ", ")))")
            }
            goldIndex = index
        }
        loaded.warnings.forEach { FileHandle.standardError.write(Data("themis: warning: \($0)\n".utf8)) }
        let audit = AgreementAudit.run(
            loaded.judgements, bootstrap: bootstrap.map { Bootstrap(replicates: $0, seed: seed) }, gold: goldIndex,
            notes: loaded.warnings, documents: loaded.unitInfo.map(\.document))
        let out = try openOutput(output)
        try out.write(AgreementWriter.render(audit, as: format))
        if let disagreements {
            let file = try openOutput(disagreements)
            try file.write(DisagreementTable.csv(loaded.judgements, units: loaded.unitInfo))
            try file.commit()
        }
        try out.commit()
    }

    /// Agreement on characters or documents from span codings.
    private func spanAudit(format: AgreementWriter.Format, transcriptFiles: InputCollection) throws {
        let unitsInfo = try units.map(Self.readUnits)
        let spans = try Self.readSpans(files, units: unitsInfo)
        var coderList = [String]()
        for span in spans where !coderList.contains(span.coder) { coderList.append(span.coder) }
        if let coders {
            let asked = coders.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            if let missing = asked.first(where: { !coderList.contains($0) }) {
                throw CommandFailure(message: "--coders: no codings by '\(missing)' (coders found: \(coderList.joined(separator: ", ")))")
            }
            coderList = asked
        }
        guard coderList.count >= 2 else {
            throw CommandFailure(message: "agreement needs two or more coders; found \(coderList.first.map { "only '\($0)'" } ?? "none")")
        }
        let books = codebooks.isEmpty ? [] : try loadCodebooks(codebooks)
        let rolled = { (code: String) in level.map { ThemisCodebook.Code.rolledUp(code, level: $0) } ?? code }
        var codes = [String]()
        if !books.isEmpty {
            for code in books.flatMap(\.allCodes) where (code.hasRules || code.children.isEmpty) && !codes.contains(rolled(code.id)) {
                codes.append(rolled(code.id))
            }
        } else {
            codes = Set(spans.map { rolled($0.code) }).sorted()
        }
        var lengths = [String: Int]()
        var warnings = [String]()
        if !transcripts.isEmpty {
            for (id, text) in SegmentIndex(transcriptFiles, unit: .turn).plainTexts { lengths[id] = text.unicodeScalars.count }
        } else if unit == .character, !excludeUncoded {
            warnings.append("no --transcripts: each document is counted up to its last coded character")
        }
        let perCode = SpanAgreement.data(spans, unit: unit, coders: coderList, codes: codes, lengths: lengths,
                                         excludeUncoded: excludeUncoded, level: level)
        let gold = try self.gold.map { name -> Int in
            guard let index = coderList.firstIndex(of: name) else {
                throw CommandFailure(message: "--gold \(name) is not one of the coders (\(coderList.joined(separator: ", ")))")
            }
            return index
        }
        warnings.forEach { FileHandle.standardError.write(Data("themis: warning: \($0)\n".utf8)) }
        let audit = AgreementAudit.run(codes: perCode, coders: coderList, units: perCode.map(\.data.unitCount).max() ?? 0,
                                       bootstrap: bootstrap.map { Bootstrap(replicates: $0, seed: seed) }, gold: gold,
                                       notes: warnings + ["unit: \(unit.rawValue)" + (excludeUncoded ? ", text no coder touched left out" : "")])
        let out = try openOutput(output)
        try out.write(AgreementWriter.render(audit, as: format))
        try out.commit()
    }

    private static func readUnits(_ path: String) throws -> [UnitInfo] {
        do {
            return try AgreementInputs.readUnits(path)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    private static func readSpans(_ files: [String], units: [UnitInfo]?) throws -> [SpanAgreement.Span] {
        do {
            return try SpanAgreement.spans(files: files, units: units)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}
