/// The words of the loaded patterns as a byte-level trie: a text token is
/// looked up by stepping through its UTF-8 bytes, one table load per byte,
/// with no string made and nothing hashed.
///
/// Bytes are first mapped to classes (every byte no pattern word holds shares
/// the dead class), and a trie built for folded words maps ASCII capitals to
/// the class of their small letter, so an ASCII token is folded as it is walked.
/// Node 0 is a dead sink and node 1 the root. The tables are immutable once
/// built and read through pointers, without bounds checks, in the hot loop.
final class WordTrie: @unchecked Sendable {
    static let dead: Int32 = 0
    static let root: Int32 = 1

    private let classOf: UnsafeMutableBufferPointer<UInt8>
    private let classCount: Int
    private let next: UnsafeMutableBufferPointer<Int32>
    /// The symbol of a whole-word pattern token ending at each node, or 0.
    private let wordSymbols: UnsafeMutableBufferPointer<Int32>
    /// The symbol of a prefix pattern token (`word*`) ending at each node, or 0.
    private let prefixSymbols: UnsafeMutableBufferPointer<Int32>

    /// True when no pattern word was given: every walk ends at once.
    let isEmpty: Bool

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
        var next = [Int32](repeating: 0, count: 2 * classCount)
        var wordSymbols: [Int32] = [0, 0], prefixSymbols: [Int32] = [0, 0]
        /// The node `text` ends at, added as needed.
        func insert(_ text: String) -> Int {
            var node = Int(Self.root)
            for byte in text.utf8 {
                let slot = node * classCount + Int(classOf[Int(byte)])
                if next[slot] == Self.dead {
                    next[slot] = Int32(wordSymbols.count)
                    next += repeatElement(0, count: classCount)
                    wordSymbols.append(0)
                    prefixSymbols.append(0)
                }
                node = Int(next[slot])
            }
            return node
        }
        // Sorted, so that node numbers do not depend on dictionary order.
        for (text, symbol) in words.sorted(by: { $0.key < $1.key }) { wordSymbols[insert(text)] = symbol }
        for (text, symbol) in prefixes.sorted(by: { $0.key < $1.key }) { prefixSymbols[insert(text)] = symbol }
        self.classOf = Self.copy(classOf)
        self.classCount = classCount
        self.next = Self.copy(next)
        self.wordSymbols = Self.copy(wordSymbols)
        self.prefixSymbols = Self.copy(prefixSymbols)
    }

    deinit {
        classOf.deallocate()
        next.deallocate()
        wordSymbols.deallocate()
        prefixSymbols.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return buffer
    }

    /// The node after `node` on `byte`; `dead` once no pattern word can match.
    @inline(__always)
    func step(_ node: Int32, _ byte: UInt8) -> Int32 {
        next.baseAddress.unsafelyUnwrapped[Int(node) &* classCount &+ Int(classOf.baseAddress.unsafelyUnwrapped[Int(byte)])]
    }

    /// The whole-word symbol of a token ending at `node`, or 0.
    @inline(__always)
    func wordSymbol(_ node: Int32) -> Int32 { wordSymbols.baseAddress.unsafelyUnwrapped[Int(node)] }

    /// The prefix symbol of a token passing through `node`, or 0.
    @inline(__always)
    func prefixSymbol(_ node: Int32) -> Int32 { prefixSymbols.baseAddress.unsafelyUnwrapped[Int(node)] }
}
