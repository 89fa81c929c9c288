import CLibXML2
import Foundation

/// Reads the first worksheet of an `.xlsx` workbook as rows of cell texts, the
/// way people save coding sheets from Excel or LibreOffice: shared strings,
/// inline strings, numbers, booleans, empty rows and skipped cells.
public enum SpreadsheetReader {
    /// One worksheet row: its 1-based row number and its cells by column (missing cells empty).
    public struct Row: Sendable, Equatable {
        public var number: Int
        public var cells: [String]
    }

    /// The rows of the workbook's first sheet, in order; empty rows are left out.
    public static func firstSheetRows(at url: URL, limits: ZipLimits = .standard) throws(IngestError) -> [Row] {
        let package = try ZipPackage(url: url, limits: limits, kind: "spreadsheet")
        let workbook = try package.relationshipTargets(in: "_rels/.rels", typeSuffix: "/officeDocument", base: "")
            .first?.target ?? "xl/workbook.xml"
        let folder = workbook.contains("/") ? String(workbook[...workbook.lastIndex(of: "/")!]) : ""
        let relationshipsPath = folder + "_rels/" + (workbook.split(separator: "/").last.map(String.init) ?? "workbook.xml") + ".rels"
        let sheets = try package.relationshipTargets(in: relationshipsPath, typeSuffix: "/worksheet", base: folder)
        guard let workbookBytes = try package.part(workbook) else { throw IngestError("no workbook (\(workbook)) in the package") }
        let firstID = try firstSheetID(workbookBytes)
        guard let sheetPath = sheets.first(where: { $0.id == firstID })?.target ?? sheets.first?.target,
              let sheetBytes = try package.part(sheetPath)
        else { throw IngestError("the workbook has no worksheet") }
        var shared = [String]()
        if let table = try package.relationshipTargets(in: relationshipsPath, typeSuffix: "/sharedStrings", base: folder).first,
           let bytes = try package.part(table.target) {
            shared = try sharedStrings(bytes)
        }
        return try rows(sheetBytes, shared: shared)
    }

    /// The relationship id of the first `<sheet>` of the workbook.
    private static func firstSheetID(_ bytes: [UInt8]) throws(IngestError) -> String? {
        try bytes.withUnsafeBufferPointer { buffer throws(IngestError) -> String? in
            let reader = try XMLStreamReader(buffer: buffer)
            while try reader.advance() {
                if reader.nodeType == .element, name(reader) == "sheet" {
                    return reader.attribute("id", namespace: "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
                        ?? reader.attribute("r:id", namespace: nil)
                }
            }
            return nil
        }
    }

    /// The shared string table: each `<si>`'s text runs joined, phonetic runs left out.
    private static func sharedStrings(_ bytes: [UInt8]) throws(IngestError) -> [String] {
        try bytes.withUnsafeBufferPointer { buffer throws(IngestError) -> [String] in
            let reader = try XMLStreamReader(buffer: buffer)
            var strings = [String]()
            var current: String?
            var inText = false
            while try reader.advance() {
                guard let type = reader.nodeType else { continue }
                switch type {
                case .element:
                    switch name(reader) {
                    case "si": current = ""
                    case "t": inText = !reader.isEmptyElement
                    case "rPh": reader.skipSubtree()
                    default: break
                    }
                    if name(reader) == "si", reader.isEmptyElement { strings.append(""); current = nil }
                case .endElement:
                    if name(reader) == "si", let text = current { strings.append(text); current = nil }
                    if name(reader) == "t" { inText = false }
                case .text, .cdata, .whitespace, .significantWhitespace:
                    if inText, current != nil, let value = reader.valuePointer { current! += String(cString: value) }
                case .documentType:
                    break
                }
            }
            return strings
        }
    }

    private static func rows(_ bytes: [UInt8], shared: [String]) throws(IngestError) -> [Row] {
        try bytes.withUnsafeBufferPointer { buffer throws(IngestError) -> [Row] in
            let reader = try XMLStreamReader(buffer: buffer)
            var rows = [Row]()
            var row: Row?
            var nextRowNumber = 1
            var cell: (column: Int, type: String, text: String)?
            var nextColumn = 0
            var inValue = false
            while try reader.advance() {
                guard let type = reader.nodeType else { continue }
                switch type {
                case .element:
                    switch name(reader) {
                    case "row":
                        let number = reader.attribute("r", namespace: nil).flatMap { Int($0) } ?? nextRowNumber
                        nextRowNumber = number + 1
                        row = Row(number: number, cells: [])
                        nextColumn = 0
                        if reader.isEmptyElement { row = nil }
                    case "c":
                        let column = reader.attribute("r", namespace: nil).flatMap(columnIndex) ?? nextColumn
                        nextColumn = column + 1
                        cell = (column, reader.attribute("t", namespace: nil) ?? "n", "")
                        if reader.isEmptyElement { cell = nil }
                    case "v", "t":
                        inValue = !reader.isEmptyElement
                    case "rPh":
                        reader.skipSubtree()
                    default: break
                    }
                case .endElement:
                    switch name(reader) {
                    case "c":
                        if let finished = cell, var current = row {
                            var text = finished.text
                            switch finished.type {
                            case "s":
                                guard let index = Int(text), shared.indices.contains(index) else {
                                    throw IngestError("cell in row \(current.number) points at shared string \(text), which does not exist")
                                }
                                text = shared[index]
                            case "b": text = text == "1" ? "1" : "0"
                            default: break
                            }
                            if current.cells.count <= finished.column {
                                current.cells += Array(repeating: "", count: finished.column + 1 - current.cells.count)
                            }
                            current.cells[finished.column] = text
                            row = current
                        }
                        cell = nil
                    case "row":
                        if let finished = row, finished.cells.contains(where: { !$0.isEmpty }) { rows.append(finished) }
                        row = nil
                    case "v", "t":
                        inValue = false
                    default: break
                    }
                case .text, .cdata, .whitespace, .significantWhitespace:
                    if inValue, cell != nil, let value = reader.valuePointer { cell!.text += String(cString: value) }
                case .documentType:
                    break
                }
            }
            return rows
        }
    }

    /// The 0-based column of a cell reference such as `AB12`.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }

    private static func name(_ reader: XMLStreamReader) -> String {
        reader.localNamePointer.map { String(cString: $0) } ?? ""
    }
}
