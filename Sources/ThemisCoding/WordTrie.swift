/// The words of the loaded patterns as a byte-level trie: a text token is
/// looked up by stepping through its UTF-8 bytes, one table load per byte,
/// with no string made and nothing hashed.
///
/// Bytes are first mapped to classes (every byte no pattern word holds shares
/// the dead class 0), and a trie built for folded words maps ASCII capitals to
/// the class of their small letter, so an ASCII token is folded as it is walked.
///
/// A node is the offset of its row in one table: a column per class, then the
/// node's word symbol and prefix symbol (0 for none). Row 0 is a dead sink.
/// Keeping offsets rather than node numbers spares each step a multiplication,
/// and a step into a node where a prefix ends carries the sign bit, so the walk
/// knows without another load. The table is immutable once built and read
/// through a pointer, without bounds checks, in the hot loop.
final class WordTrie: @unchecked Sendable {
    static let dead: Int32 = 0
    private static let prefixFlag = Int32.min

    /// The root node.
    let root: Int32
    /// True when no pattern word was given: every walk ends at once.
    let isEmpty: Bool
    private let classOf: UnsafeMutableBufferPointer<UInt8>
    private let classCount: Int
    private let table: UnsafeMutableBufferPointer<Int32>

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
        let rowSize = classCount + 2
        var table = [Int32](repeating: 0, count: 2 * rowSize)
        /// The node `text` ends at, added as needed.
        func insert(_ text: String) -> Int {
            var node = rowSize
            for byte in text.utf8 {
                let slot = node + Int(classOf[Int(byte)])
                if table[slot] == Self.dead {
                    table[slot] = Int32(table.count)
                    table += repeatElement(0, count: rowSize)
                }
                node = Int(table[slot])
            }
            return node
        }
        // Sorted, so that the table does not depend on dictionary order.
        for (text, symbol) in words.sorted(by: { $0.key < $1.key }) { table[insert(text) + classCount] = symbol }
        for (text, symbol) in prefixes.sorted(by: { $0.key < $1.key }) { table[insert(text) + classCount + 1] = symbol }
        for row in stride(from: 0, to: table.count, by: rowSize) {
            for slot in row..<(row + classCount) where table[slot] != Self.dead && table[Int(table[slot]) + classCount + 1] != 0 {
                table[slot] |= Self.prefixFlag
            }
        }
        self.root = Int32(rowSize)
        self.classCount = classCount
        self.classOf = Self.copy(classOf)
        self.table = Self.copy(table)
    }

    deinit {
        classOf.deallocate()
        table.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return buffer
    }

    /// The node after `node` on `byte` (`dead` once no pattern word can match),
    /// and whether a prefix pattern ends there.
    @inline(__always)
    func step(_ node: Int32, _ byte: UInt8) -> (node: Int32, endsPrefix: Bool) {
        let entry = table.baseAddress.unsafelyUnwrapped[Int(node) &+ Int(classOf.baseAddress.unsafelyUnwrapped[Int(byte)])]
        return (entry & Int32.max, entry < 0)
    }

    /// The whole-word symbol of a token ending at `node`, or 0.
    @inline(__always)
    func wordSymbol(_ node: Int32) -> Int32 { table.baseAddress.unsafelyUnwrapped[Int(node) &+ classCount] }

    /// The prefix symbol of a token passing through `node`, or 0.
    @inline(__always)
    func prefixSymbol(_ node: Int32) -> Int32 { table.baseAddress.unsafelyUnwrapped[Int(node) &+ classCount &+ 1] }
}
