/// Writes RFC 4180 CSV fields into a UTF-8 buffer.
public enum CSVText {
    /// Appends one row, quoting fields that hold a comma, quote or line end. `nil` is an empty field.
    public static func appendRow(_ fields: [String?], separator: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        for (k, field) in fields.enumerated() {
            if k > 0 { out.append(separator) }
            if let field { appendField(field, separator: separator, to: &out) }
        }
        out.append(0x0A)
    }

    /// Appends one field, quoted when it holds the separator, a quote or a line break.
    @inline(__always)
    public static func appendField(_ field: String, separator: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        if needsQuotes(field, separator: separator) {
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

    /// Appends `parts` joined by `joiner` as one field.
    public static func appendField(joining parts: [String], with joiner: UInt8, separator: UInt8 = UInt8(ascii: ","),
                                   to out: inout [UInt8]) {
        guard !parts.contains(where: { needsQuotes($0, separator: separator) }), joiner != separator,
              joiner != UInt8(ascii: "\""), joiner != 0x0A, joiner != 0x0D
        else {
            appendField(parts.joined(separator: String(UnicodeScalar(joiner))), separator: separator, to: &out)
            return
        }
        for (k, part) in parts.enumerated() {
            if k > 0 { out.append(joiner) }
            out.append(contentsOf: part.utf8)
        }
    }

    @inline(__always)
    static func needsQuotes(_ field: String, separator: UInt8) -> Bool {
        let special = { (byte: UInt8) in byte == separator || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D }
        return field.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? field.utf8.contains(where: special)
    }
}
