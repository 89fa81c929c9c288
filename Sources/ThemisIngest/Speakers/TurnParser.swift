import ThemisModel

/// One speaker's uninterrupted talk: the label's facts and the lines of text after it.
struct Turn {
    var speaker: String?
    var note: String?
    var time: Double?
    var role: SpeakerRole
    /// The turn's text lines; the first starts after the label.
    var lines: [TextLine]
}

/// Groups the lines of a transcript into speaker turns.
///
/// A turn starts at a line with a speaker label and runs to the next one. Plain
/// `Name:` labels count only when the same name labels another line too, so that
/// `Note: the recording stopped` inside a turn stays text.
enum TurnParser {
    /// The turns of `text`, from line `firstLine` on. `interviewers` holds lowercased
    /// names that front matter declares as interviewers. O(lines).
    static func turns(in text: PlainText, from firstLine: Int = 0, interviewers: Set<String>) -> [Turn] {
        let lines = text.lines[firstLine...]
        var labels = [SpeakerLabel?]()
        labels.reserveCapacity(lines.count)
        var recurring = [String: Int]()
        var headerLines = 0
        text.utf8.withUnsafeBufferPointer { bytes in
            for line in lines {
                let label = SpeakerLabelParser.parse(bytes, start: line.start, end: line.end, boldLabelEnd: line.boldLabelEnd)
                switch label?.evidence {
                case .recurring?: recurring[label!.speaker, default: 0] += 1
                case .headerLine?: headerLines += 1
                default: break
                }
                labels.append(label)
            }
        }

        var turns = [Turn]()
        var current: Turn?
        for (line, label) in zip(lines, labels) {
            if let label, accepts(label, recurring: recurring, headerLines: headerLines) {
                if let finished = current { turns.append(finished) }
                var turn = Turn(
                    speaker: label.speaker, note: label.note, time: label.time,
                    role: SpeakerNames.role(of: label.speaker, interviewers: interviewers), lines: [])
                if let offset = label.contentOffset {
                    turn.lines.append(TextLine(start: line.start + offset, end: line.end, opensParagraph: true))
                }
                current = turn
            } else if current != nil {
                current!.lines.append(line)
            } else {
                current = Turn(speaker: nil, note: nil, time: nil, role: .participant, lines: [line])
            }
        }
        if let finished = current { turns.append(finished) }
        // Text before the first label is a title or a note, not talk; a document
        // with no label at all is one speaker's talk.
        if turns.count > 1, turns[0].speaker == nil { turns[0].role = .unlabelled }
        return turns
    }

    private static func accepts(_ label: SpeakerLabel, recurring: [String: Int], headerLines: Int) -> Bool {
        switch label.evidence {
        case .strong: return true
        case .recurring: return recurring[label.speaker, default: 0] >= 2
        case .headerLine: return headerLines >= 2 || SpeakerNames.isKnownForm(label.speaker)
        }
    }
}
