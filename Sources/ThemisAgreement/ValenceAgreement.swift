/// Agreement on valence (enabler, barrier, mixed, neutral) over the units where
/// coders both applied a code and both gave a valence: how many such units, the
/// share agreeing, and kappa over the valence categories.
///
/// The data's values are valence labels, nil where a coder did not apply the code or
/// gave no valence; units with fewer than two valences are not compared.
public struct ValenceAgreement: Sendable, Equatable {
    /// Units with two or more valences (for a pair: units where both coders gave one).
    public var units: Int
    /// For two coders, the share of those units where the valences agree; with more,
    /// the mean share of agreeing coder pairs per unit (Gwet's percent agreement).
    public var agreement: Statistic
    /// Cohen's kappa for two coders; Fleiss' kappa in Gwet's form with more.
    public var kappa: Statistic

    static let nothingToCompare = "no unit where two coders both applied the code with a valence"

    /// All coders of `data` together: Cohen's kappa for two, Fleiss' kappa for more.
    /// O(units × coders).
    public static func compute(_ data: ReliabilityData) -> ValenceAgreement {
        if data.coderCount == 2 { return pair(data, 0, 1) }
        let units = data.pairableUnits
        guard units > 0 else { return ValenceAgreement(units: 0, agreement: .undefined(nothingToCompare), kappa: .undefined(nothingToCompare)) }
        let gwet = AgreementCoefficients.gwetForm(data)
        return ValenceAgreement(units: units, agreement: gwet.percentAgreement, kappa: gwet.fleissKappa)
    }

    /// Coders `a` and `b` of `data`: Cohen's kappa over the units both gave a valence.
    public static func pair(_ data: ReliabilityData, _ a: Int, _ b: Int) -> ValenceAgreement {
        let units = sharedUnits(data, a, b)
        guard units > 0 else { return ValenceAgreement(units: 0, agreement: .undefined(nothingToCompare), kappa: .undefined(nothingToCompare)) }
        let two = AgreementCoefficients.twoCoder(data, a, b)
        return ValenceAgreement(units: units, agreement: two.agreement, kappa: two.cohen)
    }

    /// Units where coders `a` and `b` both have a value.
    static func sharedUnits(_ data: ReliabilityData, _ a: Int, _ b: Int) -> Int {
        (0..<data.unitCount).filter { data.codes[$0 * data.coderCount + a] >= 0 && data.codes[$0 * data.coderCount + b] >= 0 }.count
    }
}

/// A coder's valences measured against a reference (gold) coder's.
public struct ValenceAccuracy: Sendable, Equatable {
    /// Units where both the coder and the gold coder applied the code with a valence.
    public var units: Int
    /// The share of those units where the coder's valence is the gold coder's.
    public var accuracy: Statistic

    /// Compares `coder` with `gold` in valence data (valence labels, nil where absent).
    public static func compare(_ data: ReliabilityData, coder: Int, gold: Int) -> ValenceAccuracy {
        let units = ValenceAgreement.sharedUnits(data, coder, gold)
        guard units > 0 else {
            return ValenceAccuracy(units: 0, accuracy: .undefined("no unit where the coder and the gold coder both applied the code with a valence"))
        }
        return ValenceAccuracy(units: units, accuracy: AgreementCoefficients.twoCoder(data, coder, gold).agreement)
    }
}
