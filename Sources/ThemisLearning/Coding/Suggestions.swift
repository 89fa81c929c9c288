/// How much hand-coding a segment would teach a model: the segments whose
/// decisions are closest to a threshold, or where the model and the rules
/// disagree, are the ones a coder's answer changes most.
public enum Suggestions {
    /// What a disagreement between the model and the rules adds to a segment's value.
    public static let disagreementWeight = 0.25

    /// A segment's value for hand-coding, and why: for each learned code its
    /// closeness to the threshold, `1 - |p - t| / max(t, 1 - t)` (1 at the
    /// threshold, 0 at certainty), the largest of which counts, plus
    /// ``disagreementWeight`` for each code the model and the rules decide apart.
    public static func value(_ assessments: [ModelCoder.Assessment]) -> (value: Double, reasons: [String]) {
        var closest: (closeness: Double, assessment: ModelCoder.Assessment)?
        var disagreements = [String]()
        for assessment in assessments {
            guard let p = assessment.probability, let t = assessment.threshold else { continue }
            let closeness = 1 - abs(p - t) / max(t, 1 - t)
            if closest == nil || closeness > closest!.closeness { closest = (closeness, assessment) }
            if (p >= t) != assessment.rules { disagreements.append(assessment.code) }
        }
        guard let closest else { return (0, []) }
        var reasons = ["\(closest.assessment.code) at \(threeDecimals(closest.assessment.probability!)) "
                       + "(threshold \(threeDecimals(closest.assessment.threshold!)))"]
        if !disagreements.isEmpty { reasons.append("model and rules differ on " + disagreements.joined(separator: ", ")) }
        return (closest.closeness + disagreementWeight * Double(disagreements.count), reasons)
    }
}
