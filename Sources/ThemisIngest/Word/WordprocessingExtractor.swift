import CLibXML2
import Foundation

/// Extracts the plain text of a WordprocessingML main document part
/// (`word/document.xml`, or the `w:document` inside a flat XML package) with
/// libxml2's stream reader, in the accepted view of tracked changes.
///
/// Each paragraph becomes a line; table cells come in reading order; text boxes
/// once (the `mc:Choice` branch); field results kept and field codes dropped;
/// deleted text, deleted paragraph marks and deleted table rows dropped. A bold
/// run ending in a colon at the start of a paragraph is recorded as a speaker label.
struct WordprocessingExtractor {
    private enum Element {
        case document, body, paragraph, paragraphProperties, run, runProperties, bold, text, tab, lineBreak
        case carriageReturn, noBreakHyphen, softHyphen, symbol, deleted, movedFrom, fieldCode, fieldChar
        case tableRow, tableRowProperties, skipped, fallback, other
    }

    private struct NameKey: Hashable {
        var namespace: UnsafeRawPointer?
        var local: UnsafeRawPointer?
    }

    private struct ParagraphState {
        var markDeleted = false
        var emittedNested = false
    }

    private static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    private static let mathNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
        "http://purl.oclc.org/ooxml/officeDocument/math",
    ]
    private static let compatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    private var names = [NameKey: Element]()
    private(set) var utf8 = [UInt8]()
    private(set) var lines = [TextLine]()
    private var lineStart = 0
    private var lineOpensParagraph = true
    private var boldPrefixEnd: Int?
    private var lineHasPlainText = false
    private var paragraphs = [ParagraphState]()
    private var runBold = false
    private var inText = false
    private var fieldResults = [Bool]()
    private var fieldCodeDepth = 0
    private var rowStart: (bytes: Int, lines: Int)?
    private var rowDeleted = false
    private var propertiesDepth: Element?

    /// Extracts the text of the first `w:document` in `xml`.
    static func extract(_ xml: UnsafeBufferPointer<UInt8>) throws(IngestError) -> PlainText {
        var extractor = WordprocessingExtractor()
        let reader = try XMLStreamReader(buffer: xml)
        try extractor.run(reader)
        return PlainText(utf8: extractor.utf8, lines: extractor.lines)
    }

    private mutating func run(_ reader: XMLStreamReader) throws(IngestError) {
        var inDocument = false, inBody = false, foundDocument = false
        while try reader.advance() {
            guard let type = reader.nodeType else { continue }
            switch type {
            case .element:
                let element = classify(reader)
                if element == .document, !foundDocument {
                    inDocument = true
                    foundDocument = true
                    if reader.isEmptyElement { inDocument = false }
                    continue
                }
                if element == .body, inDocument {
                    inBody = !reader.isEmptyElement
                    continue
                }
                guard inBody else { continue }
                start(element, reader)
                if reader.isEmptyElement { end(element) }
            case .endElement:
                let element = classify(reader)
                if element == .body, inBody { inBody = false; continue }
                if element == .document, inDocument { inDocument = false; break }
                if inBody { end(element) }
            case .text, .cdata, .whitespace, .significantWhitespace:
                if inBody, inText, fieldCodeDepth == 0, let value = reader.valuePointer {
                    appendText(value)
                }
            case .documentType:
                break
            }
            if foundDocument, !inDocument { break }
        }
        guard foundDocument else { throw IngestError("no Word document body (w:document) found: not a Word document") }
        if utf8.count > lineStart { endLine(opensNext: true) }
    }

    private mutating func classify(_ reader: XMLStreamReader) -> Element {
        let key = NameKey(namespace: reader.namespacePointer.map(UnsafeRawPointer.init),
                          local: reader.localNamePointer.map(UnsafeRawPointer.init))
        if let known = names[key] { return known }
        let namespace = reader.namespacePointer.map { String(cString: $0) } ?? ""
        let local = reader.localNamePointer.map { String(cString: $0) } ?? ""
        let element: Element
        if Self.wordNamespaces.contains(namespace) {
            element = Self.wordElements[local] ?? .other
        } else if Self.mathNamespaces.contains(namespace), local == "oMath" || local == "oMathPara" {
            element = .skipped
        } else if namespace == Self.compatibilityNamespace, local == "Fallback" {
            element = .fallback
        } else {
            element = .other
        }
        names[key] = element
        return element
    }

    private static let wordElements: [String: Element] = [
        "document": .document, "body": .body, "p": .paragraph, "pPr": .paragraphProperties, "r": .run,
        "rPr": .runProperties, "b": .bold, "t": .text, "tab": .tab, "ptab": .tab, "br": .lineBreak,
        "cr": .carriageReturn, "noBreakHyphen": .noBreakHyphen, "softHyphen": .softHyphen, "sym": .symbol,
        "del": .deleted, "moveFrom": .movedFrom, "instrText": .fieldCode, "delText": .fieldCode,
        "delInstrText": .fieldCode, "fldChar": .fieldChar, "tr": .tableRow, "trPr": .tableRowProperties,
        "sectPr": .skipped, "sdtPr": .skipped, "footnotePr": .skipped, "endnotePr": .skipped,
    ]

    private mutating func start(_ element: Element, _ reader: XMLStreamReader) {
        // Inside paragraph, run and row properties only a few markers matter.
        if let properties = propertiesDepth {
            switch (properties, element) {
            case (.paragraphProperties, .deleted), (.paragraphProperties, .movedFrom):
                if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].markDeleted = true }
            case (.runProperties, .bold):
                let value = reader.attribute("val", namespace: reader.namespacePointer)?.lowercased()
                runBold = !(value == "0" || value == "false" || value == "off" || value == "none")
            case (.tableRowProperties, .deleted):
                rowDeleted = true
            default: break
            }
            return
        }
        switch element {
        case .paragraphProperties, .runProperties, .tableRowProperties:
            if !reader.isEmptyElement { propertiesDepth = element }
        case .paragraph:
            if !paragraphs.isEmpty, utf8.count > lineStart {
                endLine(opensNext: true)
            }
            paragraphs.append(ParagraphState())
        case .run:
            runBold = false
        case .text:
            inText = !reader.isEmptyElement
        case .tab:
            appendCharacter(0x09)
        case .lineBreak:
            let type = reader.attribute("type", namespace: reader.namespacePointer)
            if type == "page" || type == "column" {
                if utf8.count > lineStart { endLine(opensNext: true) }
            } else if fieldCodeDepth == 0 {
                endLine(opensNext: false)
            }
        case .carriageReturn:
            if fieldCodeDepth == 0 { endLine(opensNext: false) }
        case .noBreakHyphen:
            appendCharacter(UInt8(ascii: "-"))
        case .symbol:
            if fieldCodeDepth == 0, let code = reader.attribute("char", namespace: reader.namespacePointer),
               let value = UInt32(code, radix: 16), let scalar = Unicode.Scalar(value) {
                UTF8.encode(scalar) { utf8.append($0) }
                noteRunText(isSpace: false)
            }
        case .fieldChar:
            switch reader.attribute("fldCharType", namespace: reader.namespacePointer) {
            case "begin":
                fieldResults.append(false)
                fieldCodeDepth += 1
            case "separate":
                if let last = fieldResults.last, !last {
                    fieldResults[fieldResults.count - 1] = true
                    fieldCodeDepth -= 1
                }
            case "end":
                if let last = fieldResults.popLast(), !last { fieldCodeDepth -= 1 }
            default: break
            }
        case .tableRow:
            rowStart = (utf8.count, lines.count)
            rowDeleted = false
        case .deleted, .movedFrom, .fieldCode, .skipped, .fallback:
            reader.skipSubtree()
        case .document, .body, .bold, .softHyphen, .other:
            break
        }
    }

    private mutating func end(_ element: Element) {
        if let properties = propertiesDepth {
            if properties == element { propertiesDepth = nil }
            return
        }
        switch element {
        case .text:
            inText = false
        case .paragraph:
            guard let state = paragraphs.popLast() else { return }
            if state.markDeleted { return }
            if utf8.count > lineStart || !state.emittedNested {
                endLine(opensNext: true)
            }
            if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].emittedNested = true }
        case .tableRow:
            if rowDeleted, let start = rowStart {
                utf8.removeSubrange(start.bytes...)
                lines.removeSubrange(start.lines...)
                lineStart = start.bytes
                lineOpensParagraph = true
                boldPrefixEnd = nil
                lineHasPlainText = false
            }
            rowStart = nil
            rowDeleted = false
        default:
            break
        }
    }

    private mutating func appendText(_ value: UnsafePointer<xmlChar>) {
        let length = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
        guard length > 0 else { return }
        let bytes = UnsafeBufferPointer(start: value, count: length)
        var allSpace = true
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                utf8.append(0x20)  // a line end inside w:t is not a paragraph break
            } else {
                utf8.append(byte)
                if byte != 0x20 && byte != 0x09 { allSpace = false }
            }
        }
        noteRunText(isSpace: allSpace)
    }

    private mutating func appendCharacter(_ byte: UInt8) {
        guard fieldCodeDepth == 0 else { return }
        utf8.append(byte)
        noteRunText(isSpace: byte == 0x09)
    }

    /// Tracks the bold prefix of the current line, which may be a speaker label.
    private mutating func noteRunText(isSpace: Bool) {
        if lineHasPlainText { return }
        if runBold {
            boldPrefixEnd = utf8.count
        } else if !isSpace {
            lineHasPlainText = true
        }
    }

    private mutating func endLine(opensNext: Bool) {
        var line = TextLine(start: lineStart, end: utf8.count, opensParagraph: lineOpensParagraph)
        line.boldLabelEnd = boldLabelEnd(lineEnd: utf8.count)
        lines.append(line)
        utf8.append(0x0A)
        lineStart = utf8.count
        lineOpensParagraph = opensNext
        boldPrefixEnd = nil
        lineHasPlainText = false
    }

    /// The end of a bold label: the bold prefix ends in a colon, or a colon follows it directly.
    private func boldLabelEnd(lineEnd: Int) -> Int? {
        guard let prefixEnd = boldPrefixEnd else { return nil }
        var last = prefixEnd
        while last > lineStart, utf8[last - 1] == 0x20 || utf8[last - 1] == 0x09 { last -= 1 }
        if last > lineStart, utf8[last - 1] == UInt8(ascii: ":") { return last }
        var next = prefixEnd
        while next < lineEnd, utf8[next] == 0x20 { next += 1 }
        if next < lineEnd, utf8[next] == UInt8(ascii: ":") { return next + 1 }
        return nil
    }
}
