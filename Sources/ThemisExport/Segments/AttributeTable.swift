/// Writes document attributes as CSV `document,NAME,...`: one row per document,
/// one column per attribute name (sorted), empty where a document lacks it.
public enum AttributeTable {
    public static func csv(_ documents: [(id: String, attributes: [(name: String, value: String)])]) -> [UInt8] {
        let names = Set(documents.flatMap { $0.attributes.map(\.name) }).sorted()
        var out = [UInt8]()
        CSVText.appendRow(["document"] + names, to: &out)
        for document in documents {
            var values = [String: String]()
            for attribute in document.attributes { values[attribute.name] = attribute.value }
            CSVText.appendRow([document.id] + names.map { values[$0] }, to: &out)
        }
        return out
    }
}
