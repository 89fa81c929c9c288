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
public enum AgreementCoefficients {
    /// The share of agreeing coder pairs, averaged over units with two or more ratings.
    public static func percentAgreement(_ data: ReliabilityData) -> Statistic {
        let tables = Tables(data)
        guard let pa = tables.percentAgreement else { return .undefined(Tables.noPairs) }
        return .defined(pa)
    }

    /// Fleiss' kappa in Gwet's form for unequal numbers of ratings per unit.
    public static func fleissKappa(_ data: ReliabilityData) -> Statistic {
        let tables = Tables(data)
        return tables.coefficient(chance: tables.pi.reduce(0) { $0 + $1 * $1 }, name: "Fleiss' kappa")
    }

    /// Gwet's AC1.
    public static func gwetAC1(_ data: ReliabilityData) -> Statistic {
        let tables = Tables(data)
        let q = Double(tables.categories.count)
        guard q >= 2 else {
            return tables.percentAgreement == nil ? .undefined(Tables.noPairs)
                : .undefined("only one category was used, so chance agreement is undefined")
        }
        return tables.coefficient(chance: tables.pi.reduce(0) { $0 + $1 * (1 - $1) } / (q - 1), name: "Gwet's AC1")
    }

    /// Brennan and Prediger's coefficient: chance agreement 1/q.
    public static func brennanPrediger(_ data: ReliabilityData) -> Statistic {
        let tables = Tables(data)
        let q = Double(tables.categories.count)
        guard q >= 2 else {
            return tables.percentAgreement == nil ? .undefined(Tables.noPairs)
                : .undefined("only one category was used, so chance agreement 1/q is 1")
        }
        return tables.coefficient(chance: 1 / q, name: "Brennan-Prediger")
    }

    /// Cohen's kappa for two coders over the units both rated: p_e = Σ_k p_1k p_2k.
    public static func cohenKappa(_ a: [String?], _ b: [String?]) -> Statistic {
        twoCoder(a, b, name: "Cohen's kappa") { p1, p2 in zip(p1, p2).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// Scott's pi for two coders over the units both rated: p_e = Σ_k ((p_1k + p_2k)/2)².
    public static func scottPi(_ a: [String?], _ b: [String?]) -> Statistic {
        twoCoder(a, b, name: "Scott's pi") { p1, p2 in zip(p1, p2).reduce(0) { $0 + pow2(($1.0 + $1.1) / 2) } }
    }

    private static func twoCoder(
        _ a: [String?], _ b: [String?], name: String, chance: ([Double], [Double]) -> Double
    ) -> Statistic {
        let pairs = zip(a, b).compactMap { x, y -> (String, String)? in
            guard let x, let y else { return nil }
            return (x, y)
        }
        guard !pairs.isEmpty else { return .undefined("no unit was rated by both coders") }
        var categories = [String]()
        var index = [String: Int]()
        for (x, y) in pairs {
            for value in [x, y] where index[value] == nil {
                index[value] = categories.count
                categories.append(value)
            }
        }
        let n = Double(pairs.count)
        var p1 = [Double](repeating: 0, count: categories.count), p2 = p1
        var agree = 0.0
        for (x, y) in pairs {
            p1[index[x]!] += 1 / n
            p2[index[y]!] += 1 / n
            if x == y { agree += 1 }
        }
        let po = agree / n
        let pe = chance(p1, p2)
        if pe >= 1 - 1e-12 {
            return .undefined("\(name) is 0/0: both coders gave every unit the same single category")
        }
        return .defined((po - pe) / (1 - pe))
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}

/// The per-unit category counts behind the Gwet-form coefficients.
struct Tables {
    static let noPairs = "no unit has two or more ratings to compare"

    let categories: [String]
    /// Mean share of coders per category over units rated by anyone.
    let pi: [Double]
    /// Nil when no unit has two ratings.
    let percentAgreement: Double?

    init(_ data: ReliabilityData) {
        categories = data.categories
        let (counts, rated) = data.counts(categories: categories)
        var agreementSum = 0.0, comparable = 0
        var pi = [Double](repeating: 0, count: categories.count)
        var ratedUnits = 0
        for (row, r) in zip(counts, rated) where r >= 1 {
            ratedUnits += 1
            for k in row.indices { pi[k] += Double(row[k]) / Double(r) }
            guard r >= 2 else { continue }
            comparable += 1
            agreementSum += row.reduce(0) { $0 + Double($1 * ($1 - 1)) } / Double(r * (r - 1))
        }
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
