import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisCoding
import ThemisExport
import ThemisIngest
import ThemisLearning
import ThemisModel

/// `themis suggest`: the segments whose hand-coding would teach a model most, as a coding sheet.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank uncoded segments by how much hand-coding them would teach a model, as a coding sheet.",
        discussion: """
            Reads transcripts, assesses each participant segment the model was not trained
            on, and keeps the -n segments where a code's probability is closest to its
            threshold, with a bonus for each code the model and the rules decide apart. The
            sheet (document, segment, speaker, text, why, then one column per code of the
            model) is filled in like any coding sheet and fed back to themis train.
            Codebooks come from the paths the model recorded unless --codebook is given.

            Examples:
              themis suggest samples --model model.json -n 50 -o next.xlsx
              themis suggest new/ --model model.json --codebook codebooks/musiq-ar.yaml -o next.csv
            """
    )

    @Argument(help: "Transcript files or folders.")
    var paths: [String]

    @Option(help: "The model from `themis train`.")
    var model: String

    @Option(name: .customLong("codebook"), help: "The model's codebooks (default: the paths it recorded).")
    var codebooks: [String] = []

    @Option(name: .customShort("n"), help: "How many segments to suggest.")
    var count: Int = 50

    @Option(help: "Segment unit: turn, paragraph or sentence.")
    var unit: SegmentUnit = .turn

    @Option(help: "csv or xlsx (default: from the -o extension, else csv).")
    var format: Sheet.Format?

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all).")
    var output: String?

    @Option(help: "Files to read in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress bar.")
    var quiet = false

    private var resolvedFormat: Sheet.Format {
        format ?? (output?.lowercased().hasSuffix(".xlsx") == true ? .xlsx : .csv)
    }

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard count >= 1 else { throw ValidationError("-n must be at least 1") }
        if resolvedFormat == .xlsx, output == nil || output == "-" { throw ValidationError("an XLSX sheet needs -o FILE.xlsx") }
    }

    func run() throws {
        let collection = try collectInputs(paths)
        let trained = try Code.readModel(model)
        let bookPaths = codebooks.isEmpty ? trained.codebooks.map(\.path) : codebooks
        try refuseOverwritingInputs([("-o", output)], inputs: bookPaths + [model] + collection.inputs.map(\.url.path))
        let books = try loadCodebooks(bookPaths)
        let coders: ModelCoderPool
        do { coders = try ModelCoderPool(model: trained, codebooks: books) } catch { throw CommandFailure(message: "\(model): \(error)") }
        let known = Set(trained.trainedUnits)
        let context = CodingContext(rawValue: trained.settings.context) ?? .none

        struct Candidate: Sendable {
            var segment: Segment
            var value: Double
            var reasons: [String]
        }
        let progress = ProgressBar(total: collection.inputs.count, label: "suggest", quiet: quiet)
        var failures = FileFailures(progress: progress)
        for problem in collection.problems { failures.report(problem.path, problem.reason) }
        var candidates = [Candidate]()
        var done = 0
        let assess: @Sendable (TranscriptInput, Transcript) -> [Candidate] = { _, transcript in
            coders.withCoder { coder in
                var found = [Candidate]()
                let segments = transcript.segments
                for (index, segment) in segments.enumerated() where segment.role.isParticipant && !known.contains(segment.id) {
                    let question = context.question(for: index, in: segments)
                    let (value, reasons) = Suggestions.value(coder.assessments(segment, question: question))
                    found.append(Candidate(segment: segment, value: value, reasons: reasons))
                }
                return found
            }
        }
        let batch = TranscriptBatch(inputs: collection.inputs, reader: TranscriptReader(unit: unit), jobs: jobs)
        batch.run(transform: assess) { input, result in
            done += 1
            progress.update(done)
            switch result {
            case .success(let found):
                candidates += found
            case .failure(let error):
                failures.report(input.displayPath, error.reason, line: error.line)
            }
        }
        progress.finish()
        // Highest value first; among equals, the order the segments were read in.
        let chosen = candidates.enumerated().sorted { $0.element.value != $1.element.value ? $0.element.value > $1.element.value : $0.offset < $1.offset }
            .prefix(count).map(\.element)
        let codes = trained.codes.map(\.code)
        var rows = [[XLSXWorkbook.Cell]]()
        rows.append((["document", "segment", "speaker", "text", "why"] + codes).map { .text($0) })
        for candidate in chosen {
            let segment = candidate.segment
            rows.append([.text(segment.document), .text(segment.id), segment.speaker.map { .text($0) } ?? .empty,
                         .text(segment.text), .text(candidate.reasons.joined(separator: "; "))] + codes.map { _ in .empty })
        }
        try Sheet.write(rows, as: resolvedFormat, to: output, name: "Code next",
                        widths: [28, 34, 16, 90, 40] + codes.map { _ in 14 }, wrapped: [3, 4])
        try failures.finish(total: collection.inputs.count + collection.problems.count)
    }
}
