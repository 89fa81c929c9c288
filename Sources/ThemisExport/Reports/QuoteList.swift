import Foundation
/// Coded extracts grouped by code, for writing up findings (a coding report).
public struct QuoteList: Sendable {
    public struct Quote: Sendable {
        public var code: String
        public var document: String
        public var segment: String
        public var index: Int
        public var speaker: String
        public var time: Double?
        public var valence: String
        public var text: String
        public var matched: String

        public init(code: String, document: String, segment: String, index: Int, speaker: String, time: Double?,
                    valence: String, text: String, matched: String) {
            self.code = code
            self.document = document
            self.segment = segment
            self.index = index
            self.speaker = speaker
            self.time = time
            self.valence = valence
            self.text = text
            self.matched = matched
        }
    }

    public enum Format: String, CaseIterable, Sendable {
        case md, csv, html

        public init?(fileName: String) {
            let lower = fileName.lowercased()
            if lower.hasSuffix(".md") { self = .md } else if lower.hasSuffix(".csv") { self = .csv }
            else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { self = .html } else { return nil }
        }
    }

    /// Quotes sorted by code, then document order (`documentOrder`), then segment number.
    public var quotes: [Quote]

    public init(_ quotes: [Quote], documentOrder: [String: Int]) {
        self.quotes = quotes.sorted {
            if $0.code != $1.code { return $0.code < $1.code }
            let a = documentOrder[$0.document] ?? Int.max, b = documentOrder[$1.document] ?? Int.max
            if a != b { return a < b }
            if $0.document != $1.document { return $0.document < $1.document }
            return $0.index < $1.index
        }
    }

    /// `h:mm:ss` for a time in seconds.
    public static func clock(_ seconds: Double?) -> String {
        guard let seconds else { return "" }
        let whole = Int(seconds)
        let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
        return "\(h):" + (m < 10 ? "0" : "") + "\(m):" + (s < 10 ? "0" : "") + "\(s)"
    }

    public func render(_ format: Format, title: String, labels: MatrixWriter.Labels = [:]) -> [UInt8] {
        switch format {
        case .csv:
            var out = [UInt8]()
            CSVText.appendRow(["code", "document", "segment", "speaker", "time", "valence", "text", "matched"], to: &out)
            for q in quotes {
                CSVText.appendRow([q.code, q.document, q.segment, q.speaker, q.time.map { JSONText.format($0) }, q.valence, q.text,
                                   q.matched], to: &out)
            }
            return out
        case .md:
            var out = "# \(title)\n"
            var current = ""
            for q in quotes {
                if q.code != current {
                    current = q.code
                    let name = labels[q.code]?.name
                    out += "\n## \(name.map { "\($0) (`\(q.code)`)" } ?? "`\(q.code)`")\n\n"
                }
                out += "> " + q.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n> ") + "\n\n"
                out += "— \(q.speaker.isEmpty ? "no speaker" : q.speaker), \(q.document) (\(q.segment)"
                    + (q.time.map { ", \(Self.clock($0))" } ?? "") + ")" + (q.valence.isEmpty ? "" : ", \(q.valence)") + "\n\n"
            }
            return Array(out.utf8)
        case .html:
            return Array(MatrixHTML.page(title: title, sections: [html(labels: labels)], settings: []).utf8)
        }
    }

    /// The quotes as HTML sections, one per code.
    public func html(labels: MatrixWriter.Labels, limitPerCode: Int? = nil) -> String {
        var out = ""
        var current = ""
        var shown = 0
        for q in quotes {
            if q.code != current {
                current = q.code
                shown = 0
                let name = labels[q.code]?.name ?? q.code
                out += "<h3>\(MatrixHTML.escape(name)) <code>\(MatrixHTML.escape(q.code))</code></h3>\n"
            }
            if let limitPerCode, shown >= limitPerCode { continue }
            shown += 1
            let text = q.text.count > 700 ? String(q.text.prefix(700)) + "…" : q.text
            out += "<blockquote>\(MatrixHTML.escape(text).replacingOccurrences(of: "\n", with: "<br>"))</blockquote>"
                + "<p>— \(MatrixHTML.escape(q.speaker.isEmpty ? "no speaker" : q.speaker)), \(MatrixHTML.escape(q.document))"
                + " (\(MatrixHTML.escape(q.segment))\(q.time.map { ", " + Self.clock($0) } ?? ""))"
                + (q.valence.isEmpty ? "" : ", <strong>\(MatrixHTML.escape(q.valence))</strong>") + "</p>\n"
        }
        return out
    }
}
