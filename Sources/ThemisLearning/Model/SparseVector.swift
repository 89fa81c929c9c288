/// A sparse feature vector: feature indexes in increasing order, each with its value.
public struct SparseVector: Sendable, Equatable {
    public private(set) var indices: [Int32]
    public private(set) var values: [Double]

    /// A vector from `(index, value)` pairs in any order; repeated indexes add up.
    public init(_ entries: [(index: Int, value: Double)]) {
        let sorted = entries.sorted { $0.index < $1.index }
        var indices = [Int32](), values = [Double]()
        indices.reserveCapacity(sorted.count)
        values.reserveCapacity(sorted.count)
        for entry in sorted {
            if let last = indices.last, Int(last) == entry.index {
                values[values.count - 1] += entry.value
            } else {
                indices.append(Int32(entry.index))
                values.append(entry.value)
            }
        }
        self.indices = indices
        self.values = values
    }

    /// The dot product with dense `weights`, which must cover every index.
    @inline(__always)
    func dot(_ weights: [Double]) -> Double {
        var sum = 0.0
        for k in indices.indices { sum += weights[Int(indices[k])] * values[k] }
        return sum
    }
}
