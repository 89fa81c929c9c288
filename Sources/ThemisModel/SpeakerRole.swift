/// Whether a speaker asks the questions or answers them.
///
/// `code`, `sheet`, agreement units and report groups skip interviewer and
/// unlabelled segments unless `--all-speakers` is given.
public enum SpeakerRole: String, Sendable, Codable {
    case interviewer
    case participant
    /// Text before a document's first speaker label: a title, "Transcribed by ...".
    case unlabelled = "none"

    /// Whether segments of this role are coded, put in sheets and compared
    /// when interviewer and unlabelled text is left out.
    public var isParticipant: Bool { self == .participant }
}
