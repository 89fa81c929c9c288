import Foundation
import Testing
@testable import ThemisCodebook

/// `polarity` on a code, and the `advice` list and `default` of a valence block.
struct PolarityTests {
    static func yaml(polarity: String, valence: Bool = true) -> String {
        """
        id: p
        name: P
        \(valence ? "valence:\n  barrier: [\"struggl*\"]\n  enabler: [\"helped\"]\n  advice: [\"another team\"]\n" : "")codes:
          - id: racism
            name: Institutional racism
            polarity: \(polarity)
            terms: ["institutional racism"]
        """
    }

    @Test("polarity barrier and enabler load; the advice list is read")
    func loads() throws {
        let (book, warnings) = try CodebookValidationTests.load(Self.yaml(polarity: "barrier")).get()
        #expect(book.allCodes.first { $0.id == "p/racism" }?.polarity == .barrier)
        #expect(book.valence?.advice.map(\.text) == ["another team"])
        #expect(warnings.isEmpty)
        let enabling = try CodebookValidationTests.load(Self.yaml(polarity: "enabler")).get().codebook
        #expect(enabling.allCodes.first { $0.id == "p/racism" }?.polarity == .enabler)
    }

    @Test("any other polarity is an error at its line and column")
    func unknownPolarity() {
        let problems = CodebookValidationTests.problems(Self.yaml(polarity: "negative"))
        #expect(problems.contains { $0.message == "'polarity' must be barrier or enabler" && $0.location?.line == 10 && $0.severity == .error })
    }

    @Test("a polarity without a valence block is a warning")
    func polarityWithoutValence() throws {
        let (_, warnings) = try CodebookValidationTests.load(Self.yaml(polarity: "barrier", valence: false)).get()
        #expect(warnings.map(\.message) == ["'polarity' needs the codebook's 'valence' block"])
    }

    @Test("canonical YAML keeps polarity, advice and two-way verdicts, and Markdown says the valence")
    func rendering() throws {
        let book = try CodebookValidationTests.load(Self.yaml(polarity: "barrier")).get().codebook
        let yaml = CodebookRenderer.render(book, as: .yaml)
        #expect(yaml.contains("polarity: barrier"))
        #expect(yaml.contains("advice: [\"another team\"]"))
        let again = try CodebookValidationTests.load(yaml).get().codebook
        #expect(again.allCodes.first { $0.id == "p/racism" }?.polarity == .barrier)
        #expect(CodebookRenderer.render(book, as: .md).contains("- **Valence:** always barrier"))
    }

    static func yaml(default value: String) -> String {
        "id: p\nname: P\nvalence:\n  barrier: [\"struggl*\"]\n  contrast: [\"but\"]\n  default: \(value)\ncodes:\n  - id: a\n    name: A\n    terms: [\"analyst\"]\n"
    }

    @Test("a valence default and a contrast list load, and YAML and Markdown keep them")
    func defaultValence() throws {
        let book = try CodebookValidationTests.load(Self.yaml(default: "barrier")).get().codebook
        #expect(book.valence?.defaultValence == .barrier)
        let yaml = CodebookRenderer.render(book, as: .yaml)
        #expect(yaml.contains("  default: barrier\n"))
        #expect(yaml.contains("contrast: [\"but\"]"))
        #expect(book.valence?.contrast.map(\.text) == ["but"])
        #expect(try CodebookValidationTests.load(yaml).get().codebook.valence?.defaultValence == .barrier)
        #expect(CodebookRenderer.render(book, as: .md).contains("a coding no cue decides is barrier"))
        let neutral = try CodebookValidationTests.load(Self.yaml(default: "neutral")).get().codebook
        #expect(neutral.valence?.defaultValence == nil)
        #expect(!CodebookRenderer.render(neutral, as: .yaml).contains("default:"))
    }

    @Test("any other default is an error at its line", arguments: ["mixed", "negative", "[barrier]"])
    func unknownDefault(value: String) {
        let problems = CodebookValidationTests.problems(Self.yaml(default: value))
        #expect(problems.contains { $0.message == "'default' must be barrier, enabler or neutral" && $0.location?.line == 6 && $0.severity == .error })
    }
}
