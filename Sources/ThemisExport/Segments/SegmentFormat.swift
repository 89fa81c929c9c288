import ThemisModel

/// The formats `themis ingest` writes segments in.
public enum SegmentFormat: String, CaseIterable, Sendable {
    case jsonl
    case csv

    /// The format a file name's extension selects (`.jsonl`, `.json`, `.csv`).
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") {
            self = .jsonl
        } else if lower.hasSuffix(".csv") {
            self = .csv
        } else {
            return nil
        }
    }

    /// The record's fields in the order of the spec.
    public static let columns = [
        "document", "segment", "index", "unit", "speaker", "speaker_note", "role", "time", "start", "end", "text",
    ]

    /// The header written before the first record (CSV only).
    public var header: [UInt8] {
        guard self == .csv else { return [] }
        var out = [UInt8]()
        CSVText.appendRow(Self.columns, to: &out)
        return out
    }

    /// Appends one segment record.
    public func append(_ segment: Segment, to out: inout [UInt8]) {
        switch self {
        case .jsonl:
            out.append(contentsOf: Array("{\"document\":".utf8))
            JSONText.appendString(segment.document, to: &out)
            out.append(contentsOf: Array(",\"segment\":".utf8))
            JSONText.appendString(segment.id, to: &out)
            out.append(contentsOf: Array(",\"index\":\(segment.index),\"unit\":\"\(segment.unit.rawValue)\",\"speaker\":".utf8))
            JSONText.appendOptional(segment.speaker, to: &out)
            out.append(contentsOf: Array(",\"speaker_note\":".utf8))
            JSONText.appendOptional(segment.speakerNote, to: &out)
            out.append(contentsOf: Array(",\"role\":\"\(segment.role.rawValue)\",\"time\":".utf8))
            JSONText.appendNumber(segment.time, to: &out)
            out.append(contentsOf: Array(",\"start\":\(segment.start),\"end\":\(segment.end),\"text\":".utf8))
            JSONText.appendString(segment.text, to: &out)
            out.append(contentsOf: Array("}\n".utf8))
        case .csv:
            CSVText.appendRow([
                segment.document, segment.id, String(segment.index), segment.unit.rawValue, segment.speaker,
                segment.speakerNote, segment.role.rawValue, segment.time == nil ? nil : JSONText.format(segment.time),
                String(segment.start), String(segment.end), segment.text,
            ], to: &out)
        }
    }
}
