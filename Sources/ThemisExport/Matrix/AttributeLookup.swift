import Foundation

/// Document (and speaker) attributes from a CSV `document[,speaker],NAME,...`,
/// such as samples/attributes.csv or what `themis ingest --attributes` writes.
public struct AttributeLookup: Sendable {
    private var values = [String: String]()
    public let name: String

    /// Reads column `name` of the CSV at `path`.
    public init(path: String, name: String) throws(CodingFileError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CodingFileError(path: path, line: nil, message: "cannot read the attributes file")
        }
        let rows = CSVReader.rows(text)
        guard let header = rows.first, let documentColumn = header.fields.firstIndex(of: "document") else {
            throw CodingFileError(path: path, line: 1, message: "the attributes file needs a 'document' column")
        }
        guard let valueColumn = header.fields.firstIndex(of: name) else {
            throw CodingFileError(path: path, line: 1,
                                  message: "no column '\(name)' (columns: \(header.fields.joined(separator: ", ")))")
        }
        let speakerColumn = header.fields.firstIndex(of: "speaker")
        self.name = name
        for row in rows.dropFirst() {
            func field(_ k: Int) -> String { k < row.fields.count ? row.fields[k] : "" }
            let value = field(valueColumn)
            guard !value.isEmpty else { continue }
            values[field(documentColumn) + "\u{0}" + (speakerColumn.map(field) ?? "")] = value
        }
    }

    /// The value for a speaker in a document, else the document's own value.
    public func value(document: String, speaker: String) -> String? {
        values[document + "\u{0}" + speaker] ?? values[document + "\u{0}"]
    }
}
