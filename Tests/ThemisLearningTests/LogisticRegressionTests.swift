import Foundation
import Testing
@testable import ThemisLearning

/// L2-regularised logistic regression fitted by L-BFGS: optimality, separation, determinism.
struct LogisticRegressionTests {
    /// Forty examples over three features: feature 0 marks most positives, feature 1
    /// most negatives, feature 2 is noise shared by both.
    static let data: (examples: [SparseVector], labels: [Bool]) = {
        var examples = [SparseVector](), labels = [Bool]()
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        for k in 0..<40 {
            let positive = k % 2 == 0
            var entries = [(index: Int, value: Double)]()
            if positive ? next() % 10 < 8 : next() % 10 < 1 { entries.append((0, 1)) }
            if positive ? next() % 10 < 1 : next() % 10 < 8 { entries.append((1, 1)) }
            if next() % 2 == 0 { entries.append((2, 1)) }
            examples.append(SparseVector(entries))
            labels.append(positive)
        }
        return (examples, labels)
    }()

    @Test("the fitted model is a minimum: the penalised gradient vanishes")
    func optimality() {
        let l2 = 0.5
        let model = LogisticRegression.fit(Self.data.examples, labels: Self.data.labels, dimension: 3, l2: l2)
        var gradient = [Double](repeating: 0, count: 4)
        for (x, positive) in zip(Self.data.examples, Self.data.labels) {
            let residual = model.probability(x) - (positive ? 1 : 0)
            for (k, index) in x.indices.enumerated() { gradient[Int(index)] += residual * x.values[k] }
            gradient[3] += residual
        }
        for j in 0..<3 { gradient[j] += l2 * model.weights[j] }
        #expect(gradient.allSatisfy { abs($0) < 1e-4 }, "gradient \(gradient)")
        #expect(model.weights[0] > 1 && model.weights[1] < -1)
        #expect(abs(model.weights[2]) < 0.5)
    }

    @Test("a stronger penalty shrinks the weights")
    func penalty() {
        let loose = LogisticRegression.fit(Self.data.examples, labels: Self.data.labels, dimension: 3, l2: 0.1)
        let tight = LogisticRegression.fit(Self.data.examples, labels: Self.data.labels, dimension: 3, l2: 10)
        #expect(abs(tight.weights[0]) < abs(loose.weights[0]))
        #expect(abs(tight.weights[1]) < abs(loose.weights[1]))
    }

    @Test("the same examples give the same model, bit for bit")
    func deterministic() {
        let a = LogisticRegression.fit(Self.data.examples, labels: Self.data.labels, dimension: 3)
        let b = LogisticRegression.fit(Self.data.examples, labels: Self.data.labels, dimension: 3)
        #expect(a == b)
    }

    @Test("probabilities stay finite and ordered far from zero")
    func extremeLogits() {
        let model = LogisticRegression(weights: [800, -800], bias: 0)
        #expect(model.probability(SparseVector([(0, 1)])) == 1)
        #expect(model.probability(SparseVector([(1, 1)])) == 0)
        #expect(LogisticRegression.logLoss(margin: -800) == 800)
        #expect(LogisticRegression.logLoss(margin: 800) >= 0)
    }

    @Test("repeated indexes in a sparse vector add up, in index order")
    func sparseVector() {
        let x = SparseVector([(3, 1), (1, 2), (3, 0.5)])
        #expect(x.indices == [1, 3])
        #expect(x.values == [2, 1.5])
    }
}
