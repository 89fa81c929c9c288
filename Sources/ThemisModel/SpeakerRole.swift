/// Whether a speaker asks the questions or answers them.
///
/// `code` and `sheet` skip interviewer segments unless `--all-speakers` is given.
public enum SpeakerRole: String, Sendable, Codable {
    case interviewer
    case participant
}
