/// Writes JSON values into a UTF-8 buffer: strings escaped per RFC 8259 (non-ASCII
/// written as is), numbers in a fixed, locale-free form.
public enum JSONText {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `string` as a quoted JSON string. Runs of plain bytes are copied whole.
    public static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                runStart = i + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `string` quoted, or `null`.
    public static func appendOptional(_ string: String?, to out: inout [UInt8]) {
        if let string { appendString(string, to: &out) } else { out.append(contentsOf: Array("null".utf8)) }
    }

    /// Appends a number: whole values without a fraction, others with up to three decimals.
    public static func appendNumber(_ value: Double?, to out: inout [UInt8]) {
        out.append(contentsOf: Array(format(value).utf8))
    }

    /// A number at full precision (the shortest text that reads back as the same
    /// double), `null` for nil or non-finite values. For statistics.
    public static func formatExact(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A number as JSON text: `null` for nil or non-finite values; magnitudes of
    /// 1e15 and more in Swift's shortest form (`1e+300`).
    public static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        guard value.magnitude < 1e15 else { return "\(value)" }
        let thousandths = (value * 1000).rounded()
        if thousandths.truncatingRemainder(dividingBy: 1000) == 0 {
            return String(Int64(thousandths / 1000))
        }
        let whole = Int64((thousandths / 1000).rounded(.towardZero))
        var fraction = String(Int64(abs(thousandths.truncatingRemainder(dividingBy: 1000))))
        while fraction.count < 3 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole).\(fraction)"
    }
}
