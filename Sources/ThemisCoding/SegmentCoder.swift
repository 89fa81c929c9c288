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

    private struct CodeHits {
        var terms = [Span]()
        var requiresMatched: Span?
        var vetoedBy: Span?
        var nearA = [Int: [Span]]()
        var nearB = [Int: [Span]]()
    }

    struct Cue {
        var span: Span
        var kind: TokenAutomaton.CueKind
    }

    let engine: CodingEngine
    let explain: Bool
    private var cache = SymbolCache()
    /// Per-code hits, reused from segment to segment: only the touched codes are reset.
    private var scratch = [CodeHits]()
    private var isTouched = [Bool]()
    private var touched = [Int]()

    init(engine: CodingEngine, explain: Bool) {
        self.engine = engine
        self.explain = explain
    }

    /// The codings of `segment`, sorted by code id.
    public mutating func code(_ segment: Segment) -> [Coding] {
        let automaton = engine.automaton
        let tokens = TokenSequence(segment.text, automaton: automaton, cache: &cache)
        let matches = automaton.matches(in: tokens)
        if matches.isEmpty { return [] }

        if scratch.isEmpty {
            scratch = Array(repeating: CodeHits(), count: engine.codes.count)
            isTouched = Array(repeating: false, count: engine.codes.count)
        }
        defer {
            for code in touched {
                scratch[code].terms.removeAll(keepingCapacity: true)
                scratch[code].requiresMatched = nil
                scratch[code].vetoedBy = nil
                if !scratch[code].nearA.isEmpty { scratch[code].nearA.removeAll() }
                if !scratch[code].nearB.isEmpty { scratch[code].nearB.removeAll() }
                isTouched[code] = false
            }
            touched.removeAll(keepingCapacity: true)
        }
        var cues = [Int: [Cue]]()
        for match in matches {
            let span = Span(pattern: match.pattern, start: match.start, end: match.end)
            for usage in automaton.usages[Int(match.pattern)] {
                if case .cue(let book, let kind) = usage {
                    cues[book, default: []].append(Cue(span: span, kind: kind))
                    continue
                }
                let code: Int
                switch usage {
                case .term(let c), .requires(let c), .excludes(let c), .near(let c, _, _): code = c
                case .cue: continue
                }
                if !isTouched[code] {
                    isTouched[code] = true
                    touched.append(code)
                }
                switch usage {
                case .term: scratch[code].terms.append(span)
                case .requires: if scratch[code].requiresMatched == nil { scratch[code].requiresMatched = span }
                case .excludes: if scratch[code].vetoedBy == nil { scratch[code].vetoedBy = span }
                case .near(_, let rule, .a): scratch[code].nearA[rule, default: []].append(span)
                case .near(_, let rule, .b): scratch[code].nearB[rule, default: []].append(span)
                case .cue: break
                }
            }
        }
        for book in cues.keys { cues[book] = Self.longestFirst(cues[book]!, span: \.span) }

        var codings = [Coding]()
        for index in touched {
            let hit = scratch[index]
            let rule = engine.codes[index]
            let terms = Self.longestFirst(hit.terms, span: { $0 })
            var anchors = terms
            var matched = terms.map { automaton.patterns[Int($0.pattern)].text }
            var lines = [String]()
            if explain {
                lines += terms.map { "term \"\(automaton.patterns[Int($0.pattern)].text)\" matched \"\(text(segment, tokens, $0))\"" }
            }
            for (ruleIndex, within) in rule.near.enumerated() {
                guard let pair = Self.nearestPair(hit.nearA[ruleIndex] ?? [], hit.nearB[ruleIndex] ?? [], within: within) else {
                    continue
                }
                anchors += [pair.a, pair.b]
                let a = automaton.patterns[Int(pair.a.pattern)].text, b = automaton.patterns[Int(pair.b.pattern)].text
                matched.append("\(a) ~ \(b)")
                if explain {
                    lines.append("near \"\(a)\" ~ \"\(b)\" within \(within) matched \"\(text(segment, tokens, pair.a))\" and \"\(text(segment, tokens, pair.b))\"")
                }
            }
            guard !anchors.isEmpty else { continue }
            if rule.hasRequires {
                guard let required = hit.requiresMatched else { continue }
                if explain {
                    lines.append("requires \"\(automaton.patterns[Int(required.pattern)].text)\" matched \"\(text(segment, tokens, required))\"")
                }
            }
            if hit.vetoedBy != nil { continue }
            var valence: Valence?
            if let rules = engine.valence[rule.codebook] {
                let (value, reasons) = Self.valence(anchors: anchors, cues: cues[rule.codebook] ?? [], rules: rules)
                valence = value
                if explain {
                    lines += reasons.map { "valence: \($0.0) \"\(automaton.patterns[Int($0.1.pattern)].text)\" matched \"\(text(segment, tokens, $0.1))\"" }
                    lines.append("valence: \(value.rawValue)")
                }
            }
            var seen = Set<String>()
            codings.append(Coding(
                document: segment.document, segment: segment.id, code: rule.id, coder: engine.coderName,
                valence: valence, speaker: segment.speaker, matched: matched.filter { seen.insert($0).inserted },
                explanation: lines))
        }
        codings.sort { $0.code < $1.code }
        return codings
    }

    /// Keeps the longest of overlapping spans, leftmost first among equals.
    static func longestFirst<T>(_ items: [T], span: (T) -> Span) -> [T] {
        let ordered = items.sorted {
            let a = span($0), b = span($1)
            return a.length != b.length ? a.length > b.length : a.start < b.start
        }
        var kept = [T]()
        for item in ordered where !kept.contains(where: { Self.overlaps(span($0), span(item)) }) {
            kept.append(item)
        }
        return kept.sorted { span($0).start < span($1).start }
    }

    static func overlaps(_ a: Span, _ b: Span) -> Bool { a.start < b.end && b.start < a.end }

    /// Tokens strictly between two spans; 0 when they touch or overlap.
    static func gap(_ a: Span, _ b: Span) -> Int {
        if a.end <= b.start { return b.start - a.end }
        if b.end <= a.start { return a.start - b.end }
        return 0
    }

    /// The closest pair of an `a` and a `b` occurrence at most `within` tokens apart.
    static func nearestPair(_ a: [Span], _ b: [Span], within: Int) -> (a: Span, b: Span)? {
        var best: (a: Span, b: Span, gap: Int)?
        for x in a {
            for y in b where x.start != y.start || x.end != y.end {
                let g = gap(x, y)
                if g <= within, best == nil || g < best!.gap { best = (x, y, g) }
            }
        }
        return best.map { ($0.a, $0.b) }
    }

    /// Classifies a coding from the valence cues near its anchors:
    /// a negated enabler, a negated term, a counterfactual or a barrier cue is
    /// barrier evidence; an enabler cue is enabler evidence; both make `mixed`,
    /// except that a counterfactual makes the coding a barrier outright.
    static func valence(
        anchors: [Span], cues: [Cue], rules: ValenceRules
    ) -> (Valence, [(String, Span)]) {
        let window = rules.window
        let inWindow = cues.filter { cue in
            anchors.contains { gap($0, cue.span) <= window || overlaps($0, cue.span) }
        }
        let negators = cues.filter { $0.kind == .negator }.map(\.span)
        func negated(_ span: Span) -> Bool {
            negators.contains { $0.end <= span.start && span.start - $0.end <= ValenceRules.negationReach }
        }
        var barrier = false, enabler = false, counterfactual = false
        var reasons = [(String, Span)]()
        for cue in inWindow {
            switch cue.kind {
            case .barrier:
                barrier = true
                reasons.append(("barrier cue", cue.span))
            case .counterfactual:
                barrier = true
                counterfactual = true
                reasons.append(("counterfactual", cue.span))
            case .enabler where negated(cue.span):
                barrier = true
                reasons.append(("negated enabler cue", cue.span))
            case .enabler:
                enabler = true
                reasons.append(("enabler cue", cue.span))
            case .negator:
                break
            }
        }
        for anchor in anchors where negated(anchor) {
            barrier = true
            reasons.append(("negated term", anchor))
        }
        // A counterfactual ("if only we'd had") speaks of what was missing: it
        // outweighs enabler cues beside it.
        if counterfactual { enabler = false }
        switch (barrier, enabler) {
        case (true, true): return (.mixed, reasons)
        case (true, false): return (.barrier, reasons)
        case (false, true): return (.enabler, reasons)
        case (false, false): return (.neutral, reasons)
        }
    }

    private func text(_ segment: Segment, _ tokens: TokenSequence, _ span: Span) -> String {
        let bytes = Array(segment.text.utf8)
        let range = tokens.ranges[span.start].lowerBound..<tokens.ranges[span.end - 1].upperBound
        return String(decoding: bytes[range], as: UTF8.self)
    }
}
