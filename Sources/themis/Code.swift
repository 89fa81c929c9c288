import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisCoding
import ThemisExport
import ThemisIngest
import ThemisLearning
import ThemisModel

extension CodingFormat: ExpressibleByArgument {}
extension CodingContext: ExpressibleByArgument {}

/// `themis code`: ingest transcripts and code their segments against codebooks.
struct Code: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Code transcript segments against codebooks (long CSV or JSON Lines).",
        discussion: """
            Reads transcripts as `themis ingest` does, then applies every code of the given
            codebooks to every participant segment and writes one record per coding:
            document, segment, code, coder (themis), valence, speaker, matched.
            Interviewer segments are skipped unless --all-speakers is given. With -o, a run
            manifest (codebook and input SHA-256, settings, counts) is written beside the
            output as NAME.manifest.json.

            Examples:
              themis code samples --codebook codebooks/musiq-ar.yaml -o codings.csv
              themis code samples --codebook codebooks/musiq-ar.yaml \\
                  --codebook codebooks/rho-anti-racism-principles.yaml --explain --format jsonl
              themis code interviews/ --codebook my-dictionary.dic --unit sentence -o codings.jsonl
              themis code new/ --codebook codebooks/musiq-ar.yaml --model model.json -o codings.csv

            With --model (from themis train), each code the model learned applies where its
            probability reaches the code's threshold, and the rest as the rules apply them;
            codings are at the model's level, and a score column (the probability) follows
            matched. The model's codebooks and their versions must be the ones given.
            """
    )

    @Argument(help: "Transcript files or folders.")
    var paths: [String]

    @Option(name: .customLong("codebook"), help: "A codebook (Themis YAML, quanteda YAML or LIWC .dic); repeat for several.")
    var codebooks: [String]

    @Option(help: "Segment unit: turn, paragraph or sentence.")
    var unit: SegmentUnit = .turn

    @Flag(help: "Code interviewer segments too.")
    var allSpeakers = false

    @Option(help: "Output format: csv or jsonl (default: from the -o extension, else csv).")
    var format: CodingFormat?

    @Option(help: "Read a participant's answer with the interviewer's question before it (question), or on its own (none).")
    var context: CodingContext = .question

    @Flag(help: "Print, per coded segment, the rules and tokens that fired (on standard error).")
    var explain = false

    @Option(help: "Code with a model from `themis train` (the rules as its features).")
    var model: String?

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all) and FILE's manifest beside it.")
    var output: String?

    @Option(help: "Documents to code in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !codebooks.isEmpty else { throw ValidationError("give at least one --codebook") }
        if format == nil, let output, output != "-", CodingFormat(fileName: output) == nil {
            throw ValidationError("cannot tell the format from '\(output)'; give --format csv or --format jsonl")
        }
    }

    func run() throws {
        let collection = try collectInputs(paths)
        try refuseOverwritingInputs([("-o", output), ("the manifest", output.map(RunManifest.path))],
                                    inputs: codebooks + collection.inputs.map(\.url.path) + (model.map { [$0] } ?? []))
        let loaded = try loadCodebooks(codebooks)
        let models = try model.map { path in try Self.modelCoders(path, codebooks: loaded, context: self.context, explain: self.explain) }
        let format = self.format ?? output.flatMap(CodingFormat.init(fileName:)) ?? .csv
        let engine = CodingEngine(codebooks: loaded)
        let out = try openOutput(output)
        let progress = ProgressBar(total: collection.inputs.count, label: "code", quiet: quiet)
        var failures = FileFailures(progress: progress)
        for problem in collection.problems { failures.report(problem.path, problem.reason) }

        struct Coded: Sendable {
            var records: [UInt8]
            var explanation: String
            var sha256: String?
            var segments: Int
            var codedSegments: Int
            var codings: Int
            var warnings: [String]
        }
        let allSpeakers = self.allSpeakers, explain = self.explain, context = self.context
        let coders = SegmentCoderPool(engine: engine, explain: explain)
        let scored = models != nil
        let codeDocument: @Sendable (TranscriptInput, Transcript) -> Coded = { _, transcript in
            var coded = Coded(records: [], explanation: "", sha256: transcript.sourceDigest, segments: 0,
                              codedSegments: 0, codings: 0, warnings: transcript.warnings)
            let results = models.map { pool in pool.withCoder { $0.code(transcript: transcript.segments, allSpeakers: allSpeakers) } }
                ?? coders.withCoder { $0.code(transcript: transcript.segments, context: context, allSpeakers: allSpeakers) }
            for (segment, codings) in results {
                coded.segments += 1
                if codings.isEmpty { continue }
                coded.codedSegments += 1
                coded.codings += codings.count
                for coding in codings { format.append(coding, to: &coded.records, scored: scored) }
                if explain { coded.explanation += Explanation.text(segment, codings) }
            }
            return coded
        }

        var inputs = [RunManifest.InputEntry]()
        var totals = (segments: 0, coded: 0, codings: 0, documents: 0)
        try out.write(format.header(scored: scored))
        var done = 0
        let reader = TranscriptReader(unit: unit, digest: { SHA256.hex($0) })
        let batch = TranscriptBatch(inputs: collection.inputs, reader: reader, jobs: jobs)
        try batch.run(transform: codeDocument) { input, result in
            done += 1
            progress.update(done)
            switch result {
            case .success(let coded):
                failures.warn(input.displayPath, coded.warnings)
                try out.write(coded.records)
                if explain, !coded.explanation.isEmpty { progress.message(coded.explanation, terminator: "") }
                totals.documents += 1
                totals.segments += coded.segments
                totals.coded += coded.codedSegments
                totals.codings += coded.codings
                inputs.append(.init(path: input.displayPath, document: input.id, sha256: coded.sha256, status: "coded"))
            case .failure(let error):
                failures.report(input.displayPath, error.reason, line: error.line)
                inputs.append(.init(path: input.displayPath, document: input.id, sha256: FileDigest.sha256(input.url),
                                    status: "not read: \(error.description)"))
            }
        }
        progress.finish()
        if let output, out.isRegularFile {
            let manifest = RunManifest(
                themisVersion: ThemisVersion.current,
                command: "code",
                codebooks: zip(codebooks, loaded).map { path, book in
                    .init(id: book.id, version: book.version, path: path, sha256: FileDigest.sha256(URL(fileURLWithPath: path)) ?? "")
                },
                inputs: inputs,
                settings: [("unit", unit.rawValue), ("all_speakers", String(allSpeakers)), ("context", context.rawValue),
                           ("format", format.rawValue),
                           ("coder", engine.coderName)]
                    + (model.map { [("model", $0), ("model_sha256", FileDigest.sha256(URL(fileURLWithPath: $0)) ?? "")] } ?? []),
                counts: [("documents", totals.documents), ("failed_files", failures.count),
                         ("segments", totals.segments), ("coded_segments", totals.coded), ("codings", totals.codings)])
            let manifestFile = try openOutput(RunManifest.path(for: output))
            try manifestFile.write(manifest.json)
            try manifestFile.commit()
        }
        try out.commit()
        try failures.finish(total: collection.inputs.count + collection.problems.count)
    }

    /// The coders of the model at `path`, checked against `codebooks` and `context`.
    static func modelCoders(_ path: String, codebooks: [Codebook], context: CodingContext, explain: Bool) throws -> ModelCoderPool {
        let model = try readModel(path)
        do {
            guard model.settings.context == context.rawValue else {
                throw CommandFailure(message: "\(path): the model was trained with --context \(model.settings.context); code with the same")
            }
            return try ModelCoderPool(model: model, codebooks: codebooks, explain: explain)
        } catch let error as ModelError {
            throw CommandFailure(message: "\(path): \(error)")
        }
    }

    /// The model file at `path`; one that cannot be read stops the run with exit 2.
    static func readModel(_ path: String) throws -> ModelFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(message: "\(path): cannot read the model file")
        }
        do { return try ModelFile.read(data) } catch { throw CommandFailure(message: "\(path): \(error)") }
    }
}

