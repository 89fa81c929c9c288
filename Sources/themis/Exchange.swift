import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisExport
import ThemisIngest
import ThemisModel

/// `themis export`: hand Themis's work to other qualitative tools.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export to other tools: a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA and QualCoder.",
        subcommands: [ExportQDPX.self]
    )
}

/// `themis import`: bring other tools' work into Themis.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import from other tools: the codings of a REFI-QDA project (.qdpx).",
        subcommands: [ImportQDPX.self]
    )
}

struct ExportQDPX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract: "Write transcripts and codings as a REFI-QDA project.",
        discussion: """
            Sources are the transcripts' plain text (UTF-8, LF line ends, `internal://GUID.txt`);
            each coding is a PlainTextSelection over its segment's start/end (Unicode scalars)
            with a Coding by the coder's User; with --attributes, one case per speaker with
            the attributes as variables. GUIDs are derived from ids, so re-exports are stable.

            Example:
              themis export qdpx samples --codings codings.csv --codebook codebooks/musiq-ar.yaml \\
                  --attributes samples/attributes.csv -o samples.qdpx
            """
    )

    @Argument(help: "Transcript files or folders the codings were made from.")
    var paths: [String]

    @Option(name: .customLong("codings"), help: "Coding files (long CSV or JSON Lines); repeat for several.")
    var codings: [String]

    @Option(name: .customLong("codebook"), help: "Codebooks for the project's code tree (else built from the code ids).")
    var codebooks: [String] = []

    @Option(help: "CSV of document[,speaker] attributes: one case per speaker.")
    var attributes: String?

    @Option(help: "The unit the codings were made with.")
    var unit: SegmentUnit = .turn

    @Option(name: .shortAndLong, help: "The .qdpx file to write.")
    var output: String

    @Flag(help: "Accepted for scripts that pass it to every command; this command shows no progress bar.")
    var quiet = false

    func run() throws {
        let collection = try collectInputs(paths)
        try refuseOverwritingInputs([("-o", output)],
                                    inputs: codings + codebooks + (attributes.map { [$0] } ?? []) + collection.inputs.map(\.url.path))
        let books = codebooks.isEmpty ? [] : try loadCodebooks(codebooks)
        var entries = [QDPXProject.Coding]()
        var attributeRows: AttributeRows?
        do {
            for path in codings {
                entries += try CodingFile.read(path: path).entries.map { QDPXProject.Coding(coder: $0.coder, segment: $0.segment, code: $0.code) }
            }
            attributeRows = try attributes.map { (path: String) throws(CodingFileError) -> AttributeRows in try AttributeRows(path: path) }
        } catch {
            throw CommandFailure(message: error.description)
        }
        var transcripts = [Transcript]()
        var failures = FileFailures(progress: ProgressBar(total: 0, label: "", quiet: true))
        for problem in collection.problems { failures.report(problem.path, problem.reason) }
        TranscriptBatch(inputs: collection.inputs, reader: TranscriptReader(unit: unit), jobs: ProcessInfo.processInfo.activeProcessorCount)
            .run { input, result in
                switch result {
                case .success(let transcript):
                    failures.warn(input.displayPath, transcript.warnings)
                    transcripts.append(transcript)
                case .failure(let error): failures.report(input.displayPath, error.reason, line: error.line)
                }
            }
        let name = URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
        let project = QDPXProject(name: name, transcripts: transcripts, codings: entries, codebooks: books, attributes: attributeRows)
        let bytes: [UInt8]
        do {
            bytes = try project.data()
        } catch let error as QDPXProject.ExportError {
            throw CommandFailure(message: error.description)
        }
        let out = try openOutput(output)
        try out.write(bytes)
        try out.commit()
        try failures.finish(total: collection.inputs.count + collection.problems.count)
    }
}

struct ImportQDPX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract: "Read the coded selections of a REFI-QDA project as span codings, or as segment codings with --units.",
        discussion: """
            Without --units: one row per coded selection, `document,start,end,code,coder,text`
            (offsets in Unicode scalars into the LF plain text). With --units (the segments of
            `themis ingest`): long codings, a segment being coded when a selection covers at
            least --min-overlap of it (default: any overlap). Positions are mapped onto the text
            `themis ingest` reads (LF line ends, no byte-order mark) as the project's exporter
            counts them. One line on standard error says what was not imported: PDF, picture,
            audio and video sources, codings of whole sources, notes, sets, graphs, links,
            cases and variables.

            Examples:
              themis import qdpx team-project.qdpx -o spans.csv
              themis import qdpx team-project.qdpx --units segments.jsonl --min-overlap 0.5 -o codings.csv
            """
    )

    @Argument(help: "A .qdpx project (or a bare project.qde).")
    var file: String

    @Option(help: "Segments from `themis ingest` (JSONL or CSV) to map selections onto.")
    var units: String?

    @Option(help: "Share of a segment a selection must cover to code it (0 = any overlap).")
    var minOverlap: Double = 0

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all).")
    var output: String?

    @Flag(help: "Accepted for scripts that pass it to every command; this command shows no progress bar.")
    var quiet = false

    func validate() throws {
        guard (0...1).contains(minOverlap) else { throw ValidationError("--min-overlap must be between 0 and 1") }
    }

    func run() throws {
        try refuseOverwritingInputs([("-o", output)], inputs: [file] + (units.map { [$0] } ?? []))
        let project = try Self.project(at: file)
        project.warnings.forEach { FileHandle.standardError.write(Data("themis: warning: \(file): \($0)\n".utf8)) }
        if let summary = project.discarded.summary {
            FileHandle.standardError.write(Data("themis: \(file): not imported: \(summary)\n".utf8))
        }
        let out = try units.map { SpanMapping.codings(project.codings, onto: try Self.segments(at: $0), minimumOverlap: minOverlap) }
            ?? SpanMapping.spanTable(project)
        let destination = try openOutput(output)
        try destination.write(out)
        try destination.commit()
    }

    private static func project(at path: String) throws -> QDPXProjectFile {
        do {
            return try QDPXProjectFile.read(URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure(message: "\(path)\(error.line.map { ":\($0)" } ?? ""): \(error.reason)")
        }
    }

    private static func segments(at path: String) throws -> [UnitInfo] {
        do {
            return try AgreementInputs.readUnits(path)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}
