/// One codable piece of a transcript: the record `themis ingest` writes.
///
/// `start` and `end` are offsets in Unicode scalars into the document's plain text
/// (end exclusive), and `text` is exactly the plain text between them.
public struct Segment: Sendable, Equatable {
    /// The document id: the path relative to the folder given, without extension.
    public var document: String
    /// Position of the segment in its document, from 1.
    public var index: Int
    public var unit: SegmentUnit
    /// The speaker label without timestamp or parenthetical; nil before the first label.
    public var speaker: String?
    /// A parenthetical after the label, such as `Site B` in `Midwife 2 (Site B):`.
    public var speakerNote: String?
    public var role: SpeakerRole
    /// Seconds from the start of the recording, from the turn's timestamp.
    public var time: Double?
    public var start: Int
    public var end: Int
    public var text: String

    public init(
        document: String, index: Int, unit: SegmentUnit, speaker: String?, speakerNote: String?,
        role: SpeakerRole, time: Double?, start: Int, end: Int, text: String
    ) {
        self.document = document
        self.index = index
        self.unit = unit
        self.speaker = speaker
        self.speakerNote = speakerNote
        self.role = role
        self.time = time
        self.start = start
        self.end = end
        self.text = text
    }

    /// The segment id, `DOCUMENT#N`.
    public var id: String { "\(document)#\(index)" }
}
