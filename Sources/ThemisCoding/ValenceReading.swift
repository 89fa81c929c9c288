import ThemisCodebook
import ThemisModel

/// Decides a coding's valence from the cues around its matched terms, the way a
/// coder reads outward from the words that made the code:
///
/// 0. an answer to a question that asks for advice ("what would you tell
///    another team?") is an enabler, or a barrier when it speaks with regret
///    (a counterfactual anywhere in it);
/// 1. the cues within the window of a matched term and in its sentence, the
///    term itself under negation ("we had **no** analyst"), and a two-way
///    verdict ("Mixed.", "Partly.") opening the segment; a contrast ("but")
///    among those cues makes the reading there `mixed`;
/// 2. failing those, the cues in the term's sentence and the sentences either
///    side of it;
/// 3. failing those, the cues anywhere in the segment;
/// 4. failing those, the cues of the question the segment answers ("What got
///    in the way?");
/// 5. failing those, the codebook's `default` valence, or `neutral`.
///
/// At each step a barrier cue counts as a barrier and an enabler cue as an
/// enabler, each turned the other way by a negator in the three tokens before
/// it within its clause ("wasn't a problem", "no buy-in"); a counterfactual
/// ("if only we'd had") is a barrier that outweighs enabler cues beside it.
/// Barrier and enabler evidence together make `mixed`, unless one side has
/// at least twice the other's cues. A code with a ``Polarity`` takes that
/// valence whatever the cues say.
struct ValenceReading {
    typealias Span = SegmentCoder.Span
    typealias Cue = SegmentCoder.Cue

    /// Why a valence came out as it did, for `--explain`: a cue that counted or
    /// was ignored, and the step that decided.
    struct Reason {
        var text: String
        var span: Span?
    }

    /// The code's matched terms and near-rule ends in the segment itself.
    var anchors: [Span]
    /// The segment's cues, overlapping ones resolved to the longest.
    var cues: [Cue]
    /// The cues of the question the segment answers, if it was coded with one.
    var questionCues: [Cue]
    /// The segment's first token (the tokens before it are the question's).
    var answerStart: Int
    /// The tokens scanned, for each one's sentence and clause number.
    var tokens: TokenSequence
    var window: Int
    /// The codebook's valence for a coding no cue decides (nil: `neutral`).
    var fallback: Polarity?

    /// The valence, and with `explain` the reasons for it.
    func valence(polarity: Polarity?, explain: Bool) -> (Valence, [Reason]) {
        if let polarity, !explain { return (Valence(polarity), []) }
        var reasons: [Reason]? = explain ? [] : nil
        let (value, step) = cueValence(&reasons)
        if let polarity {
            reasons?.append(Reason(text: "the code can only be a \(polarity.rawValue)"))
            return (Valence(polarity), reasons ?? [])
        }
        if let step { reasons?.append(Reason(text: "decided by \(step)")) }
        return (value, reasons ?? [])
    }

    /// The valence the cues give, and the step that found them (nil for none).
    private func cueValence(_ reasons: inout [Reason]?) -> (Valence, String?) {
        if let asked = questionCues.first(where: { $0.kind == .advice }) {
            reasons?.append(Reason(text: "the question asks for advice", span: asked.span))
            if let regret = cues.first(where: { $0.kind == .counterfactual }) {
                reasons?.append(Reason(text: "counterfactual", span: regret.span))
                return (.barrier, "advice given with regret")
            }
            return (.enabler, "advice")
        }
        let negators = cues.filter { $0.kind == .negator }.map(\.span)
        var anchorSentences = [Int32]()
        anchorSentences.reserveCapacity(2 * anchors.count)
        for anchor in anchors {
            anchorSentences.append(tokens.sentence(at: anchor.start))
            anchorSentences.append(tokens.sentence(at: anchor.end - 1))
        }

        // Step 1: near the terms, within their sentence.
        var near = [Cue]()
        let opening = tokens.count == 0 ? 0 : tokens.sentence(at: answerStart)
        for cue in cues where cue.kind == .mixed && tokens.sentence(at: cue.span.start) == opening {
            near.append(cue)
        }
        for cue in cues where cue.kind != .negator && cue.kind != .advice {
            if cue.kind == .mixed, tokens.sentence(at: cue.span.start) == opening { continue }
            var close = false, inSentence = false
            let cueSentence = tokens.sentence(at: cue.span.start)
            for anchor in anchors where SegmentCoder.gap(anchor, cue.span) <= window {
                close = true
                if tokens.sentence(at: anchor.start) == cueSentence || tokens.sentence(at: anchor.end - 1) == cueSentence {
                    inSentence = true
                    break
                }
            }
            if !close { continue }
            if inSentence {
                near.append(cue)
            } else {
                reasons?.append(Reason(text: "ignored \(cue.kind.name) in another sentence", span: cue.span))
            }
        }
        var evidence = Evidence()
        for cue in near { evidence.add(cue, negated: isNegated(cue.span, by: negators), &reasons) }
        // A turn to the other side ("the coaching was good, but ...") beside a
        // one-way reading makes it both ways.
        if let turn = near.first(where: { $0.kind == .contrast }), evidence.valence != .mixed,
           !evidence.counterfactual {
            evidence.twoWay = true
            reasons?.append(Reason(text: "contrast beside a one-way reading", span: turn.span))
        }
        // A negator negates the term only when no cue stands between them: in
        // "no pushback from the board" it belongs to "pushback".
        for anchor in anchors where !negators.isEmpty && isNegated(anchor, by: negators.filter { negator in
            !cues.contains { $0.kind != .negator && $0.span.start >= negator.end && $0.span.end <= anchor.start }
        }) {
            evidence.barriers += 1
            reasons?.append(Reason(text: "negated term", span: anchor))
        }
        if let value = evidence.valence { return (value, evidence.weighed(into: &reasons, "the cues near the term")) }

        // Step 2: the term's sentence and the sentences either side.
        let around = cues.filter { cue in
            cue.kind != .negator && cue.kind != .advice && anchorSentences.contains { abs(Int($0) - Int(tokens.sentence(at: cue.span.start))) <= 1 }
        }
        for cue in around { evidence.add(cue, negated: isNegated(cue.span, by: negators), &reasons) }
        if let value = evidence.valence { return (value, evidence.weighed(into: &reasons, "the cues in the sentences around the term")) }

        // Step 3: the whole segment.
        for cue in cues where cue.kind != .negator {
            evidence.add(cue, negated: isNegated(cue.span, by: negators), &reasons)
        }
        if let value = evidence.valence { return (value, evidence.weighed(into: &reasons, "the cues in the whole segment")) }

        // Step 4: the question it answers.
        let questionNegators = questionCues.filter { $0.kind == .negator }.map(\.span)
        for cue in questionCues where cue.kind != .negator {
            evidence.add(cue, negated: isNegated(cue.span, by: questionNegators), &reasons, where: " in the question")
        }
        if let value = evidence.valence { return (value, evidence.weighed(into: &reasons, "the question")) }
        if let fallback {
            reasons?.append(Reason(text: "no cue decided: the codebook's default is \(fallback.rawValue)"))
            return (Valence(fallback), nil)
        }
        return (.neutral, nil)
    }

