/// The unit a transcript is cut into for coding.
public enum SegmentUnit: String, CaseIterable, Sendable, Codable {
    /// One speaker's uninterrupted talk (the default).
    case turn
    /// A paragraph inside a turn: a block of lines between blank lines, or one Word paragraph.
    case paragraph
    /// A sentence inside a paragraph.
    case sentence
}
