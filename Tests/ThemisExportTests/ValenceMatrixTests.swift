import Testing
@testable import ThemisExport

/// Matrices count each segment once per row with its rolled-up valence, so a
/// row's valence columns partition its segments. Counts worked out by hand.
struct ValenceMatrixTests {
    /// Six segments; the roll-up of each under `x/a` is in the comment.
    static let codings: [ThemeMatrix.Coding] = [
        .init(segment: "d1#1", document: "d1", speaker: "A", code: "x/a/1", valence: "enabler"),  // x/a mixed
        .init(segment: "d1#1", document: "d1", speaker: "A", code: "x/a/2", valence: "barrier"),
        .init(segment: "d1#2", document: "d1", speaker: "B", code: "x/a/1", valence: "neutral"),  // x/a enabler
        .init(segment: "d1#2", document: "d1", speaker: "B", code: "x/a/2", valence: "enabler"),
        .init(segment: "d2#1", document: "d2", speaker: "A", code: "x/a/1", valence: "neutral"),  // x/a neutral
        .init(segment: "d2#1", document: "d2", speaker: "A", code: "x/a/2", valence: "neutral"),
        .init(segment: "d2#2", document: "d2", speaker: "C", code: "x/a/1", valence: "mixed"),    // x/a mixed, x/b barrier
        .init(segment: "d2#2", document: "d2", speaker: "C", code: "x/a/2", valence: "neutral"),
        .init(segment: "d2#2", document: "d2", speaker: "C", code: "x/b", valence: "barrier"),
        .init(segment: "d2#3", document: "d2", speaker: "C", code: "x/a/1", valence: "barrier"),  // one leaf coded twice: mixed
        .init(segment: "d2#3", document: "d2", speaker: "C", code: "x/a/1", valence: "enabler"),
        .init(segment: "d3#1", document: "d3", speaker: "A", code: "y/p", valence: ""),           // y/p no valence
        .init(segment: "d3#1", document: "d3", speaker: "A", code: "x/b", valence: "enabler"),
    ]
    static let codebookRows = ["x/a", "x/a/1", "x/a/2", "x/b", "y/p"]

    static func build(_ by: ThemeMatrix.By, count: ThemeMatrix.Count = .segments, level: Int? = nil,
                      valence: String? = nil) -> ThemeMatrix {
        ThemeMatrix.build(codings: codings, by: by, count: count, rows: codebookRows, level: level, rowPrefix: nil,
                          columnPrefix: nil, valence: valence)
    }

    @Test("at --level 1 each domain's segments fall in exactly one valence column")
    func domains() {
        let m = Self.build(.valence, level: 1)
        #expect(m.rows == ["x/a", "x/b", "y/p"])
        #expect(m.columns == ["enabler", "barrier", "mixed", "neutral", ThemeMatrix.missing])
        // Counting every factor's valence instead would give x/a [3, 2, 1, 3, 0], 9 for 5 segments.
        #expect(m.cells == [[1, 0, 3, 1, 0], [1, 1, 0, 0, 0], [0, 0, 0, 0, 1]])
        #expect(m.totals == [5, 2, 1])
        for r in m.rows.indices { #expect(m.row(r).reduce(0, +) == m.totals[r], "\(m.rows[r])") }
        #expect(m.share(0, 2, mode: .row) == 60)
    }

    @Test("without --level, leaves and parents alike: a leaf coded twice on a segment counts once, rolled up")
    func leaves() {
        let m = Self.build(.valence)
        #expect(m.rows == Self.codebookRows)
        #expect(m.cells == [[1, 0, 3, 1, 0], [1, 0, 2, 2, 0], [1, 1, 0, 2, 0], [1, 1, 0, 0, 0], [0, 0, 0, 0, 1]])
        #expect(m.totals == [5, 5, 4, 2, 1])
    }

    @Test("--valence keeps the segments whose rolled-up valence is the one asked for")
    func filter() {
        let mixed = Self.build(.document, level: 1, valence: "mixed")
        #expect(mixed.columns == ["d1", "d2"])
        #expect(mixed.cells == [[1, 2], [0, 0], [0, 0]])
        #expect(mixed.totals == [3, 0, 0])
        let enabler = Self.build(.document, level: 1, valence: "enabler")
        #expect(enabler.columns == ["d1", "d3"])
        #expect(enabler.cells == [[1, 0], [0, 1], [0, 0]])
        // Co-occurrence stays symmetric: row and column codes both need the valence.
        let together = Self.build(.code, level: 1, valence: "enabler")
        #expect(together.cells == [[1, 0, 0], [0, 1, 0], [0, 0, 0]])
        let all = Self.build(.code, level: 1)
        #expect(all.cells == [[5, 1, 0], [1, 2, 1], [0, 1, 1]])
    }

    @Test("without codebook rows, --valence keeps the codes seen with that rolled-up valence, as rows and as code columns")
    func codesSeen() {
        let mixed = ThemeMatrix.build(codings: Self.codings, by: .valence, count: .segments, rows: nil, level: 1, rowPrefix: nil,
                                      columnPrefix: nil, valence: "mixed")
        #expect(mixed.rows == ["x/a"])
        #expect(mixed.cells == [[0, 0, 3, 0]])
        let enabler = ThemeMatrix.build(codings: Self.codings, by: .code, count: .segments, rows: nil, level: 1, rowPrefix: nil,
                                        columnPrefix: nil, valence: "enabler")
        #expect(enabler.rows == ["x/a", "x/b"])
        #expect(enabler.columns == ["x/a", "x/b"])
        #expect(enabler.cells == [[1, 0], [0, 1]])
    }

    @Test("counting documents: a document is in each column one of its segments rolls up to")
    func documents() {
        let m = Self.build(.valence, count: .documents, level: 1)
        #expect(m.cells[0] == [1, 0, 2, 1, 0])
        #expect(m.totals[0] == 2)
    }
}