    /// Whether a negator stands within reach before `span`, in its clause.
    private func isNegated(_ span: Span, by negators: [Span]) -> Bool {
        negators.contains {
            $0.end <= span.start && span.start - $0.end <= ValenceRules.negationReach
                && tokens.clause(at: $0.start) == tokens.clause(at: span.start)
        }
    }

    /// Barrier and enabler evidence gathered so far.
    private struct Evidence {
        /// Cues counted on each side.
        var barriers = 0, enablers = 0
        var counterfactual = false
        /// A two-way verdict or a contrast: both sides, whatever the counts.
        var twoWay = false

        mutating func add(_ cue: Cue, negated: Bool, _ reasons: inout [Reason]?, where place: String = "") {
            switch (cue.kind, negated) {
            case (.barrier, false):
                barriers += 1
                reasons?.append(Reason(text: "barrier cue\(place)", span: cue.span))
            case (.barrier, true):
                enablers += 1
                reasons?.append(Reason(text: "negated barrier cue\(place)", span: cue.span))
            case (.enabler, false):
                enablers += 1
                reasons?.append(Reason(text: "enabler cue\(place)", span: cue.span))
            case (.enabler, true):
                barriers += 1
                reasons?.append(Reason(text: "negated enabler cue\(place)", span: cue.span))
            case (.mixed, _):
                twoWay = true
                reasons?.append(Reason(text: "two-way verdict\(place)", span: cue.span))
            case (.counterfactual, _):
                barriers += 1
                counterfactual = true
                reasons?.append(Reason(text: "counterfactual\(place)", span: cue.span))
            case (.negator, _), (.advice, _), (.contrast, _):
                break
            }
        }

        /// `step`, after noting for `--explain` where one side outweighed the other.
        func weighed(into reasons: inout [Reason]?, _ step: String) -> String {
            if !twoWay, !counterfactual, barriers > 0, enablers > 0, valence != .mixed {
                let (more, fewer) = barriers > enablers ? ("barrier", "enabler") : ("enabler", "barrier")
                reasons?.append(Reason(text: "\(max(barriers, enablers)) \(more) cues outweigh \(min(barriers, enablers)) \(fewer)"))
            }
            return step
        }

        /// The valence so far; nil while there is no evidence. A counterfactual
        /// speaks of what was missing, so it outweighs enabler cues beside it.
        /// Cues on both sides make it `mixed` unless one side has at least twice
        /// the other's: then that side decides, as a coder weighs a passing
        /// concession against an account of what went wrong.
        var valence: Valence? {
            if counterfactual { return .barrier }
            if twoWay { return .mixed }
            switch (barriers > 0, enablers > 0) {
            case (true, true):
                if barriers >= 2 * enablers { return .barrier }
                if enablers >= 2 * barriers { return .enabler }
                return .mixed
            case (true, false): return .barrier
            case (false, true): return .enabler
            case (false, false): return nil
            }
        }
    }
}

extension TokenAutomaton.CueKind {
    /// The kind as `--explain` names it.
    var name: String {
        switch self {
        case .barrier: return "barrier cue"
        case .enabler: return "enabler cue"
        case .negator: return "negator"
        case .counterfactual: return "counterfactual"
        case .advice: return "advice question"
        case .mixed: return "two-way verdict"
        case .contrast: return "contrast"
        }
    }
}

extension Valence {
    /// The valence a code's ``Polarity`` (or a codebook's default) gives.
    public init(_ polarity: Polarity) {
        self = polarity == .barrier ? .barrier : .enabler
    }
}
