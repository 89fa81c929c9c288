import Foundation
import Testing
@testable import ThemisCodebook

/// Broken codebooks give the right message at the right line and column.
struct CodebookValidationTests {
    /// Writes `text` to a temporary file with `suffix` and loads it.
    static func load(_ text: String, suffix: String = ".yaml") -> Result<(codebook: Codebook, warnings: [CodebookProblem]), CodebookLoadError> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-codebook-\(UUID().uuidString)\(suffix)")
        try! text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return CodebookLoader.load(path: url.path)
    }

    static func problems(_ text: String) -> [CodebookProblem] {
        switch load(text) {
        case .success: return []
        case .failure(let error): return error.problems
        }
    }

    static let valid = """
        id: demo
        name: Demo
        version: 1.0.0
        codes:
          - id: organisational
            name: Organisational
            codes:
              - id: senior-buy-in
                name: Senior buy-in
                terms: ["board sponsor*"]
        """

    @Test("a valid codebook loads with full code ids and depths")
    func valid() throws {
        let book = try Self.load(Self.valid).get().codebook
        #expect(book.allCodes.map(\.id) == ["demo/organisational", "demo/organisational/senior-buy-in"])
        #expect(book.allCodes.map(\.depth) == [1, 2])
        #expect(book.allCodes[1].location == SourceLocation(line: 8, column: 13))
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        var yaml: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
    }

    static let broken: [Broken] = [
        Broken(yaml: valid.replacingOccurrences(of: "    name: Organisational", with: "    nmae: Organisational"),
               line: 6, column: 5, message: "unknown key 'nmae' in code"),
        Broken(yaml: valid + "\n  - id: organisational\n    name: Again\n    terms: [\"x y\"]",
               line: 11, column: 9, message: "duplicate code id 'demo/organisational'"),
        Broken(yaml: valid.replacingOccurrences(of: "id: senior-buy-in", with: "id: Senior_Buy_In"),
               line: 8, column: 13, message: "code id 'Senior_Buy_In' is not a slug"),
        Broken(yaml: valid.replacingOccurrences(of: "[\"board sponsor*\"]", with: "[\"board sponsor*\", \"  \"]"),
               line: 10, column: 35, message: "empty pattern in 'terms'"),
        Broken(yaml: valid.replacingOccurrences(of: "terms: [\"board sponsor*\"]", with: "near:\n                  - {a: [\"senior\"], b: [\"support*\"]}"),
               line: 11, column: 21, message: "a near rule needs 'within'"),
        Broken(yaml: valid.replacingOccurrences(of: "id: senior-buy-in", with: "id: organisational"),
               line: 8, column: 13, message: "code 'organisational' shadows its parent"),
        Broken(yaml: valid.replacingOccurrences(of: "[\"board sponsor*\"]", with: "[\"bo*\"]"),
               line: 10, column: 17, message: "prefix 'bo*'"),
        Broken(yaml: valid.replacingOccurrences(of: "[\"board sponsor*\"]", with: "[\"spon*sor\"]"),
               line: 10, column: 17, message: "'*' may only end a word"),
        Broken(yaml: valid.replacingOccurrences(of: "id: demo", with: "id: demo\nid: again"),
               line: 1, column: 1, message: "duplicate key 'id'"),
        Broken(yaml: valid.replacingOccurrences(of: "terms: [\"board sponsor*\"]", with: "requires: [\"board\"]"),
               line: 10, column: 19, message: "has 'requires' or 'excludes' but no 'terms'"),
        Broken(yaml: valid.replacingOccurrences(of: "version: 1.0.0", with: "version: 1.0.0\nvalence:\n  window: -2\n  barrier: [\"lack of\"]"),
               line: 5, column: 11, message: "'window' must be a whole number"),
        Broken(yaml: "id: demo\nname: [Demo\n", line: 3, column: 1, message: "YAML:"),
    ]

    @Test("each broken codebook names the problem at its line and column", arguments: broken)
    func brokenCodebook(_ case_: Broken) {
        let problems = Self.problems(case_.yaml)
        let match = problems.first { $0.message.contains(case_.message) }
        #expect(match != nil, "got \(problems.map(\.description))")
        #expect(match?.location == SourceLocation(line: case_.line, column: case_.column), "\(problems.map(\.description))")
        #expect(match?.description.contains(":\(case_.line):\(case_.column): ") == true)
    }

    @Test("every problem is reported, not just the first")
    func allProblems() {
        let yaml = Self.valid
            .replacingOccurrences(of: "    name: Organisational", with: "    nmae: Organisational")
            .replacingOccurrences(of: "id: senior-buy-in", with: "id: Senior")
        #expect(Self.problems(yaml).count == 2)
    }

    @Test("a leaf without rules loads with a warning")
    func leafWithoutRules() throws {
        let yaml = Self.valid.replacingOccurrences(of: "\n        terms: [\"board sponsor*\"]", with: "")
        let loaded = try Self.load(yaml).get()
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings[0].severity == .warning)
    }

    @Test("a quanteda dictionary: nested keys are codes, globs are terms")
    func quanteda() throws {
        let book = try Self.load("""
            economy:
              - econom*
              - jobs
            politics:
              domestic: [tax*, "health service"]
              foreign: [trade*]
            """).get().codebook
        #expect(book.allCodes.map(\.id).map { $0.split(separator: "/").dropFirst().joined(separator: "/") }
                == ["economy", "politics", "politics/domestic", "politics/foreign"])
        #expect(book.allCodes[2].terms.map(\.text) == ["tax*", "health service"])
        #expect(book.allCodes[0].terms[0].tokens[0].isPrefix)
    }

    @Test("a LIWC dictionary: numbered categories, wildcards, phrases and hierarchy")
    func liwc() throws {
        let book = try Self.load("""
            %
            1\taffect
            2\t\tposemo
            3\t\tnegemo
            4\tsocial/family
            %
            happ*\t1\t2
            sad\t1\t3
            kind of\t2
            mum\t4
            """, suffix: ".dic").get().codebook
        let ids = book.allCodes.map { $0.id.split(separator: "/").dropFirst().joined(separator: "/") }
        #expect(ids == ["affect", "affect/posemo", "affect/negemo", "social", "social/family"])
        #expect(book.allCodes[1].terms.map(\.text) == ["happ*", "kind of"])
        #expect(book.allCodes[0].terms.map(\.text) == ["happ*", "sad"])
    }

    @Test("a LIWC entry naming an unknown category is an error with its line")
    func liwcUnknownCategory() {
        switch Self.load("%\n1\tposemo\n%\nhappy\t1\nsad\t9\n", suffix: ".dic") {
        case .success: Issue.record("accepted")
        case .failure(let error):
            #expect(error.problems.first?.location?.line == 5)
            #expect(error.problems.first?.message.contains("category 9") == true)
        }
    }

    @Test("rolling a code id up to a level")
    func rollUp() {
        #expect(Code.rolledUp("musiq-ar/infrastructure/ethnicity-data", level: 1) == "musiq-ar/infrastructure")
        #expect(Code.rolledUp("musiq-ar/infrastructure", level: 1) == "musiq-ar/infrastructure")
        #expect(Code.rolledUp("rho/naming-racism", level: 2) == "rho/naming-racism")
    }
}
