import ThemisCodebook

/// The word tokens of one segment with their automaton symbols and where they
/// are. One sequence is kept per coder and refilled for each segment, so its
/// arrays keep their capacity.
struct TokenSequence {
    /// One token: its UTF-8 bytes in the segment text, where its automaton
    /// symbols are, and its sentence and clause, numbered from 0 in order. A
    /// sentence ends at `.`, `?`, `!`, `;` or a line break; a clause also at
    /// `,`, `:`, brackets, dashes, an ellipsis, and before `but`, `although`,
    /// `though`, `however`, `whereas` and `except`.
    struct Token {
        var start = 0, end = 0
        var symbolStart: Int32 = 0, symbolEnd: Int32 = 0
        var sentence: Int32 = 0, clause: Int32 = 0
    }

    /// The tokens, in storage that only grows: entries from `count` on are stale.
    /// Written through a pointer, one store per token.
    private var store = [Token]()
    private var flatSymbols = [Int32]()
    /// The tokens with a symbol some pattern begins with, in order: the only places a pattern can start.
    private(set) var active = [Int]()
    private var folder = TextFolder()

    private(set) var count = 0

    /// The UTF-8 byte range of token `index` in the segment text.
    @inline(__always)
    func range(at index: Int) -> Range<Int> { store[index].start..<store[index].end }

    @inline(__always)
    func sentence(at index: Int) -> Int32 { store[index].sentence }

    @inline(__always)
    func clause(at index: Int) -> Int32 { store[index].clause }

    /// The first token starting at or after `byte`, or `count`.
    func firstToken(from byte: Int) -> Int {
        (0..<count).first { store[$0].start >= byte } ?? count
    }

    /// Where token `index`'s symbols are, for ``symbol(_:)``.
    @inline(__always)
    func symbolRange(at index: Int) -> Range<Int> { Int(store[index].symbolStart)..<Int(store[index].symbolEnd) }

    @inline(__always)
    func symbol(_ k: Int) -> Int32 { flatSymbols[k] }

    /// Tokenizes `text` and looks up each token's symbols in `automaton`'s word
    /// tries. ASCII is decided and folded byte by byte; a token holding other
    /// scalars is decided by their Unicode properties and folded as a string.
    mutating func scan(_ text: UnsafeBufferPointer<UInt8>, automaton: TokenAutomaton) {
        flatSymbols.clear()
        active.clear()
        let n = text.count
        // Tokens are separated, so there are at most half as many as bytes, rounded up.
        let bound = (n + 1) / 2 + 1
        var store = self.store
        self.store = []
        if store.count < bound { store = [Token](repeating: Token(), count: max(bound, 2 * store.count)) }
        count = store.withUnsafeMutableBufferPointer { scan(text, automaton: automaton, into: $0.baseAddress!) }
        self.store = store
    }

    private mutating func scan(_ text: UnsafeBufferPointer<UInt8>, automaton: TokenAutomaton, into tokens: UnsafeMutablePointer<Token>) -> Int {
        let folded = automaton.foldedWords.tables, exact = automaton.exactWords.tables
        let foldedRoot = automaton.foldedWords.root, exactRoot = automaton.exactWords.isEmpty ? WordTrie.dead : automaton.exactWords.root
        let n = text.count
        var count = 0
        var i = 0
        var boundary = Boundary.none
        var sentenceNumber: Int32 = 0, clauseNumber: Int32 = 0
        while i < n {
            if text[i] == 0x20 {
                i += 1
                continue
            }
            guard let width = Self.wordWidth(text, at: i) else {
                boundary = max(boundary, Self.boundary(text, at: i))
                i += Self.width(of: text[i])
                continue
            }
            let start = i
            var foldedNode = foldedRoot, exactNode = exactRoot
            var ascii = width == 1
            // An ASCII token's first byte is stepped by the loop below with the rest.
            if !ascii { i += width }
            while i < n {
                let byte = text[i]
                if byte < 0x80 {
                    guard Self.isWordASCII(byte) else { break }
                    if ascii, foldedNode != WordTrie.dead {
                        let (node, endsPrefix) = folded.step(foldedNode, byte)
                        foldedNode = node
                        if endsPrefix { flatSymbols.append(folded.prefixSymbol(node)) }
                    }
                    if ascii, exactNode != WordTrie.dead {
                        let (node, endsPrefix) = exact.step(exactNode, byte)
                        exactNode = node
                        if endsPrefix { flatSymbols.append(exact.prefixSymbol(node)) }
                    }
                    i += 1
                } else {
                    guard let width = Self.wordWidth(text, at: i) else { break }
                    ascii = false
                    i += width
                }
            }
            let run = count == 0 ? 0 : Int(tokens[count - 1].symbolEnd)
            if ascii {
                // Whole words come before prefixes, the folded form before the exact one.
                if case let s = exact.wordSymbol(exactNode), s != 0 { insert(s, at: run) }
                if case let s = folded.wordSymbol(foldedNode), s != 0 { insert(s, at: run) }
            } else {
                flatSymbols.removeSubrange(run...)
                let original = UnsafeBufferPointer(rebasing: text[start..<i])
                walk(folded, from: foldedRoot, Array(folder.fold(String(decoding: original, as: UTF8.self)).utf8))
                if exactRoot != WordTrie.dead { walk(exact, from: exactRoot, original) }
            }
            for k in run..<flatSymbols.count where automaton.startsPattern(flatSymbols[k]) {
                active.append(count)
                break
            }
            if boundary == .none, ascii, Self.opensClause(text, start..<i) { boundary = .clause }
            if count > 0 {
                if boundary == .sentence { sentenceNumber += 1 }
                if boundary != .none { clauseNumber += 1 }
            }
            boundary = .none
            tokens[count] = Token(start: start, end: i, symbolStart: Int32(run), symbolEnd: Int32(flatSymbols.count),
                                  sentence: sentenceNumber, clause: clauseNumber)
            count += 1
        }
        return count
    }

