import CLibXML2
import Foundation

/// Validates XML documents against an XML Schema with libxml2, as REFI-QDA
/// exchange files are checked against the published Codebook and Project schemas.
public final class SchemaValidator {
    private let schema: xmlSchemaPtr

    /// Compiles the schema at `path`.
    public init(schemaPath: String) throws(IngestError) {
        guard let parser = xmlSchemaNewParserCtxt(schemaPath) else { throw IngestError("cannot read the schema \(schemaPath)") }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, { _, _ in }, nil)
        guard let schema = xmlSchemaParse(parser) else { throw IngestError("the schema \(schemaPath) does not compile") }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// The validation errors of `document` (empty when it is valid), each with its line.
    public func errors(in document: [UInt8]) -> [String] {
        let box = Messages()
        let pointer = document.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), nil, nil, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
            }
        }
        guard let doc = pointer else { return ["the document is not well-formed XML"] }
        defer { xmlFreeDoc(doc) }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validation context"] }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(context, { context, error in
            guard let context, let error else { return }
            let box = Unmanaged<Messages>.fromOpaque(context).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "invalid"
            box.lines.append("line \(error.pointee.line): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }, Unmanaged.passUnretained(box).toOpaque())
        let result = xmlSchemaValidateDoc(context, doc)
        if result != 0, box.lines.isEmpty { box.lines.append("invalid (libxml2 code \(result))") }
        return box.lines
    }

    private final class Messages {
        var lines = [String]()
    }
}
