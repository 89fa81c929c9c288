import Testing
@testable import ThemisAgreement

/// Per-code reports, pairs, pooling, gold comparison and bootstrap, on small cases computed by hand.
struct ReportTests {
    /// Three coders, six units, two codes.
    static let judgements = CodingJudgements(
        coders: ["ann", "ben", "themis"],
        units: ["d#1", "d#2", "d#3", "d#4", "d#5", "d#6"],
        codes: ["c/a", "c/b"],
        applied: [
            "c/a": [[0, 1, 2], [0, 1], [0, 1, 2, 3]],
            "c/b": [[4], [4], []],
        ])

    @Test("presence/absence data per code: 1 applied, 0 not, nil not judged")
    func data() {
        let data = Self.judgements.reliabilityData(code: "c/a")
        #expect(data.values[2] == ["1", "0", "1"])
        #expect(data.values[5] == ["0", "0", "0"])
        var partial = Self.judgements
        partial.judged = [nil, [0, 1, 2], nil]
        #expect(partial.reliabilityData(code: "c/a").values[4] == ["0", nil, "0"])
    }

    @Test("two coders: Cohen's kappa and Scott's pi at the top level equal the only pair")
    func twoCoders() {
        // ann vs ben on c/a: units 1,2 both; unit 3 ann only; 3 agreements of absence. po = 5/6,
        // ann 3/6, ben 2/6: Cohen pe = (3*2 + 3*4)/36 = 1/2, kappa = (5/6 - 1/2)/(1/2) = 2/3.
        let two = CodingJudgements(coders: ["ann", "ben"], units: Self.judgements.units, codes: ["c/a"],
                                   applied: ["c/a": [[0, 1, 2], [0, 1]]])
        let stats = AgreementStatistics.compute(two.reliabilityData(code: "c/a"))
        #expect(abs(stats.cohenKappa.value! - 2.0 / 3.0) < 1e-12)
        #expect(abs(stats.percentAgreement.value! - 5.0 / 6.0) < 1e-12)
    }

    @Test("three coders: pairs are listed and the top level is their mean")
    func pairs() {
        let data = Self.judgements.reliabilityData(code: "c/a")
        let pairs = AgreementStatistics.pairStatistics(data)
        #expect(pairs.map { [$0.coders.0, $0.coders.1] } == [[0, 1], [0, 2], [1, 2]])
        let stats = AgreementStatistics.compute(data)
        let mean = pairs.compactMap(\.cohenKappa.value).reduce(0, +) / 3
        #expect(abs(stats.cohenKappa.value! - mean) < 1e-12)
    }

    @Test("pooling stacks every code x unit decision")
    func pooled() {
        let pooled = ReliabilityData.stacked(Self.judgements.codes.map { Self.judgements.reliabilityData(code: $0) }, coderCount: 3)
        #expect(pooled.values.count == 12)
        #expect(pooled.values[10] == ["1", "1", "0"])
    }

    @Test("precision, recall and F1 against a gold coder")
    func gold() {
        let comparison = GoldComparison.compare(Self.judgements, code: "c/a", coder: 2, gold: 0)
        #expect(comparison == GoldComparison(truePositives: 3, falsePositives: 1, falseNegatives: 0))
        #expect(comparison.precision.value == 0.75)
        #expect(comparison.recall.value == 1)
        #expect(abs(comparison.f1.value! - 6.0 / 7.0) < 1e-12)
        let never = GoldComparison.compare(Self.judgements, code: "c/b", coder: 2, gold: 0)
        #expect(never.precision.value == nil)
        #expect(never.f1.value == nil)
    }

    @Test("bootstrap intervals repeat for a seed, change with another, and contain the estimate")
    func bootstrap() {
        let data = KrippendorffCases.data
        let alpha = { (sample: [Int]) -> Double? in
            KrippendorffAlpha.alpha(ReliabilityData(values: sample.map { data.values[$0] })).value
        }
        let a = Bootstrap(replicates: 500, seed: 7).interval95(unitCount: data.values.count, alpha)
        let b = Bootstrap(replicates: 500, seed: 7).interval95(unitCount: data.values.count, alpha)
        let c = Bootstrap(replicates: 500, seed: 8).interval95(unitCount: data.values.count, alpha)
        #expect(a != nil)
        #expect(a?.low == b?.low && a?.high == b?.high)
        #expect(a?.low != c?.low || a?.high != c?.high)
        #expect(a!.low <= 0.7434 && 0.7434 <= a!.high)
    }
}

enum KrippendorffCases {
    static let data = CoefficientTests.data
}
