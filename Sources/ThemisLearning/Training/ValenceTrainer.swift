import ThemisModel

/// Learns a code's valence from the human coder's: two classifiers over the units
/// the coder applied the code to, one for "says something helped" (enabler or
/// mixed) and one for "says something hindered" (barrier or mixed). Both sides
/// make `mixed`, one side that valence, neither `neutral`.
public struct ValenceTrainer: Sendable {
    public var folds = 5
    public var l2 = 1.0
    /// Fewer valenced units, or fewer than a fifth of this on either side, and the rules keep the valence.
    public var minimumUnits = 20

    public init(folds: Int = 5, l2: Double = 1.0, minimumUnits: Int = 20) {
        self.folds = folds
        self.l2 = l2
        self.minimumUnits = minimumUnits
    }

    /// The two classifiers, and their cross-validated agreement with the coder's
    /// valences (share of units agreeing) beside the rules' on the same units;
    /// nil when there are too few units to learn from.
    public struct Result: Sendable {
        public var enabler: LogisticRegression
        public var barrier: LogisticRegression
        public var units: Int
        public var crossValidatedAgreement: Double
        public var rulesAgreement: Double
    }

    /// Trains on `examples` (the units the coder applied the code to, with their
    /// `documents`), the coder's `valences` and the rules' (nil where the rules did
    /// not code the unit).
    public func train(examples: [SparseVector], documents: [String], dimension: Int, valences: [Valence],
                      rules: [Valence?]) -> Result? {
        let helped = valences.map { $0 == .enabler || $0 == .mixed }, hindered = valences.map { $0 == .barrier || $0 == .mixed }
        let side = minimumUnits / 5
        guard valences.count >= minimumUnits, Set(documents).count >= 2, helped.filter({ $0 }).count >= side,
              hindered.filter({ $0 }).count >= side, helped.contains(false), hindered.contains(false) else { return nil }
        let foldOf = DocumentFolds.assign(documents, count: min(folds, Set(documents).count))
        var predicted = [Valence](repeating: .neutral, count: valences.count)
        for fold in Set(foldOf).sorted() {
            let train = valences.indices.filter { foldOf[$0] != fold }
            guard Set(train.map { helped[$0] }).count == 2, Set(train.map { hindered[$0] }).count == 2 else { continue }
            let enabler = LogisticRegression.fit(train.map { examples[$0] }, labels: train.map { helped[$0] }, dimension: dimension, l2: l2)
            let barrier = LogisticRegression.fit(train.map { examples[$0] }, labels: train.map { hindered[$0] }, dimension: dimension, l2: l2)
            for unit in valences.indices where foldOf[unit] == fold {
                predicted[unit] = Self.valence(enabler: enabler.probability(examples[unit]), barrier: barrier.probability(examples[unit]))
            }
        }
        let agreeing = zip(predicted, valences).filter { $0 == $1 }.count
        let rulesAgreeing = zip(rules, valences).filter { $0 == $1 }.count
        return Result(
            enabler: LogisticRegression.fit(examples, labels: helped, dimension: dimension, l2: l2),
            barrier: LogisticRegression.fit(examples, labels: hindered, dimension: dimension, l2: l2),
            units: valences.count, crossValidatedAgreement: Double(agreeing) / Double(valences.count),
            rulesAgreement: Double(rulesAgreeing) / Double(valences.count))
    }

    /// The valence the two sides' probabilities give.
    public static func valence(enabler: Double, barrier: Double) -> Valence {
        switch (enabler >= 0.5, barrier >= 0.5) {
        case (true, true): return .mixed
        case (true, false): return .enabler
        case (false, true): return .barrier
        case (false, false): return .neutral
        }
    }
}
