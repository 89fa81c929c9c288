/// Agreement coefficients for nominal categories with any number of coders and
/// missing values, in Gwet's (2014) general form.
///
/// Notation: for unit i, r_ik coders chose category k and r_i coders rated it.
/// Units with r_i >= 2 are the n' comparable units.
/// - percent agreement  p_a = (1/n') Σ_i Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))
/// - π_k = (1/n) Σ_i r_ik / r_i over the n units rated by anyone
/// - Fleiss' kappa      p_e = Σ_k π_k²
/// - Gwet's AC1         p_e = Σ_k π_k (1 − π_k) / (q − 1)
/// - Brennan–Prediger   p_e = 1/q
/// with coefficient (p_a − p_e) / (1 − p_e) and q the number of categories observed.
/// One pass over the data gives all four (O(units × coders)).
public enum AgreementCoefficients {
    /// Percent agreement, Fleiss' kappa, Gwet's AC1 and Brennan–Prediger together.
    public static func gwetForm(_ data: ReliabilityData) -> (percentAgreement: Statistic, fleissKappa: Statistic,
                                                             gwetAC1: Statistic, brennanPrediger: Statistic) {
        let tables = Tables(data)
        guard let pa = tables.percentAgreement else {
            let none = Statistic.undefined(Tables.noPairs)
            return (none, none, none, none)
        }
        let q = Double(tables.categoryCount)
        let fleiss = tables.coefficient(chance: tables.pi.reduce(0) { $0 + $1 * $1 }, name: "Fleiss' kappa")
        let ac1: Statistic, bp: Statistic
        if q >= 2 {
            ac1 = tables.coefficient(chance: tables.pi.reduce(0) { $0 + $1 * (1 - $1) } / (q - 1), name: "Gwet's AC1")
            bp = tables.coefficient(chance: 1 / q, name: "Brennan-Prediger")
        } else {
            ac1 = .undefined("only one category was used, so chance agreement is undefined")
            bp = .undefined("only one category was used, so chance agreement 1/q is 1")
        }
        return (.defined(pa), fleiss, ac1, bp)
    }

    /// The share of agreeing coder pairs, averaged over units with two or more ratings.
    public static func percentAgreement(_ data: ReliabilityData) -> Statistic { gwetForm(data).percentAgreement }

    /// Fleiss' kappa in Gwet's form for unequal numbers of ratings per unit.
    public static func fleissKappa(_ data: ReliabilityData) -> Statistic { gwetForm(data).fleissKappa }

    /// Gwet's AC1.
    public static func gwetAC1(_ data: ReliabilityData) -> Statistic { gwetForm(data).gwetAC1 }

    /// Brennan and Prediger's coefficient: chance agreement 1/q.
    public static func brennanPrediger(_ data: ReliabilityData) -> Statistic { gwetForm(data).brennanPrediger }

    /// Cohen's kappa for two coders over the units both rated: p_e = Σ_k p_1k p_2k.
    public static func cohenKappa(_ a: [String?], _ b: [String?]) -> Statistic {
        let data = ReliabilityData(values: zip(a, b).map { [$0, $1] })
        return twoCoder(data, 0, 1).cohen
    }

    /// Scott's pi for two coders over the units both rated: p_e = Σ_k ((p_1k + p_2k)/2)².
    public static func scottPi(_ a: [String?], _ b: [String?]) -> Statistic {
        let data = ReliabilityData(values: zip(a, b).map { [$0, $1] })
        return twoCoder(data, 0, 1).scott
    }

    /// Cohen's kappa, Scott's pi and percent agreement of coders `x` and `y` over the units both rated.
    static func twoCoder(_ data: ReliabilityData, _ x: Int, _ y: Int) -> (cohen: Statistic, scott: Statistic, agreement: Statistic) {
        let q = data.categories.count
        var p1 = [Double](repeating: 0, count: q), p2 = p1
        var agree = 0, n = 0
        for unit in 0..<data.unitCount {
            let a = data.codes[unit * data.coderCount + x], b = data.codes[unit * data.coderCount + y]
            guard a >= 0, b >= 0 else { continue }
            n += 1
            p1[Int(a)] += 1
            p2[Int(b)] += 1
            if a == b { agree += 1 }
        }
        guard n > 0 else {
            let none = Statistic.undefined("no unit was rated by both coders")
            return (none, none, none)
        }
        let count = Double(n)
        let po = Double(agree) / count
        var cohenChance = 0.0, scottChance = 0.0
        for k in 0..<q {
            cohenChance += (p1[k] / count) * (p2[k] / count)
            let mean = (p1[k] + p2[k]) / (2 * count)
            scottChance += mean * mean
        }
        func coefficient(_ pe: Double, _ name: String) -> Statistic {
            pe >= 1 - 1e-12 ? .undefined("\(name) is 0/0: both coders gave every unit the same single category")
                : .defined((po - pe) / (1 - pe))
        }
        return (coefficient(cohenChance, "Cohen's kappa"), coefficient(scottChance, "Scott's pi"), .defined(po))
    }
}

/// The per-unit category counts behind the Gwet-form coefficients.
struct Tables {
    static let noPairs = "no unit has two or more ratings to compare"

    let categoryCount: Int
    /// Mean share of coders per category over units rated by anyone.
    let pi: [Double]
    /// Nil when no unit has two ratings.
    let percentAgreement: Double?

    init(_ data: ReliabilityData) {
        let q = data.categories.count
        var pi = [Double](repeating: 0, count: q)
        var row = [Int](repeating: 0, count: q)
        var agreementSum = 0.0, comparable = 0, ratedUnits = 0
        for unit in 0..<data.unitCount {
            var r = 0
            for coder in 0..<data.coderCount {
                let code = data.codes[unit * data.coderCount + coder]
                if code >= 0 {
                    row[Int(code)] += 1
                    r += 1
                }
            }
            guard r >= 1 else { continue }
            ratedUnits += 1
            var pairs = 0
            for coder in 0..<data.coderCount {
                let code = data.codes[unit * data.coderCount + coder]
                guard code >= 0, row[Int(code)] > 0 else { continue }
                let count = row[Int(code)]
                pi[Int(code)] += Double(count) / Double(r)
                pairs += count * (count - 1)
                row[Int(code)] = 0
            }
            if r >= 2 {
                comparable += 1
                agreementSum += Double(pairs) / Double(r * (r - 1))
            }
        }
        self.categoryCount = data.usedCategoryCount
        self.pi = ratedUnits == 0 ? pi : pi.map { $0 / Double(ratedUnits) }
        self.percentAgreement = comparable == 0 ? nil : agreementSum / Double(comparable)
    }

    func coefficient(chance pe: Double, name: String) -> Statistic {
        guard let pa = percentAgreement else { return .undefined(Self.noPairs) }
        if pe >= 1 - 1e-12 {
            return .undefined("\(name) is 0/0: every rating fell in one category, so chance agreement is 1")
        }
        return .defined((pa - pe) / (1 - pe))
    }
}
