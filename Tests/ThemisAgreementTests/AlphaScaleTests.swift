import Testing
import ThemisAgreement

/// Alpha over tables of many distinct values (`agree --table` with interval ratings
/// or free labels) in time and memory that grow with the table, not with the square
/// of its distinct values, and equal to the coincidence-matrix definition.
struct AlphaScaleTests {
    /// Alpha straight from the definition: the q × q coincidence matrix and δ² per level.
    static func definition(_ values: [[String?]], measure: Measure) -> Double? {
        var labels = Array(Set(values.joined().compactMap { $0 }))
        let numbers = Dictionary(uniqueKeysWithValues: labels.map { ($0, Double($0)) })
        if measure != .nominal {
            if numbers.values.allSatisfy({ $0 != nil }) { labels.sort { numbers[$0]!! < numbers[$1]!! } } else { labels.sort() }
        }
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let q = labels.count
        var o = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
        for unit in values {
            let present = unit.compactMap { $0 }.map { index[$0]! }
            guard present.count >= 2 else { continue }
            for (i, c) in present.enumerated() {
                for (j, k) in present.enumerated() where i != j { o[c][k] += 1 / Double(present.count - 1) }
            }
        }
        let marginals = o.map { $0.reduce(0, +) }
        let n = marginals.reduce(0, +)
        func delta(_ c: Int, _ k: Int) -> Double {
            let a = numbers[labels[c]]! ?? 0, b = numbers[labels[k]]! ?? 0
            switch measure {
            case .nominal: return c == k ? 0 : 1
            case .ordinal:
                let between = marginals[min(c, k)...max(c, k)].reduce(0, +) - (marginals[c] + marginals[k]) / 2
                return between * between
            case .interval: return (a - b) * (a - b)
            case .ratio: return a + b == 0 ? 0 : ((a - b) / (a + b)) * ((a - b) / (a + b))
            }
        }
        var observed = 0.0, expected = 0.0
        for c in 0..<q {
            for k in 0..<q {
                observed += o[c][k] * delta(c, k)
                expected += marginals[c] * marginals[k] * delta(c, k)
            }
        }
        return expected > 0 ? 1 - (n - 1) * observed / expected : nil
    }

    @Test("alpha equals the coincidence-matrix definition on random tables", arguments: Measure.allCases)
    func matchesDefinition(measure: Measure) {
        var generator = SplitMix64(seed: 3)
        for round in 0..<60 {
            let coders = 2 + round % 4, categories = 2 + round % 9
            let values: [[String?]] = (0..<(5 + round)).map { _ in
                (0..<coders).map { _ in
                    generator.next() % 5 == 0 ? nil : String(Int(generator.next() % UInt64(categories)) - 2)
                }
            }
            let alpha = KrippendorffAlpha.alpha(ReliabilityData(values: values), measure: measure).value
            let expected = Self.definition(values, measure: measure)
            #expect((alpha == nil) == (expected == nil), "round \(round)")
            if let alpha, let expected { #expect(abs(alpha - expected) < 1e-9, "round \(round): \(alpha) vs \(expected)") }
        }
    }

    @Test("60,000 distinct values take no 60,000² matrix", .timeLimit(.minutes(1)),
          arguments: [Measure.nominal, .ordinal, .interval])
    func manyDistinctValues(measure: Measure) {
        let values: [[String?]] = (0..<30_000).map { unit in [String(Double(unit) + 0.25), String(Double(unit) + 0.5)] }
        let alpha = KrippendorffAlpha.alpha(ReliabilityData(values: values), measure: measure)
        #expect(alpha.value != nil)
        if measure == .interval { #expect(alpha.value! > 0.999) }
    }
}
