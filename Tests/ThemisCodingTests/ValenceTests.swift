import Testing
import ThemisCodebook
import ThemisModel
@testable import ThemisCoding

/// The valence rules: cues within the window, negation, counterfactuals, mixed, neutral, longest cue.
struct ValenceTests {
    static let yaml = """
        id: v
        name: Valence
        valence:
          window: 6
          barrier: ["lack of", "struggl*", "no access", "lack of senior support"]
          enabler: ["helped", "buy-in", "backing", "senior support"]
          negators: ["no", "not", "didn't", "without"]
          counterfactuals: ["if only", "would have helped", "wish we'd had"]
        codes:
          - id: sponsor
            name: Sponsor
            terms: ["board", "executive"]
          - id: analyst
            name: Analyst
            terms: ["analyst"]
        """

    func valence(_ text: String, code: String = "v/sponsor") throws -> Valence? {
        var coder = CodingEngine(codebooks: [try codebook(Self.yaml)]).makeCoder()
        return coder.code(segment(text)).first { $0.code == code }?.valence
    }

    @Test("an enabler cue near the term makes an enabler") func enabler() throws {
        #expect(try valence("The board really helped us.") == .enabler)
    }

    @Test("a barrier cue near the term makes a barrier") func barrier() throws {
        #expect(try valence("We struggled to get the board interested.") == .barrier)
    }

    @Test("a negated enabler cue is a barrier", arguments: [
        "There was no buy-in from the board.",
        "We didn't have the backing of the executive.",
        "Without buy-in the board just nodded.",
    ])
    func negatedEnabler(text: String) throws {
        #expect(try valence(text) == .barrier)
    }

    @Test("a negator more than three words before the cue does not negate it")
    func negationReach() throws {
        #expect(try valence("No, I think that in the end the board and their backing was there.") == .enabler)
    }

    @Test("a negated term is a barrier: the factor was absent")
    func negatedTerm() throws {
        #expect(try valence("We had no analyst for months.", code: "v/analyst") == .barrier)
    }

    @Test("a counterfactual is a barrier, even beside an enabler cue", arguments: [
        "If only the board had been there.",
        "An analyst would have helped enormously.",
        "I wish we'd had an analyst from the start.",
        "If only the board had helped us earlier.",
    ])
    func counterfactual(text: String) throws {
        let code = text.contains("analyst") ? "v/analyst" : "v/sponsor"
        #expect(try valence(text, code: code) == .barrier)
    }

    @Test("both kinds of cue make it mixed") func mixed() throws {
        #expect(try valence("The board helped, but we struggled for months.") == .mixed)
    }

    @Test("no cue is neutral")
    func neutral() throws {
        #expect(try valence("The board met on Tuesday.") == .neutral)
    }

    @Test("a cue beside the term outweighs cues further off in other sentences")
    func nearestCuesDecide() throws {
        #expect(try valence("The board helped. The rest of the year we struggled with everything.") == .enabler)
        #expect(try valence("We struggled. Much later, after the move, the board met and it all helped.") == .enabler)
    }

    @Test("the window ends at the sentence: a cue in the next sentence counts only when none is nearer")
    func sentenceBoundsTheWindow() throws {
        // "struggled" is two tokens from "board" but in the next sentence; "helped" is in the term's own.
        #expect(try valence("In the end it helped that the board came. We struggled.") == .enabler)
        // With no cue in its own sentence, the sentences either side decide.
        #expect(try valence("Nothing formal. The board asked for a slide in March. Lots of that helped.") == .enabler)
    }

    @Test("without cues in or around its sentence, the cues elsewhere in the segment decide")
    func wholeSegment() throws {
        let text = "The board met on Tuesday. We talked. Then lunch. And after all that, the pilot helped."
        #expect(try valence(text) == .enabler)
    }

    @Test("the longest cue wins: lack of senior support is a barrier, not also an enabler")
    func longestCue() throws {
        #expect(try valence("There was a lack of senior support at board level.") == .barrier)
    }

    @Test("codebooks without valence give no valence")
    func noValence() throws {
        var coder = CodingEngine(codebooks: [try codebook("id: n\nname: N\ncodes:\n  - id: a\n    name: A\n    terms: [board]\n")]).makeCoder()
        let codings = coder.code(segment("The board helped."))
        #expect(codings.count == 1)
        #expect(codings[0].valence == nil)
    }
}
