import ArgumentParser
import Foundation
import ThemisExport
import ThemisIngest
import ThemisModel

extension SegmentUnit: ExpressibleByArgument {}
extension SegmentFormat: ExpressibleByArgument {}

/// `themis ingest`: transcripts in, speaker-attributed segments out.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read transcripts into speaker-attributed segments (JSON Lines or CSV).",
        discussion: """
            Reads files and folders (recursively: .txt .docx .xml .vtt .srt) and writes one
            record per segment: document, segment, index, unit, speaker, speaker_note, role,
            time, start, end, text. start/end are offsets in Unicode scalars into the
            document's plain text, end exclusive. A file that cannot be read is reported on
            standard error and the rest of the batch goes on; the exit status is then 1.

            Examples:
              themis ingest samples -o segments.jsonl
              themis ingest samples/interviews --unit sentence --format csv
              themis ingest focus-group.docx teams-call.vtt --unit paragraph -o segments.csv
              themis ingest samples --attributes documents.csv -o segments.jsonl
            """
    )

    @Argument(help: "Transcript files or folders.")
    var paths: [String]

    @Option(help: "Segment unit: turn, paragraph or sentence.")
    var unit: SegmentUnit = .turn

    @Option(help: "Output format: jsonl or csv (default: from the -o extension, else jsonl).")
    var format: SegmentFormat?

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all) instead of standard output.")
    var output: String?

    @Option(help: "Also write the documents' front-matter attributes as CSV (document,NAME,...).")
    var attributes: String?

    @Option(help: "Files to read in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if format == nil, let output, output != "-", SegmentFormat(fileName: output) == nil {
            throw ValidationError("cannot tell the format from '\(output)'; give --format jsonl or --format csv")
        }
    }

    func run() throws {
        let collection = try collectInputs(paths)
        try refuseOverwritingInputs([("-o", output), ("--attributes", attributes)], inputs: collection.inputs.map(\.url.path))
        let format = self.format ?? output.flatMap(SegmentFormat.init(fileName:)) ?? .jsonl
        let out = try openOutput(output)
        let attributesOut = try attributes.map(openOutput)
        let progress = ProgressBar(total: collection.inputs.count, label: "ingest", quiet: quiet)
        var failures = FileFailures(progress: progress)
        for problem in collection.problems { failures.report(problem.path, problem.reason) }

        var documentAttributes = [(id: String, attributes: [(name: String, value: String)])]()
        try out.write(format.header)
        var done = 0
        let batch = TranscriptBatch(inputs: collection.inputs, reader: TranscriptReader(unit: unit), jobs: jobs)
        typealias Encoded = (records: [UInt8], id: String, attributes: [(name: String, value: String)], warnings: [String])
        let encode: @Sendable (TranscriptInput, Transcript) -> Encoded = {
            var records = [UInt8]()
            for segment in $1.segments { format.append(segment, to: &records) }
            return (records, $1.id, $1.attributes, $1.warnings)
        }
        try batch.run(transform: encode) { input, result in
            done += 1
            progress.update(done)
            switch result {
            case .success(let encoded):
                failures.warn(input.displayPath, encoded.warnings)
                try out.write(encoded.records)
                if attributesOut != nil { documentAttributes.append((encoded.id, encoded.attributes)) }
            case .failure(let error):
                failures.report(input.displayPath, error.reason, line: error.line)
            }
        }
        progress.finish()
        if let attributesOut {
            try attributesOut.write(AttributeTable.csv(documentAttributes))
            try attributesOut.commit()
        }
        try out.commit()
        try failures.finish(total: collection.inputs.count + collection.problems.count)
    }
}
