/// Splits a paragraph into sentences on UTF-8 bytes.
///
/// A sentence ends at `.`, `!`, `?` (and `。！？`) followed by white space and a
/// capital letter, digit, quote or bracket. Abbreviations (`Dr.`, `e.g.`, `St.`),
/// initials, decimals and ellipses do not end a sentence.
enum SentenceSplitter {
    /// Words that a full stop follows without ending the sentence (lowercased, without the final dot).
    static let abbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "mx", "prof", "st", "sr", "jr", "vs", "v", "approx", "no", "nos", "fig", "cf",
        "dept", "esp", "inc", "ltd", "co", "mt", "wk", "min", "max", "ref", "vol", "ed", "eds", "al", "gen", "rev",
        "hon", "sgt", "capt", "lt", "col", "gov", "ave", "rd", "tel", "ext", "est", "approx", "incl", "misc", "nr",
    ]

    /// Byte ranges of the sentences in `bytes[start..<end]`, trimmed of white space.
    static func sentences(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> [Range<Int>] {
        var result = [Range<Int>]()
        var sentenceStart = skipSpace(bytes, start, end)
        var i = sentenceStart
        while i < end {
            let byte = bytes[i]
            var terminatorEnd: Int?
            if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                terminatorEnd = i + 1
            } else if byte == UInt8(ascii: ".") {
                if endsSentenceAtDot(bytes, dot: i, sentenceStart: sentenceStart, end: end) { terminatorEnd = i + 1 }
            } else if byte == 0xE3, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 {
                terminatorEnd = i + 3  // 。 ends a sentence with or without a following space
            } else if byte == 0xEF, i + 2 < end, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x81 || bytes[i + 2] == 0x9F {
                terminatorEnd = i + 3  // ！ ？
            }
            guard var close = terminatorEnd else {
                i += 1
                continue
            }
            let fullWidth = close - i == 3
            close = skipClosers(bytes, close, end)
            let next = skipSpace(bytes, close, end)
            if next >= end {
                break
            }
            if fullWidth || (next > close && startsSentence(bytes, next, end)) {
                result.append(sentenceStart..<close)
                sentenceStart = next
                i = next
            } else {
                i = close
            }
        }
        var last = end
        while last > sentenceStart, PlainText.isSpace(bytes[last - 1]) { last -= 1 }
        if last > sentenceStart { result.append(sentenceStart..<last) }
        return result
    }

    /// A dot ends a sentence unless it is part of an ellipsis, follows an
    /// abbreviation, an initial or a dotted word (`e.g.`), or sits inside a number.
    private static func endsSentenceAtDot(_ bytes: UnsafeBufferPointer<UInt8>, dot: Int, sentenceStart: Int, end: Int) -> Bool {
        if dot + 1 < end, bytes[dot + 1] == UInt8(ascii: ".") { return false }
        if dot > sentenceStart, bytes[dot - 1] == UInt8(ascii: ".") { return false }
        var wordStart = dot
        while wordStart > sentenceStart, !PlainText.isSpace(bytes[wordStart - 1]), bytes[wordStart - 1] != UInt8(ascii: "(")
            && bytes[wordStart - 1] != UInt8(ascii: "\"") { wordStart -= 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<dot]), as: UTF8.self)
        if word.isEmpty { return true }
        if word.contains(".") { return false }
        let scalars = word.unicodeScalars
        if scalars.count == 1, scalars.first!.properties.isUppercase { return false }
        return !abbreviations.contains(word.lowercased())
    }

    /// Closing quotes and brackets after a terminator belong to the sentence.
    private static func skipClosers(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: ")") || b == UInt8(ascii: "]")
                || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
                i += 1
            } else if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9D || bytes[i + 2] == 0x99 {
                i += 3  // ” ’
            } else {
                break
            }
        }
        return i
    }

    /// The next sentence starts with a capital letter, a digit, a quote or a bracket.
    private static func startsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 {
            return (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "\"")
                || b == UInt8(ascii: "'") || b == UInt8(ascii: "(") || b == UInt8(ascii: "[")
        }
        var iterator = UnsafeBufferPointer(rebasing: bytes[i..<min(end, i + 4)]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        if scalar == "\u{201C}" || scalar == "\u{2018}" { return true }
        return scalar.properties.isUppercase || (scalar.properties.isAlphabetic && !scalar.properties.isLowercase)
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end, PlainText.isSpace(bytes[i]) { i += 1 }
        return i
    }
}
