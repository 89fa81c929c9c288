import Testing
@testable import ThemisCodebook

/// Patterns and the tokenizer they share with the engine.
struct PatternTests {
    @Test("hyphens and apostrophes split, case and diacritics fold, capitals stay exact")
    func tokens() throws {
        let pattern = try Pattern.parse("Buy-in at the ICB's Café racis*").get()
        #expect(pattern.tokens.map(\.text) == ["buy", "in", "at", "the", "ICB", "s", "cafe", "racis"])
        #expect(pattern.tokens.map(\.isCaseSensitive) == [false, false, false, false, true, false, false, false])
        #expect(pattern.tokens.last?.isPrefix == true)
    }

    @Test("a single capital letter is not an acronym; two are")
    func acronyms() {
        #expect(!Tokenizer.isAcronym("I"))
        #expect(Tokenizer.isAcronym("RHO"))
        #expect(!Tokenizer.isAcronym("Rho"))
        #expect(Tokenizer.isAcronym("MBRRACE"))
    }

    @Test("folding removes diacritics and case from any script")
    func folding() {
        var folder = TextFolder()
        #expect(folder.fold("Naïve Élan") == "naive elan")
        #expect(folder.fold("ÇAFÉ") == "cafe")
        #expect(folder.fold("Zoë") == "zoe")
    }
}
