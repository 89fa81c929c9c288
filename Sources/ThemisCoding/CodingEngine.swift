import ThemisCodebook
import ThemisModel

/// Codes segments against codebooks.
///
/// All patterns of all codebooks are compiled once into one ``TokenAutomaton``;
/// each segment is tokenized and scanned once, and `requires`, `excludes`, `near`
/// and valence are then resolved from the match positions.
///
/// ```swift
/// let engine = CodingEngine(codebooks: [musiqAR, principles])
/// var coder = engine.makeCoder()
/// let codings = coder.code(segment)
/// ```
public final class CodingEngine: Sendable {
    struct CodeRule: Sendable {
        var id: String
        var codebook: Int
        var hasRequires: Bool
        var near: [Int]  // within, per near rule
    }

    let automaton: TokenAutomaton
    let codes: [CodeRule]
    /// Each code's place in code id order, and the code at each place.
    let codeRank: [Int]
    let codeByRank: [Int]
    let valence: [ValenceRules?]
    /// The name written in the `coder` field.
    public let coderName: String

    public init(codebooks: [Codebook], coderName: String = "themis") {
        var entries = [(Pattern, TokenAutomaton.Usage)]()
        var codes = [CodeRule]()
        for (bookIndex, book) in codebooks.enumerated() {
            for code in book.allCodes where code.hasRules {
                let index = codes.count
                codes.append(CodeRule(id: code.id, codebook: bookIndex, hasRequires: !code.requires.isEmpty,
                                      near: code.near.map(\.within)))
                entries += code.terms.map { ($0, .term(code: index)) }
                entries += code.requires.map { ($0, .requires(code: index)) }
                entries += code.excludes.map { ($0, .excludes(code: index)) }
                for (ruleIndex, rule) in code.near.enumerated() {
                    entries += rule.a.map { ($0, .near(code: index, rule: ruleIndex, side: .a)) }
                    entries += rule.b.map { ($0, .near(code: index, rule: ruleIndex, side: .b)) }
                }
            }
            if let rules = book.valence {
                entries += rules.barrier.map { ($0, .cue(codebook: bookIndex, kind: .barrier)) }
                entries += rules.enabler.map { ($0, .cue(codebook: bookIndex, kind: .enabler)) }
                entries += rules.negators.map { ($0, .cue(codebook: bookIndex, kind: .negator)) }
                entries += rules.counterfactuals.map { ($0, .cue(codebook: bookIndex, kind: .counterfactual)) }
            }
        }
        self.automaton = TokenAutomaton(entries)
        self.codes = codes
        let byRank = codes.indices.sorted { codes[$0].id < codes[$1].id }
        var codeRank = [Int](repeating: 0, count: codes.count)
        for (rank, index) in byRank.enumerated() { codeRank[index] = rank }
        self.codeRank = codeRank
        self.codeByRank = byRank
        self.valence = codebooks.map(\.valence)
        self.coderName = coderName
    }

    /// A coder for one thread: it keeps a cache of the words it has seen.
    public func makeCoder(explain: Bool = false) -> SegmentCoder {
        SegmentCoder(engine: self, explain: explain)
    }
}
