/// The character encodings plain-text transcripts are read in.
public enum TextEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1252 = "windows-1252"

    /// What to tell the user about text read in this encoding: Windows-1252 is a
    /// guess for bytes that are not valid UTF-8, and a wrong guess garbles letters.
    public var warning: String? {
        self == .windows1252 ? "not valid UTF-8; read as Windows-1252 (check for mojibake)" : nil
    }
}

/// Decodes transcript bytes into UTF-8 with `\n` line ends.
///
/// UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark, and
/// Windows-1252 for anything that is not valid UTF-8. CRLF and lone CR become LF.
/// Files holding NUL bytes or mostly control characters are refused as binary.
public enum TextDecoder {
    /// Decodes `bytes`, returning normalised UTF-8 and the encoding detected. O(n).
    public static func decode(_ bytes: [UInt8]) throws(IngestError) -> (utf8: [UInt8], encoding: TextEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            guard isValidUTF8(body) else { throw IngestError("invalid UTF-8 after a UTF-8 byte-order mark") }
            return (try normalized(body), .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try normalized(try decodeUTF16(bytes.dropFirst(2), littleEndian: true)), .utf16LE)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try normalized(try decodeUTF16(bytes.dropFirst(2), littleEndian: false)), .utf16BE)
        }
        if isValidUTF8(bytes) {
            return (try normalized(bytes), .utf8)
        }
        return (try normalized(windows1252ToUTF8(bytes)), .windows1252)
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isASCII($0) || String(validating: $0, as: UTF8.self) != nil }
    }

    /// True when no byte has its high bit set, tested eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= raw.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < raw.count {
            high |= UInt64(raw[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) throws(IngestError) -> [UInt8] {
        guard bytes.count % 2 == 0 else { throw IngestError("truncated UTF-16 text (odd number of bytes)") }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var out = [UInt8]()
        out.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): UTF8.encode(scalar) { out.append($0) }
            case .emptyInput: break loop
            case .error: throw IngestError("invalid UTF-16 text (unpaired surrogate)")
            }
        }
        return out
    }

    /// Windows-1252's mapping of 0x80...0x9F; the five undefined bytes map to U+FFFD.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
                UTF8.encode(Unicode.Scalar(value)!) { out.append($0) }
            }
        }
        return out
    }

    /// Converts CRLF and CR to LF and refuses binary content. Text without a CR
    /// is returned as it is, without a copy.
    private static func normalized(_ bytes: [UInt8]) throws(IngestError) -> [UInt8] {
        var controls = 0
        var carriageReturns = 0
        var nul = false
        bytes.withUnsafeBytes { raw in
            var i = 0
            while i < raw.count {
                // Skip eight bytes at a time while none is below 0x20.
                if i + 8 <= raw.count {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                switch raw[i] {
                case 0: nul = true
                case 0x0D: carriageReturns += 1
                case 0x09, 0x0A, 0x0C, 0x20...: break
                default: controls += 1
                }
                i += 1
            }
        }
        if nul { throw IngestError("binary file (contains NUL bytes), not a text transcript") }
        if controls > 16, controls * 20 > bytes.count {
            throw IngestError("binary file (mostly control characters), not a text transcript")
        }
        guard carriageReturns > 0 else { return bytes }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }
}
