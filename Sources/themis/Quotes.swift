import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisExport
import ThemisIngest
import ThemisModel

extension QuoteList.Format: ExpressibleByArgument {}

/// `themis quotes`: the coded extracts of a code, for writing up findings.
struct Quotes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the coded extracts of codes, grouped by code, with document, speaker and time.",
        discussion: """
            What NVivo calls a coding report. --code keeps codes whose id starts with PREFIX.
            The text comes from the codings file when it has a text column, else from the
            transcripts given with --transcripts (read with the same --unit as when coding).

            Examples:
              themis quotes codings.csv --code musiq-ar/organisational --valence barrier --transcripts samples
              themis quotes codings.csv --code rho/naming-racism --transcripts samples --format html -o naming-racism.html
            """
    )

    @Argument(help: "Coding files (long CSV or JSON Lines).")
    var files: [String]

    @Option(help: "Keep codes whose id starts with PREFIX.")
    var code: String

    @Option(help: "Keep codings with this valence.")
    var valence: String?

    @Option(help: "Transcript files or folders the codings were made from.")
    var transcripts: [String] = []

    @Option(help: "The unit the codings were made with: turn, paragraph or sentence.")
    var unit: SegmentUnit = .turn

    @Option(name: .customLong("codebook"), help: "Codebooks, for code names.")
    var codebooks: [String] = []

    @Option(help: "md, csv or html (default: from the -o extension, else md).")
    var format: QuoteList.Format?

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all).")
    var output: String?

    @Flag(help: "Accepted for scripts that pass it to every command; this command shows no progress bar.")
    var quiet = false

    func run() throws {
        let transcriptFiles = try collectInputs(transcripts)
        try refuseOverwritingInputs([("-o", output)], inputs: files + codebooks + transcriptFiles.inputs.map(\.url.path))
        var entries = [CodingFile.Entry]()
        for path in files {
            do {
                entries += try CodingFile.read(path: path).entries
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        let selected = entries.filter { $0.code.hasPrefix(code) && (valence == nil || $0.valence?.rawValue == valence) }
        let transcripts = SegmentIndex(transcriptFiles, unit: unit)
        var quotes = [QuoteList.Quote]()
        for entry in selected {
            let segment = transcripts.segments[entry.segment]
            guard let text = entry.text ?? segment?.text else {
                throw CommandFailure(message: transcripts.isEmpty
                    ? "the codings have no text column: give the transcripts with --transcripts PATH"
                    : "segment \(entry.segment) is not in the transcripts given (coded with another --unit?)")
            }
            quotes.append(QuoteList.Quote(
                code: entry.code, document: entry.document, segment: entry.segment, index: segment?.index ?? 0,
                speaker: entry.speaker.isEmpty ? segment?.speaker ?? "" : entry.speaker, time: segment?.time,
                valence: entry.valence?.rawValue ?? "", text: text, matched: ""))
        }
        let books = codebooks.isEmpty ? [] : try loadCodebooks(codebooks)
        let labels = Dictionary(books.flatMap(\.allCodes).map { ($0.id, (name: $0.name, description: $0.description)) },
                                uniquingKeysWith: { a, _ in a })
        let format = self.format ?? output.flatMap(QuoteList.Format.init(fileName:)) ?? .md
        let out = try openOutput(output)
        let list = QuoteList(quotes, documentOrder: transcripts.documentOrder)
        try out.write(list.render(format, title: "Quotes for \(code)" + (valence.map { " (\($0))" } ?? ""), labels: labels))
        try out.commit()
        if transcripts.failures > 0 { throw CommandFailure(message: "\(transcripts.failures) transcripts could not be read", status: 1) }
    }
}
