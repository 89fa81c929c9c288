/// Reads RFC 4180 CSV (and TSV): quoted fields with doubled quotes, line ends
/// inside quotes, CRLF or LF, an optional byte-order mark. Works on UTF-8 bytes.
/// A field that ``CSVText`` marked as text for spreadsheets (`'=SUM(A1)`) loses the mark.
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
        var text = text
        return text.withUTF8 { rows(bytes: $0, separator: separator.asciiValue ?? UInt8(ascii: ",")) }
    }

    static func rows(bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [Row] {
        let quote = UInt8(ascii: "\""), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var rows = [Row]()
        var fields = [String]()
        var line = 1, rowLine = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = bytes.count
        func endRow() {
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(fields: fields, line: rowLine)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i <= n {
            if i == n {
                if !fields.isEmpty { fields.append(""); endRow() }
                break
            }
            if bytes[i] == quote {
                // A quoted field: copy runs between doubled quotes.
                var field = [UInt8]()
                i += 1
                while i < n {
                    if bytes[i] == quote {
                        if i + 1 < n, bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if bytes[i] == lf { line += 1 }
                    field.append(bytes[i])
                    i += 1
                }
                // Anything after the closing quote up to the separator belongs to the field.
                while i < n, bytes[i] != separator, bytes[i] != cr, bytes[i] != lf {
                    field.append(bytes[i])
                    i += 1
                }
                fields.append(String(decoding: CSVText.isMarked(field) ? field[1...] : field[...], as: UTF8.self))
            } else {
                var start = i
                while i < n, bytes[i] != separator, bytes[i] != cr, bytes[i] != lf { i += 1 }
                if CSVText.isMarked(bytes[start..<i]) { start += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            }
            if i >= n {
                endRow()
                break
            }
            if bytes[i] == separator {
                i += 1
                if i == n { fields.append(""); endRow(); break }
                continue
            }
            // A line end: CRLF, LF or CR.
            if bytes[i] == cr, i + 1 < n, bytes[i + 1] == lf { i += 1 }
            i += 1
            endRow()
            line += 1
            rowLine = line
        }
        return rows
    }
}
