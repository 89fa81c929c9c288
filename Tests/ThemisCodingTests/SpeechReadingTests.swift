import Testing
import ThemisCodebook
import ThemisModel
@testable import ThemisCoding

/// How valence and context read speech: negation both ways within a clause,
/// wishes, advice, polarity, and the interviewer's question as context.
struct SpeechReadingTests {
    static let yaml = """
        id: s
        name: Speech
        valence:
          window: 8
          barrier: ["a problem", "struggl*", "pushback", "on paper"]
          enabler: ["helped", "backing", "made the difference"]
          negators: ["no", "not", "wasn't", "never"]
          counterfactuals: ["what would help", "if we'd had", "I wish"]
          advice: ["another team", "advice"]
          mixed: ["partly", "yes and no"]
          contrast: ["but", "however"]
        codes:
          - id: sponsor
            name: Sponsor
            terms: ["board"]
          - id: analyst
            name: Analyst
            terms: ["analyst"]
          - id: racism
            name: Institutional racism
            polarity: barrier
            terms: ["institutional racism"]
          - id: data
            name: Ethnicity data
            requires: ["ethnicity", "ethnic"]
            near:
              - {a: ["blank", "missing"], b: ["percent", "half"], within: 3}
              - {a: ["recording", "recorded"], b: ["ethnicity"], within: 4}
        """

    static func engine() throws -> CodingEngine { CodingEngine(codebooks: [try codebook(yaml)]) }

    func codings(_ text: String, question: String? = nil) throws -> [Coding] {
        var coder = try Self.engine().makeCoder(explain: true)
        let asked = question.map {
            Segment(document: "d", index: 0, unit: .turn, speaker: "I", speakerNote: nil, role: .interviewer, time: nil,
                    start: 0, end: $0.unicodeScalars.count, text: $0)
        }
        return coder.code(segment(text), question: asked)
    }

    func valence(_ text: String, code: String = "s/sponsor", question: String? = nil) throws -> Valence? {
        try codings(text, question: question).first { $0.code == code }?.valence
    }

    @Test("a negated barrier cue is an enabler", arguments: [
        "The board was never a problem for us.",
        "There was no pushback from the board.",
        "The board? Honestly it wasn't a problem.",
    ])
    func negatedBarrier(text: String) throws {
        #expect(try valence(text) == .enabler)
    }

    @Test("negation stops at a clause boundary")
    func negationEndsAtClause() throws {
        // "no" belongs to its own clause; "helped" stands in the next one.
        #expect(try valence("No, the board helped a lot.") == .enabler)
        // Without the comma the same words negate.
        #expect(try valence("The board no helped.") == .barrier)
        // A contrasting word opens a clause as a comma does.
        #expect(try valence("Never though the board helped.") == .enabler)
        #expect(try valence("Never the board helped.") == .barrier)
    }

    @Test("a wish is a barrier, even beside an enabler cue", arguments: [
        "What would help is the board backing it.",
        "If we'd had an analyst it would have been easier.",
    ])
    func wishes(text: String) throws {
        let code = text.contains("analyst") ? "s/analyst" : "s/sponsor"
        #expect(try valence(text, code: code) == .barrier)
    }

    @Test("lip service reads as a barrier: support on paper")
    func onPaper() throws {
        #expect(try valence("On paper the board was all for it.") == .barrier)
    }

    @Test("a two-way verdict opening the answer, or near the term, makes it mixed")
    func twoWayVerdict() throws {
        #expect(try valence("Partly. The board came to the launch and that helped.") == .mixed)
        #expect(try valence("The board was yes and no, to be honest.") == .mixed)
        // Far from the term and not opening the answer, it does not decide.
        #expect(try valence("The board helped. Later on we met other teams, and it went partly the way we hoped.") == .enabler)
    }

    @Test("a code with a polarity takes it whatever the cues say")
    func polarity() throws {
        #expect(try valence("Naming institutional racism helped.", code: "s/racism") == .barrier)
        let coding = try #require(try codings("Naming institutional racism helped.").first { $0.code == "s/racism" })
        #expect(coding.explanation.contains("valence: the code can only be a barrier"))
    }

    @Test("an answer to a request for advice is an enabler, unless it speaks with regret")
    func advice() throws {
        let question = "What advice would you give another team?"
        #expect(try valence("Get the board on side, it was a struggle for us.", question: question) == .enabler)
        #expect(try valence("I wish the board had been there from day one.", question: question) == .barrier)
        // The same answer without the question reads its own cues.
        #expect(try valence("Get the board on side, it was a struggle for us.") == .barrier)
    }

    @Test("the question's cues decide only when the answer has none")
    func questionCuesAreTheLastResort() throws {
        #expect(try valence("The board, mostly.", question: "What helped?") == .enabler)
        #expect(try valence("The board, mostly.", question: "Where did you struggle?") == .barrier)
        #expect(try valence("The board pushback, mostly.", question: "What helped?") == .barrier)
        #expect(try valence("The board, mostly.") == .neutral)
    }

