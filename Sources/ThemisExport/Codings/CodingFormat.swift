import ThemisModel

/// The formats `themis code` writes codings in: the long coding record of the spec.
public enum CodingFormat: String, CaseIterable, Sendable {
    case csv
    case jsonl

    /// The format a file name's extension selects (`.csv`, `.jsonl`, `.json`).
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".csv") {
            self = .csv
        } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") {
            self = .jsonl
        } else {
            return nil
        }
    }

    public static let columns = ["document", "segment", "code", "coder", "valence", "speaker", "matched"]

    /// The header written before the first record (CSV only).
    public var header: [UInt8] { header(scored: false) }

    /// The header, with a `score` column after `matched` when the codings are `scored` (a model's).
    public func header(scored: Bool) -> [UInt8] {
        guard self == .csv else { return [] }
        var out = [UInt8]()
        CSVText.appendRow(Self.columns + (scored ? ["score"] : []), to: &out)
        return out
    }

    /// Appends one coding record; `matched` patterns are joined with `;`. With
    /// `scored`, the record ends with the coding's `score` (empty or null for a
    /// coding the rules made), with six decimals.
    public func append(_ coding: Coding, to out: inout [UInt8], scored: Bool = false) {
        switch self {
        case .csv:
            let comma = UInt8(ascii: ",")
            CSVText.appendField(coding.document, to: &out)
            out.append(comma)
            CSVText.appendField(coding.segment, to: &out)
            out.append(comma)
            CSVText.appendField(coding.code, to: &out)
            out.append(comma)
            CSVText.appendField(coding.coder, to: &out)
            out.append(comma)
            if let valence = coding.valence { out.append(contentsOf: valence.rawValue.utf8) }
            out.append(comma)
            if let speaker = coding.speaker { CSVText.appendField(speaker, to: &out) }
            out.append(comma)
            CSVText.appendField(joining: coding.matched, with: UInt8(ascii: ";"), to: &out)
            if scored {
                out.append(comma)
                if let score = coding.score { out.append(contentsOf: Self.scoreText(score).utf8) }
            }
            out.append(0x0A)
        case .jsonl:
            let matched = coding.matched.joined(separator: ";")
            out.append(contentsOf: Array("{\"document\":".utf8))
            JSONText.appendString(coding.document, to: &out)
            out.append(contentsOf: Array(",\"segment\":".utf8))
            JSONText.appendString(coding.segment, to: &out)
            out.append(contentsOf: Array(",\"code\":".utf8))
            JSONText.appendString(coding.code, to: &out)
            out.append(contentsOf: Array(",\"coder\":".utf8))
            JSONText.appendString(coding.coder, to: &out)
            out.append(contentsOf: Array(",\"valence\":".utf8))
            JSONText.appendString(coding.valence?.rawValue ?? "", to: &out)
            out.append(contentsOf: Array(",\"speaker\":".utf8))
            JSONText.appendOptional(coding.speaker, to: &out)
            out.append(contentsOf: Array(",\"matched\":".utf8))
            JSONText.appendString(matched, to: &out)
            if scored {
                out.append(contentsOf: Array(",\"score\":".utf8))
                out.append(contentsOf: (coding.score.map(Self.scoreText) ?? "null").utf8)
            }
            out.append(contentsOf: Array("}\n".utf8))
        }
    }

    /// A probability with six decimals, rounded half away from zero, without Foundation's locale.
    static func scoreText(_ score: Double) -> String {
        let scaled = Int64((min(max(score, 0), 1) * 1_000_000).rounded())
        let fraction = String(scaled % 1_000_000)
        return "\(scaled / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
