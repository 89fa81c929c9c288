import Foundation
import ThemisCodebook
import ThemisCoding
import ThemisExport
import ThemisIngest
import ThemisModel
import ZIPFoundation

/// The inputs fuzzing starts from: files under the given folders (the samples,
/// codebooks and shared fixtures) that a target reads, and files made from them
/// with Themis's own writers (codings, coding sheets, units, span tables, `.qdc`
/// and `.qdpx`), plus a few small ones written here so that every target has seeds.
public struct SeedCorpus: Sendable {
    private var files = [String: [[UInt8]]]()
    private var made = [FuzzTarget: [[UInt8]]]()

    /// Reads the seeds under `folders`; folders that do not exist are skipped.
    public init(folders: [URL]) {
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            let urls = walker.compactMap { $0 as? URL }.sorted { $0.path < $1.path }
            for url in urls {
                let key = url.pathExtension.lowercased()
                guard Self.wanted.contains(key), let data = FileManager.default.contents(atPath: url.path),
                      data.count <= Self.maximumSeedBytes else { continue }
                files[key, default: []].append([UInt8](data))
            }
        }
        makeSeeds()
    }

    /// Extensions read from the folders, and the largest file kept.
    static let wanted: Set<String> = ["txt", "docx", "zip", "vtt", "srt", "yaml", "yml", "dic", "qdc", "qdpx", "qde",
                                      "xlsx", "csv", "tsv", "jsonl"]
    static let maximumSeedBytes = 256 << 10

    /// The seeds of `target`, in a fixed order.
    public func seeds(for target: FuzzTarget) -> [[UInt8]] {
        let extensions: [String] = switch target {
        case .text: ["txt"]
        case .docx: ["docx", "zip"]
        case .wordXML: []
        case .vtt: ["vtt"]
        case .srt: ["srt"]
        case .codebook: ["yaml", "yml"]
        case .liwc: ["dic"]
        case .qdc: ["qdc"]
        case .codingsCSV: ["csv", "tsv"]
        case .codingsJSONL, .unitsJSONL: ["jsonl"]
        case .xlsx: ["xlsx", "zip"]
        case .qdpx: ["qdpx", "zip"]
        case .qde: ["qde"]
        case .table: ["tsv"]
        case .attributes, .unitsCSV, .spans: ["csv"]
        }
        return extensions.flatMap { files[$0] ?? [] } + (made[target] ?? [])
    }

    private mutating func makeSeeds() {
        for (target, text) in Self.written { made[target, default: []].append(Array(text.utf8)) }
        made[.wordXML] = (files["docx"] ?? []).compactMap { Self.part("word/document.xml", of: $0) }

        // Two sample documents, coded with the codebooks that load.
        let transcripts = ((files["txt"] ?? []).prefix(1).map { ($0, TranscriptFormat.text) }
            + (files["vtt"] ?? []).prefix(1).map { ($0, TranscriptFormat.webVTT) })
            .enumerated().compactMap { k, input in
                try? TranscriptReader().read(bytes: input.0, format: input.1, id: "doc\(k + 1)")
            }
            .map { transcript -> Transcript in
                var short = transcript
                short.segments = Array(short.segments.prefix(12))
                return short
            }
        let codebooks = (files["yaml"] ?? []).compactMap { bytes -> Codebook? in
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-seed-\(UUID().uuidString).yaml")
            defer { try? FileManager.default.removeItem(at: url) }
            guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)),
                  case .success(let loaded) = CodebookLoader.load(path: url.path) else { return nil }
            return loaded.codebook
        }
        if !codebooks.isEmpty {
            made[.qdc, default: []].append(Array(QDCWriter.document(codebooks, origin: "themis-fuzz").utf8))
        }
        var coder = CodingEngine(codebooks: codebooks).makeCoder()
        let segments = transcripts.flatMap(\.segments)
        let codings = segments.flatMap { coder.code($0) }
        guard !segments.isEmpty else { return }

        for (target, format) in [(FuzzTarget.codingsCSV, CodingFormat.csv), (.codingsJSONL, .jsonl)] {
            var out = format.header
            for coding in codings { format.append(coding, to: &out) }
            made[target, default: []].append(out)
        }
        for (target, format) in [(FuzzTarget.unitsCSV, SegmentFormat.csv), (.unitsJSONL, .jsonl)] {
            var out = format.header
            for segment in segments { format.append(segment, to: &out) }
            made[target, default: []].append(out)
        }
        let codes = Array(Set(codings.map(\.code))).sorted()
        let sheet = [(["document", "segment", "speaker", "text"] + codes).map(XLSXWorkbook.Cell.text)] + segments.map { segment in
            [.text(segment.document), .text(segment.id), segment.speaker.map { .text($0) } ?? .empty, .text(segment.text)]
                + codes.map { code in codings.contains { $0.segment == segment.id && $0.code == code } ? .number(1) : .empty }
        }
        var sheetCSV = [UInt8]()
        for row in sheet {
            CSVText.appendRow(row.map { cell -> String? in
                switch cell {
                case .text(let text): text
                case .number(let value): String(Int(value))
                case .empty: nil
                }
            }, to: &sheetCSV)
        }
        made[.codingsCSV, default: []].append(sheetCSV)
        if let workbook = try? XLSXWorkbook(sheets: [.init(name: "Coding sheet", rows: sheet, wrapped: [3])]).data() {
            made[.xlsx, default: []].append(workbook)
        }
        let project = QDPXProject(name: "fuzz", transcripts: transcripts,
                                  codings: codings.map { .init(coder: $0.coder, segment: $0.segment, code: $0.code) },
                                  codebooks: codebooks, attributes: nil)
        if let package = try? project.data() { made[.qdpx, default: []].append(package) }
        if let qde = (try? project.parts())?.first(where: { $0.path == "project.qde" }) {
            made[.qde, default: []].append(Array(qde.text.utf8))
        }
        let byID = Dictionary(segments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var spans = [UInt8]()
        CSVText.appendRow(["document", "start", "end", "code", "coder"], to: &spans)
        for coding in codings {
            guard let segment = byID[coding.segment] else { continue }
            CSVText.appendRow([segment.document, String(segment.start), String(segment.end), coding.code, coding.coder], to: &spans)
        }
        made[.spans, default: []].append(spans)
    }

    /// One part of a zip package, or nil.
    /// Read from a file: ZIPFoundation's in-memory archives keep their buffer after use.
    private static func part(_ path: String, of package: [UInt8]) -> [UInt8]? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("themis-seed-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? Data(package).write(to: file)) != nil,
              let archive = try? Archive(url: file, accessMode: .read, pathEncoding: nil), let entry = archive[path] else { return nil }
        var bytes = [UInt8]()
        _ = try? archive.extract(entry, skipCRC32: true) { bytes += $0 }
        return bytes.isEmpty ? nil : bytes
    }

    /// Small inputs for formats the folders may lack.
    static let written: [(FuzzTarget, String)] = [
        (.text, "---\nsite: Site A\n---\nInterviewer: How did it start?\nP1 (Site A) [00:01:02]: We booked interpreters. Then, e.g. Dr. Osei said no.\n\nP2: Yes.\n"),
        (.vtt, "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>How did it start?\n\n00:00:04.500 --> 00:00:09.000 align:start\n<v P1>We booked <b>interpreters</b>.\n"),
        (.srt, "1\n00:00:01,000 --> 00:00:04,000\nInterviewer: How did it start?\n\n2\n00:00:04,500 --> 00:00:09,000\nP1: We booked <i>interpreters</i>.\n"),
        (.wordXML, """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
            <w:p><w:r><w:t>Interviewer: How did it start?</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">P1: We </w:t></w:r>\
            <w:ins><w:r><w:t>booked</w:t></w:r></w:ins><w:del><w:r><w:delText>cancelled</w:delText></w:r></w:del><w:r><w:tab/>\
            <w:t>interpreters.</w:t></w:r></w:p></w:body></w:document>
            """),
        (.codebook, "racism:\n  naming: [racis*, \"institutional racism\"]\n  data:\n    - ethnicity data\n    - PDSA\nsupport: [coach*, webinar]\n"),
        (.codebook, """
            id: fz
            name: Fuzz
            version: 1.0.0
            valence:
              window: 4
              barrier: [lack*, "no time"]
              enabler: [support*]
              negators: [not, "didn't"]
            codes:
              - id: a
                name: A
                terms: [racis*, PPH]
                requires: [staff]
                excludes: ["not racism"]
                near:
                  - a: [huddle]
                    b: [named]
                    within: 5
                codes:
                  - id: b
                    name: B
                    terms: ["speak up"]
            """),
        (.liwc, "%\n1\tracism\n2\tsupport\n3\tsupport/coaching\n%\nracis*\t1\nsupport*\t2\ncoach*\t3 2\nspeak up\t2\n"),
        (.table, "unit,a,b,c\n1,1,1,\n2,2,2,2\n3,3,3,1\n4,,\"4\",4\n5,0.5,1e3,-2\n"),
        (.attributes, "document,speaker,site,role\ndoc1,,Site A,\ndoc1,P1,Site A,\"Midwife, band 6\"\n"),
        (.spans, "document,start,end,code,coder\ndoc1,0,12,rho/naming-racism,ana\ndoc1,5,30,rho/naming-racism,ben\n"),
    ]
}