    @Test("the question's words complete a near rule and satisfy requires for a bare answer")
    func questionCompletesRules() throws {
        let question = "How complete is the ethnicity recording?"
        let coded = try codings("Thirty percent blank.", question: question)
        #expect(coded.map(\.code) == ["s/data"])
        #expect(coded[0].explanation.contains { $0.contains("in the question") })
        #expect(try codings("Thirty percent blank.").isEmpty)
    }

    @Test("the question's words never code on their own")
    func questionAloneCodesNothing() throws {
        #expect(try codings("Yes, definitely.", question: "Did the board back it?").isEmpty)
        // Both sides of the near rule in the question: still nothing.
        #expect(try codings("Yes.", question: "Was ethnicity recorded, and how much was missing, half?").isEmpty)
    }

    @Test("a transcript is coded with each answer's question; --context none reads answers alone")
    func transcriptContext() throws {
        var coder = try Self.engine().makeCoder()
        let turns = [("I", SpeakerRole.interviewer, "How complete is the ethnicity recording?"),
                     ("P1", .participant, "Thirty percent blank."),
                     ("P2", .participant, "Half missing, I'd say.")]
        let segments = turns.enumerated().map { index, turn in
            Segment(document: "d", index: index + 1, unit: .turn, speaker: turn.0, speakerNote: nil, role: turn.1,
                    time: nil, start: 0, end: turn.2.unicodeScalars.count, text: turn.2)
        }
        let withQuestion = coder.code(transcript: segments, context: .question, allSpeakers: false)
        #expect(withQuestion.map(\.segment.index) == [2, 3])
        // Only the answer right after the question reads it.
        #expect(withQuestion.map { $0.codings.map(\.code) } == [["s/data"], []])
        let alone = coder.code(transcript: segments, context: .none, allSpeakers: false)
        #expect(alone.allSatisfy { $0.codings.isEmpty })
    }

    @Test("text before the first speaker label is not coded unless all speakers are")
    func unlabelledText() throws {
        var coder = try Self.engine().makeCoder()
        let title = Segment(document: "d", index: 1, unit: .turn, speaker: nil, speakerNote: nil, role: .unlabelled,
                            time: nil, start: 0, end: 20, text: "Board interview notes")
        #expect(coder.code(transcript: [title], context: .question, allSpeakers: false).isEmpty)
        #expect(coder.code(transcript: [title], context: .question, allSpeakers: true).count == 1)
    }

    @Test("a coding no cue decides takes the codebook's default, after the question's cues")
    func defaultValence() throws {
        let yaml = Self.yaml.replacing("  window: 8\n", with: "  window: 8\n  default: barrier\n")
        var coder = CodingEngine(codebooks: [try codebook(yaml)]).makeCoder(explain: true)
        func coding(_ text: String, question: String? = nil) -> Coding? {
            let asked = question.map {
                Segment(document: "d", index: 0, unit: .turn, speaker: "I", speakerNote: nil, role: .interviewer, time: nil,
                        start: 0, end: $0.unicodeScalars.count, text: $0)
            }
            return coder.code(segment(text), question: asked).first { $0.code == "s/sponsor" }
        }
        let bare = try #require(coding("The board, mostly."))
        #expect(bare.valence == .barrier)
        #expect(bare.explanation.contains("valence: no cue decided: the codebook's default is barrier"))
        #expect(coding("The board helped.")?.valence == .enabler)
        #expect(coding("The board, mostly.", question: "What helped?")?.valence == .enabler)
        // Without a default, the same answer is neutral (questionCuesAreTheLastResort).
        #expect(try valence("The board, mostly.") == .neutral)
    }

    @Test("a contrast in the term's sentence makes the reading mixed; a wish stays a barrier", arguments: [
        ("The board helped, but only for the launch.", Valence.mixed),
        ("The board was a struggle at first, however it came round.", .mixed),
        ("The board gave us backing, but no time.", .mixed),
        ("The board helped. But the analyst left.", .enabler),
        ("I wish the board had been there, but they were not.", .barrier),
    ])
    func contrast(text: String, expected: Valence) throws {
        #expect(try valence(text) == expected)
    }

    @Test("cues on both sides are mixed unless one side has twice the other's", arguments: [
        ("The board was a struggle and a problem, though it helped once.", Valence.barrier),
        ("The board helped and made the difference, after a struggle.", .enabler),
        ("The board helped, and it was a struggle.", .mixed),
        ("Partly. The board was a struggle and a problem, it helped once.", .mixed),
    ])
    func weighedCues(text: String, expected: Valence) throws {
        #expect(try valence(text) == expected)
    }

    @Test("--explain says when one side's cues outweighed the other's")
    func weighingExplained() throws {
        let coding = try #require(codings("The board was a struggle and a problem, though it helped once.").first { $0.code == "s/sponsor" })
        #expect(coding.explanation.contains("valence: 2 barrier cues outweigh 1 enabler"))
    }
}
