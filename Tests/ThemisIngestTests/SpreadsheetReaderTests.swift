import Foundation
import Testing
@testable import ThemisIngest

/// Coding sheets as Excel saves them: shared strings, inline strings, numbers,
/// booleans, skipped cells, empty rows, phonetic runs.
struct SpreadsheetReaderTests {
    static let workbook = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Codes" sheetId="1" r:id="rId1"/><sheet name="Other" sheetId="2" r:id="rId2"/></sheets></workbook>
        """
    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """
    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """
    static let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>segment</t></si><si><t>rho/naming-racism</t></si><si><r><t>d#</t></r><r><rPr><b/></rPr><t>1</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t xml:space="preserve"> yes </t></si></sst>
        """
    static let sheet1 = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>notes</t></is></c></row>\
        <row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2" t="inlineStr"><is><t>skipped B</t></is></c></row>\
        <row r="3"/>\
        <row r="5"><c r="A5" t="inlineStr"><is><t>d#2</t></is></c><c r="B5"><v>1</v></c></row>\
        <row r="6"><c r="A6" t="inlineStr"><is><t>d#3</t></is></c><c r="B6" t="b"><v>1</v></c></row>\
        <row r="7"><c r="A7" t="inlineStr"><is><t>d#4</t></is></c><c r="B7" t="s"><v>3</v></c></row>\
        </sheetData></worksheet>
        """
    static let sheet2 = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>
        """

    @Test("the first sheet's rows, with shared strings, inline strings, numbers, booleans and gaps")
    func rows() throws {
        let bytes = try DocxBuilder.package([
            ("_rels/.rels", Array(Self.rootRelationships.utf8)),
            ("xl/workbook.xml", Array(Self.workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(Self.workbookRelationships.utf8)),
            ("xl/sharedStrings.xml", Array(Self.sharedStrings.utf8)),
            ("xl/worksheets/sheet1.xml", Array(Self.sheet1.utf8)),
            ("xl/worksheets/sheet2.xml", Array(Self.sheet2.utf8)),
        ])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try SpreadsheetReader.firstSheetRows(at: url)
        #expect(rows == [
            .init(number: 1, cells: ["segment", "rho/naming-racism", "notes"]),
            .init(number: 2, cells: ["d#1", "", "skipped B"]),
            .init(number: 5, cells: ["d#2", "1"]),
            .init(number: 6, cells: ["d#3", "1"]),
            .init(number: 7, cells: ["d#4", " yes "]),
        ])
    }

    @Test("column letters", arguments: [("A1", 0), ("Z9", 25), ("AA10", 26), ("AZ3", 51), ("BA1", 52)])
    func columns(reference: String, index: Int) {
        #expect(SpreadsheetReader.columnIndex(reference) == index)
    }

    @Test("a file that is not a workbook is refused")
    func notWorkbook() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-\(UUID().uuidString).xlsx")
        try Data("not a zip".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: IngestError.self) { try SpreadsheetReader.firstSheetRows(at: url) }
    }
}
