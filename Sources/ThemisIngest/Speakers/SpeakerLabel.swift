/// A speaker label found at the start of a line.
struct SpeakerLabel: Equatable {
    /// How much the label can be trusted on its own.
    enum Evidence: Equatable {
        /// A timestamp, a bold Word run, or a known role form (`Interviewer`, `P3`, `Dr Okafor`, `Midwife 2`).
        case strong
        /// A plain `Name:`; a speaker only if the same name labels another line too.
        case recurring
        /// A line `Name  0:03` with the text below it (Otter, Teams); a speaker only
        /// if the document has at least two such lines.
        case headerLine
    }

    var speaker: String
    var note: String?
    var time: Double?
    /// Offset from the line start where the turn's text begins; nil when it begins on the next line.
    var contentOffset: Int?
    var evidence: Evidence
}

/// Recognises speaker labels at the start of a transcript line.
///
/// Forms: `Name: text`, `Name (note): text`, `Name [00:01:02]: text`,
/// `Name (00:01:02): text`, `[00:01:02] Name: text`, `(00:01:02) Name: text`,
/// `00:01:02 Name: text`, `00:01:02<TAB>Name<TAB>text` and a header line
/// `Name  0:03` with the text on the following lines.
enum SpeakerLabelParser {
    static let maximumNameBytes = 48
    static let maximumNameWords = 6

    /// Parses a label at the start of `bytes[start..<end]`.
    /// `boldLabelEnd` is the end of a bold run ending in a colon, when the line has one.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end lineEnd: Int, boldLabelEnd: Int? = nil) -> SpeakerLabel? {
        // Labels are short: never look further than this into a long line.
        let end = min(lineEnd, start + 160)
        if lineEnd - start <= 80, let label = headerLine(bytes, start: start, end: lineEnd) { return label }
        var i = skipSpaces(bytes, start, end)
        var time: Double?

