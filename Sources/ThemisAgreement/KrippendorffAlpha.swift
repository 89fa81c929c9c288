/// Krippendorff's alpha through the coincidence matrix, for any number of coders,
/// missing values and the four levels of measurement (Krippendorff 2011,
/// "Computing Krippendorff's Alpha-Reliability").
///
/// Units with fewer than two values are left out. o_ck = Σ_u (number of c–k
/// pairs in u) / (m_u − 1); n_c = Σ_k o_ck; n = Σ_c n_c;
/// α = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck, with δ² per level:
/// nominal 0 or 1; ordinal (Σ_{g between c and k} n_g − (n_c + n_k)/2)²;
/// interval (c − k)²; ratio ((c − k)/(c + k))².
///
/// The q × q coincidence matrix is never built, so that a table of many distinct
/// values (interval ratings, free labels) costs no q² memory: each unit adds its own
/// Σ n_uc n_uk δ²_ck / (m_u − 1), and ordinal δ² is interval δ² between midranks, so
/// nominal, ordinal and interval alpha take O(values + q log q) time. Ratio alpha
/// pairs the categories within each unit and those of the marginals, O(q²) at worst.
public enum KrippendorffAlpha {
    public static func alpha(_ data: ReliabilityData, measure: Measure = .nominal) -> Statistic {
        // Order the categories for the metric: numbers numerically, other labels as text.
        var order = Array(data.categories.indices)
        let numbers = data.categories.map { Double($0.trimmingSpaces) }
        if measure != .nominal {
            if measure == .interval || measure == .ratio, let bad = numbers.firstIndex(where: { $0 == nil }) {
                return .undefined("\(measure.rawValue) alpha needs numbers, but '\(data.categories[bad])' is not a number")
            }
            if let bad = numbers.firstIndex(where: { $0?.isFinite == false }) {
                return .undefined("\(measure.rawValue) alpha needs finite numbers, but '\(data.categories[bad])' is not")
            }
            if numbers.allSatisfy({ $0 != nil }) {
                order.sort { numbers[$0]! < numbers[$1]! }
            } else {
                order.sort { data.categories[$0] < data.categories[$1] }
            }
        }
        let q = order.count
        var rank = [Int](repeating: 0, count: q)
        for (position, category) in order.enumerated() { rank[category] = position }
        let values = scaled(order.map { numbers[$0] ?? 0 })

        // n_c: the values in units with two or more, by rank.
        var marginals = [Double](repeating: 0, count: q)
        var pairable = 0
        forEachPairableUnit(data, rank: rank) { used, counts, _ in
            pairable += 1
            for c in used { marginals[c] += Double(counts[c]) }
        }
        guard pairable > 0 else { return .undefined("no unit has two or more values to compare") }
        let n = marginals.reduce(0, +)

        // Ordinal δ is interval δ between midranks: Σ_{g between c and k} n_g − (n_c + n_k)/2 = M_k − M_c.
        var points = values
        if measure == .ordinal {
            var below = 0.0
            for c in 0..<q {
                points[c] = below + marginals[c] / 2
                below += marginals[c]
            }
        }
        /// Σ_{c≠k} w_c w_k δ_ck over the categories `used`, with weights `weight(c)`.
        func disagreement(_ used: [Int], _ weight: (Int) -> Double) -> Double {
            switch measure {
            case .nominal:
                var total = 0.0, squares = 0.0
                for c in used { total += weight(c); squares += weight(c) * weight(c) }
                return total * total - squares
            case .ordinal, .interval:
                // Σ_ck w_c w_k (x_c − x_k)² = 2 W Σ_c w_c (x_c − mean)².
                var total = 0.0, sum = 0.0
                for c in used { total += weight(c); sum += weight(c) * points[c] }
                let mean = sum / total
                var spread = 0.0
                for c in used { spread += weight(c) * (points[c] - mean) * (points[c] - mean) }
                return 2 * total * spread
            case .ratio:
                var result = 0.0
                for c in used {
                    for k in used where k != c {
                        let sum = values[c] + values[k]
                        guard sum != 0 else { continue }
                        let d = (values[c] - values[k]) / sum
                        result += weight(c) * weight(k) * d * d
                    }
                }
                return result
            }
        }

        // Observed: Σ_ck o_ck δ_ck, unit by unit, as o_ck = Σ_u n_uc n_uk / (m_u − 1).
        var observed = 0.0
        forEachPairableUnit(data, rank: rank) { used, counts, m in
            observed += disagreement(used) { Double(counts[$0]) } / Double(m - 1)
        }
        let expected = disagreement(marginals.indices.filter { marginals[$0] > 0 }) { marginals[$0] }
        guard expected > 0 else {
            return .undefined("alpha is 0/0: all values are the same, so there is no variation to agree on")
        }
        return .defined(1 - (n - 1) * observed / expected)
    }

    /// Calls `body` with each unit of two or more values: the ranks it holds, how many
    /// coders chose each rank (valid for those ranks only) and its number of values.
    private static func forEachPairableUnit(_ data: ReliabilityData, rank: [Int], _ body: ([Int], [Int], Int) -> Void) {
        var counts = [Int](repeating: 0, count: rank.count)
        var used = [Int]()
        for unit in 0..<data.unitCount {
            used.removeAll(keepingCapacity: true)
            var m = 0
            for coder in 0..<data.coderCount {
                let code = data.codes[unit * data.coderCount + coder]
                guard code >= 0 else { continue }
                let r = rank[Int(code)]
                if counts[r] == 0 { used.append(r) }
                counts[r] += 1
                m += 1
            }
            if m >= 2 { body(used, counts, m) }
            for c in used { counts[c] = 0 }
        }
    }
}

extension KrippendorffAlpha {
    /// `values` multiplied by the power of two that brings the largest magnitude
    /// into [1, 2). Interval and ratio alpha do not change with the scale, and a power
    /// of two scales every product and sum exactly, so the result is the same bit for
    /// bit; but differences near the largest double no longer overflow when squared,
    /// nor do tiny ones vanish.
    static func scaled(_ values: [Double]) -> [Double] {
        guard let largest = values.lazy.map(\.magnitude).max(), largest > 0, largest.isFinite else { return values }
        let shift = largest.exponent
        return values.map { $0 == 0 ? 0 : Double(sign: $0.sign, exponent: $0.exponent - shift, significand: $0.significand) }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
