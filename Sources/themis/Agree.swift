import ArgumentParser
import Foundation
import ThemisAgreement
import ThemisCodebook
import ThemisExport

extension AgreementWriter.Format: ExpressibleByArgument {}
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
            Interviewer units are left out unless --all-speakers.

            Examples:
              themis agree ann.csv ben.csv --units segments.jsonl
              themis agree codings.csv samples/gold/gold-codings.csv --units segments.jsonl --level 1 --format md
              themis agree sheets/*.csv --gold ann --disagreements to-reconcile.csv
              themis agree ann.csv ben.csv --units segments.jsonl --bootstrap 1000 --seed 7
              themis agree --table ratings.csv --measure ordinal
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

    @Option(help: "Treat this coder as the reference: adds precision, recall and F1 per code.")
    var gold: String?

    @Option(help: "Output format: json, md, csv or html (default: from the -o extension, else json).")
    var format: AgreementWriter.Format?

    @Option(help: "Write the disagreements (document, segment, speaker, text, code, one column per coder) as CSV.")
    var disagreements: String?

    @Option(help: "Bootstrap replicates for 95% intervals of alpha and kappa.")
    var bootstrap: Int?

    @Option(help: "Seed for --bootstrap.")
    var seed: UInt64 = 1

    @Option(help: "Reliability data: CSV with a unit column, then one column per coder.")
    var table: String?

    @Option(help: "Level of measurement for --table: nominal, ordinal, interval or ratio.")
    var measure: Measure = .nominal

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all).")
    var output: String?

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
        let format = self.format ?? output.flatMap(AgreementWriter.Format.init(fileName:)) ?? .json
        if let table {
            let out = try openOutput(output)
            try out.write(try ReliabilityTable.report(path: table, measure: measure, format: format))
            try out.commit()
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
            notes: loaded.warnings)
        let out = try openOutput(output)
        try out.write(AgreementWriter.render(audit, as: format))
        if let disagreements {
            let file = try openOutput(disagreements)
            try file.write(DisagreementTable.csv(loaded.judgements, units: loaded.unitInfo))
            try file.commit()
        }
        try out.commit()
    }
}
