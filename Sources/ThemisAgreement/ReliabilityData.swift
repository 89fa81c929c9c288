/// Reliability data: for each unit, each coder's value or nil when missing.
///
/// Values are category labels; `interval` and `ratio` alpha read them as numbers,
/// `ordinal` alpha orders numbers numerically and other labels as text.
public struct ReliabilityData: Sendable {
    /// `values[unit][coder]`.
    public var values: [[String?]]
    public var coderCount: Int

    public init(values: [[String?]]) {
        self.values = values
        self.coderCount = values.map(\.count).max() ?? 0
    }

    /// The categories observed, in order of first appearance.
    public var categories: [String] {
        var seen = Set<String>()
        var result = [String]()
        for unit in values {
            for case let value? in unit where seen.insert(value).inserted { result.append(value) }
        }
        return result
    }

    /// Per unit, how many coders gave each category (`counts[unit][category]`) and how many rated it.
    func counts(categories: [String]) -> (counts: [[Int]], rated: [Int]) {
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        var counts = [[Int]](), rated = [Int]()
        for unit in values {
            var row = [Int](repeating: 0, count: categories.count)
            var n = 0
            for case let value? in unit {
                row[index[value]!] += 1
                n += 1
            }
            counts.append(row)
            rated.append(n)
        }
        return (counts, rated)
    }
}
