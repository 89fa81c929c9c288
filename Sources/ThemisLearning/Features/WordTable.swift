/// The words of a vocabulary, looked up by their folded UTF-8 bytes without
/// making a string: open addressing over FNV-1a hashes, the words' bytes kept
/// in one array. Built once per model; read-only afterwards.
struct WordTable: Sendable {
    private var slots: [Int32]            // word number + 1, or 0 for empty
    private var starts = [Int32](), lengths = [Int32]()
    private var bytes = [UInt8]()
    private let mask: Int

    /// A table of `words`, each numbered as given.
    init(_ words: [String: Int32]) {
        var capacity = 16
        while capacity < words.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = [Int32](repeating: 0, count: capacity)
        starts = [Int32](repeating: 0, count: words.count)
        lengths = [Int32](repeating: 0, count: words.count)
        for (word, id) in words.sorted(by: { $0.value < $1.value }) {
            let utf8 = Array(word.utf8)
            starts[Int(id)] = Int32(bytes.count)
            lengths[Int(id)] = Int32(utf8.count)
            bytes += utf8
            var slot = Self.hash(utf8) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = id + 1
        }
    }

    /// The number of the word whose bytes are `word`, if the table has it.
    func id(_ word: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Self.hash(word) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let id = Int(entry - 1)
            if Int(lengths[id]) == word.count {
                let start = Int(starts[id])
                var equal = true
                for k in 0..<word.count where bytes[start + k] != word[k] {
                    equal = false
                    break
                }
                if equal { return entry - 1 }
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private static func hash<Bytes: Collection<UInt8>>(_ word: Bytes) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in word { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
