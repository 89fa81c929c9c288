import Foundation
import ThemisIngest
import ThemisModel

/// A problem in a coding file, with where it is.
public struct CodingFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String
    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
    public var description: String { line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)" }
}

/// The codings of one file as coder judgements: long codings (CSV or JSON Lines,
/// one row per segment and code) or a wide coding sheet (one row per unit, one
/// column per code).
public struct CodingFile: Sendable {
    /// One applied code.
    public struct Entry: Sendable {
        public var coder: String
        public var segment: String
        public var code: String
        public var line: Int
        /// The valence column, or a sheet cell that names a valence; nil when absent or empty.
        public var valence: Valence? = nil
        /// The speaker column, empty when absent.
        public var speaker: String = ""
        /// The segment's text, when the file carries it.
        public var text: String? = nil

        /// The document: the segment id without its `#N`.
        public var document: String {
            segment.lastIndex(of: "#").map { String(segment[..<$0]) } ?? segment
        }
    }

    public enum Kind: Sendable { case long, sheet }

    public var path: String
    public var kind: Kind
    public var entries: [Entry]
    /// Sheet rows: the units each coder judged, with their line; empty for long files.
    public var sheetUnits: [(coder: String, segment: String, line: Int)]
    /// Sheet rows' other columns (document, speaker, text) by segment, for reports.
    public var sheetText: [String: (document: String, speaker: String, text: String)]
    /// Code columns of a sheet, in order.
    public var sheetCodes: [String]

    /// Reads `path` (CSV, TSV, JSON Lines or XLSX); the coder is the `coder`
    /// column, else the file name stem.
    public static func read(path: String) throws(CodingFileError) -> CodingFile {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if path.lowercased().hasSuffix(".xlsx") {
            let rows: [SpreadsheetReader.Row]
            do {
                rows = try SpreadsheetReader.firstSheetRows(at: URL(fileURLWithPath: path))
            } catch {
                throw CodingFileError(path: path, line: error.line, message: error.reason)
            }
            return try readTable(rows.map { CSVReader.Row(fields: $0.cells, line: $0.number) }, path: path, defaultCoder: stem)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CodingFileError(path: path, line: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CodingFileError(path: path, line: nil, message: "not UTF-8 text")
        }
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
            return try readJSONLines(text, path: path, defaultCoder: stem)
        }
        let rows = CSVReader.rows(text, separator: lower.hasSuffix(".tsv") ? "\t" : ",")
        return try readTable(rows, path: path, defaultCoder: stem)
    }

