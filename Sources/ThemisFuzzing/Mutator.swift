import ThemisAgreement

/// Inputs made from seeds by blind mutation: bit flips, byte inserts and deletes,
/// chunk duplication, truncation, splicing two seeds, interesting values (0, -1,
/// 0x7F.., markup and zip signatures) written over bytes, and zip header fields
/// (sizes, offsets, counts, name lengths) set to 0, 0xFFFF.. (the ZIP64 marker) or noise.
///
/// Input `n` of a stream depends only on the seeds, the stream's seed and `n`,
/// so any input can be made again from those three numbers.
public struct Mutator: Sendable {
    public let seeds: [[UInt8]]
    public let seed: UInt64
    /// Inputs grow to at most this many bytes.
    public var maximumLength: Int

    public init(seeds: [[UInt8]], seed: UInt64, maximumLength: Int = 1 << 20) {
        self.seeds = seeds.isEmpty ? [[]] : seeds
        self.seed = seed
        self.maximumLength = maximumLength
    }

    static let interesting: [[UInt8]] = [
        [0x00], [0xFF], [0x7F], [0x80], [0x00, 0x00], [0xFF, 0xFF], [0xFF, 0x7F],
        [0x00, 0x00, 0x00, 0x00], [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0x7F], [0x00, 0x00, 0x00, 0x80],
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
        [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x01, 0x02], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x06, 0x06],
        Array("<".utf8), Array(">".utf8), Array("</".utf8), Array("\"".utf8), Array("&".utf8), Array("\n".utf8),
        Array("\r\n".utf8), Array(",".utf8), Array("\t".utf8), Array(":".utf8), Array("#".utf8), Array("%".utf8),
        Array("*".utf8), Array("-->".utf8), Array("1e308".utf8), Array("-1".utf8), Array("NaN".utf8),
        Array("99999999999999999999".utf8), [0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xC3], [0xF0, 0x9F, 0x98],
    ]

    /// Input `n`: each seed once in order, then mutations of them.
    public func input(_ n: Int) -> [UInt8] {
        if n < seeds.count { return seeds[n] }
        var generator = SplitMix64(seed: seed ^ (UInt64(n) &* 0xD6E8_FEB8_6659_FD93))
        var bytes = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            mutate(&bytes, using: &generator)
        }
        if bytes.count > maximumLength { bytes.removeSubrange(maximumLength...) }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], using generator: inout SplitMix64) {
        func position(_ extra: Int = 0) -> Int { Int.random(in: 0..<(bytes.count + extra), using: &generator) }
        if bytes.isEmpty {
            bytes = (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return
        }
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            bytes[position()] ^= 1 << UInt8.random(in: 0...7, using: &generator)
        case 1:
            bytes[position()] = UInt8.random(in: 0...255, using: &generator)
        case 2:
            let count = Int.random(in: 1...16, using: &generator)
            let byte = UInt8.random(in: 0...255, using: &generator)
            bytes.insert(contentsOf: repeatElement(byte, count: count), at: position(1))
        case 3:
            let start = position()
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...64, using: &generator)))
        case 4:
            let start = position()
            let chunk = bytes[start..<min(bytes.count, start + Int.random(in: 1...256, using: &generator))]
            bytes.insert(contentsOf: chunk, at: position(1))
        case 5:
            bytes.removeSubrange(position()...)
        case 6:
            let other = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
            guard !other.isEmpty else { return }
            let cut = position()
            bytes = Array(bytes[..<cut]) + other[Int.random(in: 0..<other.count, using: &generator)...]
        case 7:
            let value = Self.interesting[Int.random(in: 0..<Self.interesting.count, using: &generator)]
            let start = position()
            bytes.replaceSubrange(start..<min(bytes.count, start + value.count), with: value)
        case 8:
            let value = Self.interesting[Int.random(in: 0..<Self.interesting.count, using: &generator)]
            bytes.insert(contentsOf: value, at: position(1))
        default:
            mutateZipField(&bytes, using: &generator)
        }
    }

    /// Zip record signatures and the offsets of their 2- and 4-byte fields.
    static let zipFields: [(signature: [UInt8], fields: [(offset: Int, width: Int)])] = [
        ([0x50, 0x4B, 0x03, 0x04], [(8, 2), (18, 4), (22, 4), (26, 2), (28, 2)]),
        ([0x50, 0x4B, 0x01, 0x02], [(10, 2), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (42, 4)]),
        ([0x50, 0x4B, 0x05, 0x06], [(8, 2), (10, 2), (12, 4), (16, 4), (20, 2)]),
    ]

    /// Sets one field of one zip record found in `bytes`; no change when there is none.
    private func mutateZipField(_ bytes: inout [UInt8], using generator: inout SplitMix64) {
        var records = [(start: Int, fields: [(offset: Int, width: Int)])]()
        for index in 0..<max(0, bytes.count - 3) where bytes[index] == 0x50 && bytes[index + 1] == 0x4B {
            if let kind = Self.zipFields.first(where: { bytes[index..<(index + 4)].elementsEqual($0.signature) }) {
                records.append((index, kind.fields))
            }
        }
        guard let record = records.randomElement(using: &generator),
              let field = record.fields.randomElement(using: &generator) else { return }
        let start = record.start + field.offset
        guard start + field.width <= bytes.count else { return }
        let value: UInt64
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: value = 0
        case 1: value = .max
        case 2: value = UInt64.random(in: 0...16, using: &generator)
        default: value = generator.next()
        }
        for k in 0..<field.width { bytes[start + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    }
}