        // A timestamp before the name: [00:01:02], (00:01:02) or 00:01:02.
        if i < end, bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "(") {
            let close = bytes[i] == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ")")
            if let (seconds, next) = Timestamp.parse(bytes, at: i + 1, end: end), next < end, bytes[next] == close {
                time = seconds
                i = skipSpaces(bytes, next + 1, end)
            }
        } else if let (seconds, next) = Timestamp.parse(bytes, at: i, end: end), next < end,
                  bytes[next] == 0x20 || bytes[next] == 0x09 {
            if bytes[next] == 0x09, let label = zoomTabForm(bytes, nameStart: next + 1, end: end, time: seconds, lineStart: start) {
                return label
            }
            time = seconds
            i = skipSpaces(bytes, next, end)
        }

        // The name runs to a colon, a parenthetical or a bracket.
        let nameStart = i
        while i < end, i - nameStart <= maximumNameBytes, isNameByte(bytes[i]) { i += 1 }
        var nameEnd = i
        while nameEnd > nameStart, bytes[nameEnd - 1] == 0x20 { nameEnd -= 1 }
        guard nameEnd > nameStart, i - nameStart <= maximumNameBytes else { return nil }
        let name = string(bytes, nameStart, nameEnd)

        var note: String?
        if i < end, bytes[i] == UInt8(ascii: "(") || bytes[i] == UInt8(ascii: "[") {
            let isParen = bytes[i] == UInt8(ascii: "(")
            let close = isParen ? UInt8(ascii: ")") : UInt8(ascii: "]")
            let inner = i + 1
            var j = inner
            while j < end, bytes[j] != close, bytes[j] != UInt8(ascii: ":") || isTimeColon(bytes, j, end) { j += 1 }
            guard j < end, bytes[j] == close else { return nil }
            if let (seconds, next) = Timestamp.parse(bytes, at: skipSpaces(bytes, inner, j), end: j),
               skipSpaces(bytes, next, j) == j {
                if time == nil { time = seconds }
            } else if isParen {
                let text = string(bytes, inner, j).trimmingSpaces
                guard !text.isEmpty, text.utf8.count <= 40 else { return nil }
                note = text
            } else {
                return nil
            }
            i = skipSpaces(bytes, j + 1, end)
        }

        if i < end, bytes[i] == UInt8(ascii: ":") {
            let afterColon = i + 1
            guard afterColon >= lineEnd || bytes[afterColon] == 0x20 || bytes[afterColon] == 0x09 else { return nil }
            guard isPlausibleName(name) else { return nil }
            let contentStart = skipSpaces(bytes, afterColon, lineEnd)
            let evidence: SpeakerLabel.Evidence
            if time != nil || SpeakerNames.isKnownForm(name) {
                evidence = .strong
            } else if let boldLabelEnd, boldLabelEnd >= afterColon {
                evidence = .strong
            } else {
                evidence = .recurring
            }
            return SpeakerLabel(
                speaker: name, note: note, time: time,
                contentOffset: contentStart < lineEnd ? contentStart - start : nil,
                evidence: evidence)
        }

        return nil
    }

    /// A header line: `Name  0:03` alone on its line, the text on the lines below.
    private static func headerLine(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> SpeakerLabel? {
        var last = end
        while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
        var timeStart = last
        while timeStart > start, bytes[timeStart - 1] != 0x20, bytes[timeStart - 1] != 0x09 { timeStart -= 1 }
        guard timeStart > start, let (seconds, next) = Timestamp.parse(bytes, at: timeStart, end: last), next == last
        else { return nil }
        let name = string(bytes, start, timeStart).trimmingSpaces
        guard !name.utf8.contains(UInt8(ascii: ":")), name.utf8.count <= maximumNameBytes, isHeaderName(name) else {
            return nil
        }
        return SpeakerLabel(speaker: name, note: nil, time: seconds, contentOffset: nil, evidence: .headerLine)
    }

    /// Zoom's text export: `00:01:02<TAB>Name<TAB>text`.
    private static func zoomTabForm(
        _ bytes: UnsafeBufferPointer<UInt8>, nameStart: Int, end: Int, time: Double, lineStart: Int
    ) -> SpeakerLabel? {
        var j = nameStart
        while j < end, bytes[j] != 0x09 { j += 1 }
        guard j < end else { return nil }
        let name = string(bytes, nameStart, j).trimmingSpaces
        guard isPlausibleName(name) else { return nil }
        return SpeakerLabel(speaker: name, note: nil, time: time, contentOffset: j + 1 - lineStart, evidence: .strong)
    }

    /// A colon that belongs to a clock time inside a bracket, as in `(00:01:02)`.
    private static func isTimeColon(_ bytes: UnsafeBufferPointer<UInt8>, _ j: Int, _ end: Int) -> Bool {
        j > 0 && j + 1 < end && Timestamp.digit(bytes[j - 1]) != nil && Timestamp.digit(bytes[j + 1]) != nil
    }

    /// Letters (any script), digits, spaces and the punctuation names carry.
    /// Colons are allowed only inside a clock time (for header lines).
    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        Timestamp.isWordByte(byte) || byte == 0x20 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "&")
    }

    /// A label name: one to six words, starting with a capital letter or a digit
    /// (or a role word in any case), holding at least one letter.
    static func isPlausibleName(_ name: String) -> Bool { SpeakerNames.facts(name).isPlausibleName }

    /// Header-line names are one to five words, each capitalised or a number (`Speaker 2`, `Amara Osei`).
    private static func isHeaderName(_ name: String) -> Bool { SpeakerNames.facts(name).isHeaderName }

    /// Works out ``isPlausibleName(_:)``; ``SpeakerNames/facts(_:)`` keeps the answer.
    static func plausibleName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard !words.isEmpty, words.count <= maximumNameWords else { return false }
        guard name.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return false }
        if name.utf8.contains(UInt8(ascii: ":")) { return false }
        guard let first = name.unicodeScalars.first else { return false }
        return first.properties.isUppercase || ("0"..."9").contains(first) || SpeakerNames.knownForm(name)
    }

    /// Works out ``isHeaderName(_:)``; ``SpeakerNames/facts(_:)`` keeps the answer.
    static func headerName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard (1...5).contains(words.count), plausibleName(name) else { return false }
        return words.allSatisfy { word in
            guard let first = word.unicodeScalars.first else { return false }
            return first.properties.isUppercase || ("0"..."9").contains(first)
        }
    }

    @inline(__always)
    static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
