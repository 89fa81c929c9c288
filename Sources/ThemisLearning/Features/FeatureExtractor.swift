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
    /// Each code id rolled up to `level`, worked out once.
    private var rolledCodes = [String: String]()
    /// Per rule code id and valence (nil: none), the vocabulary indexes of its
    /// `rule:` and `valence:` features, worked out once per code.
    private var ruleIndexes = [String: [Valence?: [Int]]]()
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
        let (ruleCodes, ruleCodings) = rules(of: segment, question: question)
        for coding in ruleCodings {
            for code in Set([coding.code, rolledUp(coding.code)]) {
                names.insert("rule:" + code)
                if let valence = coding.valence { names.insert("valence:" + code + "=" + valence.rawValue) }
            }
        }
        return (names, ruleCodes, ruleCodings)
    }

    /// The vector `features(of:question:)` gives under `vocabulary`, worked out
    /// without making the feature names of words: each word is looked up once.
    /// An extractor remembers the rules' feature indexes of the first vocabulary
    /// it is given, so use one extractor per vocabulary.
    public mutating func vector(of segment: Segment, question: Segment?, in vocabulary: FeatureVocabulary)
        -> (vector: SparseVector, ruleCodes: Set<String>, ruleCodings: [Coding]) {
        var indices = [Int]()
        var previous: Int32?
        forEachWordID(segment.text, in: vocabulary) { id in
            if let id, case let unigram = vocabulary.unigrams[Int(id)], unigram >= 0 { indices.append(unigram) }
            if let id, let previous, let bigram = vocabulary.bigrams[Int64(previous) << 32 | Int64(id)] { indices.append(bigram) }
            previous = id ?? -1
        }
        if let question {
            forEachWordID(question.text, in: vocabulary) { id in
                if let id, case let index = vocabulary.questionWords[Int(id)], index >= 0 { indices.append(index) }
            }
        }
        let (ruleCodes, ruleCodings) = rules(of: segment, question: question)
        for coding in ruleCodings {
            if let known = ruleIndexes[coding.code]?[coding.valence] {
                indices += known
                continue
            }
            var found = [Int]()
            for code in Set([coding.code, rolledUp(coding.code)]) {
                if let index = vocabulary.index(of: "rule:" + code) { found.append(index) }
                if let valence = coding.valence, let index = vocabulary.index(of: "valence:" + code + "=" + valence.rawValue) {
                    found.append(index)
                }
            }
            ruleIndexes[coding.code, default: [:]][coding.valence] = found
            indices += found
        }
        indices.sort()
        var entries = [(index: Int, value: Double)]()
        entries.reserveCapacity(indices.count)
        for index in indices where entries.last?.index != index { entries.append((index, 1.0)) }
        return (SparseVector(entries), ruleCodes, ruleCodings)
    }

    /// `code` rolled up to `level`.
    mutating func rolledUp(_ code: String) -> String {
        if let known = rolledCodes[code] { return known }
        let rolled = level.map { Code.rolledUp(code, level: $0) } ?? code
        rolledCodes[code] = rolled
        return rolled
    }

    /// The rules' codings of `segment` read after `question`, and the codes they
    /// give rolled up to `level` (none without an engine).
    private mutating func rules(of segment: Segment, question: Segment?) -> (Set<String>, [Coding]) {
        guard coder != nil else { return ([], []) }
        let codings = coder!.code(segment, question: question)
        var codes = Set<String>()
        for coding in codings { codes.insert(rolledUp(coding.code)) }
        return (codes, codings)
    }

    /// Calls `body` with the vocabulary's number of each folded word of `text`, in
    /// order (nil for a word it lacks). A run of ASCII letters and digits is folded
    /// and looked up byte by byte; a run holding other scalars is split and folded
    /// as ``words(_:)`` does.
    private mutating func forEachWordID(_ text: String, in vocabulary: FeatureVocabulary, _ body: (Int32?) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var lowered = [UInt8](repeating: 0, count: 64)
            var i = 0
            let n = bytes.count
            while i < n {
                let byte = bytes[i]
                guard byte >= 0x80 || (byte &- 0x30) < 10 || ((byte | 0x20) &- 0x61) < 26 else {
                    i += 1
                    continue
                }
                var j = i, ascii = true
                while j < n {
                    let b = bytes[j]
                    if b >= 0x80 { ascii = false } else if !((b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 26) { break }
                    j += 1
                }
                if ascii {
                    if lowered.count < j - i { lowered = [UInt8](repeating: 0, count: j - i) }
                    for k in i..<j { lowered[k - i] = bytes[k] | (bytes[k] >= 0x41 ? 0x20 : 0) }
                    body(lowered.withUnsafeBufferPointer { vocabulary.words.id(UnsafeBufferPointer(rebasing: $0[0..<(j - i)])) })
                } else {
                    for word in words(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)) {
                        var word = word
                        body(word.withUTF8 { vocabulary.words.id($0) })
                    }
                }
                i = j
            }
        }
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
    /// The feature names in index order.
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
        index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var wordIDs = [String: Int32]()
        func id(_ word: Substring) -> Int32 {
            if let known = wordIDs[String(word)] { return known }
            let next = Int32(wordIDs.count)
            wordIDs[String(word)] = next
            return next
        }
        var unigrams = [Int32: Int](), bigrams = [Int64: Int](), questionWords = [Int32: Int]()
        for (k, name) in names.enumerated() {
            if name.hasPrefix("w:") {
                unigrams[id(name.dropFirst(2))] = k
            } else if name.hasPrefix("q:") {
                questionWords[id(name.dropFirst(2))] = k
            } else if name.hasPrefix("b:"), let space = name.firstIndex(of: " ") {
                let first = id(name[name.index(name.startIndex, offsetBy: 2)..<space]), second = id(name[name.index(after: space)...])
                bigrams[Int64(first) << 32 | Int64(second)] = k
            }
        }
        words = WordTable(wordIDs)
        var unigramTable = [Int](repeating: -1, count: wordIDs.count), questionTable = unigramTable
        for (id, index) in unigrams { unigramTable[Int(id)] = index }
        for (id, index) in questionWords { questionTable[Int(id)] = index }
        self.unigrams = unigramTable
        self.bigrams = bigrams
        self.questionWords = questionTable
    }

    /// Every word of the word, pair and question features, numbered; and the
    /// features by word number (pairs by both numbers), for coding without names.
    let words: WordTable
    /// By word number: the index of its `w:` and `q:` features, or -1.
    let unigrams: [Int]
    let bigrams: [Int64: Int]
    let questionWords: [Int]

    /// The index of the feature `name`, if the vocabulary has it.
    public func index(of name: String) -> Int? { index[name] }

    public static func == (a: FeatureVocabulary, b: FeatureVocabulary) -> Bool { a.names == b.names }

    /// The number of features.
    public var count: Int { names.count }

    /// The vector of a segment's feature names; names outside the vocabulary are left out.
    public func vector(_ names: Set<String>) -> SparseVector {
        SparseVector(names.compactMap { index[$0].map { (index: $0, value: 1.0) } })
    }
}
