/// Who applied which code to which unit: the input of an agreement audit.
///
/// Every coder judged every unit in `judged[coder]` (nil: all units); a code a
/// coder did not apply to a judged unit counts as absent, and units the coder did
/// not judge are missing.
public struct CodingJudgements: Sendable {
    public var coders: [String]
    /// Unit ids in order.
    public var units: [String]
    /// The codes compared, in order.
    public var codes: [String]
    /// `applied[code][coder]` holds the indices of the units the coder applied the code to.
    public var applied: [String: [Set<Int>]]
    /// `judged[coder]`: the units the coder judged; nil when the coder judged them all.
    public var judged: [Set<Int>?]

    public init(coders: [String], units: [String], codes: [String], applied: [String: [Set<Int>]], judged: [Set<Int>?]? = nil) {
        self.coders = coders
        self.units = units
        self.codes = codes
        self.applied = applied
        self.judged = judged ?? Array(repeating: nil, count: coders.count)
    }

    /// Presence/absence reliability data for one code: `1` applied, `0` not, nil not judged.
    public func reliabilityData(code: String, units unitIndices: [Int]? = nil) -> ReliabilityData {
        let sets = applied[code] ?? Array(repeating: [], count: coders.count)
        let indices = unitIndices ?? Array(units.indices)
        return ReliabilityData(values: indices.map { unit in
            coders.indices.map { coder -> String? in
                if let judged = judged[coder], !judged.contains(unit) { return nil }
                return sets[coder].contains(unit) ? "1" : "0"
            }
        })
    }

}
