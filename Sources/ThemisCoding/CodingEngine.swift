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
        var polarity: Polarity?
    }

    let automaton: TokenAutomaton
    let codes: [CodeRule]
    /// Each code's place in code id order, and the code at each place.
    let codeRank: [Int]
    let codeByRank: [Int]
    /// Each codebook's valence window, nil for a codebook without valence.
    let valenceWindow: [Int?]
    /// Each codebook's valence for a coding no cue decides, nil for `neutral`.
    let valenceDefault: [Polarity?]
    private let codebooks: [Codebook]
    /// The name written in the `coder` field.
    public let coderName: String

    public init(codebooks: [Codebook], coderName: String = "themis") {
        var entries = [(Pattern, TokenAutomaton.Usage)]()
        var codes = [CodeRule]()
        for (bookIndex, book) in codebooks.enumerated() {
            let bookIndex = Int32(bookIndex)
            for code in book.allCodes where code.hasRules {
                let index = Int32(codes.count)
                codes.append(CodeRule(id: code.id.unshared, codebook: Int(bookIndex), hasRequires: !code.requires.isEmpty,
                                      near: code.near.map(\.within), polarity: code.polarity))
                entries += code.terms.map { ($0, .term(code: index)) }
                entries += code.requires.map { ($0, .requires(code: index)) }
                entries += code.excludes.map { ($0, .excludes(code: index)) }
                for (ruleIndex, rule) in code.near.enumerated() {
                    let rule16 = UInt16(min(ruleIndex, Int(UInt16.max)))
                    entries += rule.a.map { ($0, .near(code: index, rule: rule16, side: .a)) }
                    entries += rule.b.map { ($0, .near(code: index, rule: rule16, side: .b)) }
                }
            }
            if let rules = book.valence {
                entries += rules.barrier.map { ($0, .cue(codebook: bookIndex, kind: .barrier)) }
                entries += rules.enabler.map { ($0, .cue(codebook: bookIndex, kind: .enabler)) }
                entries += rules.negators.map { ($0, .cue(codebook: bookIndex, kind: .negator)) }
                entries += rules.counterfactuals.map { ($0, .cue(codebook: bookIndex, kind: .counterfactual)) }
                entries += rules.advice.map { ($0, .cue(codebook: bookIndex, kind: .advice)) }
                entries += rules.mixed.map { ($0, .cue(codebook: bookIndex, kind: .mixed)) }
                entries += rules.contrast.map { ($0, .cue(codebook: bookIndex, kind: .contrast)) }
            }
        }
        self.automaton = TokenAutomaton(entries)
        self.codes = codes
        let byRank = codes.indices.sorted { codes[$0].id < codes[$1].id }
        var codeRank = [Int](repeating: 0, count: codes.count)
        for (rank, index) in byRank.enumerated() { codeRank[index] = rank }
        self.codeRank = codeRank
        self.codeByRank = byRank
        self.valenceWindow = codebooks.map { $0.valence?.window }
        self.valenceDefault = codebooks.map { $0.valence?.defaultValence }
        self.codebooks = codebooks
        self.coderName = coderName.unshared
    }

    /// A coder for one thread. It codes on its own replica of the engine, so
    /// that threads coding side by side never count references to the same
    /// strings and tables (a cost that grows with every coding made).
    public func makeCoder(explain: Bool = false) -> SegmentCoder {
        SegmentCoder(engine: CodingEngine(codebooks: codebooks, coderName: coderName), explain: explain)
    }
}

extension String {
    /// The same text in storage of its own, shared with no other string.
    var unshared: String { String(decoding: Array(utf8), as: UTF8.self) }
}
