import ThemisModel

/// Reads WebVTT and SRT subtitle files (Microsoft Teams, Zoom, captioning tools)
/// into speaker turns.
///
/// The speaker comes from `<v Name>` voice spans, else from a `Name: text` cue
/// prefix. Consecutive cues of one speaker merge into a turn whose time is the
/// first cue's start. The plain text has one line per cue, the turn's first line
/// prefixed with `Name: `.
enum SubtitleReader {
    /// One piece of cue text with its speaker.
    struct CuePart: Equatable {
        var speaker: String?
        var time: Double
        var text: String
    }

    static func read(_ bytes: [UInt8], format: TranscriptFormat) throws(IngestError) -> ParsedTranscript {
        let parts = try cueParts(PlainText(utf8: try TextDecoder.decode(bytes).utf8), webVTT: format == .webVTT)
        return build(merge(parts))
    }

    /// The cue texts of a subtitle file, split where the voice changes.
    static func cueParts(_ text: PlainText, webVTT: Bool) throws(IngestError) -> [CuePart] {
        let lines = text.lines.map { String(decoding: text.utf8[$0.start..<$0.end], as: UTF8.self) }
        var index = 0
        if webVTT {
            guard let first = lines.first, first.hasPrefix("WEBVTT"),
                  first.count == 6 || first.dropFirst(6).first == " " || first.dropFirst(6).first == "\t"
            else { throw IngestError("not a WebVTT file: the first line is not WEBVTT", line: 1) }
            while index < lines.count, !isBlank(lines[index]) { index += 1 }
        }
        var parts = [CuePart]()
        while index < lines.count {
            let line = lines[index]
            if isBlank(line) {
                index += 1
                continue
            }
            if webVTT, !isTiming(line), isBlockKeyword(line) {
                while index < lines.count, !isBlank(lines[index]) { index += 1 }
                continue
            }
            // An identifier line (or SRT index) before the timing line.
            if !isTiming(line) {
                if index + 1 < lines.count, isTiming(lines[index + 1]) {
                    index += 1
                } else {
                    while index < lines.count, !isBlank(lines[index]) { index += 1 }
                    continue
                }
            }
            guard let start = cueStart(lines[index]) else {
                throw IngestError("invalid cue timing: \(lines[index].prefix(60))", line: index + 1)
            }
            index += 1
            var cueLines = [String]()
            while index < lines.count, !isBlank(lines[index]), !isTiming(lines[index]) {
                cueLines.append(lines[index])
                index += 1
            }
            // A line with --> ends the cue; a line before it was this cue's text, not an identifier.
            parts.append(contentsOf: CueText.parts(of: cueLines, time: start))
        }
        return assignPrefixSpeakers(parts)
    }

    /// Cues without a voice tag that open with `Name: ` take that speaker when
    /// the label is a known form or recurs.
    private static func assignPrefixSpeakers(_ parts: [CuePart]) -> [CuePart] {
        var labels = [(label: SpeakerLabel, offset: Int)?]()
        var recurring = [String: Int]()
        for part in parts {
            guard part.speaker == nil else { labels.append(nil); continue }
            let label = Array(part.text.utf8).withUnsafeBufferPointer { buffer in
                SpeakerLabelParser.parse(buffer, start: 0, end: buffer.count)
            }
            if let label, let offset = label.contentOffset, label.evidence != .headerLine {
                if label.evidence == .recurring { recurring[label.speaker, default: 0] += 1 }
                labels.append((label, offset))
            } else {
                labels.append(nil)
            }
        }
        return zip(parts, labels).map { part, found in
            guard let (label, offset) = found,
                  label.evidence == .strong || recurring[label.speaker, default: 0] >= 2
            else { return part }
            let text = String(decoding: Array(part.text.utf8)[offset...], as: UTF8.self)
            return CuePart(speaker: label.speaker, time: label.time ?? part.time, text: text)
        }
    }

    /// Merges consecutive parts of one named speaker into turns.
    static func merge(_ parts: [CuePart]) -> [(speaker: String?, time: Double, texts: [String])] {
        var turns = [(speaker: String?, time: Double, texts: [String])]()
        for part in parts where !part.text.isEmpty {
            if let speaker = part.speaker, let last = turns.last, last.speaker == speaker {
                turns[turns.count - 1].texts.append(part.text)
            } else {
                turns.append((part.speaker, part.time, [part.text]))
            }
        }
        return turns
    }

    private static func build(_ turns: [(speaker: String?, time: Double, texts: [String])]) -> ParsedTranscript {
        var utf8 = [UInt8]()
        var parsed = [Turn]()
        for turn in turns {
            if let speaker = turn.speaker { utf8.append(contentsOf: "\(speaker): ".utf8) }
            var lines = [TextLine]()
            for (k, text) in turn.texts.enumerated() {
                let start = utf8.count
                utf8.append(contentsOf: text.utf8)
                lines.append(TextLine(start: start, end: utf8.count, opensParagraph: k == 0))
                utf8.append(0x0A)
            }
            parsed.append(Turn(
                speaker: turn.speaker, note: nil, time: turn.time,
                role: SpeakerNames.role(of: turn.speaker, interviewers: []), lines: lines))
        }
        return ParsedTranscript(utf8: utf8, turns: parsed, attributes: [])
    }

    /// The start time of a timing line `start --> end [settings]`, or nil when it is malformed.
    static func cueStart(_ line: String) -> Double? {
        Array(line.utf8).withUnsafeBufferPointer { buffer -> Double? in
            let end = buffer.count
            var i = SpeakerLabelParser.skipSpaces(buffer, 0, end)
            guard let (start, afterStart) = Timestamp.parse(buffer, at: i, end: end) else { return nil }
            i = SpeakerLabelParser.skipSpaces(buffer, afterStart, end)
            guard i + 3 <= end, buffer[i] == UInt8(ascii: "-"), buffer[i + 1] == UInt8(ascii: "-"),
                  buffer[i + 2] == UInt8(ascii: ">") else { return nil }
            i = SpeakerLabelParser.skipSpaces(buffer, i + 3, end)
            guard let (_, afterEnd) = Timestamp.parse(buffer, at: i, end: end),
                  afterEnd == end || buffer[afterEnd] == 0x20 || buffer[afterEnd] == 0x09 else { return nil }
            return start
        }
    }

    /// True for a line holding `-->` (a cue timing line); on bytes, without Foundation.
    private static func isTiming(_ line: String) -> Bool {
        var dashes = 0
        for byte in line.utf8 {
            if byte == UInt8(ascii: "-") {
                dashes += 1
            } else {
                if byte == UInt8(ascii: ">"), dashes >= 2 { return true }
                dashes = 0
            }
        }
        return false
    }

    private static func isBlank(_ line: String) -> Bool {
        line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    private static func isBlockKeyword(_ line: String) -> Bool {
        for keyword in ["NOTE", "STYLE", "REGION"] where line.hasPrefix(keyword) {
            let rest = line.dropFirst(keyword.count)
            if rest.isEmpty || rest.first == " " || rest.first == "\t" { return true }
        }
        return false
    }
}
