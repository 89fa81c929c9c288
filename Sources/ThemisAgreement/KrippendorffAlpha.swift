/// Krippendorff's alpha through the coincidence matrix, for any number of coders,
/// missing values and the four levels of measurement (Krippendorff 2011,
/// "Computing Krippendorff's Alpha-Reliability").
///
/// Units with fewer than two values are left out. o_ck = Σ_u (number of c–k
/// pairs in u) / (m_u − 1); n_c = Σ_k o_ck; n = Σ_c n_c;
/// α = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck, with δ² per level:
/// nominal 0 or 1; ordinal (Σ_{g between c and k} n_g − (n_c + n_k)/2)²;
/// interval (c − k)²; ratio ((c − k)/(c + k))².
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

        // The coincidence matrix, in metric order.
        var coincidences = [Double](repeating: 0, count: q * q)
        var counts = [Int](repeating: 0, count: q)
        var used = [Int]()
        var pairable = 0
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
            if m >= 2 {
                pairable += 1
                let weight = 1 / Double(m - 1)
                for c in used {
                    for k in used {
                        let pairs = c == k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k]
                        coincidences[c * q + k] += Double(pairs) * weight
                    }
                }
            }
            for c in used { counts[c] = 0 }
        }
        guard pairable > 0 else { return .undefined("no unit has two or more values to compare") }
        var marginals = [Double](repeating: 0, count: q)
        for c in 0..<q { for k in 0..<q { marginals[c] += coincidences[c * q + k] } }
        let n = marginals.reduce(0, +)
        func delta(_ c: Int, _ k: Int) -> Double {
            if c == k { return 0 }
            switch measure {
            case .nominal: return 1
            case .ordinal:
                let (low, high) = c < k ? (c, k) : (k, c)
                let between = marginals[low...high].reduce(0, +) - (marginals[c] + marginals[k]) / 2
                return between * between
            case .interval: return (values[c] - values[k]) * (values[c] - values[k])
            case .ratio:
                let sum = values[c] + values[k]
                return sum == 0 ? 0 : ((values[c] - values[k]) / sum) * ((values[c] - values[k]) / sum)
            }
        }
        var observed = 0.0, expected = 0.0
        for c in 0..<q {
            for k in 0..<q where c != k {
                let d = delta(c, k)
                observed += coincidences[c * q + k] * d
                expected += marginals[c] * marginals[k] * d
            }
        }
        guard expected > 0 else {
            return .undefined("alpha is 0/0: all values are the same, so there is no variation to agree on")
        }
        return .defined(1 - (n - 1) * observed / expected)
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
