/// A reliability statistic: its value, or why it is undefined (never NaN).
public struct Statistic: Sendable, Equatable, CustomStringConvertible {
    public var value: Double?
    /// Why the value is undefined; nil when it is defined.
    public var reason: String?

    public static func defined(_ value: Double) -> Statistic { Statistic(value: value, reason: nil) }
    public static func undefined(_ reason: String) -> Statistic { Statistic(value: nil, reason: reason) }

    public var description: String { value.map { "\($0)" } ?? "undefined (\(reason ?? ""))" }
}

/// How far apart two values are: the level of measurement of Krippendorff's alpha.
public enum Measure: String, Sendable, CaseIterable {
    case nominal, ordinal, interval, ratio
}
