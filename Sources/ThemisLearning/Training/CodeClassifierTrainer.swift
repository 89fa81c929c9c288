/// Trains one classifier per code from a human coder's decisions, and says how
/// good each is before anyone relies on it: document-grouped cross-validation,
/// with each fold's decision threshold chosen on the other folds, and the rules'
/// own figures on the same units beside the model's.
public struct CodeClassifierTrainer: Sendable {
    /// The number of document-grouped folds.
    public var folds = 5
    /// The L2 penalty λ.
    public var l2 = 1.0
    /// Codes with fewer positive units are left to the rules.
    public var minimumPositives = 8

    public init(folds: Int = 5, l2: Double = 1.0, minimumPositives: Int = 8) {
        self.folds = folds
        self.l2 = l2
        self.minimumPositives = minimumPositives
    }

    /// What training found for one code.
    public struct Result: Sendable {
        public var code: String
        /// Units the human coder applied the code to.
        public var positives: Int
        /// The fitted model on all units, nil when the code is left to the rules.
        public var model: LogisticRegression?
        /// The probability at or above which the model applies the code.
        public var threshold: Double
        /// The model's cross-validated decisions against the human coder's (nil when left to the rules).
        public var crossValidated: BinaryAgreement?
        /// Those decisions, unit by unit: each fold's model at the other folds' threshold.
        public var crossValidatedDecisions: [Bool]?
        /// The rules' decisions against the human coder's, on the same units.
        public var rules: BinaryAgreement
    }

    /// Trains a classifier for each code of `labels` (a decision per unit) on
    /// `examples` (one vector per unit, over `dimension` features); `documents`
    /// names each unit's document, and `rules` gives each code's rule decisions.
    /// Codes are trained in the order given; the result is the same for the same inputs.
    public func train(examples: [SparseVector], documents: [String], dimension: Int,
                      labels: [(code: String, decisions: [Bool])], rules: [String: [Bool]]) -> [Result] {
        let foldOf = DocumentFolds.assign(documents, count: min(folds, max(2, Set(documents).count)))
        let foldCount = (foldOf.max() ?? 0) + 1
        return labels.map { code, decisions in
            let ruleDecisions = rules[code] ?? [Bool](repeating: false, count: decisions.count)
            let ruleAgreement = BinaryAgreement(predicted: ruleDecisions, reference: decisions)
            let positives = decisions.filter { $0 }.count
            guard positives >= minimumPositives, positives < decisions.count, foldCount >= 2 else {
                return Result(code: code, positives: positives, model: nil, threshold: 0.5, crossValidated: nil,
                              crossValidatedDecisions: nil, rules: ruleAgreement)
            }
            // Out-of-fold probabilities: each unit scored by the model trained without its fold.
            var outOfFold = [Double](repeating: 0, count: decisions.count)
            for fold in 0..<foldCount {
                let train = decisions.indices.filter { foldOf[$0] != fold }
                let model = LogisticRegression.fit(train.map { examples[$0] }, labels: train.map { decisions[$0] },
                                                   dimension: dimension, l2: l2)
                for unit in decisions.indices where foldOf[unit] == fold { outOfFold[unit] = model.probability(examples[unit]) }
            }
            // Each fold is judged at the threshold the other folds choose.
            var predicted = [Bool](repeating: false, count: decisions.count)
            for fold in 0..<foldCount {
                let others = decisions.indices.filter { foldOf[$0] != fold }
                let threshold = Self.bestThreshold(others.map { outOfFold[$0] }, others.map { decisions[$0] })
                for unit in decisions.indices where foldOf[unit] == fold { predicted[unit] = outOfFold[unit] >= threshold }
            }
            let model = LogisticRegression.fit(examples, labels: decisions, dimension: dimension, l2: l2)
            return Result(code: code, positives: positives, model: model,
                          threshold: Self.bestThreshold(outOfFold, decisions),
                          crossValidated: BinaryAgreement(predicted: predicted, reference: decisions),
                          crossValidatedDecisions: predicted, rules: ruleAgreement)
        }
    }

    /// The threshold giving the highest F1 on `scores` against `truth`: one of
    /// the scores themselves; among equals the one nearest 0.5.
    static func bestThreshold(_ scores: [Double], _ truth: [Bool]) -> Double {
        let positives = truth.filter { $0 }.count
        guard positives > 0 else { return 0.5 }
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var best = (f1: -1.0, threshold: 0.5)
        var truePositives = 0, predicted = 0
        var k = 0
        while k < order.count {
            let score = scores[order[k]]
            while k < order.count, scores[order[k]] == score {
                predicted += 1
                if truth[order[k]] { truePositives += 1 }
                k += 1
            }
            let f1 = Double(2 * truePositives) / Double(predicted + positives)
            if f1 > best.f1 || (f1 == best.f1 && abs(score - 0.5) < abs(best.threshold - 0.5)) { best = (f1, score) }
        }
        return best.threshold
    }
}
