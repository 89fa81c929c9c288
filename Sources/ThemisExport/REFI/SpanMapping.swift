import ThemisIngest

/// Maps coded character spans (from REFI-QDA projects) onto Themis segments.
public enum SpanMapping {
    /// Spans sorted by document, start, end, code, coder.
    public static func order(_ a: QDPXProjectFile.SpanCoding, _ b: QDPXProjectFile.SpanCoding) -> Bool {
        (a.document, a.start, a.end, a.code, a.coder) < (b.document, b.start, b.end, b.code, b.coder)
    }

    /// The span codings as CSV `document,start,end,code,coder,text`, sorted.
    public static func spanTable(_ project: QDPXProjectFile) -> [UInt8] {
        var out = [UInt8]()
        CSVText.appendRow(["document", "start", "end", "code", "coder", "text"], to: &out)
        var scalars = [String: [Unicode.Scalar]]()
        for coding in project.codings.sorted(by: order) {
            if scalars[coding.document] == nil, let text = project.texts[coding.document] {
                scalars[coding.document] = Array(text.unicodeScalars)
            }
            var text: String?
            if let all = scalars[coding.document], coding.start >= 0, coding.start <= coding.end, coding.end <= all.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: all[coding.start..<coding.end])
                text = String(view)
            }
            CSVText.appendRow([coding.document, String(coding.start), String(coding.end), coding.code, coding.coder, text], to: &out)
        }
        return out
    }

    /// Long codings (CSV): a segment is coded with a code by a coder when one of
    /// their spans covers more than 0 (or at least `minimumOverlap`) of it.
    public static func codings(_ spans: [QDPXProjectFile.SpanCoding], onto units: [UnitInfo], minimumOverlap: Double) -> [UInt8] {
        var byDocument = [String: [Int]]()
        for (k, unit) in units.enumerated() where unit.start != nil && unit.end != nil { byDocument[unit.document, default: []].append(k) }
        var coded = Set<String>()
        var rows = [(unit: Int, code: String, coder: String)]()
        for span in spans {
            for k in byDocument[span.document] ?? [] {
                let unit = units[k]
                let start = unit.start!, end = unit.end!
                let overlap = min(end, span.end) - max(start, span.start)
                guard overlap > 0, end > start else { continue }
                if minimumOverlap > 0, Double(overlap) / Double(end - start) < minimumOverlap { continue }
                if coded.insert("\(k)\u{0}\(span.code)\u{0}\(span.coder)").inserted { rows.append((k, span.code, span.coder)) }
            }
        }
        rows.sort { ($0.unit, $0.code, $0.coder) < ($1.unit, $1.code, $1.coder) }
        var out = [UInt8]()
        CSVText.appendRow(CodingFormat.columns, to: &out)
        for row in rows {
            let unit = units[row.unit]
            CSVText.appendRow([unit.document, unit.segment, row.code, row.coder, "", unit.speaker, ""], to: &out)
        }
        return out
    }
}
