extension String {
    /// `value` with one to three decimals, rounded half away from zero, without
    /// Foundation's locale. A magnitude of 1e15 or more, where a double has no
    /// fractional digits left, is written in Swift's shortest form (`1e+300`), and a
    /// value that is not finite as `n/a`, so that no value can trap the conversion.
    init(decimal value: Double, places: Int) {
        precondition((1...3).contains(places), "one to three decimals")
        guard value.isFinite else {
            self = "n/a"
            return
        }
        guard value.magnitude < 1e15 else {
            self = "\(value)"
            return
        }
        let unit: Int64 = places == 1 ? 10 : places == 2 ? 100 : 1000
        let scaled = (value * Double(unit)).rounded()
        let magnitude = Int64(scaled.magnitude)
        let fraction = String(magnitude % unit)
        self = (scaled < 0 ? "-" : "") + "\(magnitude / unit)." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// A number with three decimals (see ``init(decimal:places:)``).
    init(format3 value: Double) {
        self.init(decimal: value, places: 3)
    }

    /// A number with one decimal (see ``init(decimal:places:)``).
    init(format1 value: Double) {
        self.init(decimal: value, places: 1)
    }
}
