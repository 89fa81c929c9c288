import ThemisModel

/// Reads WebVTT and SRT subtitle files (Microsoft Teams, Zoom, captioning tools)
/// into speaker turns.
///
/// The speaker comes from `<v Name>` voice spans, else from a `Name: text` cue
/// prefix. Consecutive cues of one speaker merge into a turn whose time is the
/// first cue's start. The plain text has one line per cue, the turn's first line
/// prefixed with `Name: `.
enum SubtitleReader {
    /// One piece of cue text with its speaker; the text is a range of ``CueParts/text``.
    struct CuePart: Equatable {
        var speaker: String?
        var time: Double
        var text: Range<Int>
    }

    /// The cue parts of a file, their texts kept one after another in one buffer.
    struct CueParts {
        var text = [UInt8]()
        var parts = [CuePart]()
    }

    /// A subtitle file's turn: consecutive parts of one speaker.
    struct CueTurn {
        var speaker: String?
        var time: Double
        var texts: [Range<Int>]
    }

    static func read(_ bytes: [UInt8], format: TranscriptFormat) throws(IngestError) -> ParsedTranscript {
        let decoded = try TextDecoder.decode(bytes)
        let text = PlainText(utf8: decoded.utf8)
        let parts = try text.utf8.withUnsafeBufferPointer { buffer throws(IngestError) in
            try cueParts(buffer, lines: text.lines, webVTT: format == .webVTT)
        }
        var parsed = build(merge(parts.parts), text: parts.text)
        parsed.warnings = decoded.encoding.warning.map { [$0] } ?? []
        return parsed
    }

