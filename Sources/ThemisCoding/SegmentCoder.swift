import ThemisCodebook
import ThemisModel

/// Codes segments one at a time; make one per thread with ``CodingEngine/makeCoder(explain:)``.
public struct SegmentCoder {
    /// A pattern occurrence: token positions, end exclusive.
    struct Span {
        var pattern: Int32
        var start: Int
        var end: Int
        var length: Int { end - start }
    }

    /// A match filed under a code (by rank): what the pattern is to the code
    /// (a ``HitKind``, and the rule of a `near` side) and where. Twenty bytes,
    /// so that a segment's hits stay in a few cache lines.
    private struct Hit {
        var rank: Int32
        var kind: UInt8
        var rule: UInt16
        var pattern: Int32
        var start: Int32, end: Int32
        var span: Span { Span(pattern: pattern, start: Int(start), end: Int(end)) }
    }

    struct Cue {
        var span: Span
        var kind: TokenAutomaton.CueKind
    }

    let engine: CodingEngine
    let explain: Bool
    private var tokens = TokenSequence()
    private var matches = [TokenAutomaton.Match]()
    /// The segment's hits in match order, the ranks of the codes hit, and the
    /// cue matches; kept from segment to segment so that their storage is reused.
    private var hits = [Hit]()
    /// Per code rank, the kinds of hit it had (``HitKind``) and the near rules
    /// (the first 64) whose `a` and `b` sides it met, so that a code that cannot
    /// fire is passed over without reading its hits.
    private var hitKinds = [UInt8](), hitNearA = [UInt64](), hitNearB = [UInt64]()

    private enum HitKind {
        static let term: UInt8 = 1, requires: UInt8 = 2, excludes: UInt8 = 4, nearA: UInt8 = 8, nearB: UInt8 = 16
    }
    private var ranksHit = [Int]()
    private var cueMatches = [(book: Int, cue: Cue)]()
    /// Each codebook's cues, the longest of overlapping ones kept, worked out
    /// when a coding of that codebook first needs them in a segment.
    private var cues = [[Cue]]()
    private var cuesResolved = [Bool]()
    private var terms = [Span](), sideA = [Span](), sideB = [Span]()
    /// The code's `near` hits in order, gathered when some rule met both sides.
    private var nearHits = [(rule: Int, side: TokenAutomaton.Side, span: Span)]()
    /// The question's cues, when the segment is coded with the question before it.
    private var questionCues = [(book: Int, cue: Cue)]()
    /// The first token of the segment itself: the tokens before it are the question's.
    private var answerStart = 0
    /// The bytes scanned (question, two line breaks, segment), kept for `--explain` and context.
    private var scanned = [UInt8]()

    init(engine: CodingEngine, explain: Bool) {
        self.engine = engine
        self.explain = explain
        cues = Array(repeating: [], count: engine.valenceWindow.count)
        cuesResolved = Array(repeating: false, count: engine.valenceWindow.count)
        hitKinds = Array(repeating: 0, count: engine.codes.count)
        hitNearA = Array(repeating: 0, count: engine.codes.count)
        hitNearB = hitNearA
    }

