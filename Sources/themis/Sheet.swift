import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisExport
import ThemisIngest
import ThemisModel

/// `themis sheet`: the wide coding sheet people fill in.
struct Sheet: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xlsx
    }

    static let configuration = CommandConfiguration(
        abstract: "Write a wide coding sheet for people to fill in (CSV or XLSX).",
        discussion: """
            One row per participant segment (document, segment, speaker, text) and one
            empty column per codable code. A coder marks a cell (1, x, yes) to apply the
            code; empty, 0, no and false mean not applied. `themis agree` reads the
            filled sheets back, as CSV or as saved from Excel.

            Examples:
              themis sheet samples --codebook codebooks/musiq-ar.yaml -o sheet.xlsx
              themis sheet samples --codebook codebooks/rho-anti-racism-principles.yaml --unit sentence -o sheet.csv
            """
    )

    @Argument(help: "Transcript files or folders.")
    var paths: [String]

    @Option(name: .customLong("codebook"), help: "Codebooks whose codes become columns; repeat for several.")
    var codebooks: [String]

    @Option(help: "Segment unit: turn, paragraph or sentence.")
    var unit: SegmentUnit = .turn

    @Flag(help: "Include interviewer segments.")
    var allSpeakers = false

    @Option(help: "csv or xlsx (default: from the -o extension, else csv).")
    var format: Format?

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all).")
    var output: String?

    @Option(help: "Files to read in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress bar.")
    var quiet = false

    private var resolvedFormat: Format {
        format ?? (output?.lowercased().hasSuffix(".xlsx") == true ? .xlsx : .csv)
    }

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if resolvedFormat == .xlsx, output == nil || output == "-" {
            throw ValidationError("an XLSX sheet needs -o FILE.xlsx")
        }
    }

    func run() throws {
        let collection = try collectInputs(paths)
        try refuseOverwritingInputs([("-o", output)], inputs: codebooks + collection.inputs.map(\.url.path))
        let books = try loadCodebooks(codebooks)
        let codes = books.flatMap(\.allCodes).filter { $0.hasRules || $0.children.isEmpty }.map(\.id)
        let progress = ProgressBar(total: collection.inputs.count, label: "sheet", quiet: quiet)
        var failures = FileFailures(progress: progress)
        for problem in collection.problems { failures.report(problem.path, problem.reason) }
        var rows = [[XLSXWorkbook.Cell]]()
        rows.append((["document", "segment", "speaker", "text"] + codes).map { .text($0) })
        var done = 0
        let batch = TranscriptBatch(inputs: collection.inputs, reader: TranscriptReader(unit: unit), jobs: jobs)
        batch.run { input, result in
            done += 1
            progress.update(done)
            switch result {
            case .success(let transcript):
                failures.warn(input.displayPath, transcript.warnings)
                for segment in transcript.segments where allSpeakers || segment.role.isParticipant {
                    rows.append([.text(segment.document), .text(segment.id), segment.speaker.map { .text($0) } ?? .empty,
                                 .text(segment.text)] + codes.map { _ in .empty })
                }
            case .failure(let error):
                failures.report(input.displayPath, error.reason, line: error.line)
            }
        }
        progress.finish()
        try Self.write(rows, as: resolvedFormat, to: output, name: "Coding sheet",
                       widths: [28, 34, 16, 90] + codes.map { _ in 14 }, wrapped: [3])
        try failures.finish(total: collection.inputs.count + collection.problems.count)
    }

    /// Writes a coding sheet's `rows` (the header first) to `output` as CSV or as
    /// an XLSX workbook of one sheet `name`, with column `widths` and `wrapped` columns.
    static func write(_ rows: [[XLSXWorkbook.Cell]], as format: Format, to output: String?, name: String,
                      widths: [Double], wrapped: Set<Int>) throws {
        let out = try openOutput(output)
        switch format {
        case .csv:
            var bytes = [UInt8]()
            for row in rows {
                CSVText.appendRow(row.map { cell -> String? in
                    if case .text(let text) = cell { return text }
                    return nil
                }, to: &bytes)
            }
            try out.write(bytes)
        case .xlsx:
            let sheet = XLSXWorkbook.Sheet(name: name, rows: rows, widths: widths, wrapped: wrapped)
            try out.write(try XLSXWorkbook(sheets: [sheet]).data())
        }
        try out.commit()
    }
}