    /// The cue texts of a subtitle file, split where the voice changes.
    static func cueParts(_ bytes: UnsafeBufferPointer<UInt8>, lines: [TextLine], webVTT: Bool) throws(IngestError) -> CueParts {
        var index = 0
        func isBlank(_ k: Int) -> Bool { Self.isBlank(bytes, lines[k]) }
        func isTiming(_ k: Int) -> Bool { Self.isTiming(bytes, lines[k]) }
        if webVTT {
            guard let first = lines.first, isSignature(bytes, first)
            else { throw IngestError("not a WebVTT file: the first line is not WEBVTT", line: 1) }
            while index < lines.count, !isBlank(index) { index += 1 }
        }
        var parts = CueParts()
        var cue = CueText()
        while index < lines.count {
            if isBlank(index) {
                index += 1
                continue
            }
            if webVTT, !isTiming(index), isBlockKeyword(bytes, lines[index]) {
                while index < lines.count, !isBlank(index) { index += 1 }
                continue
            }
            // An identifier line (or SRT index) before the timing line.
            if !isTiming(index) {
                if index + 1 < lines.count, isTiming(index + 1) {
                    index += 1
                } else {
                    while index < lines.count, !isBlank(index) { index += 1 }
                    continue
                }
            }
            guard let start = cueStart(bytes, lines[index]) else {
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[lines[index].start..<lines[index].end]), as: UTF8.self)
                throw IngestError("invalid cue timing: \(line.prefix(60))", line: index + 1)
            }
            index += 1
            // A line with --> ends the cue; a line before it was this cue's text, not an identifier.
            let first = index
            while index < lines.count, !isBlank(index), !isTiming(index) { index += 1 }
            cue.parts(of: lines[first..<index], in: bytes, time: start, into: &parts)
        }
        return assignPrefixSpeakers(parts)
    }

    /// Cues without a voice tag that open with `Name: ` take that speaker when
    /// the label is a known form or recurs.
    private static func assignPrefixSpeakers(_ found: CueParts) -> CueParts {
        var labels = [(label: SpeakerLabel, offset: Int)?]()
        var recurring = [String: Int]()
        for part in found.parts {
            guard part.speaker == nil else { labels.append(nil); continue }
            let label = found.text.withUnsafeBufferPointer { buffer in
                SpeakerLabelParser.parse(buffer, start: part.text.lowerBound, end: part.text.upperBound)
            }
            if let label, let offset = label.contentOffset, label.evidence != .headerLine {
                if label.evidence == .recurring { recurring[label.speaker, default: 0] += 1 }
                labels.append((label, offset))
            } else {
                labels.append(nil)
            }
        }
        if labels.allSatisfy({ $0 == nil }) { return found }
        var assigned = found
        assigned.parts = zip(found.parts, labels).map { part, found in
            guard let (label, offset) = found,
                  label.evidence == .strong || recurring[label.speaker, default: 0] >= 2
            else { return part }
            return CuePart(speaker: label.speaker, time: label.time ?? part.time,
                           text: (part.text.lowerBound + offset)..<part.text.upperBound)
        }
        return assigned
    }

    /// Merges consecutive parts of one named speaker into turns.
    static func merge(_ parts: [CuePart]) -> [CueTurn] {
        var turns = [CueTurn]()
        for part in parts where !part.text.isEmpty {
            if let speaker = part.speaker, let last = turns.last, last.speaker == speaker {
                turns[turns.count - 1].texts.append(part.text)
            } else {
                turns.append(CueTurn(speaker: part.speaker, time: part.time, texts: [part.text]))
            }
        }
        return turns
    }

    private static func build(_ turns: [CueTurn], text: [UInt8]) -> ParsedTranscript {
        var utf8 = [UInt8]()
        var parsed = [Turn]()
        var roles = [String: SpeakerRole]()
        for turn in turns {
            if let speaker = turn.speaker { utf8.append(contentsOf: "\(speaker): ".utf8) }
            var lines = [TextLine]()
            for (k, range) in turn.texts.enumerated() {
                let start = utf8.count
                utf8.append(contentsOf: text[range])
                lines.append(TextLine(start: start, end: utf8.count, opensParagraph: k == 0))
                utf8.append(0x0A)
            }
            let role: SpeakerRole
            if let speaker = turn.speaker, let known = roles[speaker] {
                role = known
            } else {
                role = SpeakerNames.role(of: turn.speaker, interviewers: [])
                if let speaker = turn.speaker { roles[speaker] = role }
            }
            parsed.append(Turn(speaker: turn.speaker, note: nil, time: turn.time, role: role, lines: lines))
        }
        return ParsedTranscript(utf8: utf8, turns: parsed, attributes: [])
    }

    /// The start time of a timing line `start --> end [settings]`, or nil when it is malformed.
    static func cueStart(_ buffer: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Double? {
        let end = line.end
        var i = SpeakerLabelParser.skipSpaces(buffer, line.start, end)
        guard let (start, afterStart) = Timestamp.parse(buffer, at: i, end: end) else { return nil }
        i = SpeakerLabelParser.skipSpaces(buffer, afterStart, end)
        guard i + 3 <= end, buffer[i] == UInt8(ascii: "-"), buffer[i + 1] == UInt8(ascii: "-"),
              buffer[i + 2] == UInt8(ascii: ">") else { return nil }
        i = SpeakerLabelParser.skipSpaces(buffer, i + 3, end)
        guard let (_, afterEnd) = Timestamp.parse(buffer, at: i, end: end),
              afterEnd == end || buffer[afterEnd] == 0x20 || buffer[afterEnd] == 0x09 else { return nil }
        return start
    }

    /// True for a line holding `-->` (a cue timing line).
    private static func isTiming(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        var dashes = 0
        for i in line.start..<line.end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "-") {
                dashes += 1
            } else {
                if byte == UInt8(ascii: ">"), dashes >= 2 { return true }
                dashes = 0
            }
        }
        return false
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        for i in line.start..<line.end where bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
        return true
    }

    /// True when `line` starts with `word` followed by the line's end, a space or a tab.
    private static func startsWithWord(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard line.end - line.start >= count else { return false }
        for k in 0..<count where bytes[line.start + k] != word.utf8Start[k] { return false }
        let after = line.start + count
        return after == line.end || bytes[after] == 0x20 || bytes[after] == 0x09
    }

    private static func isSignature(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        startsWithWord(bytes, line, "WEBVTT")
    }

    private static func isBlockKeyword(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        startsWithWord(bytes, line, "NOTE") || startsWithWord(bytes, line, "STYLE") || startsWithWord(bytes, line, "REGION")
    }
}