    /// The codings of `segment`, sorted by code id.
    ///
    /// With `question` (the interviewer's turn before a participant's answer),
    /// the question's words may satisfy `requires` and one side of a `near`
    /// rule, and its cues may give the valence of a coding the answer has no cue
    /// for; they never code anything on their own.
    public mutating func code(_ segment: Segment, question: Segment? = nil) -> [Coding] {
        let automaton = engine.automaton
        answerStart = 0
        if let question {
            scanned.clear()
            var questionText = Self.questionEnd(question.text), answerText = segment.text
            questionText.withUTF8 { scanned.append(contentsOf: $0) }
            scanned += [0x0A, 0x0A]
            let answerByte = scanned.count
            answerText.withUTF8 { scanned.append(contentsOf: $0) }
            scanned.withUnsafeBufferPointer { tokens.scan($0, automaton: automaton) }
            answerStart = tokens.firstToken(from: answerByte)
        } else {
            if explain { scanned = Array(segment.text.utf8) }
            var segmentText = segment.text
            segmentText.withUTF8 { tokens.scan($0, automaton: automaton) }
        }
        matches.clear()
        automaton.matches(in: tokens, into: &matches)
        if answerStart > 0 {
            let start = answerStart
            if matches.contains(where: { $0.start < start && $0.end > start }) {
                matches.removeAll { $0.start < start && $0.end > start }
            }
        }
        if !matches.contains(where: { $0.start >= answerStart }) { return [] }
        collect(automaton)

        var codings = [Coding]()
        var segmentID: String?
        for rank in ranksHit {
            let codeIndex = engine.codeByRank[rank]
            // Whether the code can fire, from what `collect` noted, before its hits are read:
            // near rules (the first 64) that met an `a` side and a `b` side; only those can fire.
            let kinds = hitKinds[rank], nearA = hitNearA[rank], nearB = hitNearB[rank]
            if kinds & HitKind.excludes != 0 || (engine.codes[codeIndex].hasRequires && kinds & HitKind.requires == 0) { continue }
            if kinds & HitKind.term == 0 && nearA & nearB == 0 { continue }
            var requiresMatched: Span?
            terms.clear()
            nearHits.clear()
            let gathersNear = nearA & nearB != 0
            for hit in hits where hit.rank == rank {
                switch hit.kind {
                case HitKind.term: terms.append(hit.span)
                case HitKind.requires: if requiresMatched == nil { requiresMatched = hit.span }
                case HitKind.nearA where gathersNear: nearHits.append((Int(hit.rule), .a, hit.span))
                case HitKind.nearB where gathersNear: nearHits.append((Int(hit.rule), .b, hit.span))
                default: break
                }
            }
            let kept = Self.longestFirst(terms, span: { $0 })
            var anchors = kept
            var matched = [String]()
            func addMatched(_ text: String) { if !matched.contains(text) { matched.append(text) } }
            for term in kept { addMatched(automaton.patternTexts[Int(term.pattern)]) }
            var lines = [String]()
            if explain {
                lines += kept.map { "term \"\(automaton.patternTexts[Int($0.pattern)])\" matched \"\(text($0))\"" }
            }
            for (ruleIndex, within) in engine.codes[codeIndex].near.enumerated() where ruleIndex >= 63 || nearA & nearB & (1 << UInt64(ruleIndex)) != 0 {
                sideA.clear()
                sideB.clear()
                for hit in nearHits where hit.rule == ruleIndex {
                    if hit.side == .a { sideA.append(hit.span) } else { sideB.append(hit.span) }
                }
                guard let pair = Self.nearestPair(sideA, sideB, within: within, from: answerStart) else { continue }
                anchors += [pair.a, pair.b].filter { $0.start >= answerStart }
                let textA = automaton.patternTexts[Int(pair.a.pattern)], textB = automaton.patternTexts[Int(pair.b.pattern)]
                addMatched("\(textA) ~ \(textB)")
                if explain {
                    lines.append("near \"\(textA)\" ~ \"\(textB)\" within \(within) matched \"\(text(pair.a))\"\(context(pair.a)) and \"\(text(pair.b))\"\(context(pair.b))")
                }
            }
            guard !anchors.isEmpty else { continue }
            if explain, let required = requiresMatched {
                lines.append("requires \"\(automaton.patternTexts[Int(required.pattern)])\" matched \"\(text(required))\"\(context(required))")
            }
            var valence: Valence?
            let codebook = engine.codes[codeIndex].codebook
            if let window = engine.valenceWindow[codebook] {
                let reading = ValenceReading(
                    anchors: anchors, cues: resolvedCues(codebook),
                    questionCues: questionCues.isEmpty ? [] : questionCues.compactMap { $0.book == codebook ? $0.cue : nil },
                    answerStart: answerStart, tokens: tokens, window: window, fallback: engine.valenceDefault[codebook])
                let (value, reasons) = reading.valence(polarity: engine.codes[codeIndex].polarity, explain: explain)
                valence = value
                if explain {
                    lines += reasons.map { reason in
                        reason.span.map { "valence: \(reason.text) \"\(automaton.patternTexts[Int($0.pattern)])\" matched \"\(text($0))\"" }
                            ?? "valence: \(reason.text)"
                    }
                    lines.append("valence: \(value.rawValue)")
                }
            }
            if segmentID == nil { segmentID = segment.id }
            codings.append(Coding(
                document: segment.document, segment: segmentID!, code: engine.codes[codeIndex].id, coder: engine.coderName,
                valence: valence, speaker: segment.speaker, matched: matched, explanation: lines))
        }
        return codings
    }

    /// How much of a question is read with its answer, in bytes: the question
    /// itself is at its end, after any thanks and preamble.
    static let questionReach = 240

    /// The last ``questionReach`` bytes or so of `question`, starting at a word.
    static func questionEnd(_ question: String) -> Substring {
        let utf8 = question.utf8
        guard utf8.count > questionReach else { return question[...] }
        var start = utf8.index(utf8.endIndex, offsetBy: -questionReach)
        while start < utf8.endIndex, utf8[start] != 0x20 { start = utf8.index(after: start) }
        return question[start...]
    }

