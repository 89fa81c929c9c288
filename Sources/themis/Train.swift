import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisCoding
import ThemisExport
import ThemisLearning
import ThemisModel

/// `themis train`: learns one classifier per code from a human coder's codings,
/// and prints how well each does under document-grouped cross-validation.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Learn one classifier per code from human codings, with cross-validated figures beside the rules'.",
        discussion: """
            Reads a human coder's codings (long CSV or JSON Lines, filled sheets, or import
            qdpx output) of the segments in --units (themis ingest output), learns an
            L2-regularised logistic regression per code from the segment's words and word
            pairs, its question's words and the rules' codings, and writes the model.
            Units with no coding of a code are its negatives. Each code is cross-validated
            over document-grouped folds (a document's segments never in both training and
            test), each fold judged at the threshold the other folds choose; the table on
            standard output gives its precision, recall, F1 and kappa against the coder, and
            the rules' on the same units. A code with fewer than --minimum-positives
            positive units is left to the rules.

            Examples:
              themis ingest samples -o segments.jsonl
              themis train samples/gold/gold-codings.csv --units segments.jsonl \\
                  --codebook codebooks/musiq-ar.yaml --codebook codebooks/rho-anti-racism-principles.yaml \\
                  --level 1 -o model.json
            """
    )

    @Argument(help: "Coding files of the human coder.")
    var files: [String]

    @Option(help: "Segments from `themis ingest` (JSONL or CSV): the units learned from.")
    var units: String

    @Option(name: .customLong("codebook"), help: "Codebooks: the codes to learn, and the rules used as features.")
    var codebooks: [String]

    @Option(help: "The coder to learn from (default: the only coder in the files).")
    var coder: String?

    @Option(help: "Learn codes rolled up to this depth (1 = top-level codes).")
    var level: Int?

    @Option(help: "Read each answer with the interviewer's question before it (question), or alone (none).")
    var context: CodingContext = .question

    @Option(help: "Document-grouped cross-validation folds.")
    var folds: Int = 5

    @Option(help: "Codes with fewer positive units are left to the rules.")
    var minimumPositives: Int = 8

    @Option(help: "The L2 penalty on the weights (larger: smaller weights, smoother probabilities).")
    var l2: Double = 1.0

    @Option(name: .shortAndLong, help: "Write the model to FILE (JSON, whole or not at all).")
    var output: String

    @Option(name: .customLong("cross-validated"),
            help: "Also write each learned code's cross-validated decisions as long codings (coder cross-validated), for agree --gold.")
    var decisionsPath: String?

    @Flag(help: "Accepted for scripts that pass it to every command; this command shows no progress bar.")
    var quiet = false

    func validate() throws {
        if folds < 2 { throw ValidationError("--folds must be at least 2") }
        if minimumPositives < 1 { throw ValidationError("--minimum-positives must be at least 1") }
        if !(l2 > 0 && l2.isFinite) { throw ValidationError("--l2 must be a positive number") }
        if let level, level < 1 { throw ValidationError("--level must be at least 1") }
    }

    func run() throws {
        try refuseOverwritingInputs([("-o", output), ("--cross-validated", decisionsPath)], inputs: files + codebooks + [units])
        let books = try loadCodebooks(codebooks)
        let unitInfo: [UnitInfo]
        var codingFiles = [CodingFile]()
        do {
            unitInfo = try AgreementInputs.readUnits(units)
            for path in files { codingFiles.append(try CodingFile.read(path: path)) }
        } catch {
            throw CommandFailure(message: error.description)
        }
        let participants = unitInfo.filter { (SpeakerRole(rawValue: $0.role) ?? .participant).isParticipant }
        if participants.isEmpty { throw CommandFailure(message: "\(units): no participant segments to learn from") }
        if participants.allSatisfy({ $0.text.isEmpty }) {
            throw CommandFailure(message: "\(units): the segments have no text (give the output of themis ingest)")
        }
        let coders = Set(codingFiles.flatMap { $0.entries.map(\.coder) + $0.sheetUnits.map(\.coder) })
        guard let coder = coder ?? (coders.count == 1 ? coders.first : nil) else {
            throw CommandFailure(message: coders.isEmpty ? "the coding files hold no codings"
                : "the files hold several coders (\(coders.sorted().joined(separator: ", "))): name one with --coder")
        }
        if !coders.contains(coder) { throw CommandFailure(message: "no codings by coder '\(coder)' in the files") }

        func rolled(_ code: String) -> String { level.map { ThemisCodebook.Code.rolledUp(code, level: $0) } ?? code }
        let codes = books.codableCodeIDs(level: level), learnable = Set(codes), known = Set(books.flatMap(\.allCodes).map(\.id))
        let segmentIDs = Set(unitInfo.map(\.segment))
        var applied = [String: Set<String>]()
        var valences = [String: [String: Valence]]()
        var unlearned = [String: Int]()
        for file in codingFiles {
            for entry in file.entries where entry.coder == coder {
                guard known.contains(entry.code) else {
                    throw CommandFailure(message: "\(file.path):\(entry.line): unknown code '\(entry.code)' (not in the codebooks)")
                }
                guard segmentIDs.contains(entry.segment) else {
                    throw CommandFailure(message: "\(file.path):\(entry.line): unknown segment '\(entry.segment)' (not in \(units))")
                }
                let code = rolled(entry.code)
                guard learnable.contains(code) else {
                    unlearned[code, default: 0] += 1
                    continue
                }
                applied[entry.segment, default: []].insert(code)
                if let valence = entry.valence {
                    valences[entry.segment, default: [:]][code] = valences[entry.segment]?[code].map { $0.combined(with: valence) } ?? valence
                }
            }
        }

        for (code, count) in unlearned.sorted(by: { $0.key < $1.key }) {
            FileHandle.standardError.write(Data(("themis: \(count == 1 ? "1 coding" : "\(count) codings") of \(code) not learned: it has no rules and is coded "
                + "through its children (give --level to learn codes rolled up)\n").utf8))
        }
        var inputs = [ModelFile.Input]()
        for path in files + [units] {
            guard let digest = FileDigest.sha256(URL(fileURLWithPath: path)) else {
                throw CommandFailure(message: "\(path): cannot read the file")
            }
            inputs.append(ModelFile.Input(path: path, sha256: digest))
        }
        let settings = ModelFile.Settings(coder: coder, level: level, context: context.rawValue, folds: folds, l2: l2,
                                          minimumPositives: minimumPositives, minimumFeatureCount: 2)
        let (model, crossValidated) = TrainingRun.train(documents: Self.documents(unitInfo), applied: applied, valences: valences, codes: codes,
                                                        codebooks: books, settings: settings, inputs: inputs)
        let out = try openOutput(output)
        try out.write([UInt8](try model.encoded()))
        if let decisionsPath {
            var records = CodingFormat.csv.header
            for (code, segments) in crossValidated {
                for segment in segments {
                    CodingFormat.csv.append(Coding(document: segment.document, segment: segment.id, code: code, coder: "cross-validated",
                                                   valence: nil, speaker: segment.speaker, matched: []), to: &records)
                }
            }
            let decisions = try openOutput(decisionsPath)
            try decisions.write(records)
            try decisions.commit()
        }
        try out.commit()
        print(Self.table(model), terminator: "")
        for code in model.codes where code.leftToRules {
            let reason = code.positives < minimumPositives
                ? "\(code.positives) positive unit\(code.positives == 1 ? "" : "s"), fewer than \(minimumPositives)"
                : code.positives == model.units ? "applied to every unit" : "its units are all in one document"
            FileHandle.standardError.write(Data("themis: \(code.code): \(reason): left to the rules\n".utf8))
        }
    }

    /// The units as segments, grouped by document in file order.
    static func documents(_ units: [UnitInfo]) -> [[ThemisModel.Segment]] {
        var order = [String](), byDocument = [String: [ThemisModel.Segment]]()
        for unit in units {
            // The id is DOCUMENT#N, whatever the file's document column says (or lacks).
            let hash = unit.segment.lastIndex(of: "#")
            let document = hash.map { String(unit.segment[..<$0]) } ?? unit.document
            let number = hash.flatMap { Int(unit.segment[unit.segment.index(after: $0)...]) } ?? 0
            let segment = ThemisModel.Segment(document: document, index: number, unit: .turn, speaker: unit.speaker, speakerNote: nil,
                                  role: SpeakerRole(rawValue: unit.role) ?? .participant, time: nil,
                                  start: unit.start ?? 0, end: unit.end ?? unit.text.unicodeScalars.count, text: unit.text)
            if byDocument[document] == nil { order.append(document) }
            byDocument[document, default: []].append(segment)
        }
        return order.map { byDocument[$0]! }
    }

    /// The cross-validated figures as a Markdown table.
    static func table(_ model: ModelFile) -> String {
        func f(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
        var out = "Cross-validated over \(model.settings.folds) document-grouped folds, \(model.units) units, coder \(model.settings.coder)\n\n"
        out += "| code | positives | threshold | precision | recall | F1 | kappa | rules precision | rules recall | rules F1 | rules kappa |\n"
        out += "|---|---|---|---|---|---|---|---|---|---|---|\n"
        for code in model.codes {
            let cv = code.crossValidated
            out += "| \(code.code) | \(code.positives) | \(code.threshold.map { String(format: "%.3f", $0) } ?? "rules") | "
            out += "\(f(cv?.precision)) | \(f(cv?.recall)) | \(f(cv?.f1)) | \(f(cv?.kappa)) | "
            out += "\(f(code.rules.precision)) | \(f(code.rules.recall)) | \(f(code.rules.f1)) | \(f(code.rules.kappa)) |\n"
        }
        let valenced = model.codes.filter { $0.valence != nil }
        if !valenced.isEmpty {
            out += "\n| code | valenced units | valence agreement | rules' valence agreement |\n|---|---|---|---|\n"
            for code in valenced {
                out += "| \(code.code) | \(code.valence!.units) | \(f(code.valence!.crossValidatedAgreement)) | \(f(code.valence!.rulesAgreement)) |\n"
            }
        }
        let trained = model.codes.filter { $0.crossValidated?.kappa != nil }
        if !trained.isEmpty {
            let mean = trained.map { $0.crossValidated!.kappa! }.reduce(0, +) / Double(trained.count)
            let rulesMean = trained.compactMap(\.rules.kappa).reduce(0, +) / Double(max(1, trained.compactMap(\.rules.kappa).count))
            out += "\nMean kappa over the \(trained.count) learned codes with a defined kappa: model \(f(mean)), rules \(f(rulesMean))\n"
        }
        return out
    }
}
