import Testing
@testable import ThemisAgreement

/// The coefficients against published values and an independent implementation.
struct CoefficientTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
    /// 4 observers, 12 units, values 1-5, missing values. Rows are observers.
    static let observers: [[Int?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]
    static let data = ReliabilityData(values: (0..<12).map { unit in observers.map { $0[unit].map(String.init) } })

    func close(_ statistic: Statistic, _ expected: Double, _ tolerance: Double = 5e-6) -> Bool {
        guard let value = statistic.value else { return false }
        return abs(value - expected) <= tolerance
    }

    @Test("Krippendorff's alpha at all four levels matches the published example", arguments: [
        (Measure.nominal, 0.743421052631579), (.ordinal, 0.8153875037548814),
        (.interval, 0.8491071428571428), (.ratio, 0.7974027747116121),
    ])
    func alpha(measure: Measure, expected: Double) {
        // Published to three decimals (0.743, 0.815, 0.849, 0.797); full values from the
        // `krippendorff` package 0.9.0 on the same data.
        #expect(close(KrippendorffAlpha.alpha(Self.data, measure: measure), expected, 1e-12))
    }

    @Test("Gwet-form coefficients match irrCAC 0.4.4 on the same data")
    func gwetForm() {
        #expect(close(AgreementCoefficients.percentAgreement(Self.data), 0.81818))
        #expect(close(AgreementCoefficients.fleissKappa(Self.data), 0.76117))
        #expect(close(AgreementCoefficients.gwetAC1(Self.data), 0.77544))
        #expect(close(AgreementCoefficients.brennanPrediger(Self.data), 0.77273))
    }

    @Test("Cohen's kappa and Scott's pi for two coders over the units both rated")
    func twoCoders() {
        let a = Self.data.values.map { $0[0] }, b = Self.data.values.map { $0[1] }
        // By hand: 9 shared units, 8 agreements; Cohen p_e = 23/81, Scott p_e = 94/324.
        #expect(close(AgreementCoefficients.cohenKappa(a, b), 49.0 / 58.0, 1e-12))
        #expect(close(AgreementCoefficients.scottPi(a, b), 194.0 / 230.0, 1e-12))
    }

    @Test("undefined cases are nil with a reason, never NaN")
    func undefined() {
        let allAbsent = ReliabilityData(values: Array(repeating: ["0", "0"], count: 5))
        for statistic in [AgreementCoefficients.fleissKappa(allAbsent), AgreementCoefficients.gwetAC1(allAbsent),
                          AgreementCoefficients.brennanPrediger(allAbsent), KrippendorffAlpha.alpha(allAbsent),
                          AgreementCoefficients.cohenKappa(["0", "0"], ["0", "0"])] {
            #expect(statistic.value == nil)
            #expect(statistic.reason?.isEmpty == false)
        }
        #expect(AgreementCoefficients.percentAgreement(allAbsent).value == 1)
        let lonely = ReliabilityData(values: [["1", nil], [nil, "2"]])
        #expect(AgreementCoefficients.percentAgreement(lonely).value == nil)
        #expect(KrippendorffAlpha.alpha(lonely).reason == "no unit has two or more values to compare")
        #expect(AgreementCoefficients.cohenKappa(["1", nil], [nil, "2"]).value == nil)
    }

    @Test("interval alpha refuses labels that are not numbers")
    func intervalNeedsNumbers() {
        let data = ReliabilityData(values: [["low", "high"], ["low", "low"]])
        #expect(KrippendorffAlpha.alpha(data, measure: .interval).reason?.contains("'low'") == true
            || KrippendorffAlpha.alpha(data, measure: .interval).reason?.contains("'high'") == true)
        #expect(KrippendorffAlpha.alpha(data, measure: .nominal).value != nil)
    }
}
