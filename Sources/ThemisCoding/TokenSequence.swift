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

    /// Tokenizes `text`, looking symbols up through `cache` (original token -> symbols).
    init(_ text: String, automaton: TokenAutomaton, cache: inout SymbolCache) {
        symbolStarts.append(0)
        var byteOffset = 0
        var tokenStart: Int?
        var scalarsStart = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let isWord = Tokenizer.isWordScalar(scalar)
            if isWord, tokenStart == nil {
                tokenStart = byteOffset
                scalarsStart = index
            } else if !isWord, let start = tokenStart {
                append(String(scalars[scalarsStart..<index]), start..<byteOffset, automaton: automaton, cache: &cache)
                tokenStart = nil
            }
            byteOffset += UTF8.width(scalar)
            index = scalars.index(after: index)
        }
        if let start = tokenStart {
            append(String(scalars[scalarsStart..<scalars.endIndex]), start..<byteOffset, automaton: automaton, cache: &cache)
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
