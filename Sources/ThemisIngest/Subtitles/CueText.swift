/// Turns the text lines of one cue into plain text: markup tags removed,
/// character references decoded, and the cue split where a `<v Name>` voice
/// changes. Works on UTF-8 bytes, copying the runs between tags whole.
struct CueText {
    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "lrm": "\u{200E}", "rlm": "\u{200F}",
    ]

    /// Where the part being read starts in the parts' text, and where its current line's piece starts.
    private var partStart = 0
    private var pieceStart = 0

    /// Appends the cue's parts to `found`, each with its voice (nil when none)
    /// and its lines joined by a space.
    mutating func parts(
        of lines: ArraySlice<TextLine>, in bytes: UnsafeBufferPointer<UInt8>, time: Double,
        into found: inout SubtitleReader.CueParts
    ) {
        var speaker: String?
        partStart = found.text.count
        func flush() {
            if found.text.count > partStart {
                found.parts.append(.init(speaker: speaker, time: time, text: partStart..<found.text.count))
            }
            partStart = found.text.count
        }
        for line in lines {
            startPiece(&found.text)
            var i = line.start
            let n = line.end
            while i < n {
                let byte = bytes[i]
                if byte == UInt8(ascii: "<"), i + 1 < n, Self.isTagStart(bytes[i + 1]),
                   let close = Self.find(UInt8(ascii: ">"), bytes, from: i + 1, end: n) {
                    let voice = Self.voiceName(bytes, i + 1, close)
                    i = close + 1
                    if let voice, voice != speaker {
                        endPiece(&found.text)
                        flush()
                        startPiece(&found.text)
                        speaker = voice
                    }
                } else if byte == UInt8(ascii: "{"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "\\"),
                          let close = Self.find(UInt8(ascii: "}"), bytes, from: i + 1, end: n) {
                    i = close + 1  // SRT override tags such as {\an8}
                } else if byte == UInt8(ascii: "&"), let (decoded, next) = Self.entity(bytes, at: i, end: n) {
                    found.text.append(contentsOf: decoded.utf8)
                    i = next
                } else {
                    // Copy the run up to the next byte that may open markup whole.
                    var j = i + 1
                    while j < n, bytes[j] != UInt8(ascii: "<"), bytes[j] != UInt8(ascii: "{"), bytes[j] != UInt8(ascii: "&") { j += 1 }
                    found.text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    i = j
                }
            }
            endPiece(&found.text)
        }
        flush()
    }

    /// Begins a line's piece: a space after the part's earlier text, which
    /// ``endPiece(_:)`` drops if the piece stays empty.
    private mutating func startPiece(_ text: inout [UInt8]) {
        if text.count > partStart { text.append(0x20) }
        pieceStart = text.count
    }

    /// Trims the piece's spaces and tabs, with its separating space when nothing is left.
    private mutating func endPiece(_ text: inout [UInt8]) {
        var end = text.count
        while end > pieceStart, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        var start = pieceStart
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        if start == end {
            text.removeSubrange((pieceStart > partStart ? pieceStart - 1 : partStart)...)
            return
        }
        text.removeSubrange(end...)
        if start > pieceStart { text.removeSubrange(pieceStart..<start) }
    }

    /// A tag starts with a letter, a digit or `/` after the `<`.
    private static func isTagStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }

    private static func find(_ target: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        var j = start
        while j < end {
            if bytes[j] == target { return j }
            j += 1
        }
        return nil
    }

    /// The name in a voice tag `v Name` or `v.class Name` between `start` and `end`.
    private static func voiceName(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        guard end - start > 1, bytes[start] == UInt8(ascii: "v") else { return nil }
        let mark = bytes[start + 1]
        guard mark == 0x20 || mark == 0x09 || mark == UInt8(ascii: ".") else { return nil }
        var i = start + 1
        while i < end, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
        i = SpeakerLabelParser.skipSpaces(bytes, i, end)
        var last = end
        while last > i, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
        return i < last ? SpeakerLabelParser.string(bytes, i, last) : nil
    }

    /// Decodes a character reference at `start`, returning it and the index after its `;`.
    private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> (String, Int)? {
        guard let semicolon = find(UInt8(ascii: ";"), bytes, from: start, end: min(end, start + 12)) else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<semicolon]), as: UTF8.self)
        if let decoded = entities[name] { return (decoded, semicolon + 1) }
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            if let value, let scalar = Unicode.Scalar(value) { return (String(Character(scalar)), semicolon + 1) }
        }
        return nil
    }
}
