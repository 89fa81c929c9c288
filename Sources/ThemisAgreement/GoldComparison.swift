/// A coder's codings measured against a reference (gold) coder, as reviewers
/// judge auto-coding against a person.
public struct GoldComparison: Sendable, Equatable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    /// tp / (tp + fp); undefined when the coder never applied the code.
    public var precision: Statistic {
        let applied = truePositives + falsePositives
        return applied == 0 ? .undefined("the coder never applied the code") : .defined(Double(truePositives) / Double(applied))
    }

    /// tp / (tp + fn); undefined when the gold coder never applied the code.
    public var recall: Statistic {
        let relevant = truePositives + falseNegatives
        return relevant == 0 ? .undefined("the gold coder never applied the code") : .defined(Double(truePositives) / Double(relevant))
    }

    /// The harmonic mean of precision and recall; undefined when either is, or both are 0.
    public var f1: Statistic {
        guard let p = precision.value, let r = recall.value else {
            return .undefined(precision.reason ?? recall.reason ?? "")
        }
        return p + r == 0 ? .undefined("precision and recall are both 0") : .defined(2 * p * r / (p + r))
    }

    /// Compares `coder` with `gold` on one code over the units both judged.
    public static func compare(_ judgements: CodingJudgements, code: String, coder: Int, gold: Int) -> GoldComparison {
        compare(judgements.reliabilityData(code: code), coder: coder, gold: gold)
    }

    /// Compares two coders' presence/absence values (`1`/`0`) over the units both judged.
    public static func compare(_ data: ReliabilityData, coder: Int, gold: Int) -> GoldComparison {
        let one = data.categories.firstIndex(of: "1").map(Int32.init) ?? -2
        var result = GoldComparison(truePositives: 0, falsePositives: 0, falseNegatives: 0)
        for unit in 0..<data.unitCount {
            let x = data.codes[unit * data.coderCount + coder], y = data.codes[unit * data.coderCount + gold]
            guard x >= 0, y >= 0 else { continue }
            switch (x == one, y == one) {
            case (true, true): result.truePositives += 1
            case (true, false): result.falsePositives += 1
            case (false, true): result.falseNegatives += 1
            case (false, false): break
            }
        }
        return result
    }
}
