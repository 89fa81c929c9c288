/// The statistics of one comparison (a code, or all codes pooled).
public struct AgreementStatistics: Sendable, Equatable {
    public var percentAgreement: Statistic
    public var cohenKappa: Statistic
    public var scottPi: Statistic
    public var fleissKappa: Statistic
    public var krippendorffAlpha: Statistic
    public var gwetAC1: Statistic
    public var brennanPrediger: Statistic

    /// The spec's keys of the statistics, in order.
    public static let keys = ["percent_agreement", "cohen_kappa", "scott_pi", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1",
                              "brennan_prediger"]

    /// The statistics in the spec's key order.
    public var named: [(key: String, statistic: Statistic)] {
        zip(Self.keys, [percentAgreement, cohenKappa, scottPi, fleissKappa, krippendorffAlpha, gwetAC1, brennanPrediger])
            .map { (key: $0, statistic: $1) }
    }

    /// All statistics of `data`. Cohen's kappa and Scott's pi are for two coders;
    /// with more, they are the mean over coder pairs (`pairs` has each).
    public static func compute(_ data: ReliabilityData, measure: Measure = .nominal) -> AgreementStatistics {
        let pairs = pairStatistics(data)
        let cohen: Statistic, scott: Statistic
        if data.coderCount == 2, let only = pairs.first {
            cohen = only.cohenKappa
            scott = only.scottPi
        } else {
            cohen = mean(pairs.map(\.cohenKappa), name: "Cohen's kappa")
            scott = mean(pairs.map(\.scottPi), name: "Scott's pi")
        }
        let gwet = AgreementCoefficients.gwetForm(data)
        return AgreementStatistics(
            percentAgreement: gwet.percentAgreement, cohenKappa: cohen, scottPi: scott, fleissKappa: gwet.fleissKappa,
            krippendorffAlpha: KrippendorffAlpha.alpha(data, measure: measure), gwetAC1: gwet.gwetAC1,
            brennanPrediger: gwet.brennanPrediger)
    }

    /// Cohen's kappa, Scott's pi and percent agreement for each pair of coders.
    public static func pairStatistics(_ data: ReliabilityData) -> [PairStatistics] {
        var result = [PairStatistics]()
        for a in 0..<data.coderCount {
            for b in (a + 1)..<max(a + 1, data.coderCount) {
                let two = AgreementCoefficients.twoCoder(data, a, b)
                result.append(PairStatistics(coders: (a, b), cohenKappa: two.cohen, scottPi: two.scott,
                                             percentAgreement: two.agreement))
            }
        }
        return result
    }

    /// The mean of the defined values, or undefined when none is.
    public static func mean(_ statistics: [Statistic], name: String) -> Statistic {
        let values = statistics.compactMap(\.value)
        guard !values.isEmpty else {
            return .undefined(statistics.first?.reason ?? "\(name) needs two coders")
        }
        return .defined(values.reduce(0, +) / Double(values.count))
    }
}

/// Statistics for one pair of coders (indices into the coder list).
public struct PairStatistics: Sendable, Equatable {
    public var coders: (Int, Int)
    public var cohenKappa: Statistic
    public var scottPi: Statistic
    public var percentAgreement: Statistic
    /// The pair's agreement on valence; nil when the codings carry no valence.
    public var valence: ValenceAgreement? = nil

    public static func == (l: PairStatistics, r: PairStatistics) -> Bool {
        l.coders == r.coders && l.cohenKappa == r.cohenKappa && l.scottPi == r.scottPi
            && l.percentAgreement == r.percentAgreement && l.valence == r.valence
    }
}
