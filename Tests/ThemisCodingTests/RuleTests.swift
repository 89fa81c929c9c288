import Foundation
import Testing
import ThemisCodebook
import ThemisModel
@testable import ThemisCoding

/// Loads a codebook from YAML text.
func codebook(_ yaml: String) throws -> Codebook {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-rules-\(UUID().uuidString).yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    return try CodebookLoader.load(path: url.path).get().codebook
}

/// A participant segment holding `text`.
func segment(_ text: String) -> Segment {
    Segment(document: "d", index: 1, unit: .turn, speaker: "P1", speakerNote: nil, role: .participant, time: nil,
            start: 0, end: text.unicodeScalars.count, text: text)
}

/// Every rule form of the codebook language, one code each.
struct RuleTests {
    static let rules = """
        id: t
        name: Rules
        codes:
          - id: phrase
            name: Phrase
            terms: ["driver diagram"]
          - id: prefix
            name: Prefix
            terms: ["racis*"]
          - id: acronym
            name: Acronym
            terms: ["ICB", "RHO"]
          - id: requires
            name: Requires
            terms: ["dashboard*"]
            requires: ["ethnic*"]
          - id: excludes
            name: Excludes
            terms: ["data"]
            excludes: ["data protection"]
          - id: near
            name: Near
            near:
              - {a: ["senior", "board"], b: ["support*", "buy-in"], within: 3}
          - id: overlap
            name: Overlap
            near:
              - {a: ["quality committee"], b: ["commit*"], within: 4}
          - id: hyphen
            name: Hyphen
            terms: ["co-production"]
          - id: apostrophe
            name: Apostrophe
            terms: ["women's voices"]
          - id: diacritic
            name: Diacritic
            terms: ["naïve"]
          - id: nested
            name: Nested
            terms: ["senior support", "lack of senior support"]
        """

    func codes(_ text: String) throws -> [String] {
        var coder = CodingEngine(codebooks: [try codebook(Self.rules)]).makeCoder()
        return coder.code(segment(text)).map { String($0.code.dropFirst(2)) }
    }

    @Test("a phrase matches consecutive words, in any case")
    func phrase() throws {
        #expect(try codes("We drew a Driver Diagram together.") == ["phrase"])
        #expect(try codes("The driver of the diagram.") == [])
    }

    @Test("a prefix matches the words it begins")
    func prefix() throws {
        #expect(try codes("It was racist.") == ["prefix"])
        #expect(try codes("Racism, plainly.") == ["prefix"])
        #expect(try codes("The races were run.") == [])
    }

    @Test("an acronym in capitals matches only the capitalised word")
    func acronym() throws {
        #expect(try codes("The ICB funded it.") == ["acronym"])
        #expect(try codes("icb funding") == [])
        #expect(try codes("A rho value of 0.4") == [])
        #expect(try codes("RHO learning sessions") == ["acronym"])
    }

    @Test("requires needs a second cue anywhere in the segment")
    func requires() throws {
        #expect(try codes("We built dashboards.") == [])
        #expect(try codes("We built dashboards split by ethnicity.") == ["requires"])
        #expect(try codes("Ethnicity-split dashboards.") == ["requires"])
    }

    @Test("excludes vetoes the code")
    func excludes() throws {
        #expect(try codes("The data was late.") == ["excludes"])
        #expect(try codes("The data protection officer said no.") == [])
        #expect(try codes("Data protection again, and the data.") == [])
    }

    @Test("near needs both sides within the distance, in either order")
    func near() throws {
        #expect(try codes("Senior leaders gave support.") == ["near"])
        #expect(try codes("Buy-in from the board.") == ["near", "hyphen"].filter { $0 == "near" })
        #expect(try codes("Senior people were busy with many other things, no support.") == [])
    }

    @Test("near needs two occurrences: one word cannot be both sides")
    func nearOverlap() throws {
        #expect(try codes("It went to the quality committee.") == [])
        #expect(try codes("The quality committee committed to it.") == ["overlap"])
    }

    @Test("hyphens, apostrophes and diacritics split and fold the same in text and pattern")
    func punctuation() throws {
        #expect(try codes("co production with families") == ["hyphen"])
        #expect(try codes("Co–production? No: co-production.") == ["hyphen"])
        #expect(try codes("Women’s voices mattered") == ["apostrophe"])
        #expect(try codes("a NAIVE approach") == ["diacritic"])
        #expect(try codes("a naïve approach") == ["diacritic"])
    }

    @Test("where phrases nest the longest one is reported")
    func nested() throws {
        var coder = CodingEngine(codebooks: [try codebook(Self.rules)]).makeCoder()
        let coding = try #require(coder.code(segment("There was a lack of senior support.")).first { $0.code == "t/nested" })
        #expect(coding.matched == ["lack of senior support"])
    }

    @Test("matching cost does not depend on the number of codes: 5,000 codes compile and code")
    func manyCodes() throws {
        var yaml = "id: big\nname: Big\ncodes:\n"
        for k in 0..<5_000 { yaml += "  - id: c\(k)\n    name: C\(k)\n    terms: [\"word\(k) phrase\", \"stem\(k)x*\"]\n" }
        let engine = CodingEngine(codebooks: [try codebook(yaml)])
        var coder = engine.makeCoder()
        let codings = coder.code(segment("word42 phrase and stem4999xing but not word43"))
        #expect(codings.map(\.code) == ["big/c42", "big/c4999"])
    }
}
