import ThemisCodebook

/// Every pattern of every loaded codebook compiled into one trie over token
/// symbols. A text token maps to a few symbols (its folded form, any prefixes
/// it starts with, its exact capitals), and phrases are walked through the trie
/// from each token, so matching costs the same however many codes are loaded.
final class TokenAutomaton: Sendable {
    /// What a pattern is used for.
    enum Usage: Sendable {
        case term(code: Int)
        case requires(code: Int)
        case excludes(code: Int)
        case near(code: Int, rule: Int, side: Side)
        case cue(codebook: Int, kind: CueKind)
    }

    enum Side: Sendable { case a, b }

    enum CueKind: Sendable { case barrier, enabler, negator, counterfactual }

    private let exactSymbols: [String: Int32]
    private let capitalSymbols: [String: Int32]
    private let prefixSymbols: [String: Int32]
    private let capitalPrefixSymbols: [String: Int32]
    /// Length of the shortest and longest prefix pattern, in scalars; nil without prefixes.
    private let prefixLengths: ClosedRange<Int>?
    private let children: [[Int32: Int32]]
    /// Pattern ids ending at each trie node.
    private let accepting: [[Int32]]
    /// The text and token length of each pattern.
    let patterns: [(text: String, length: Int)]
    let usages: [[Usage]]

    /// Builds the automaton from patterns and their usages.
    init(_ entries: [(Pattern, Usage)]) {
        var exact = [String: Int32](), capitals = [String: Int32]()
        var prefixes = [String: Int32](), capitalPrefixes = [String: Int32]()
        var symbolCount: Int32 = 0
        func symbol(_ token: Pattern.Token) -> Int32 {
            func intern(_ table: inout [String: Int32]) -> Int32 {
                if let existing = table[token.text] { return existing }
                symbolCount += 1
                table[token.text] = symbolCount
                return symbolCount
            }
            switch (token.isPrefix, token.isCaseSensitive) {
            case (false, false): return intern(&exact)
            case (false, true): return intern(&capitals)
            case (true, false): return intern(&prefixes)
            case (true, true): return intern(&capitalPrefixes)
            }
        }
        var children: [[Int32: Int32]] = [[:]]
        var accepting: [[Int32]] = [[]]
        var patternIDs = [[Pattern.Token]: Int32]()
        var patterns = [(text: String, length: Int)]()
        var usages = [[Usage]]()
        for (pattern, usage) in entries {
            if let id = patternIDs[pattern.tokens] {
                usages[Int(id)].append(usage)
                continue
            }
            let id = Int32(patterns.count)
            patternIDs[pattern.tokens] = id
            patterns.append((pattern.text, pattern.tokens.count))
            usages.append([usage])
            var node: Int32 = 0
            for token in pattern.tokens {
                let s = symbol(token)
                if let next = children[Int(node)][s] {
                    node = next
                } else {
                    let next = Int32(children.count)
                    children.append([:])
                    accepting.append([])
                    children[Int(node)][s] = next
                    node = next
                }
            }
            accepting[Int(node)].append(id)
        }
        self.exactSymbols = exact
        self.capitalSymbols = capitals
        self.prefixSymbols = prefixes
        self.capitalPrefixSymbols = capitalPrefixes
        let lengths = (Array(prefixes.keys) + Array(capitalPrefixes.keys)).map(\.unicodeScalars.count)
        self.prefixLengths = lengths.min().map { $0...lengths.max()! }
        self.children = children
        self.accepting = accepting
        self.patterns = patterns
        self.usages = usages
    }

    /// The symbols of a text token, given its original and folded forms: one
    /// dictionary lookup per form and per possible prefix length.
    func symbols(original: String, folded: String) -> [Int32] {
        var result = [Int32]()
        if let s = exactSymbols[folded] { result.append(s) }
        if let s = capitalSymbols[original] { result.append(s) }
        guard let prefixLengths else { return result }
        for (word, table) in [(folded, prefixSymbols), (original, capitalPrefixSymbols)] where !table.isEmpty {
            let scalars = word.unicodeScalars
            var end = scalars.startIndex
            var length = 0
            while end < scalars.endIndex, length < prefixLengths.upperBound {
                end = scalars.index(after: end)
                length += 1
                if length >= prefixLengths.lowerBound, let s = table[String(scalars[..<end])] { result.append(s) }
            }
        }
        return result
    }

    /// Every pattern occurrence in a token sequence, as (pattern, first token, end token).
    func matches(in tokens: TokenSequence) -> [(pattern: Int32, start: Int, end: Int)] {
        var found = [(pattern: Int32, start: Int, end: Int)]()
        var states = [Int32](), next = [Int32]()
        for start in 0..<tokens.count where !tokens.symbols(at: start).isEmpty {
            states.removeAll(keepingCapacity: true)
            states.append(0)
            var position = start
            while !states.isEmpty, position < tokens.count {
                next.removeAll(keepingCapacity: true)
                for state in states {
                    for s in tokens.symbols(at: position) {
                        if let child = children[Int(state)][s] { next.append(child) }
                    }
                }
                position += 1
                for state in next {
                    for pattern in accepting[Int(state)] { found.append((pattern, start, position)) }
                }
                swap(&states, &next)
            }
        }
        return found
    }
}
