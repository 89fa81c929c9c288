import CLibXML2
import Foundation

/// A thin, safe wrapper over libxml2's streaming `xmlTextReader`.
///
/// The parser runs with network access off, no DTD loading and no entity
/// substitution, and any document type declaration is refused outright: Word
/// never writes one, and refusing it closes the door to external entities and
/// entity expansion ("billion laughs").
final class XMLStreamReader {
    /// Node types of `xmlTextReaderNodeType`.
    enum NodeType: Int32 {
        case element = 1, text = 3, cdata = 4, documentType = 10, whitespace = 13, significantWhitespace = 14
        case endElement = 15
    }

    private let reader: xmlTextReaderPtr
    private let errors = ErrorBox()
    private var skipNext = false

    private static let initialised: Bool = {
        xmlInitParser()
        xmlThrDefSetStructuredErrorFunc(nil, ignoreError)
        return true
    }()

    /// Swallows the errors libxml2 raises outside a parser context (an encoding
    /// conversion that fails), which it would otherwise print on standard error;
    /// the reader's own handler reports the document as malformed.
    private static let ignoreError: xmlStructuredErrorFunc = { _, _ in }

    /// Opens a reader over `buffer`, which must stay alive and unchanged while the reader is used.
    init(buffer: UnsafeBufferPointer<UInt8>) throws(IngestError) {
        _ = Self.initialised
        // libxml2 keeps these handlers per thread; new threads take the defaults set above.
        xmlSetStructuredErrorFunc(nil, Self.ignoreError)
        themis_xml_silence_generic_errors()
        if Self.hasDocumentType(buffer) {
            throw IngestError("XML with a document type declaration (<!DOCTYPE>) is refused: it may define entities")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue)
        let pointer = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        guard buffer.count < Int32.max,
              let reader = xmlReaderForMemory(pointer, Int32(buffer.count), nil, nil, options)
        else { throw IngestError("XML could not be opened") }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let box = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
            if box.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
                box.message = text.trimmingCharacters(in: .whitespacesAndNewlines)
                box.line = Int(error.pointee.line)
            }
        }, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node; after ``skipSubtree()`` to the node after the current subtree.
    /// Returns false at the end of the document.
    func advance() throws(IngestError) -> Bool {
        let result = skipNext ? xmlTextReaderNext(reader) : xmlTextReaderRead(reader)
        skipNext = false
        if result == 1 {
            if xmlTextReaderNodeType(reader) == NodeType.documentType.rawValue {
                throw IngestError("XML with a document type declaration (<!DOCTYPE>) is refused: it may define entities")
            }
            return true
        }
        if result == 0 { return false }
        throw IngestError("malformed XML: \(errors.message ?? "parse error")", line: errors.line)
    }

    /// Makes the next ``advance()`` skip the children of the current element.
    func skipSubtree() { skipNext = true }

    var nodeType: NodeType? { NodeType(rawValue: xmlTextReaderNodeType(reader)) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    /// The local name, interned by the parser: equal names have equal pointers.
    var localNamePointer: UnsafePointer<xmlChar>? { xmlTextReaderConstLocalName(reader) }
    /// The namespace URI, interned by the parser.
    var namespacePointer: UnsafePointer<xmlChar>? { xmlTextReaderConstNamespaceUri(reader) }
    /// The value of a text node, without copying.
    var valuePointer: UnsafePointer<xmlChar>? { xmlTextReaderConstValue(reader) }

    /// The 1-based line of the current node. libxml2 keeps lines in 16 bits, so
    /// past line 65,534 this is the parser's line, which may be a little ahead.
    var line: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = xmlGetLineNo(node)
            if line > 0, line < 65_535 { return line }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// The attribute `name` in namespace `namespace` (no namespace when nil) of the current element.
    func attribute(_ name: String, namespace: UnsafePointer<xmlChar>?) -> String? {
        let found: Int32 = name.withCString { cName in
            cName.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) {
                namespace == nil ? xmlTextReaderMoveToAttribute(reader, $0) : xmlTextReaderMoveToAttributeNs(reader, $0, namespace)
            }
        }
        guard found == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return xmlTextReaderConstValue(reader).map { String(cString: $0) }
    }

    /// True when the prolog (before the first element) declares a document type.
    /// UTF-16 documents are scanned through their low bytes.
    private static func hasDocumentType(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let prefix = buffer.prefix(1 << 17)
        var ascii = [UInt8]()
        if prefix.count >= 2, (prefix[0] == 0xFF && prefix[1] == 0xFE) || (prefix[0] == 0x3C && prefix[1] == 0) {
            ascii = stride(from: 0, to: prefix.count, by: 2).map { prefix[$0] }
        } else if prefix.count >= 2, (prefix[0] == 0xFE && prefix[1] == 0xFF) || (prefix[0] == 0 && prefix[1] == 0x3C) {
            ascii = stride(from: 1, to: prefix.count, by: 2).map { prefix[$0] }
        } else {
            ascii = Array(prefix)
        }
        let pattern = Array("<!DOCTYPE".utf8)
        var i = 0
        while i + pattern.count <= ascii.count {
            if ascii[i] == UInt8(ascii: "<") {
                let next = ascii[i + 1]
                if next != UInt8(ascii: "?") && next != UInt8(ascii: "!") { return false }  // the root element
                if ascii[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
            }
            i += 1
        }
        return false
    }

    private final class ErrorBox {
        var message: String?
        var line: Int?
    }
}
