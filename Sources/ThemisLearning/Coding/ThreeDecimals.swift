/// `value` with three decimals, rounded half away from zero, without Foundation's locale.
func threeDecimals(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e12 else { return "\(value)" }
    let scaled = Int64((value * 1000).rounded()), magnitude = scaled.magnitude
    let fraction = String(magnitude % 1000)
    return (scaled < 0 ? "-" : "") + "\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