    /// What a separator ends: nothing, a clause or a sentence.
    enum Boundary: Int, Comparable {
        case none, clause, sentence
        static func < (a: Boundary, b: Boundary) -> Bool { a.rawValue < b.rawValue }
    }

    /// The boundary the separator scalar at `i` marks.
    private static func boundary(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Boundary {
        let n = text.count
        switch text[i] {
        case UInt8(ascii: "."):
            // An ellipsis is a pause; a point between digits is a decimal point.
            if i + 1 < n, text[i + 1] == UInt8(ascii: ".") { return .clause }
            if i > 0, text[i - 1] == UInt8(ascii: ".") { return .clause }
            if i > 0, i + 1 < n, (text[i - 1] &- 0x30) < 10, (text[i + 1] &- 0x30) < 10 { return .none }
            return .sentence
        case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ";"), 0x0A, 0x0D: return .sentence
        case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"):
            return .clause
        case UInt8(ascii: "-"):
            // A hyphen with space on both sides is a dash; inside a word it joins.
            let spaced = i > 0 && text[i - 1] == 0x20 && i + 1 < n && text[i + 1] == 0x20
            return spaced ? .clause : .none
        case 0xE2:
            // U+2013 en dash, U+2014 em dash, U+2026 ellipsis.
            guard i + 2 < n, text[i + 1] == 0x80 else { return .none }
            return text[i + 2] == 0x93 || text[i + 2] == 0x94 || text[i + 2] == 0xA6 ? .clause : .none
        default: return .none
        }
    }

    /// Whether the ASCII token in `range` is a word that opens a contrasting clause:
    /// `but`, `although`, `though`, `however`, `whereas` or `except`, compared as
    /// their lowercased bytes packed into one integer.
    private static func opensClause(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let first = text[range.lowerBound] | 0x20
        switch (first, range.count) {
        case (UInt8(ascii: "b"), 3), (UInt8(ascii: "a"), 8), (UInt8(ascii: "t"), 6), (UInt8(ascii: "h"), 7),
             (UInt8(ascii: "w"), 7), (UInt8(ascii: "e"), 6):
            break
        default:
            return false
        }
        var word = 0 as UInt64
        for k in range { word = word << 8 | UInt64(text[k] | 0x20) }
        switch word {
        case 0x627574,  // but
             0x616c74686f756768,  // although
             0x74686f756768,  // though
             0x686f7765766572,  // however
             0x77686572656173,  // whereas
             0x657863657074:  // except
            return true
        default:
            return false
        }
    }

    /// Walks a whole token through `trie`, adding the word symbol and then the prefix symbols it meets.
    private mutating func walk<Bytes: Collection<UInt8>>(_ trie: WordTrie.Tables, from root: Int32, _ token: Bytes) {
        let run = flatSymbols.count
        var node = root
        for byte in token {
            let (next, endsPrefix) = trie.step(node, byte)
            node = next
            if node == WordTrie.dead { return }
            if endsPrefix { flatSymbols.append(trie.prefixSymbol(node)) }
        }
        if case let s = trie.wordSymbol(node), s != 0 { insert(s, at: run) }
    }

    /// Puts a word symbol before the token's prefix symbols (which most tokens have none of).
    @inline(__always)
    private mutating func insert(_ symbol: Int32, at run: Int) {
        if run == flatSymbols.count { flatSymbols.append(symbol) } else { flatSymbols.insert(symbol, at: run) }
    }

    @inline(__always)
    private static func isWordASCII(_ byte: UInt8) -> Bool {
        (byte &- 0x30) < 10 || ((byte | 0x20) &- 0x61) < 26
    }

    /// The UTF-8 width of the scalar starting with `byte` (1 for a stray continuation byte).
    @inline(__always)
    private static func width(of byte: UInt8) -> Int {
        byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    /// The width of the word scalar at `i`, or nil when the scalar there separates words.
    @inline(__always)
    private static func wordWidth(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let byte = text[i]
        if byte < 0x80 { return isWordASCII(byte) ? 1 : nil }
        let width = min(Self.width(of: byte), text.count - i)
        var iterator = UnsafeBufferPointer(rebasing: text[i..<i + width]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), Tokenizer.isWordScalar(scalar) else { return nil }
        return width
    }
}