    /// Files each match under the codes and codebooks its pattern serves, and
    /// sorts the codes hit into code id order.
    private mutating func collect(_ automaton: TokenAutomaton) {
        for rank in ranksHit {
            hitKinds[rank] = 0
            hitNearA[rank] = 0
            hitNearB[rank] = 0
        }
        ranksHit.clear()
        hits.clear()
        cueMatches.clear()
        questionCues.clear()
        for book in cuesResolved.indices { cuesResolved[book] = false }
        let usageList = automaton.usageList, codeRank = engine.codeRank
        for match in matches {
            let inQuestion = match.start < answerStart
            for k in Int(match.usageStart)..<Int(match.usageEnd) {
                let code: Int32, kind: UInt8, rule: UInt16
                switch usageList[k] {
                case .cue(let book, let cueKind):
                    let cue = Cue(span: Span(pattern: match.pattern, start: match.start, end: match.end), kind: cueKind)
                    if inQuestion { questionCues.append((Int(book), cue)) } else { cueMatches.append((Int(book), cue)) }
                    continue
                case .term where inQuestion, .excludes where inQuestion: continue
                case .term(let c): (code, kind, rule) = (c, HitKind.term, 0)
                case .requires(let c): (code, kind, rule) = (c, HitKind.requires, 0)
                case .excludes(let c): (code, kind, rule) = (c, HitKind.excludes, 0)
                case .near(let c, let r, let side): (code, kind, rule) = (c, side == .a ? HitKind.nearA : HitKind.nearB, r)
                }
                let rank = codeRank[Int(code)]
                if hitKinds[rank] == 0 { ranksHit.append(rank) }
                hitKinds[rank] |= kind
                if kind == HitKind.nearA { hitNearA[rank] |= 1 << UInt64(min(rule, 63)) }
                if kind == HitKind.nearB { hitNearB[rank] |= 1 << UInt64(min(rule, 63)) }
                hits.append(Hit(rank: Int32(rank), kind: kind, rule: rule, pattern: match.pattern,
                                start: Int32(truncatingIfNeeded: match.start), end: Int32(truncatingIfNeeded: match.end)))
            }
        }
        ranksHit.sort()
    }

    /// Codebook `book`'s cues in this segment, the longest of overlapping ones kept.
    private mutating func resolvedCues(_ book: Int) -> [Cue] {
        if !cuesResolved[book] {
            cues[book] = Self.longestFirst(cueMatches.compactMap { $0.book == book ? $0.cue : nil }, span: \.span)
            cuesResolved[book] = true
        }
        return cues[book]
    }

    /// Keeps the longest of overlapping spans, leftmost first among equals.
    static func longestFirst<T>(_ items: [T], span: (T) -> Span) -> [T] {
        if items.count < 2 { return items }
        let ordered = items.sorted {
            let a = span($0), b = span($1)
            return a.length != b.length ? a.length > b.length : a.start < b.start
        }
        // Tokens already covered by a kept span: O(tokens) rather than O(spans²).
        var end = 0
        for item in items { end = max(end, span(item).end) }
        var taken = [Bool](repeating: false, count: end)
        var kept = [T]()
        for item in ordered {
            let s = span(item)
            if taken[s.start..<s.end].contains(true) { continue }
            for k in s.start..<s.end { taken[k] = true }
            kept.append(item)
        }
        return kept.sorted { span($0).start < span($1).start }
    }

    /// Tokens strictly between two spans; 0 when they touch or overlap.
    static func gap(_ a: Span, _ b: Span) -> Int {
        if a.end <= b.start { return b.start - a.end }
        if b.end <= a.start { return a.start - b.end }
        return 0
    }

    /// The closest pair of an `a` and a `b` occurrence at most `within` tokens
    /// apart that do not overlap (one word is never both sides), one of them at
    /// or after token `answerStart` (the question's words never make a pair alone).
    static func nearestPair(_ a: [Span], _ b: [Span], within: Int, from answerStart: Int = 0) -> (a: Span, b: Span)? {
        var best: (a: Span, b: Span, gap: Int)?
        for x in a {
            for y in b where (x.end <= y.start || y.end <= x.start) && max(x.start, y.start) >= answerStart {
                let g = gap(x, y)
                if g <= within, best == nil || g < best!.gap { best = (x, y, g) }
            }
        }
        return best.map { ($0.a, $0.b) }
    }

    /// The text of `span` as written.
    private func text(_ span: Span) -> String {
        let range = tokens.range(at: span.start).lowerBound..<tokens.range(at: span.end - 1).upperBound
        return String(decoding: scanned[range], as: UTF8.self)
    }

    /// " in the question" for a span before the answer, else nothing.
    private func context(_ span: Span) -> String { span.start < answerStart ? " in the question" : "" }
}

extension Array {
    /// Empties the array and keeps its storage, at no cost when it is already empty.
    @inline(__always)
    mutating func clear() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
