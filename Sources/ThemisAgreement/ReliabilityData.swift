/// Reliability data: for each unit, each coder's value or nil when missing.
///
/// Values are category labels, stored once as small integers; `interval` and
/// `ratio` alpha read the labels as numbers, `ordinal` alpha orders numbers
/// numerically and other labels as text.
public struct ReliabilityData: Sendable {
    /// The categories observed, in order of first appearance.
    public let categories: [String]
    public let unitCount: Int
    public let coderCount: Int
    /// `codes[unit * coderCount + coder]`: a category index, or -1 when missing.
    let codes: [Int32]

    public init(values: [[String?]]) {
        let coderCount = values.map(\.count).max() ?? 0
        var categories = [String]()
        var index = [String: Int32]()
        var codes = [Int32]()
        codes.reserveCapacity(values.count * coderCount)
        for unit in values {
            for coder in 0..<coderCount {
                guard coder < unit.count, let value = unit[coder] else {
                    codes.append(-1)
                    continue
                }
                if let known = index[value] {
                    codes.append(known)
                } else {
                    let new = Int32(categories.count)
                    index[value] = new
                    categories.append(value)
                    codes.append(new)
                }
            }
        }
        self.init(categories: categories, unitCount: values.count, coderCount: coderCount, codes: codes)
    }

    /// Presence/absence data from runs of identical units: each run gives `count`
    /// units where coder k's value is `pattern[k]` (true `1`, false `0`, nil missing).
    /// For character-level agreement, where a document's characters come in long runs.
    public init(coderCount: Int, runs: [(pattern: [Bool?], count: Int)]) {
        var codes = [Int32]()
        codes.reserveCapacity(runs.reduce(0) { $0 + $1.count } * coderCount)
        var unitCount = 0
        for run in runs where run.count > 0 {
            let unit = (0..<coderCount).map { k -> Int32 in
                guard k < run.pattern.count, let value = run.pattern[k] else { return -1 }
                return value ? 1 : 0
            }
            for _ in 0..<run.count { codes.append(contentsOf: unit) }
            unitCount += run.count
        }
        self.init(categories: ["0", "1"], unitCount: unitCount, coderCount: coderCount, codes: codes)
    }

    /// Data already encoded: `codes[unit * coderCount + coder]` indexes `categories`, -1 when missing.
    public init(categories: [String], coderCount: Int, codes: [Int32]) {
        self.init(categories: categories, unitCount: coderCount == 0 ? 0 : codes.count / coderCount, coderCount: coderCount, codes: codes)
    }

    init(categories: [String], unitCount: Int, coderCount: Int, codes: [Int32]) {
        self.categories = categories
        self.unitCount = unitCount
        self.coderCount = coderCount
        self.codes = codes
    }

    /// The values as labels: `values[unit][coder]`.
    public var values: [[String?]] {
        (0..<unitCount).map { unit in
            (0..<coderCount).map { coder in
                let code = codes[unit * coderCount + coder]
                return code < 0 ? nil : categories[Int(code)]
            }
        }
    }

    /// Several data sets' units one after another (categories merged by label).
    public static func stacked(_ parts: [ReliabilityData], coderCount: Int) -> ReliabilityData {
        var categories = [String]()
        var index = [String: Int32]()
        var codes = [Int32]()
        var units = 0
        for part in parts {
            let map = part.categories.map { label -> Int32 in
                if let known = index[label] { return known }
                index[label] = Int32(categories.count)
                categories.append(label)
                return Int32(categories.count - 1)
            }
            for unit in 0..<part.unitCount {
                for coder in 0..<coderCount {
                    let code = coder < part.coderCount ? part.codes[unit * part.coderCount + coder] : -1
                    codes.append(code < 0 ? -1 : map[Int(code)])
                }
            }
            units += part.unitCount
        }
        return ReliabilityData(categories: categories, unitCount: units, coderCount: coderCount, codes: codes)
    }

    /// The data of the units at `indices` (repeats allowed), for resampling.
    public func resampled(_ indices: [Int]) -> ReliabilityData {
        var subset = [Int32]()
        subset.reserveCapacity(indices.count * coderCount)
        for unit in indices { subset.append(contentsOf: codes[(unit * coderCount)..<((unit + 1) * coderCount)]) }
        return ReliabilityData(categories: categories, unitCount: indices.count, coderCount: coderCount, codes: subset)
    }

    /// How many units have two or more values.
    public var pairableUnits: Int {
        (0..<unitCount).reduce(0) { count, unit in
            var present = 0
            for coder in 0..<coderCount where codes[unit * coderCount + coder] >= 0 { present += 1 }
            return present >= 2 ? count + 1 : count
        }
    }

    /// One coder's column: category indices, -1 when missing.
    func column(_ coder: Int) -> [Int32] {
        (0..<unitCount).map { codes[$0 * coderCount + coder] }
    }

    /// The number of categories actually used (some may be left over after resampling).
    var usedCategoryCount: Int {
        var used = [Bool](repeating: false, count: categories.count)
        for code in codes where code >= 0 { used[Int(code)] = true }
        return used.filter { $0 }.count
    }
}
