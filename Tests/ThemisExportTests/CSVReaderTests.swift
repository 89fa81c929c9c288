import Testing
import ThemisExport

/// CSV as spreadsheets and people write it.
struct CSVReaderTests {
    @Test("quotes, doubled quotes, separators and line ends inside quotes; line numbers of records")
    func quoting() {
        let rows = CSVReader.rows("a,b,c\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n\n3,,\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "x, \"y\"", "two\nlines"], ["3", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 5])
    }

    @Test("CRLF, a byte-order mark, no final line end, tabs")
    func variants() {
        #expect(CSVReader.rows("\u{FEFF}a,b\r\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(CSVReader.rows("a\tb\n1\t2\n", separator: "\t").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(CSVReader.rows("a,b\r1,é\r").map(\.fields) == [["a", "b"], ["1", "é"]])
    }

    @Test("what CSVText writes, CSVReader reads back")
    func roundTrip() {
        let fields: [String?] = ["plain", "comma, here", "quote \"q\"", "line\nend", "", nil, "naïve 世界"]
        var out = [UInt8]()
        CSVText.appendRow(fields, to: &out)
        let rows = CSVReader.rows(String(decoding: out, as: UTF8.self))
        #expect(rows.first?.fields == fields.map { $0 ?? "" })
    }
}
