import ThemisCodebook

/// Writes codebooks as REFI-QDA codebook XML (`.qdc`, namespace
/// `urn:QDA-XML:codebook:1.0`) and as the `<Codes>` of a project.
///
/// Each codebook becomes a top-level, non-codable code named after it; codes keep
/// their hierarchy, colour and a description holding the definition, when to use
/// and not to use it, and its Themis id (so that an import gives the ids back).
public enum QDCWriter {
    public static let namespace = "urn:QDA-XML:codebook:1.0"

    /// A whole `.qdc` document.
    public static func document(_ books: [Codebook], origin: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CodeBook xmlns=\"\(namespace)\" origin=\"\(XMLText.escape(origin))\">\n"
            + codes(books, indent: "  ") + "</CodeBook>\n"
    }

    /// `<Codes>...</Codes>` for a codebook file or a project.
    public static func codes(_ books: [Codebook], indent: String) -> String {
        var xml = "\(indent)<Codes>\n"
        for book in books {
            let description = (book.description.map { $0 + "\n\n" } ?? "") + "Themis codebook: \(book.id)"
                + (book.version.isEmpty ? "" : " \(book.version)")
            xml += "\(indent)  <Code guid=\"\(guid(book.id))\" name=\"\(XMLText.escape(book.name))\" isCodable=\"false\">\n"
            xml += "\(indent)    <Description>\(XMLText.escape(description))</Description>\n"
            for code in book.codes { xml += self.code(code, indent: indent + "    ") }
            xml += "\(indent)  </Code>\n"
        }
        return xml + "\(indent)</Codes>\n"
    }

    /// The GUID of a code (or codebook) id.
    public static func guid(_ id: String) -> String { REFIIdentifiers.guid("code", id) }

    private static func code(_ code: Code, indent: String) -> String {
        let codable = code.hasRules || code.children.isEmpty
        var attributes = "guid=\"\(guid(code.id))\" name=\"\(XMLText.escape(code.name))\" isCodable=\"\(codable)\""
        if let color = code.color { attributes += " color=\"\(XMLText.escape(color))\"" }
        var parts = [String]()
        if let description = code.description { parts.append(description) }
        if let include = code.include { parts.append("Use when: \(include)") }
        if let exclude = code.exclude { parts.append("Do not use when: \(exclude)") }
        if code.provisional { parts.append("Provisional: the wording is not yet confirmed by its source.") }
        parts.append("Themis id: \(code.id)")
        var xml = "\(indent)<Code \(attributes)>\n"
        xml += "\(indent)  <Description>\(XMLText.escape(parts.joined(separator: "\n\n")))</Description>\n"
        for child in code.children { xml += self.code(child, indent: indent + "  ") }
        return xml + "\(indent)</Code>\n"
    }
}
