import Foundation
import Testing
@testable import ThemisExport

/// Theme matrices computed by hand on four coded segments.
struct ThemeMatrixTests {
    static let codings: [ThemeMatrix.Coding] = [
        .init(segment: "d1#1", document: "d1", speaker: "A", code: "x/a/1", valence: "enabler"),
        .init(segment: "d1#1", document: "d1", speaker: "A", code: "y/p", valence: ""),
        .init(segment: "d1#2", document: "d1", speaker: "B", code: "x/a/2", valence: "barrier"),
        .init(segment: "d2#1", document: "d2", speaker: "A", code: "x/a/1", valence: "barrier"),
        .init(segment: "d2#1", document: "d2", speaker: "A", code: "x/b", valence: "neutral"),
        .init(segment: "d2#1", document: "d2", speaker: "A", code: "y/p", valence: ""),
        .init(segment: "d2#2", document: "d2", speaker: "C", code: "x/b", valence: "enabler"),
    ]
    static let codebookRows = ["x/a", "x/a/1", "x/a/2", "x/b", "x/c", "y/p"]

    static func build(_ by: ThemeMatrix.By, count: ThemeMatrix.Count = .segments, level: Int? = nil, rows: String? = nil,
                      columns: String? = nil, valence: String? = nil,
                      attributes: ((String, String) -> String?)? = nil) -> ThemeMatrix {
        ThemeMatrix.build(codings: codings, by: by, count: count, rows: codebookRows, level: level, rowPrefix: rows,
                          columnPrefix: columns, valence: valence, attributes: attributes)
    }

    @Test("by document, counting segments: parents count their subtree; zero rows stay; totals are distinct")
    func documents() {
        let m = Self.build(.document)
        #expect(m.rows == Self.codebookRows)
        #expect(m.columns == ["d1", "d2"])
        #expect(m.cells == [[2, 1], [1, 1], [1, 0], [0, 2], [0, 0], [1, 1]])
        #expect(m.totals == [3, 2, 1, 2, 0, 2])
    }

    @Test("counting documents and speakers")
    func countModes() {
        let documents = Self.build(.document, count: .documents, level: 1)
        #expect(documents.rows == ["x/a", "x/b", "x/c", "y/p"])
        #expect(documents.cells == [[1, 1], [0, 1], [0, 0], [1, 1]])
        #expect(documents.totals == [2, 1, 0, 2])
        let speakers = Self.build(.document, count: .speakers, level: 1)
        #expect(speakers.cells == [[2, 1], [0, 2], [0, 0], [1, 1]])
        #expect(speakers.totals == [3, 2, 0, 2])
    }

    @Test("by valence, with the valence filter")
    func valence() {
        let m = Self.build(.valence, level: 1)
        #expect(m.columns == ["enabler", "barrier", "mixed", "neutral", ThemeMatrix.missing])
        #expect(m.cells[0] == [1, 2, 0, 0, 0])
        #expect(m.totals[0] == 3)
        let barriers = Self.build(.document, level: 1, valence: "barrier")
        #expect(barriers.cells[0] == [1, 1])
        #expect(barriers.totals == [2, 0, 0, 0])
    }

    @Test("co-occurrence is symmetric, its diagonal the code's own count; prefixes pick rows and columns")
    func coOccurrence() {
        let m = Self.build(.code, level: 1)
        #expect(m.columns == ["x/a", "x/b", "x/c", "y/p"])
        #expect(m.cells == [[3, 1, 0, 2], [1, 2, 0, 1], [0, 0, 0, 0], [2, 1, 0, 2]])
        for r in m.rows.indices { for c in m.rows.indices { #expect(m.cells[r][c] == m.cells[c][r]) } }
        let cross = Self.build(.code, level: 1, rows: "x/", columns: "y/")
        #expect(cross.rows == ["x/a", "x/b", "x/c"])
        #expect(cross.columns == ["y/p"])
        #expect(cross.cells == [[2], [1], [0]])
    }

    @Test("attributes join per speaker, falling back to the document's value")
    func attributes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-attributes-\(UUID().uuidString).csv")
        try "document,speaker,group\nd1,A,clinical\nd1,B,leaders\nd2,,clinical\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let lookup = try AttributeLookup(path: url.path, name: "group")
        let m = Self.build(.attribute("group"), count: .speakers, level: 1) { lookup.value(document: $0, speaker: $1) }
        #expect(m.columns == ["clinical", "leaders"])
        #expect(m.cells[0] == [2, 1])
        #expect(m.cells[1] == [2, 0])
    }

    @Test("shares of the row, the column and the grand total")
    func percentages() {
        let m = Self.build(.document, level: 1)
        #expect(m.share(0, 0, mode: .row).map { ($0 * 10).rounded() / 10 } == 66.7)
        #expect(m.columnTotals == [2, 2])
        #expect(m.share(0, 0, mode: .column) == 100)
        #expect(m.grandTotal == 4)
        #expect(m.share(0, nil, mode: .total) == 75)
        #expect(m.share(2, 0, mode: .row) == nil)
    }

    @Test("every format carries the same numbers")
    func formats() throws {
        let m = Self.build(.document, level: 1)
        let csv = String(decoding: try MatrixWriter.render(m, as: .csv), as: UTF8.self)
        #expect(csv == "code,d1,d2,total\nx/a,2,1,3\nx/b,0,2,2\nx/c,0,0,0\ny/p,1,1,2\n")
        let tsv = String(decoding: try MatrixWriter.render(m, as: .tsv), as: UTF8.self)
        #expect(tsv.split(separator: "\n")[1] == "x/a\t2\t1\t3")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try MatrixWriter.render(m, as: .json))) as? [String: Any])
        #expect(json["cells"] as? [[Int]] == m.cells)
        #expect(json["totals"] as? [Int] == m.totals)
        #expect(json["rows"] as? [String] == m.rows)
        #expect(json["columns"] as? [String] == ["d1", "d2"])
        #expect(json["count"] as? String == "segments")
        #expect(json["by"] as? String == "document")
        let markdown = String(decoding: try MatrixWriter.render(m, as: .md), as: UTF8.self)
        #expect(markdown.contains("| `x/a` | 2 | 1 | 3 |"))
        let html = String(decoding: try MatrixWriter.render(m, as: .html), as: UTF8.self)
        #expect(html.contains("<th scope=\"row\"><code>x/a</code></th><td style"))
        let percent = String(decoding: try MatrixWriter.render(m, as: .csv, percent: .row), as: UTF8.self)
        #expect(percent.split(separator: "\n")[1] == "x/a,2,1,3,66.7,33.3,100.0")
    }

    @Test("10,000 documents and 1,000 codes: memory follows the codings")
    func large() {
        var codings = [ThemeMatrix.Coding]()
        for d in 0..<10_000 {
            codings.append(.init(segment: "doc\(d)#1", document: "doc\(d)", speaker: "P", code: "big/c\(d % 1000)", valence: ""))
        }
        let rows = (0..<1000).map { "big/c\($0)" }
        let m = ThemeMatrix.build(codings: codings, by: .document, count: .segments, rows: rows, level: nil, rowPrefix: nil,
                                  columnPrefix: nil, valence: nil)
        #expect(m.columns.count == 10_000)
        #expect(m.totals.allSatisfy { $0 == 10 })
        #expect(m.sparseCells.reduce(0) { $0 + $1.count } == 10_000)
    }
}
