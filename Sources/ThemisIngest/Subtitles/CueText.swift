/// Turns the text lines of one cue into plain text: markup tags removed,
/// character references decoded, and the cue split where a `<v Name>` voice
/// changes. Works on UTF-8 bytes, copying the runs between tags whole.
enum CueText {
    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "lrm": "\u{200E}", "rlm": "\u{200F}",
    ]

    /// The cue's parts, each with its voice (nil when none) and its lines joined by a space.
    static func parts(of lines: [String], time: Double) -> [SubtitleReader.CuePart] {
        var parts = [SubtitleReader.CuePart]()
        var speaker: String?
        var pieces = [[UInt8]]()
        func flush() {
            let text = pieces.map { String(decoding: $0, as: UTF8.self).trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: " ")
            if !text.isEmpty { parts.append(.init(speaker: speaker, time: time, text: text)) }
            pieces = []
        }
        for var line in lines {
            var piece = [UInt8]()
            line.withUTF8 { bytes in
                let n = bytes.count
                var i = 0
                while i < n {
                    let byte = bytes[i]
                    if byte == UInt8(ascii: "<"), i + 1 < n, isTagStart(bytes[i + 1]), let close = find(UInt8(ascii: ">"), bytes, from: i + 1) {
                        let tag = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<close]), as: UTF8.self)
                        i = close + 1
                        if let voice = voiceName(tag), voice != speaker {
                            pieces.append(piece)
                            piece = []
                            flush()
                            speaker = voice
                        }
                    } else if byte == UInt8(ascii: "{"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "\\"),
                              let close = find(UInt8(ascii: "}"), bytes, from: i + 1) {
                        i = close + 1  // SRT override tags such as {\an8}
                    } else if byte == UInt8(ascii: "&"), let (decoded, next) = entity(bytes, at: i) {
                        piece.append(contentsOf: decoded.utf8)
                        i = next
                    } else {
                        piece.append(byte)
                        i += 1
                    }
                }
            }
            pieces.append(piece)
        }
        flush()
        return parts
    }

    /// A tag starts with a letter, a digit or `/` after the `<`.
    private static func isTagStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }

    private static func find(_ target: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var j = start
        while j < bytes.count {
            if bytes[j] == target { return j }
            j += 1
        }
        return nil
    }

    /// The name in a voice tag `v Name` or `v.class Name`.
    private static func voiceName(_ tag: String) -> String? {
        guard tag.hasPrefix("v"), tag.count > 1 else { return nil }
        let rest = tag.dropFirst()
        guard rest.first == " " || rest.first == "\t" || rest.first == "." else { return nil }
        guard let space = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let name = String(rest[space...]).trimmingSpaces
        return name.isEmpty ? nil : name
    }

    /// Decodes a character reference at `start`, returning it and the index after its `;`.
    private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        guard let semicolon = find(UInt8(ascii: ";"), UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, start + 12)]), from: start)
        else { return nil }
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
