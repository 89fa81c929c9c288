import ThemisCodebook

/// The word tokens of one segment with their automaton symbols and where they are.
struct TokenSequence {
    /// UTF-8 byte ranges of the tokens in the segment text.
    private(set) var ranges = [Range<Int>]()
    private var symbolStarts = [Int]()
    private var flatSymbols = [Int32]()

    var count: Int { ranges.count }

    func symbols(at index: Int) -> ArraySlice<Int32> {
        flatSymbols[symbolStarts[index]..<symbolStarts[index + 1]]
    }

    /// Tokenizes `text` on its UTF-8 bytes (ASCII decided byte by byte, other
    /// scalars by their Unicode properties), looking symbols up through `cache`.
    init(_ text: String, automaton: TokenAutomaton, cache: inout SymbolCache) {
        symbolStarts.append(0)
        var text = text
        text.withUTF8 { bytes in
            var tokenStart: Int?
            var i = 0
            let n = bytes.count
            while i < n {
                let byte = bytes[i]
                let isWord: Bool
                var width = 1
                if byte < 0x80 {
                    isWord = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                } else {
                    width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    var iterator = UnsafeBufferPointer(rebasing: bytes[i..<min(n, i + width)]).makeIterator()
                    var decoder = UTF8()
                    if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                        isWord = Tokenizer.isWordScalar(scalar)
                    } else {
                        isWord = false
                    }
                }
                if isWord {
                    if tokenStart == nil { tokenStart = i }
                } else if let start = tokenStart {
                    append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self), start..<i,
                           automaton: automaton, cache: &cache)
                    tokenStart = nil
                }
                i += width
            }
            if let start = tokenStart {
                append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<n]), as: UTF8.self), start..<n,
                       automaton: automaton, cache: &cache)
            }
        }
    }

    private mutating func append(_ word: String, _ range: Range<Int>, automaton: TokenAutomaton, cache: inout SymbolCache) {
        ranges.append(range)
        flatSymbols.append(contentsOf: cache.symbols(for: word, automaton: automaton))
        symbolStarts.append(flatSymbols.count)
    }
}

/// Remembers the symbols of words already seen, so that folding and prefix tests
/// run once per distinct word rather than once per occurrence.
struct SymbolCache {
    private var known = [String: [Int32]]()
    private var folder = TextFolder()

    mutating func symbols(for word: String, automaton: TokenAutomaton) -> [Int32] {
        if let symbols = known[word] { return symbols }
        let symbols = automaton.symbols(original: word, folded: folder.fold(word))
        if known.count > 200_000 { known.removeAll(keepingCapacity: true) }
        known[word] = symbols
        return symbols
    }
}
