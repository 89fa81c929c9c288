import Foundation
import ThemisAgreement
import ThemisCodebook

/// What a unit of agreement is: a segment, a character of the transcripts (as
/// NVivo and QualCoder compare), or a document (did the coder use the code there at
/// all, as MAXQDA's code-existence view).
public enum AgreementUnit: String, CaseIterable, Sendable {
    case segment, character, document
}

/// Agreement on coded spans: span codings (`document,start,end,code,coder`, as
/// `themis import qdpx` writes them) or segment codings turned into their spans.
public enum SpanAgreement {
    /// A coded span.
    public struct Span: Sendable {
        public var document: String
        public var start: Int
        public var end: Int
        public var code: String
        public var coder: String
    }

    /// Reads span codings; segment codings are turned into spans through `units` (start/end).
    public static func spans(files: [String], units: [UnitInfo]?) throws(CodingFileError) -> [Span] {
        var spans = [Span]()
        let bySegment = Dictionary((units ?? []).map { ($0.segment, $0) }, uniquingKeysWith: { a, _ in a })
        for path in files {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw CodingFileError(path: path, line: nil, message: "cannot read the file")
            }
            let rows = CSVReader.rows(text)
            guard let header = rows.first else { continue }
            let names = header.fields
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            func column(_ name: String) -> Int? { names.firstIndex(of: name) }
            if let start = column("start"), let end = column("end"), let document = column("document"), let code = column("code") {
                let coder = column("coder")
                for row in rows.dropFirst() {
                    func field(_ k: Int) -> String { k < row.fields.count ? row.fields[k] : "" }
                    guard let s = Int(field(start)), let e = Int(field(end)), s <= e else {
                        throw CodingFileError(path: path, line: row.line, message: "start and end must be whole numbers, start <= end")
                    }
                    spans.append(Span(document: field(document), start: s, end: e, code: field(code),
                                      coder: coder.map(field).flatMap { $0.isEmpty ? nil : $0 } ?? stem))
                }
                continue
            }
            let file = try CodingFile.read(path: path)
            guard units != nil else {
                throw CodingFileError(path: path, line: 1, message: "segment codings need --units (segments with start and end) for span agreement")
            }
            for entry in file.entries {
                guard let unit = bySegment[entry.segment], let start = unit.start, let end = unit.end else {
                    throw CodingFileError(path: path, line: entry.line, message: "unknown segment '\(entry.segment)' (not in the units)")
                }
                spans.append(Span(document: unit.document, start: start, end: end, code: entry.code, coder: entry.coder))
            }
        }
        return spans
    }

    /// Per-code presence/absence data over characters or documents.
    /// `lengths` gives each document's length in characters (else the furthest span end).
    public static func data(
        _ spans: [Span], unit: AgreementUnit, coders: [String], codes: [String], lengths: [String: Int], excludeUncoded: Bool,
        level: Int?
    ) -> [(code: String, data: ReliabilityData, documents: [String]?)] {
        let coderIndex = Dictionary(uniqueKeysWithValues: coders.enumerated().map { ($1, $0) })
        func rolled(_ code: String) -> String { level.map { Code.rolledUp(code, level: $0) } ?? code }
        var documents = Array(Set(spans.map(\.document)).union(lengths.keys)).sorted()
        if excludeUncoded { documents = Array(Set(spans.map(\.document))).sorted() }
        var furthest = [String: Int]()
        for span in spans { furthest[span.document] = max(furthest[span.document] ?? 0, span.end) }
        var byCode = [String: [String: [[(Int, Int)]]]]()
        for span in spans {
            guard let coder = coderIndex[span.coder] else { continue }
            byCode[rolled(span.code), default: [:]][span.document, default: Array(repeating: [], count: coders.count)][coder]
                .append((span.start, span.end))
        }
        return codes.map { code in
            var runs = [(pattern: [Bool?], count: Int)]()
            var unitDocuments = [String]()
            for document in documents {
                let intervals = byCode[code]?[document] ?? Array(repeating: [], count: coders.count)
                switch unit {
                case .document:
                    let pattern: [Bool?] = intervals.map { !$0.isEmpty }
                    if excludeUncoded, !pattern.contains(where: { $0 == true }) { continue }
                    runs.append((pattern, 1))
                    unitDocuments.append(document)
                case .character, .segment:
                    let length = max(lengths[document] ?? 0, furthest[document] ?? 0)
                    var boundaries = Set([0, length])
                    for list in intervals { for (s, e) in list { boundaries.insert(max(0, min(s, length))); boundaries.insert(max(0, min(e, length))) } }
                    let cuts = boundaries.sorted()
                    for (a, b) in zip(cuts, cuts.dropFirst()) where b > a {
                        let pattern = intervals.map { list -> Bool? in list.contains { $0.0 <= a && b <= $0.1 } }
                        if excludeUncoded, !pattern.contains(where: { $0 == true }) { continue }
                        runs.append((pattern, b - a))
                        unitDocuments += Array(repeating: document, count: b - a)
                    }
                }
            }
            return (code, ReliabilityData(coderCount: coders.count, runs: runs), unit == .document ? nil : unitDocuments)
        }
    }
}
