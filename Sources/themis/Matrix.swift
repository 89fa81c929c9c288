import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisExport

extension ThemeMatrix.Count: ExpressibleByArgument {}
extension ThemeMatrix.Percent: ExpressibleByArgument {}
extension MatrixWriter.Format: ExpressibleByArgument {}

/// `themis matrix`: theme frequency matrices from codings.
struct Matrix: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Theme frequency matrices: codes x documents, speakers, valence, attributes or codes.",
        discussion: """
            Rows are codes: every code of --codebook (zero rows included, in codebook order),
            else the codes seen. A row counts units coded with its code or any code below it;
            --level N keeps rows down to depth N (1 = top-level codes, e.g. the five MUSIQ-AR
            domains). Cells count distinct segments, documents or speakers (--count); the total
            column counts distinct units across the row, not a sum. A segment has one valence
            per row: enabler + barrier = mixed, and neutral yields to any other valence, so
            --by valence columns partition a row's segments.

            Examples:
              themis matrix codings.csv --codebook codebooks/musiq-ar.yaml --level 1 --by valence
              themis matrix codings.csv --by code --rows musiq-ar --columns rho --level 1 -o domains-x-principles.csv
              themis matrix codings.csv --by attr:stakeholder_group --attributes samples/attributes.csv --count speakers
              themis matrix codings.csv --codebook codebooks/rho-anti-racism-principles.yaml --by document -o matrix.xlsx
            """
    )

    @Argument(help: "Coding files (long CSV or JSON Lines).")
    var files: [String]

    @Option(name: .customLong("codebook"), help: "Codebooks: every code becomes a row, in order.")
    var codebooks: [String] = []

    @Option(help: "Columns: document, speaker, valence, code or attr:NAME.")
    var by: String = "document"

    @Option(help: "CSV of document[,speaker] attributes, for --by attr:NAME.")
    var attributes: String?

    @Option(help: "Count distinct segments, documents or speakers.")
    var count: ThemeMatrix.Count = .segments

    @Option(help: "Keep rows down to this depth (1 = top-level codes).")
    var level: Int?

    @Option(help: "Keep rows whose code id starts with PREFIX.")
    var rows: String?

    @Option(help: "With --by code, keep columns whose code id starts with PREFIX.")
    var columns: String?

    @Option(help: "Count a segment under a code only when its rolled-up valence there is this one (enabler, barrier, mixed, neutral).")
    var valence: String?

    @Option(help: "Count only this coder's codings.")
    var coder: String?

    @Option(help: "Add shares of the row, column or grand total.")
    var percent: ThemeMatrix.Percent?

    @Option(help: "csv, tsv, json, md, xlsx or html (default: from the -o extension, else csv).")
    var format: MatrixWriter.Format?

    @Option(name: .shortAndLong, help: "Write to FILE (whole or not at all).")
    var output: String?

    @Flag(help: "Accepted for scripts that pass it to every command; this command shows no progress bar.")
    var quiet = false

    func validate() throws {
        guard let by = ThemeMatrix.By(by) else {
            throw ValidationError("--by must be document, speaker, valence, code or attr:NAME, not '\(by)'")
        }
        if case .attribute = by, attributes == nil { throw ValidationError("--by \(self.by) needs --attributes FILE") }
        if let level, level < 1 { throw ValidationError("--level must be 1 or more") }
        if let valence, !["enabler", "barrier", "mixed", "neutral"].contains(valence) {
            throw ValidationError("--valence must be enabler, barrier, mixed or neutral")
        }
        let resolved = format ?? output.flatMap(MatrixWriter.Format.init(fileName:)) ?? .csv
        if resolved == .xlsx, output == nil || output == "-" { throw ValidationError("an XLSX matrix needs -o FILE.xlsx") }
        if format == nil, let output, output != "-", MatrixWriter.Format(fileName: output) == nil {
            throw ValidationError("cannot tell the format from '\(output)'; give --format")
        }
    }

    func run() throws {
        let by = ThemeMatrix.By(self.by)!
        try refuseOverwritingInputs([("-o", output)], inputs: files + codebooks + (attributes.map { [$0] } ?? []))
        let books = codebooks.isEmpty ? [] : try loadCodebooks(codebooks)
        let codings: [ThemeMatrix.Coding]
        let lookup: AttributeLookup?
        do {
            codings = try MatrixInputs.codings(files: files, coder: coder)
            if case .attribute(let name) = by { lookup = try AttributeLookup(path: attributes!, name: name) } else { lookup = nil }
        } catch {
            throw CommandFailure(message: error.description)
        }
        let matrix = ThemeMatrix.build(
            codings: codings, by: by, count: count, rows: books.isEmpty ? nil : books.flatMap(\.allCodes).map(\.id), level: level,
            rowPrefix: rows, columnPrefix: columns, valence: valence,
            attributes: lookup.map { table in { table.value(document: $0, speaker: $1) } })
        let format = self.format ?? output.flatMap(MatrixWriter.Format.init(fileName:)) ?? .csv
        var settings: [(String, String)] = [("themis version", ThemisVersion.current), ("codings", files.joined(separator: ", ")),
                                            ("by", by.label), ("count", count.rawValue)]
        if !codebooks.isEmpty { settings.append(("codebooks", zip(codebooks, books).map { "\($0) (\($1.id) \($1.version))" }.joined(separator: ", "))) }
        for (key, value) in [("level", level.map(String.init)), ("rows", rows), ("columns", columns), ("valence", valence),
                             ("coder", coder), ("attributes", attributes), ("percent", percent?.rawValue)] {
            if let value { settings.append((key, value)) }
        }
        let labels = Dictionary(books.flatMap(\.allCodes).map { ($0.id, (name: $0.name, description: $0.description)) },
                                uniquingKeysWith: { a, _ in a })
        let out = try openOutput(output)
        try out.write(try MatrixWriter.render(matrix, as: format, percent: percent, settings: settings, labels: labels,
                                              title: "Codes by \(by.label)"))
        try out.commit()
    }
}
