import Foundation
import ZIPFoundation

/// Builds small `.docx` packages in memory for tests.
enum DocxBuilder {
    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="xml" ContentType="application/xml"/></Types>
        """
    static let relationships = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="word/document.xml"/></Relationships>
        """

    /// A `w:document` whose body holds `body`.
    static func documentXML(body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
    }

    /// A package with the given parts (path -> bytes), deflated unless asked otherwise.
    static func package(_ parts: [(String, [UInt8])], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-test-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Date(timeIntervalSince1970: 0), compressionMethod: compression) { position, size in
                let start = min(Int(position), data.count)
                return data.subdata(in: start..<min(data.count, start + size))
            }
        }
        return [UInt8](try Data(contentsOf: url))
    }

    /// A minimal Word package whose main part is `documentXML`.
    static func docx(documentXML: String) throws -> [UInt8] {
        try package([
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(relationships.utf8)),
            ("word/document.xml", Array(documentXML.utf8)),
        ])
    }
}
