/// Writes RFC 4180 CSV fields into a UTF-8 buffer.
public enum CSVText {
    /// Appends one row, quoting fields that hold a comma, quote or line end. `nil` is an empty field.
    public static func appendRow(_ fields: [String?], separator: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        for (k, field) in fields.enumerated() {
            if k > 0 { out.append(separator) }
            guard let field else { continue }
            let needsQuotes = field.utf8.contains {
                $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
            }
            if needsQuotes {
                out.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: field.utf8)
            }
        }
        out.append(0x0A)
    }
}
