import Foundation

/// L2-regularised logistic regression over sparse features, fitted by L-BFGS.
///
/// Fitting minimises `Σ log(1 + exp(-yᵢ(w·xᵢ + b))) + λ/2 ‖w‖²` (the bias is not
/// penalised). Every step visits the examples in the order given and uses no
/// randomness, so the same examples give the same model, bit for bit, on any
/// machine and core count. Cost per iteration: one pass over the non-zero values.
public struct LogisticRegression: Sendable, Equatable {
    /// One weight per feature index.
    public var weights: [Double]
    public var bias: Double

    public init(weights: [Double], bias: Double) {
        self.weights = weights
        self.bias = bias
    }

    /// The model's log-odds for `x`.
    public func logit(_ x: SparseVector) -> Double { x.dot(weights) + bias }

    /// The probability that `x` is positive.
    public func probability(_ x: SparseVector) -> Double { Self.sigmoid(logit(x)) }

    /// Fits a model to `examples` with their `labels`; `dimension` is the number
    /// of feature indexes, `l2` the penalty λ, `iterations` the most L-BFGS steps.
    public static func fit(_ examples: [SparseVector], labels: [Bool], dimension: Int, l2: Double = 1.0,
                           iterations: Int = 300) -> LogisticRegression {
        precondition(examples.count == labels.count, "one label per example")
        let objective = Objective(examples: examples, labels: labels, dimension: dimension, l2: l2)
        let theta = LBFGS.minimise(start: [Double](repeating: 0, count: dimension + 1), iterations: iterations) {
            objective.evaluate($0)
        }
        return LogisticRegression(weights: Array(theta.prefix(dimension)), bias: theta[dimension])
    }

    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// `log(1 + exp(-m))` without overflow.
    @inline(__always)
    static func logLoss(margin m: Double) -> Double {
        m > 0 ? log1p(exp(-m)) : -m + log1p(exp(m))
    }

    /// The penalised log loss and its gradient; the last parameter is the bias.
    private struct Objective {
        let examples: [SparseVector]
        let labels: [Bool]
        let dimension: Int
        let l2: Double

        func evaluate(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
            var gradient = [Double](repeating: 0, count: dimension + 1)
            var value = 0.0
            let bias = theta[dimension]
            for (x, positive) in zip(examples, labels) {
                let y = positive ? 1.0 : -1.0
                let z = x.dot(theta) + bias
                value += LogisticRegression.logLoss(margin: y * z)
                // d/dz log(1 + exp(-yz)) = -y σ(-yz)
                let slope = -y * LogisticRegression.sigmoid(-y * z)
                for k in x.indices.indices { gradient[Int(x.indices[k])] += slope * x.values[k] }
                gradient[dimension] += slope
            }
            for j in 0..<dimension {
                value += 0.5 * l2 * theta[j] * theta[j]
                gradient[j] += l2 * theta[j]
            }
            return (value, gradient)
        }
    }
}

/// Limited-memory BFGS with a backtracking (Armijo) line search.
enum LBFGS {
    static let memory = 8

    /// A minimiser of the function `evaluate` gives (value and gradient), from `start`.
    static func minimise(start: [Double], iterations: Int,
                         _ evaluate: ([Double]) -> (value: Double, gradient: [Double])) -> [Double] {
        var x = start
        var (fx, g) = evaluate(x)
        var steps = [[Double]](), changes = [[Double]](), rhos = [Double]()
        for _ in 0..<iterations {
            let gradientNorm = sqrt(dot(g, g))
            if gradientNorm <= 1e-6 * max(1, sqrt(dot(x, x))) { break }
            // Two-loop recursion: the search direction -H g.
            var q = g
            var alphas = [Double](repeating: 0, count: steps.count)
            for i in stride(from: steps.count - 1, through: 0, by: -1) {
                alphas[i] = rhos[i] * dot(steps[i], q)
                axpy(-alphas[i], changes[i], &q)
            }
            if let s = steps.last, let y = changes.last {
                let scale = dot(s, y) / dot(y, y)
                for k in q.indices { q[k] *= scale }
            } else {
                for k in q.indices { q[k] /= gradientNorm }
            }
            for i in steps.indices {
                let beta = rhos[i] * dot(changes[i], q)
                axpy(alphas[i] - beta, steps[i], &q)
            }
            var direction = q.map { -$0 }
            var slope = dot(g, direction)
            if !(slope < 0) {  // not a descent direction (or NaN): fall back to the gradient
                direction = g.map { -$0 / gradientNorm }
                slope = dot(g, direction)
                steps.removeAll(); changes.removeAll(); rhos.removeAll()
            }
            var t = 1.0
            var next = x, fNext = fx, gNext = g
            var accepted = false
            for _ in 0..<40 {
                next = x
                axpy(t, direction, &next)
                (fNext, gNext) = evaluate(next)
                if fNext <= fx + 1e-4 * t * slope {
                    accepted = true
                    break
                }
                t *= 0.5
            }
            if !accepted { break }
            let s = zip(next, x).map { $0 - $1 }, y = zip(gNext, g).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-12 {
                steps.append(s)
                changes.append(y)
                rhos.append(1 / sy)
                if steps.count > memory {
                    steps.removeFirst(); changes.removeFirst(); rhos.removeFirst()
                }
            }
            let improvement = fx - fNext
            x = next
            fx = fNext
            g = gNext
            if improvement <= 1e-10 * max(1, abs(fx)) { break }
        }
        return x
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for k in a.indices { sum += a[k] * b[k] }
        return sum
    }

    private static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        for k in y.indices { y[k] += alpha * x[k] }
    }
}
