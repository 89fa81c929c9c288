
/// Writes Office Open XML workbooks (`.xlsx`) that Excel and LibreOffice open
/// without repair: inline strings, numbers as numbers, a bold frozen header row,
/// column widths and wrapped text where asked. Deterministic: fixed zip dates.
public struct XLSXWorkbook {
    /// A cell value.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    /// One worksheet.
    public struct Sheet {
        public var name: String
        /// The first row is the header: bold and frozen.
        public var rows: [[Cell]]
        /// Column widths in characters; missing columns get Excel's default.
        public var widths: [Double]
        /// Columns (0-based) whose cells wrap.
        public var wrapped: Set<Int>

        public init(name: String, rows: [[Cell]], widths: [Double] = [], wrapped: Set<Int> = []) {
            self.name = name
            self.rows = rows
            self.widths = widths
            self.wrapped = wrapped
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// Excel's limit on the characters of one cell.
    public static let maximumCellCharacters = 32_767

    /// The workbook's bytes.
    public func data() throws -> [UInt8] {
        var parts: [(path: String, text: String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", Self.styles),
        ]
        for (k, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(k + 1).xml", worksheet(sheet))) }
        return try ZipWriter.archive(parts)
    }

    private var contentTypes: String {
        var overrides = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        overrides += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        overrides += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\(overrides)</Types>
            """
    }

    private var workbook: String {
        let entries = sheets.enumerated().map { k, sheet in
            "<sheet name=\"\(XMLText.escape(Self.sheetName(sheet.name, index: k)))\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(entries)</sheets></workbook>
            """
    }

    private var workbookRelationships: String {
        var entries = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        entries += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(entries)</Relationships>
            """
    }

    /// Style 1: bold (header). Style 2: wrapped, top-aligned text.
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """

    private func worksheet(_ sheet: Sheet) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>
            """
        if !sheet.widths.isEmpty {
            xml += "<cols>" + sheet.widths.enumerated().map { k, width in
                "<col min=\"\(k + 1)\" max=\"\(k + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let reference = Self.column(c) + String(r + 1)
                let style = r == 0 ? " s=\"1\"" : sheet.wrapped.contains(c) ? " s=\"2\"" : ""
                switch cell {
                case .empty:
                    continue
                case .number(let value) where value.isFinite:
                    xml += "<c r=\"\(reference)\"\(style)><v>\(JSONText.formatExact(value))</v></c>"
                case .number:
                    continue
                case .text(let text):
                    let clipped = text.count > Self.maximumCellCharacters ? String(text.prefix(Self.maximumCellCharacters)) : text
                    xml += "<c r=\"\(reference)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">\(XMLText.escape(clipped))</t></is></c>"
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// `A`, `B`, ..., `Z`, `AA`, ... for a 0-based column.
    static func column(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// Sheet names: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String, index: Int) -> String {
        let cleaned = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return cleaned.isEmpty ? "Sheet\(index + 1)" : cleaned
    }
}
