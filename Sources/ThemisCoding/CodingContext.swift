import ThemisModel

/// What a segment is read with besides its own words.
public enum CodingContext: String, Sendable, CaseIterable {
    /// A participant's segment right after an interviewer's is read with that
    /// question: the question's words may satisfy `requires` and one side of a
    /// `near` rule, and its cues may give a valence the answer has no cue for,
    /// but they never code anything on their own.
    case question
    /// Each segment is read on its own.
    case none

    /// The question `segments[index]` is read with: the interviewer's segment
    /// right before a participant's, under `.question`; otherwise nil.
    public func question(for index: Int, in segments: [Segment]) -> Segment? {
        guard self == .question, segments[index].role == .participant, index > 0, segments[index - 1].role == .interviewer
        else { return nil }
        return segments[index - 1]
    }
}

extension SegmentCoder {
    /// Codes a transcript's segments in order: participant segments, and
    /// interviewer and unlabelled ones too when `allSpeakers`. Every segment
    /// coded is returned, with no codings where nothing matched.
    public mutating func code(
        transcript segments: [Segment], context: CodingContext, allSpeakers: Bool
    ) -> [(segment: Segment, codings: [Coding])] {
        var coded = [(segment: Segment, codings: [Coding])]()
        for (index, segment) in segments.enumerated() where allSpeakers || segment.role.isParticipant {
            coded.append((segment, code(segment, question: context.question(for: index, in: segments))))
        }
        return coded
    }
}
