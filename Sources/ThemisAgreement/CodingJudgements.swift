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
    /// `valences[code][coder]`: the valence the coder gave each unit they applied the code
    /// to, one per unit and code; absent for codes whose codings carry no valence.
    public var valences: [String: [[Int: String]]]

    public init(coders: [String], units: [String], codes: [String], applied: [String: [Set<Int>]], judged: [Set<Int>?]? = nil,
                valences: [String: [[Int: String]]] = [:]) {
        self.coders = coders
        self.units = units
        self.codes = codes
        self.applied = applied
        self.judged = judged ?? Array(repeating: nil, count: coders.count)
        self.valences = valences
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

    /// Valence data for one code: each unit where two or more coders applied the code
    /// with a valence, in unit order, with each coder's valence or nil. Nil when no
    /// coder gave the code a valence.
    public func valenceData(code: String) -> ReliabilityData? {
        guard let given = valences[code], given.contains(where: { !$0.isEmpty }) else { return nil }
        var coderCount = [Int: Int]()
        for coder in given { for unit in coder.keys { coderCount[unit, default: 0] += 1 } }
        var categories = [String](), index = [String: Int32](), codes = [Int32]()
        for unit in coderCount.filter({ $0.value >= 2 }).keys.sorted() {
            for coder in coders.indices {
                guard coder < given.count, let valence = given[coder][unit] else { codes.append(-1); continue }
                if index[valence] == nil {
                    index[valence] = Int32(categories.count)
                    categories.append(valence)
                }
                codes.append(index[valence]!)
            }
        }
        return ReliabilityData(categories: categories, coderCount: coders.count, codes: codes)
    }
}
