/// Turns the text lines of one cue into plain text: markup tags removed,
/// character references decoded, and the cue split where a `<v Name>` voice changes.
enum CueText {
    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "lrm": "\u{200E}", "rlm": "\u{200F}",
    ]

    /// The cue's parts, each with its voice (nil when none) and its lines joined by a space.
    static func parts(of lines: [String], time: Double) -> [SubtitleReader.CuePart] {
        var parts = [SubtitleReader.CuePart]()
        var speaker: String?
        var pieces = [String]()
        func flush() {
            let text = pieces.map(\.trimmingSpaces).filter { !$0.isEmpty }.joined(separator: " ")
            if !text.isEmpty { parts.append(.init(speaker: speaker, time: time, text: text)) }
            pieces = []
        }
        for line in lines {
            var piece = ""
            var scalars = line.unicodeScalars[...]
            while let scalar = scalars.first {
                if scalar == "<", let close = tagEnd(scalars) {
                    let tag = String(scalars[scalars.index(after: scalars.startIndex)..<close])
                    scalars = scalars[scalars.index(after: close)...]
                    if let voice = voiceName(tag), voice != speaker {
                        pieces.append(piece)
                        piece = ""
                        flush()
                        speaker = voice
                    }
                } else if scalar == "{", scalars.dropFirst().first == "\\", let close = scalars.firstIndex(of: "}") {
                    scalars = scalars[scalars.index(after: close)...]  // SRT override tags such as {\an8}
                } else if scalar == "&", let (decoded, rest) = entity(scalars) {
                    piece += decoded
                    scalars = rest
                } else {
                    piece.unicodeScalars.append(scalar)
                    scalars = scalars.dropFirst()
                }
            }
            pieces.append(piece)
        }
        flush()
        return parts
    }

    /// The index of the `>` closing a tag that starts at `scalars.first`, when it is a tag:
    /// `<` followed by a letter, a digit or `/`, closed on the same line.
    private static func tagEnd(_ scalars: Substring.UnicodeScalarView.SubSequence) -> Substring.UnicodeScalarView.Index? {
        guard let next = scalars.dropFirst().first,
              next == "/" || next.properties.isAlphabetic || ("0"..."9").contains(next)
        else { return nil }
        return scalars.firstIndex(of: ">")
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

    /// Decodes a character reference at the start of `scalars`.
    private static func entity(
        _ scalars: Substring.UnicodeScalarView.SubSequence
    ) -> (String, Substring.UnicodeScalarView.SubSequence)? {
        guard let semicolon = scalars.prefix(12).firstIndex(of: ";") else { return nil }
        let name = String(scalars[scalars.index(after: scalars.startIndex)..<semicolon])
        let rest = scalars[scalars.index(after: semicolon)...]
        if let decoded = entities[name] { return (decoded, rest) }
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            if let value, let scalar = Unicode.Scalar(value) { return (String(Character(scalar)), rest) }
        }
        return nil
    }
}
