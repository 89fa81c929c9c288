/// Whether a coding describes the factor helping or hindering.
public enum Valence: String, Sendable, CaseIterable {
    case enabler, barrier, mixed, neutral

    /// The one valence of a segment under a code whose codings carry several (a
    /// domain's factors, or a code applied twice): enabler and barrier make mixed,
    /// mixed stays mixed whatever joins it, and neutral yields to any other valence.
    ///
    /// The rule is a join: the order of the codings does not matter, and combining
    /// in steps gives what combining all at once gives.
    public func combined(with other: Valence) -> Valence {
        switch (self, other) {
        case (let a, let b) where a == b: return a
        case (.neutral, let b): return b
        case (let a, .neutral): return a
        default: return .mixed
        }
    }

    /// `valences` rolled into one by `combined(with:)`; nil when there are none.
    public static func combined(_ valences: some Sequence<Valence>) -> Valence? {
        valences.reduce(nil) { $0?.combined(with: $1) ?? $1 }
    }
}
