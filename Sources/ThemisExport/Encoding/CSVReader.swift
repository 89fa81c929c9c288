/// Reads RFC 4180 CSV (and TSV): quoted fields with doubled quotes, line ends
/// inside quotes, CRLF or LF, an optional byte-order mark.
public struct CSVReader {
    /// One record and the 1-based line it starts on.
    public struct Row {
        public var fields: [String]
        public var line: Int
        public init(fields: [String], line: Int) {
            self.fields = fields
            self.line = line
        }
    }

    /// The rows of `text`; blank lines are skipped.
    public static func rows(_ text: String, separator: Character = ",") -> [Row] {
        var rows = [Row]()
        var fields = [String]()
        var field = ""
        var quoted = false
        var line = 1, rowLine = 1
        var atFieldStart = true
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let sep = separator.unicodeScalars.first!
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(fields: fields, line: rowLine)) }
            fields = []
            field = ""
            atFieldStart = true
        }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar?
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case sep:
                fields.append(field)
                field = ""
                atFieldStart = true
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRow()
                line += 1
                rowLine = line
            case "\n":
                endRow()
                line += 1
                rowLine = line
            default:
                field.unicodeScalars.append(scalar)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
