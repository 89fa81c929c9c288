/// A transcript read from one file: its plain text, attributes and segments.
public struct Transcript: Sendable {
    /// The document id (see ``Segment/document``).
    public var id: String
    /// The format the file was read as.
    public var format: TranscriptFormat
    /// Document attributes from YAML front matter, in the order written.
    public var attributes: [(name: String, value: String)]
    /// The document's plain text: what offsets count into, with `\n` line ends.
    public var plainText: String
    /// The segments of the unit that was asked for, in document order.
    public var segments: [Segment]
    /// The fingerprint of the file's bytes, when the reader was asked for one.
    public var sourceDigest: String?
    /// What the reader had to guess about the file and the user should check, such as
    /// its character encoding; one line each, without the file's path.
    public var warnings: [String] = []

    public init(
        id: String, format: TranscriptFormat, attributes: [(name: String, value: String)],
        plainText: String, segments: [Segment]
    ) {
        self.id = id
        self.format = format
        self.attributes = attributes
        self.plainText = plainText
        self.segments = segments
    }
}

/// The file formats Themis reads transcripts from.
public enum TranscriptFormat: String, Sendable, CaseIterable {
    case text
    case docx
    /// Word's flat XML package (`pkg:package`) or a bare `document.xml`.
    case wordXML = "word-xml"
    case webVTT = "webvtt"
    case srt

    /// The format a file name's extension selects, if any.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "txt": self = .text
        case "docx": self = .docx
        case "xml": self = .wordXML
        case "vtt": self = .webVTT
        case "srt": self = .srt
        default: return nil
        }
    }
}
