import ThemisCodebook

/// Every pattern of every loaded codebook compiled into one trie over token
/// symbols. A text token maps to a few symbols (its folded form, any prefixes
/// it starts with, its exact capitals) by walking its bytes through two
/// ``WordTrie``s, and phrases are walked through the trie from each token, so
/// matching costs the same however many codes are loaded.
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

    enum CueKind: Sendable { case barrier, enabler, negator, counterfactual, advice, mixed }

    /// Case-folded pattern words and prefixes.
    let foldedWords: WordTrie
    /// Case-sensitive pattern words and prefixes (acronyms such as `RHO`).
    let exactWords: WordTrie
    /// The phrase trie over symbols: the root's children indexed by symbol, and
    /// each other node's children as a run of (symbol, child) edges.
    private let rootChildren: [Int32]
    private let edgeStarts: [Int32]
    private let edgeSymbols: [Int32]
    private let edgeTargets: [Int32]
    /// Pattern ids ending at each trie node: node n's run is `acceptStarts[n]..<acceptStarts[n + 1]`.
    private let acceptStarts: [Int32]
    private let acceptPatterns: [Int32]
    /// Each pattern as written in its codebook.
    let patternTexts: [String]
    /// What each pattern is used for: pattern p's run is `usageStarts[p]..<usageStarts[p + 1]`.
    let usageStarts: [Int]
    let usageList: [Usage]

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
        var patternTexts = [String]()
        var usages = [[Usage]]()
        for (pattern, usage) in entries {
            if let id = patternIDs[pattern.tokens] {
                usages[Int(id)].append(usage)
                continue
            }
            let id = Int32(patternTexts.count)
            patternIDs[pattern.tokens] = id
            patternTexts.append(pattern.text.unshared)
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
        foldedWords = WordTrie(words: exact, prefixes: prefixes, foldsASCII: true)
        exactWords = WordTrie(words: capitals, prefixes: capitalPrefixes, foldsASCII: false)
        var rootChildren = [Int32](repeating: -1, count: Int(symbolCount) + 1)
        var edgeStarts: [Int32] = [0], edgeSymbols = [Int32](), edgeTargets = [Int32]()
        for (node, edges) in children.enumerated() {
            for (symbol, child) in edges.sorted(by: { $0.key < $1.key }) {
                if node == 0 {
                    rootChildren[Int(symbol)] = child
                } else {
                    edgeSymbols.append(symbol)
                    edgeTargets.append(child)
                }
            }
            edgeStarts.append(Int32(edgeSymbols.count))
        }
        self.rootChildren = rootChildren
        self.edgeStarts = edgeStarts
        self.edgeSymbols = edgeSymbols
        self.edgeTargets = edgeTargets
        self.acceptStarts = accepting.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        self.acceptPatterns = accepting.flatMap { $0 }
        self.patternTexts = patternTexts
        self.usageStarts = usages.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        self.usageList = usages.flatMap { $0 }
    }

    /// True when some pattern begins with the token symbol `symbol`.
    @inline(__always)
    func startsPattern(_ symbol: Int32) -> Bool { rootChildren[Int(symbol)] >= 0 }

    /// The child of phrase-trie `node` (not the root) on `symbol`, if any.
    @inline(__always)
    private func child(_ node: Int32, _ symbol: Int32) -> Int32? {
        // Edges are sorted by symbol: a short run is scanned, a long one halved.
        var low = Int(edgeStarts[Int(node)]), high = Int(edgeStarts[Int(node) + 1])
        while high - low > 8 {
            let middle = (low + high) / 2
            if edgeSymbols[middle] <= symbol { low = middle } else { high = middle }
        }
        for edge in low..<high where edgeSymbols[edge] == symbol {
            return edgeTargets[edge]
        }
        return nil
    }

    /// Every pattern occurrence in a token sequence, as (pattern, first token, end token),
    /// appended to `found` by start and then by end.
    func matches(in tokens: TokenSequence, into found: inout [Match]) {
        for start in tokens.active {
            let first = found.count
            for k in tokens.symbolRange(at: start) {
                let child = rootChildren[Int(tokens.symbol(k))]
                if child >= 0 { walk(from: child, start: start, end: start + 1, tokens, &found) }
            }
            // The walk goes depth first; shorter occurrences come first, as a
            // breadth-first walk would give them (stable, so ties keep trie order).
            if found.count - first > 1 {
                for a in (first + 1)..<found.count {
                    var b = a
                    let match = found[a]
                    while b > first, found[b - 1].end > match.end {
                        found[b] = found[b - 1]
                        b -= 1
                    }
                    found[b] = match
                }
            }
        }
    }

    /// Records the patterns accepted at `state` (tokens `start..<end` walked) and walks on.
    private func walk(from state: Int32, start: Int, end: Int, _ tokens: TokenSequence, _ found: inout [Match]) {
        for k in Int(acceptStarts[Int(state)])..<Int(acceptStarts[Int(state) + 1]) {
            found.append(Match(pattern: acceptPatterns[k], start: start, end: end))
        }
        guard end < tokens.count, edgeStarts[Int(state)] < edgeStarts[Int(state) + 1] else { return }
        for k in tokens.symbolRange(at: end) {
            if let child = child(state, tokens.symbol(k)) { walk(from: child, start: start, end: end + 1, tokens, &found) }
        }
    }

    /// A pattern occurrence: the pattern and its token positions, end exclusive.
    struct Match {
        var pattern: Int32
        var start: Int
        var end: Int
    }
}
