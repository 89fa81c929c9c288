import ThemisCodebook
import ThemisCoding
import ThemisModel

/// What a classifier sees of a segment, as feature names:
///
/// - `w:WORD` and `b:WORD WORD`: the segment's words and word pairs, split and
///   folded as the coding engine splits and folds them;
/// - `q:WORD`: the words of the interviewer's question the segment answers;
/// - `rule:CODE` and `valence:CODE=VALENCE`: the codes the rule engine gives the
///   segment (read with its question), leaf and rolled up to `level`, and their
///   valences, so that rules are evidence rather than verdicts.
public struct FeatureExtractor {
    private var coder: SegmentCoder?
    private var folder = TextFolder()
    /// The level rule codes are also rolled up to (nil: leaf codes only).
    public let level: Int?

    /// An extractor that reads rules from `engine` (nil: words only).
    public init(engine: CodingEngine?, level: Int?) {
        coder = engine?.makeCoder()
        self.level = level
    }

    /// The features of `segment` read after `question`, the codes the rules gave
    /// it (rolled up to `level`), and the rules' codings themselves.
    public mutating func features(of segment: Segment, question: Segment?)
        -> (names: Set<String>, ruleCodes: Set<String>, ruleCodings: [Coding]) {
        var names = Set<String>()
        let words = self.words(segment.text)
        for word in words { names.insert("w:" + word) }
        for k in words.indices.dropFirst() { names.insert("b:" + words[k - 1] + " " + words[k]) }
        if let question {
            for word in self.words(question.text) { names.insert("q:" + word) }
        }
        var ruleCodes = Set<String>(), ruleCodings = [Coding]()
        if var coder {
            ruleCodings = coder.code(segment, question: question)
            for coding in ruleCodings {
                let rolled = level.map { Code.rolledUp(coding.code, level: $0) } ?? coding.code
                ruleCodes.insert(rolled)
                for code in Set([coding.code, rolled]) {
                    names.insert("rule:" + code)
                    if let valence = coding.valence { names.insert("valence:" + code + "=" + valence.rawValue) }
                }
            }
            self.coder = coder
        }
        return (names, ruleCodes, ruleCodings)
    }

    /// The folded words of `text`, in order.
    private mutating func words(_ text: String) -> [String] {
        var words = [String]()
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if Tokenizer.isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(folder.fold(String(current)))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(folder.fold(String(current))) }
        return words
    }
}

/// The features a model knows, each with its index: those seen in at least
/// `minimumCount` training segments, in name order.
public struct FeatureVocabulary: Sendable, Equatable {
    public let names: [String]
    private let index: [String: Int]

    /// The vocabulary of `examples` (each a segment's feature names).
    public init(_ examples: [Set<String>], minimumCount: Int = 2) {
        var counts = [String: Int]()
        for names in examples { for name in names { counts[name, default: 0] += 1 } }
        self.init(names: counts.filter { $0.value >= minimumCount }.map(\.key).sorted())
    }

    /// A vocabulary of exactly `names`, in that order (as a model file stores it).
    public init(names: [String]) {
        self.names = names
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    public var count: Int { names.count }

    /// The vector of a segment's feature names; names outside the vocabulary are left out.
    public func vector(_ names: Set<String>) -> SparseVector {
        SparseVector(names.compactMap { index[$0].map { (index: $0, value: 1.0) } })
    }
}