    /// Reads rows already split into fields (CSV, or an XLSX sheet).
    public static func readTable(_ rows: [CSVReader.Row], path: String, defaultCoder: String) throws(CodingFileError) -> CodingFile {
        guard let header = rows.first else { throw CodingFileError(path: path, line: 1, message: "the file is empty") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let segmentColumn = names.firstIndex(of: "segment") else {
            throw CodingFileError(path: path, line: header.line,
                                  message: "no 'segment' column (found: \(names.joined(separator: ", ")))")
        }
        let coderColumn = names.firstIndex(of: "coder")
        var file = CodingFile(path: path, kind: .long, entries: [], sheetUnits: [], sheetText: [:], sheetCodes: [])
        if let codeColumn = names.firstIndex(of: "code") {
            let valenceColumn = names.firstIndex(of: "valence"), speakerColumn = names.firstIndex(of: "speaker"),
                textColumn = names.firstIndex(of: "text")
            for row in rows.dropFirst() {
                let segment = field(row, segmentColumn), code = field(row, codeColumn)
                guard !segment.isEmpty else { throw CodingFileError(path: path, line: row.line, message: "empty segment id") }
                guard !code.isEmpty else { throw CodingFileError(path: path, line: row.line, message: "empty code") }
                let coder = coderColumn.map { field(row, $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? defaultCoder
                file.entries.append(Entry(coder: coder, segment: segment, code: code, line: row.line,
                                          valence: try valence(valenceColumn.map { field(row, $0) } ?? "", path: path, line: row.line),
                                          speaker: speakerColumn.map { field(row, $0) } ?? "",
                                          text: textColumn.map { field(row, $0) }))
            }
            return file
        }
        // A wide sheet: every column headed by a code id (`codebook/code`) is a code;
        // other columns (notes, comments) are left alone. A cell naming a valence
        // applies its code with that valence.
        file.kind = .sheet
        let codeColumns = names.indices.filter { names[$0].contains("/") }
        file.sheetCodes = codeColumns.map { names[$0] }
        let document = names.firstIndex(of: "document"), speaker = names.firstIndex(of: "speaker"),
            textColumn = names.firstIndex(of: "text")
        var seen = [String: (line: Int, values: [Valence??])]()
        for row in rows.dropFirst() {
            let segment = field(row, segmentColumn)
            guard !segment.isEmpty else { continue }
            let coder = coderColumn.map { field(row, $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? defaultCoder
            // nil: not applied; .some(nil): applied without a valence.
            let values = codeColumns.map { column -> Valence?? in
                let cell = field(row, column)
                return isApplied(cell) ? .some(Valence(rawValue: cell.trimmingCharacters(in: .whitespaces).lowercased())) : nil
            }
            let key = coder + "\u{0}" + segment
            if let earlier = seen[key] {
                if earlier.values != values {
                    throw CodingFileError(path: path, line: row.line,
                                          message: "segment \(segment) is coded twice by \(coder) with different values (first at line \(earlier.line))")
                }
                continue
            }
            seen[key] = (row.line, values)
            file.sheetUnits.append((coder, segment, row.line))
            file.sheetText[segment] = (document.map { field(row, $0) } ?? "", speaker.map { field(row, $0) } ?? "",
                                       textColumn.map { field(row, $0) } ?? "")
            for (k, value) in values.enumerated() {
                guard case .some(let valence) = value else { continue }
                file.entries.append(Entry(coder: coder, segment: segment, code: file.sheetCodes[k], line: row.line, valence: valence))
            }
        }
        return file
    }

    /// A sheet cell applies its code unless it is empty, `0`, `n`, `no`, `false` or `-` (any case).
    public static func isApplied(_ cell: String) -> Bool {
        !notApplied.contains(cell.trimmingCharacters(in: .whitespaces).lowercased())
    }

    private static let notApplied: Set<String> = ["", "0", "n", "no", "false", "-"]

    /// A valence column's value: empty is none, else `enabler`, `barrier`, `mixed` or `neutral` in any case.
    private static func valence(_ text: String, path: String, line: Int) throws(CodingFileError) -> Valence? {
        let label = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !label.isEmpty else { return nil }
        guard let valence = Valence(rawValue: label) else {
            throw CodingFileError(path: path, line: line, message: "unknown valence '\(text)' (enabler, barrier, mixed, neutral, or empty for none)")
        }
        return valence
    }

    private static func readJSONLines(_ text: String, path: String, defaultCoder: String) throws(CodingFileError) -> CodingFile {
        var file = CodingFile(path: path, kind: .long, entries: [], sheetUnits: [], sheetText: [:], sheetCodes: [])
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CodingFileError(path: path, line: offset + 1, message: "not a JSON object")
            }
            guard let segment = object["segment"] as? String, !segment.isEmpty else {
                throw CodingFileError(path: path, line: offset + 1, message: "no 'segment'")
            }
            guard let code = object["code"] as? String, !code.isEmpty else {
                throw CodingFileError(path: path, line: offset + 1, message: "no 'code'")
            }
            let coder = (object["coder"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? defaultCoder
            file.entries.append(Entry(coder: coder, segment: segment, code: code, line: offset + 1,
                                      valence: try valence(object["valence"] as? String ?? "", path: path, line: offset + 1), speaker: object["speaker"] as? String ?? "",
                                      text: object["text"] as? String))
        }
        return file
    }

    private static func field(_ row: CSVReader.Row, _ column: Int) -> String {
        column < row.fields.count ? row.fields[column] : ""
    }
}
