import Testing
@testable import ThemisAgreement

/// Worked examples with published results.
struct PublishedExampleTests {
    /// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    /// Psychological Bulletin 76(5), 378-382, Table 1: 30 patients, 6 psychiatrists each,
    /// 5 diagnoses (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis,
    /// 5 other), as the ratings are laid out in the R package irr (`diagnoses`).
    /// Fleiss reports kappa = .430.
    static let diagnoses: [[Int]] = [
        [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
        [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
        [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
        [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
        [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ]

    @Test("Fleiss (1971): kappa .430 for 30 patients and 6 raters")
    func fleiss1971() {
        let data = ReliabilityData(values: Self.diagnoses.map { $0.map { String($0) } })
        let kappa = AgreementCoefficients.fleissKappa(data).value!
        #expect(abs(kappa - 0.430) < 0.0005)
    }

    /// The worked example of the Fleiss' kappa article in Wikipedia: 10 subjects, 14 raters,
    /// 5 categories, given as counts per category; P-bar = 0.378, P_e = 0.213, kappa = 0.210.
    static let wikipediaCounts: [[Int]] = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]

    @Test("Fleiss' kappa 0.210 and mean agreement 0.378 on the 14-rater counts example")
    func fleissCounts() {
        let data = ReliabilityData(values: Self.wikipediaCounts.map { counts in
            counts.enumerated().flatMap { category, count in Array(repeating: String(category + 1), count: count) }
        })
        #expect(abs(AgreementCoefficients.fleissKappa(data).value! - 0.210) < 0.0005)
        #expect(abs(AgreementCoefficients.percentAgreement(data).value! - 0.378) < 0.0005)
    }

    /// The worked example of the Cohen's kappa article in Wikipedia: 50 grant proposals,
    /// two readers; both yes 20, A yes B no 5, A no B yes 10, both no 15:
    /// p_o = 0.7, p_e = 0.5, kappa = 0.4.
    @Test("Cohen's kappa 0.4 on the 50-proposal example")
    func cohen() {
        let pairs = Array(repeating: ("yes", "yes"), count: 20) + Array(repeating: ("yes", "no"), count: 5)
            + Array(repeating: ("no", "yes"), count: 10) + Array(repeating: ("no", "no"), count: 15)
        let kappa = AgreementCoefficients.cohenKappa(pairs.map { $0.0 }, pairs.map { $0.1 }).value!
        #expect(abs(kappa - 0.4) < 1e-12)
    }

    /// Gwet, K. L. (2014). Handbook of Inter-Rater Reliability, 4th ed., and the example
    /// of the irrCAC R package (`gwet.ac1.raw(cac.raw4raters)`), on the same four-rater data
    /// as Krippendorff's example: AC1 = 0.7754 with p_a = 0.8182 and p_e = 0.1903;
    /// Fleiss' kappa = 0.7612; Brennan-Prediger = 0.7727.
    @Test("Gwet's AC1 0.7754 on Gwet's four-rater example")
    func gwet() {
        let data = CoefficientTests.data
        #expect(abs(AgreementCoefficients.gwetAC1(data).value! - 0.7754) < 0.00005)
        #expect(abs(AgreementCoefficients.fleissKappa(data).value! - 0.7612) < 0.00005)
        #expect(abs(AgreementCoefficients.brennanPrediger(data).value! - 0.7727) < 0.00005)
    }

    @Test("degenerate data: a code nobody used, a code used everywhere, one unit, all missing")
    func degenerate() {
        let nobody = ReliabilityData(values: Array(repeating: ["0", "0", "0"], count: 8))
        let everywhere = ReliabilityData(values: Array(repeating: ["1", "1", "1"], count: 8))
        for data in [nobody, everywhere] {
            let stats = AgreementStatistics.compute(data)
            #expect(stats.percentAgreement.value == 1)
            for statistic in [stats.cohenKappa, stats.scottPi, stats.fleissKappa, stats.krippendorffAlpha, stats.gwetAC1,
                              stats.brennanPrediger] {
                #expect(statistic.value == nil)
                #expect(statistic.reason != nil)
            }
        }
        let oneUnit = AgreementStatistics.compute(ReliabilityData(values: [["1", "0"]]))
        #expect(oneUnit.percentAgreement.value == 0)
        #expect(oneUnit.krippendorffAlpha.value != nil)
        let missing = AgreementStatistics.compute(ReliabilityData(values: Array(repeating: [nil, nil], count: 4)))
        for (_, statistic) in missing.named {
            #expect(statistic.value == nil)
            #expect(statistic.reason != nil)
        }
    }
}