/// Loads codebooks, printing warnings; any problem stops the run with exit status 2.
func loadCodebooks(_ paths: [String]) throws -> [Codebook] {
    var books = [Codebook]()
    var problems = [String]()
    for path in paths {
        switch loadCodebook(path) {
        case .success(let loaded):
            loaded.warnings.forEach { FileHandle.standardError.write(Data("themis: \($0)\n".utf8)) }
            if let clash = books.first(where: { $0.id == loaded.codebook.id }) {
                problems.append("\(path): codebook id '\(clash.id)' is also the id of \(clash.path)")
            }
            books.append(loaded.codebook)
        case .failure(let failure):
            problems += failure.lines
        }
    }
    if !problems.isEmpty { throw CommandFailure(message: "bad codebook\n" + problems.joined(separator: "\n")) }
    return books
}

/// Problems that stop a codebook from loading, one line each.
struct CodebookProblems: Error {
    var lines: [String]
}

/// Loads one codebook of any kind Themis reads: Themis YAML, quanteda YAML, LIWC
/// `.dic`, or REFI-QDA `.qdc`. Warnings come back with the codebook.
func loadCodebook(_ path: String) -> Result<(codebook: Codebook, warnings: [String]), CodebookProblems> {
    if path.lowercased().hasSuffix(".qdc") {
        var warnings = [String]()
        do {
            let book = try QDCReader.codebook(at: URL(fileURLWithPath: path), warnings: &warnings)
            return .success((book, warnings.map { "\(path): warning: \($0)" }))
        } catch {
            return .failure(CodebookProblems(lines: ["\(path)\(error.line.map { ":\($0)" } ?? ""): \(error.reason)"]))
        }
    }
    switch CodebookLoader.load(path: path) {
    case .success(let loaded): return .success((loaded.codebook, loaded.warnings.map(\.description)))
    case .failure(let error): return .failure(CodebookProblems(lines: error.problems.map(\.description)))
    }
}

/// SHA-256 of files named in a run manifest.
enum FileDigest {
    static func sha256(_ url: URL) -> String? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return SHA256.hex(data)
    }
}

/// The `--explain` text of a coded segment.
enum Explanation {
    static func text(_ segment: Segment, _ codings: [Coding]) -> String {
        var text = "\(segment.id) [\(segment.speaker ?? "no speaker")]\n"
        for coding in codings {
            text += "  \(coding.code)" + (coding.valence.map { " (\($0.rawValue))" } ?? "") + "\n"
            for line in coding.explanation { text += "    \(line)\n" }
        }
        return text
    }
}
