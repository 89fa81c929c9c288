/// Percentile bootstrap confidence intervals: units are resampled with
/// replacement, reproducibly for a given seed.
public struct Bootstrap: Sendable {
    public var replicates: Int
    public var seed: UInt64

    public init(replicates: Int, seed: UInt64) {
        self.replicates = replicates
        self.seed = seed
    }

    /// The 95% percentile interval of `statistic` over resamples of `unitCount` units,
    /// or nil when fewer than half the resamples give a defined value.
    public func interval95(unitCount: Int, _ statistic: ([Int]) -> Double?) -> (low: Double, high: Double)? {
        guard unitCount > 0, replicates > 0 else { return nil }
        var generator = SplitMix64(seed: seed)
        var values = [Double]()
        values.reserveCapacity(replicates)
        var sample = [Int](repeating: 0, count: unitCount)
        for _ in 0..<replicates {
            for k in 0..<unitCount { sample[k] = Int(generator.next() % UInt64(unitCount)) }
            if let value = statistic(sample) { values.append(value) }
        }
        guard values.count * 2 >= replicates else { return nil }
        values.sort()
        return (Self.quantile(values, 0.025), Self.quantile(values, 0.975))
    }

    /// Linear interpolation between order statistics (Hyndman and Fan type 7).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}

/// SplitMix64: a small, fast, seedable generator, the same on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
