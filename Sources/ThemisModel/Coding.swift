/// One (segment, code, coder) decision, with why it was made.
public struct Coding: Sendable, Equatable {
    public var document: String
    public var segment: String
    public var code: String
    public var coder: String
    /// Nil when the code's codebook defines no valence.
    public var valence: Valence?
    public var speaker: String?
    /// The patterns that fired, as written in the codebook.
    public var matched: [String]
    /// Human-readable lines saying which rules and tokens fired (filled when asked for).
    public var explanation: [String]
    /// A model's probability that the code applies; nil for rule codings.
    public var score: Double?

    public init(document: String, segment: String, code: String, coder: String, valence: Valence?, speaker: String?,
                matched: [String], explanation: [String] = [], score: Double? = nil) {
        self.document = document
        self.segment = segment
        self.code = code
        self.coder = coder
        self.valence = valence
        self.speaker = speaker
        self.matched = matched
        self.explanation = explanation
        self.score = score
    }
}
