/// Writes RFC 4180 CSV fields into a UTF-8 buffer.
///
/// CSV is opened in spreadsheets, which run a cell starting with `=`, `+`, `-` or `@`
/// (or tab or CR) as a formula. Such a field is written with a leading `'`, the mark
/// spreadsheets read as "this is text", unless it is a plain number (`-0.5`);
/// ``CSVReader`` drops the mark again. A field already starting with `'`s and then one
/// of those characters gets one more `'`, so that every field reads back as written.
public enum CSVText {
    /// Appends one row, quoting fields that hold a comma, quote or line end. `nil` is an empty field.
    public static func appendRow(_ fields: [String?], separator: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        for (k, field) in fields.enumerated() {
            if k > 0 { out.append(separator) }
            if let field { appendField(field, separator: separator, to: &out) }
        }
        out.append(0x0A)
    }

    /// Appends one field, quoted when it holds the separator, a quote or a line break,
    /// and marked with a leading `'` when a spreadsheet would run it as a formula.
    @inline(__always)
    public static func appendField(_ field: String, separator: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        let marked = needsMark(field)
        if needsQuotes(field, separator: separator) {
            out.append(UInt8(ascii: "\""))
            if marked { out.append(UInt8(ascii: "'")) }
            for byte in field.utf8 {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        } else {
            if marked { out.append(UInt8(ascii: "'")) }
            out.append(contentsOf: field.utf8)
        }
    }

    /// Appends `parts` joined by `joiner` as one field.
    public static func appendField(joining parts: [String], with joiner: UInt8, separator: UInt8 = UInt8(ascii: ","),
                                   to out: inout [UInt8]) {
        guard !parts.contains(where: { needsQuotes($0, separator: separator) }), !(parts.first?.utf8.first.map(mayNeedMark) ?? false),
              joiner != separator,
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

    /// True for a byte that starts a formula in a spreadsheet: `=`, `+`, `-`, `@`, tab, CR.
    @inline(__always)
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }

    /// True when a field starting with `byte` may need the mark: a formula start or `'`.
    @inline(__always)
    static func mayNeedMark(_ byte: UInt8) -> Bool {
        isFormulaStart(byte) || byte == UInt8(ascii: "'")
    }

    /// True when `field` gets a leading `'`: it is `'`s (maybe none) and then a formula
    /// start, and is not a plain number.
    @inline(__always)
    static func needsMark(_ field: String) -> Bool {
        guard let first = field.utf8.first, mayNeedMark(first) else { return false }
        return isMarkable(field.utf8) && !isPlainNumber(field.utf8)
    }

    /// True when `bytes` are one or more `'`s and then a formula start, the form the mark
    /// leaves: a reader drops the first `'` of such a field.
    static func isMarked(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.first == UInt8(ascii: "'") && isMarkable(bytes)
    }

    /// True when `bytes` are `'`s (maybe none) and then a formula start.
    private static func isMarkable(_ bytes: some Collection<UInt8>) -> Bool {
        guard let start = bytes.firstIndex(where: { $0 != UInt8(ascii: "'") }) else { return false }
        return isFormulaStart(bytes[start])
    }

    /// True for a number as spreadsheets read one: `[+-]digits[.digits][e[+-]digits]`, or `.5`.
    static func isPlainNumber(_ bytes: String.UTF8View) -> Bool {
        var i = bytes.makeIterator()
        var byte = i.next()
        func digits() -> Int {
            var count = 0
            while let b = byte, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { count += 1; byte = i.next() }
            return count
        }
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = i.next() }
        var mantissa = digits()
        if byte == UInt8(ascii: ".") {
            byte = i.next()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = i.next()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = i.next() }
            guard digits() > 0 else { return false }
        }
        return byte == nil
    }

    @inline(__always)
    static func needsQuotes(_ field: String, separator: UInt8) -> Bool {
        let special = { (byte: UInt8) in byte == separator || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D }
        return field.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? field.utf8.contains(where: special)
    }
}
