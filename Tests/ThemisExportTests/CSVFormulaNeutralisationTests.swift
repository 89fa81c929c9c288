import Testing
import ThemisExport

/// CSV opened in a spreadsheet must not run cells as formulas: a text cell that
/// starts with `=`, `+`, `-`, `@`, tab or CR is written with a leading `'`, and
/// Themis drops that mark when it reads CSV back, so its own files round-trip exactly.
struct CSVFormulaNeutralisationTests {
    static func written(_ fields: [String?], separator: UInt8 = UInt8(ascii: ",")) -> String {
        var out = [UInt8]()
        CSVText.appendRow(fields, separator: separator, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("text cells that a spreadsheet would read as a formula get a leading apostrophe")
    func neutralised() {
        #expect(Self.written(["=SUM(A1)", "@cmd", "-hello", "+x", "\tx", "ok"]) == "'=SUM(A1),'@cmd,'-hello,'+x,'\tx,ok\n")
        #expect(Self.written(["=HYPERLINK(\"http://x\",\"y\")"]) == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n")
        #expect(Self.written(["\rx"]) == "\"'\rx\"\n")
        #expect(Self.written(["=1", "-"], separator: 0x09) == "'=1\t'-\n")
    }

    @Test("numbers stay numbers")
    func numbers() {
        #expect(Self.written(["-1", "-0.5", "+3", "-1e-05", "-.5", "0", "12.25"]) == "-1,-0.5,+3,-1e-05,-.5,0,12.25\n")
        #expect(Self.written(["-1-1", "-1e", "--1", "-0x10"]) == "'-1-1,'-1e,'--1,'-0x10\n")
    }

    @Test("the joined field of a list is neutralised by its first part")
    func joined() {
        var out = [UInt8]()
        CSVText.appendField(joining: ["=a", "b"], with: UInt8(ascii: ";"), to: &out)
        out.append(UInt8(ascii: ","))
        CSVText.appendField(joining: ["a", "=b"], with: UInt8(ascii: ";"), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "'=a;b,a;=b")
    }

    @Test("everything Themis writes reads back as it was, apostrophes included", arguments: [
        "=SUM(A1)", "@cmd", "-hello", "+x", "\tx", "\rx", "'=x", "''@x", "'", "'hello", "it's", "-1", "-", "=", "'-1",
    ])
    func roundTrip(text: String) {
        for separator in [UInt8(ascii: ","), 0x09] {
            let rows = CSVReader.rows(Self.written(["a", text, "z"], separator: separator),
                                      separator: Character(UnicodeScalar(separator)))
            #expect(rows.first?.fields == ["a", text, "z"], "\(separator)")
        }
    }

    @Test("a spreadsheet's own text marker is read as the cell's text")
    func readsMarks() {
        #expect(CSVReader.rows("'=SUM(A1),'@cmd,\"'-x\",'plain,''=y\n").first?.fields == ["=SUM(A1)", "@cmd", "-x", "'plain", "'=y"])
    }
}
