/// Agreement of yes/no decisions with a reference coder's: the counts, and the
/// precision, recall, F1 and Cohen's kappa `themis agree --gold` reports.
public struct BinaryAgreement: Sendable, Equatable, Codable {
    public var truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0

    public init() {}

    /// Counts `predicted` against `reference`, unit by unit.
    public init(predicted: [Bool], reference: [Bool]) {
        precondition(predicted.count == reference.count, "one decision per unit")
        for (p, r) in zip(predicted, reference) {
            switch (p, r) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
    }

    public var units: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    /// nil when nothing was predicted positive.
    public var precision: Double? { Self.ratio(truePositives, truePositives + falsePositives) }
    /// nil when the reference has no positive.
    public var recall: Double? { Self.ratio(truePositives, truePositives + falseNegatives) }
    /// nil when neither side has a positive.
    public var f1: Double? { Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    /// Cohen's kappa; nil when chance agreement is total (both sides constant and equal).
    public var kappa: Double? {
        let n = Double(units)
        guard n > 0 else { return nil }
        let observed = Double(truePositives + trueNegatives) / n
        let predictedYes = Double(truePositives + falsePositives) / n, referenceYes = Double(truePositives + falseNegatives) / n
        let chance = predictedYes * referenceYes + (1 - predictedYes) * (1 - referenceYes)
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    private static func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
}
