/// Document-grouped folds for cross-validation: every unit of a document falls
/// in the same fold, so no fold is tested on talk its model was trained on.
public enum DocumentFolds {
    /// The fold (0 ..< `count`) of each unit, given each unit's document.
    /// Documents are dealt largest first (ties by name) to the fold holding the
    /// fewest units so far (ties to the lowest fold), which balances the folds
    /// and depends on nothing but the documents.
    public static func assign(_ unitDocuments: [String], count: Int) -> [Int] {
        precondition(count >= 2, "at least two folds")
        var sizes = [String: Int]()
        for document in unitDocuments { sizes[document, default: 0] += 1 }
        let order = sizes.keys.sorted { sizes[$0]! != sizes[$1]! ? sizes[$0]! > sizes[$1]! : $0 < $1 }
        var load = [Int](repeating: 0, count: count)
        var foldOf = [String: Int]()
        for document in order {
            let fold = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            foldOf[document] = fold
            load[fold] += sizes[document]!
        }
        return unitDocuments.map { foldOf[$0]! }
    }
}

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
