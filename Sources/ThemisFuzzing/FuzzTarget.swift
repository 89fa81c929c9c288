import Foundation
import ThemisAgreement
import ThemisCodebook
import ThemisCoding
import ThemisExport
import ThemisIngest
import ThemisModel

/// One reader of untrusted files, driven the way the command line drives it:
/// the input is written to a file with the reader's extension and read from there.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case text, docx, wordXML = "word-xml", vtt, srt
    case codebook, liwc, qdc
    case codingsCSV = "codings-csv", codingsJSONL = "codings-jsonl", xlsx
    case qdpx, qde
    case table, attributes, unitsJSONL = "units-jsonl", unitsCSV = "units-csv", spans

    /// The file extensions each input is read as, in turn.
    public var extensions: [String] {
        switch self {
        case .text: ["txt"]
        case .docx: ["docx"]
        case .wordXML: ["xml"]
        case .vtt: ["vtt"]
        case .srt: ["srt"]
        case .codebook: ["yaml"]
        case .liwc: ["dic"]
        case .qdc: ["qdc"]
        case .codingsCSV, .table: ["csv", "tsv"]
        case .codingsJSONL, .unitsJSONL: ["jsonl"]
        case .xlsx: ["xlsx"]
        case .qdpx: ["qdpx"]
        case .qde: ["qde"]
        case .attributes, .unitsCSV, .spans: ["csv"]
        }
    }

    /// Writes `bytes` under `directory` and reads them with this target's reader.
    /// A refusal (any thrown error) is a pass; the result is a broken promise of a
    /// reader that did not crash, such as a segment outside the plain text, else nil.
    public func run(_ bytes: [UInt8], in directory: URL) -> String? {
        for pathExtension in extensions {
            let url = directory.appendingPathComponent("input.\(pathExtension)")
            Self.write(bytes, to: url.path)
            if let broken = read(url) { return broken }
        }
        return nil
    }

    /// Writes the input in place with plain POSIX calls: no temporary file, no sync,
    /// which would cost more than most reads.
    private static func write(_ bytes: [UInt8], to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { fatalError("themis-fuzz: cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                guard count > 0 || errno == EINTR else { fatalError("themis-fuzz: cannot write \(path): \(String(cString: strerror(errno)))") }
                written += max(count, 0)
            }
        }
    }

    private func read(_ url: URL) -> String? {
        let path = url.path
        switch self {
        case .text, .docx, .wordXML, .vtt, .srt:
            for unit in SegmentUnit.allCases {
                guard let transcript = try? TranscriptReader(unit: unit).read(url, id: "fuzz") else { continue }
                if let broken = SegmentContract.violation(in: transcript) { return "\(unit.rawValue) unit: \(broken)" }
            }
        case .codebook, .liwc:
            if case .success(let loaded) = CodebookLoader.load(path: path) { Self.code(with: loaded.codebook) }
        case .qdc:
            var warnings = [String]()
            _ = try? QDCReader.codebook(at: url, warnings: &warnings)
        case .codingsCSV, .codingsJSONL, .xlsx:
            _ = try? CodingFile.read(path: path)
        case .qdpx, .qde:
            if let project = try? QDPXProjectFile.read(url) { _ = SpanMapping.spanTable(project) }
        case .table:
            for measure in Measure.allCases {
                for format in [AgreementWriter.Format.json, .md] {
                    _ = try? ReliabilityTable.report(path: path, measure: measure, format: format)
                }
            }
        case .attributes:
            if let rows = try? AttributeRows(path: path), let name = rows.names.first {
                _ = try? AttributeLookup(path: path, name: name)
            }
        case .unitsJSONL, .unitsCSV:
            _ = try? AgreementInputs.readUnits(path)
        case .spans:
            _ = try? SpanAgreement.spans(files: [path], units: [])
        }
        return nil
    }

    /// Compiles a codebook that loaded and codes one sentence with it, as `themis code` would.
    private static func code(with codebook: Codebook) {
        let text = "P1: We named racism at the huddle; after the PDSA cycle PPH rates fell and staff didn't feel unable to speak up."
        let segment = Segment(document: "fuzz", index: 1, unit: .turn, speaker: "P1", speakerNote: nil, role: .participant,
                              time: nil, start: 4, end: text.unicodeScalars.count, text: String(text.dropFirst(4)))
        var coder = CodingEngine(codebooks: [codebook]).makeCoder(explain: true)
        _ = coder.code(segment)
    }
}

/// The promise every transcript reader keeps: segments numbered from 1, in order,
/// not overlapping, each one's text exactly the plain text between its offsets and
/// trimmed of white space (ASCII, as the segmenter trims) at both ends.
public enum SegmentContract {
    /// What is wrong with the segments of `transcript`, or nil.
    public static func violation(in transcript: Transcript) -> String? {
        let scalars = Array(transcript.plainText.unicodeScalars)
        var previousEnd = 0
        for (k, segment) in transcript.segments.enumerated() {
            guard segment.index == k + 1 else { return "\(segment.id) is segment \(k + 1)" }
            guard segment.start >= previousEnd, segment.start < segment.end, segment.end <= scalars.count else {
                return "\(segment.id) spans \(segment.start)..<\(segment.end) after \(previousEnd), in \(scalars.count) scalars"
            }
            guard String(String.UnicodeScalarView(scalars[segment.start..<segment.end])) == segment.text else {
                return "\(segment.id) text differs from the plain text at \(segment.start)..<\(segment.end)"
            }
            guard !isSpace(scalars[segment.start]), !isSpace(scalars[segment.end - 1]) else {
                return "\(segment.id) is not trimmed of white space"
            }
            previousEnd = segment.end
        }
        return nil
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || (0x09...0x0D).contains(scalar.value)
    }
}
