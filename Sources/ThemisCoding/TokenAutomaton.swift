import ThemisCodebook

/// Every pattern of every loaded codebook compiled into one trie over token
/// symbols. A text token maps to a few symbols (its folded form, any prefixes
/// it starts with, its exact capitals) by walking its bytes through two
/// ``WordTrie``s, and phrases are walked through the trie from each token, so
/// matching costs the same however many codes are loaded.
final class TokenAutomaton: Sendable {
    /// What a pattern is used for. Eight bytes, so that the table of usages
    /// read for every match stays small in cache however large the codebooks.
    enum Usage: Sendable {
        case term(code: Int32)
        case requires(code: Int32)
        case excludes(code: Int32)
        case near(code: Int32, rule: UInt16, side: Side)
        case cue(codebook: Int32, kind: CueKind)
    }

    enum Side: UInt8, Sendable { case a, b }

    enum CueKind: UInt8, Sendable { case barrier, enabler, negator, counterfactual, advice, mixed, contrast }

    /// Case-folded pattern words and prefixes.
    let foldedWords: WordTrie
    /// Case-sensitive pattern words and prefixes (acronyms such as `RHO`).
    let exactWords: WordTrie
    /// The phrase trie over symbols: the root's children indexed by symbol, and
    /// each other node's children as a run of edges. A node's
    /// runs sit together in one ``Node``, so reaching a node costs one load.
    private let rootChildren: [RootChild]
    private let nodes: [Node]
    private let edges: [Edge]
    /// The patterns ending at the nodes, in runs.
    private let accepts: [Accept]

    /// A child of the root, its node copied in: the root's children are where
    /// every walk begins, and a walk from one then costs one load.
    private struct RootChild {
        var state: Int32 = -1
        var node = Node(acceptStart: 0, acceptEnd: 0, edgeStart: 0, edgeEnd: 0)
    }

    /// A pattern ending at a node, with its run of `usageList`, so that a match
    /// carries what it is used for.
    private struct Accept {
        var pattern: Int32
        var usageStart: Int32, usageEnd: Int32
    }

    private struct Node {
        /// The node's run of `accepts` and of `edges`.
        var acceptStart: Int32, acceptEnd: Int32
        var edgeStart: Int32, edgeEnd: Int32
    }

    private struct Edge {
        var symbol: Int32
        var target: Int32
    }

    /// The edges of nodes with many children (after "the" or "a", say) again,
    /// in an open-addressed hash table keyed by node and symbol, so that a step
    /// from such a node costs one probe or two rather than a binary search.
    private let wideEdges: [WideEdge]
    private let wideMask: Int
    private static let wide = 8

    private struct WideEdge {
        var key: UInt64 = .max
        var target: Int32 = -1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }
    /// Each pattern as written in its codebook.
    let patternTexts: [String]
    /// What the patterns are used for, each pattern's usages in one run (see ``Match``).
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
        let usageStarts = usages.reduce(into: [Int32(0)]) { $0.append($0.last! + Int32($1.count)) }
        var nodes = [Node](), edges = [Edge](), accepts = [Accept]()
        for (node, children) in children.enumerated() {
            let edgeStart = Int32(edges.count), acceptStart = Int32(accepts.count)
            if node != 0 {
                for (symbol, child) in children.sorted(by: { $0.key < $1.key }) { edges.append(Edge(symbol: symbol, target: child)) }
            }
            accepts += accepting[node].map { Accept(pattern: $0, usageStart: usageStarts[Int($0)], usageEnd: usageStarts[Int($0) + 1]) }
            nodes.append(Node(acceptStart: acceptStart, acceptEnd: Int32(accepts.count),
                              edgeStart: edgeStart, edgeEnd: Int32(edges.count)))
        }
        var rootChildren = [RootChild](repeating: RootChild(), count: Int(symbolCount) + 1)
        for (symbol, child) in children[0] { rootChildren[Int(symbol)] = RootChild(state: child, node: nodes[Int(child)]) }
        let wideCount = nodes.reduce(0) { $0 + ($1.edgeEnd - $1.edgeStart > Self.wide ? Int($1.edgeEnd - $1.edgeStart) : 0) }
        var capacity = 16
        while capacity < 2 * wideCount { capacity *= 2 }
        var wideEdges = [WideEdge](repeating: WideEdge(), count: capacity)
        for (index, node) in nodes.enumerated() where node.edgeEnd - node.edgeStart > Self.wide {
            for edge in edges[Int(node.edgeStart)..<Int(node.edgeEnd)] {
                let key = UInt64(index) << 32 | UInt64(UInt32(edge.symbol))
                var slot = Self.slot(key, capacity - 1)
                while wideEdges[slot].target >= 0 { slot = (slot + 1) & (capacity - 1) }
                wideEdges[slot] = WideEdge(key: key, target: edge.target)
            }
        }
        self.wideEdges = wideEdges
        self.wideMask = capacity - 1
        self.rootChildren = rootChildren
        self.nodes = nodes
        self.edges = edges
        self.accepts = accepts
        self.patternTexts = patternTexts
        self.usageList = usages.flatMap { $0 }
    }

    /// True when some pattern begins with the token symbol `symbol`.
    @inline(__always)
    func startsPattern(_ symbol: Int32) -> Bool { rootChildren[Int(symbol)].state >= 0 }

    /// The child of phrase-trie node `node` (not the root) on `symbol`, if any.
    @inline(__always)
    private func child(_ state: Int32, _ node: Node, _ symbol: Int32) -> Int32? {
        if node.edgeEnd - node.edgeStart > Self.wide {
            let key = UInt64(state) << 32 | UInt64(UInt32(symbol))
            var slot = Self.slot(key, wideMask)
            while wideEdges[slot].target >= 0 {
                if wideEdges[slot].key == key { return wideEdges[slot].target }
                slot = (slot + 1) & wideMask
            }
            return nil
        }
        for edge in Int(node.edgeStart)..<Int(node.edgeEnd) where edges[edge].symbol == symbol {
            return edges[edge].target
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
                if child.state >= 0 { walk(from: child.state, child.node, start: start, end: start + 1, tokens, &found) }
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
    private func walk(from state: Int32, _ node: Node, start: Int, end: Int, _ tokens: TokenSequence, _ found: inout [Match]) {
        for k in Int(node.acceptStart)..<Int(node.acceptEnd) {
            let accept = accepts[k]
            found.append(Match(pattern: accept.pattern, usageStart: accept.usageStart, usageEnd: accept.usageEnd, start: start, end: end))
        }
        guard end < tokens.count, node.edgeStart < node.edgeEnd else { return }
        for k in tokens.symbolRange(at: end) {
            if let child = child(state, node, tokens.symbol(k)) {
                walk(from: child, nodes[Int(child)], start: start, end: end + 1, tokens, &found)
            }
        }
    }

    /// A pattern occurrence: the pattern and its token positions, end exclusive.
    struct Match {
        var pattern: Int32
        /// The pattern's run of ``usageList``.
        var usageStart: Int32, usageEnd: Int32
        var start: Int
        var end: Int
    }
}
