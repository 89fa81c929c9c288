/// The words of the loaded patterns as a byte-level trie: a text token is
/// looked up by stepping through its UTF-8 bytes, with no string made and
/// nothing hashed.
///
/// Bytes are first mapped to classes (every byte no pattern word holds shares
/// the dead class 0), and a trie built for folded words maps ASCII capitals to
/// the class of their small letter, so an ASCII token is folded as it is walked.
///
/// The trie is a double array: the child of node `s` on class `c` is slot
/// `base[s] + c`, valid when that slot's `check` names `s` as its parent. Its
/// table stays a few times the number of nodes, small enough to stay in cache
/// as text streams past, where one row per node and class would not. A slot
/// holds its node's `base` beside its `check`, so the load that checks a step
/// also brings in what the next step reads.
/// The sign bit of `check` marks a node where a prefix pattern ends, so the walk
/// knows without another load. Slot 0 is the dead node; the tables are
/// immutable once built and read through ``Tables`` in the hot loop.
final class WordTrie: @unchecked Sendable {
    static let dead: Int32 = 0
    private static let prefixFlag = Int32.min
    private static let free: Int32 = -1
    /// The root's `check`: a taken slot that is no node's child.
    private static let rootCheck = Int32.max - 1

    /// The root node.
    let root: Int32 = 1
    /// True when no pattern word was given: every walk ends at once.
    let isEmpty: Bool
    private let classOf: UnsafeMutableBufferPointer<UInt8>
    private let slots: UnsafeMutableBufferPointer<Slot>
    /// The symbols of the pattern tokens ending at each node, or 0.
    private let symbols: UnsafeMutableBufferPointer<Symbols>

    /// One node of the double array.
    struct Slot {
        var base: Int32 = 0
        var check: Int32 = WordTrie.free
    }

    struct Symbols {
        /// The symbol of a whole-word pattern token ending here, or 0.
        var word: Int32 = 0
        /// The symbol of a prefix pattern token (`word*`) ending here, or 0.
        var prefix: Int32 = 0
    }

    /// Builds the trie of `words` and `prefixes` (their text and symbol);
    /// `foldsASCII` makes ASCII capitals step as their small letters.
    init(words: [String: Int32], prefixes: [String: Int32], foldsASCII: Bool) {
        isEmpty = words.isEmpty && prefixes.isEmpty
        var classOf = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for text in Array(words.keys) + Array(prefixes.keys) {
            for byte in text.utf8 where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        if foldsASCII {
            for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(upper)] = classOf[Int(upper | 0x20)] }
        }

        // A plain trie first: children by class, and the symbols ending at each node.
        var children: [[(class: Int, node: Int)]] = [[]]
        var ending: [(word: Int32, prefix: Int32)] = [(0, 0)]
        func insert(_ text: String) -> Int {
            var node = 0
            for byte in text.utf8 {
                let c = Int(classOf[Int(byte)])
                if let child = children[node].first(where: { $0.class == c }) {
                    node = child.node
                } else {
                    children.append([])
                    ending.append((0, 0))
                    children[node].append((c, children.count - 1))
                    node = children.count - 1
                }
            }
            return node
        }
        // Sorted, so that the tables do not depend on dictionary order.
        for (text, symbol) in words.sorted(by: { $0.key < $1.key }) { ending[insert(text)].word = symbol }
        for (text, symbol) in prefixes.sorted(by: { $0.key < $1.key }) { ending[insert(text)].prefix = symbol }

        // Then each node's children placed at the first base where all their slots are free.
        var slots = [Slot(), Slot()], symbols = [Symbols(), Symbols()]
        func reserve(_ slot: Int) {
            while slots.count <= slot {
                slots.append(Slot())
                symbols.append(Symbols())
            }
        }
        var queue = [(node: 0, slot: 1)]
        slots[1].check = Self.rootCheck
        var firstFree = 2
        var head = 0
        while head < queue.count {
            let (node, slot) = queue[head]
            head += 1
            symbols[slot] = Symbols(word: ending[node].word, prefix: ending[node].prefix)
            let kids = children[node].sorted { $0.class < $1.class }
            guard let lowest = kids.first?.class else { continue }
            while firstFree < slots.count, slots[firstFree].check != Self.free { firstFree += 1 }
            var b = max(1, firstFree - lowest)
            while true {
                reserve(b + kids.last!.class)
                if kids.allSatisfy({ slots[b + $0.class].check == Self.free }) { break }
                b += 1
            }
            slots[slot].base = Int32(b)
            for kid in kids {
                let child = b + kid.class
                slots[child].check = Int32(slot) | (ending[kid.node].prefix != 0 ? Self.prefixFlag : 0)
                queue.append((kid.node, child))
            }
        }
        // Room for a step from any node on any class without reading past the end.
        reserve(Int(slots.map(\.base).max()!) + classCount)
        self.classOf = Self.copy(classOf)
        self.slots = Self.copy(slots)
        self.symbols = Self.copy(symbols)
    }

    deinit {
        classOf.deallocate()
        slots.deallocate()
        symbols.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return buffer
    }

    /// The tables for the hot loop, valid while this trie is alive.
    var tables: Tables {
        Tables(classOf: classOf.baseAddress.unsafelyUnwrapped, slots: slots.baseAddress.unsafelyUnwrapped,
               symbols: symbols.baseAddress.unsafelyUnwrapped)
    }

    /// The trie's tables as plain pointers, so that a loop holding them in
    /// registers does not reload them from the trie at every byte.
    struct Tables {
        fileprivate let classOf: UnsafeMutablePointer<UInt8>
        fileprivate let slots: UnsafeMutablePointer<Slot>
        fileprivate let symbols: UnsafeMutablePointer<Symbols>

        /// The node after `node` on `byte` (`dead` once no pattern word can match),
        /// and whether a prefix pattern ends there.
        @inline(__always)
        func step(_ node: Int32, _ byte: UInt8) -> (node: Int32, endsPrefix: Bool) {
            let slot = slots[Int(node)].base &+ Int32(classOf[Int(byte)])
            let parent = slots[Int(slot)].check
            guard parent & Int32.max == node else { return (WordTrie.dead, false) }
            return (slot, parent < 0)
        }

        /// The whole-word symbol of a token ending at `node`, or 0.
        @inline(__always)
        func wordSymbol(_ node: Int32) -> Int32 { symbols[Int(node)].word }

        /// The prefix symbol of a token passing through `node`, or 0.
        @inline(__always)
        func prefixSymbol(_ node: Int32) -> Int32 { symbols[Int(node)].prefix }
    }
}
