import Foundation
import Testing

/// `themis ingest` run as a user runs it.
@Suite(.serialized)
struct IngestCommandTests {
    static let keys = ["document", "segment", "index", "unit", "speaker", "speaker_note", "role", "time", "start", "end", "text"]

    private func records(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("help explains the commands with examples")
    func help() throws {
        let root = try ThemisCLI.run(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("ingest"))
        #expect(root.stdout.contains("MUSIQ-AR"))
        let ingest = try ThemisCLI.run(["ingest", "--help"])
        #expect(ingest.status == 0)
        #expect(ingest.stdout.contains("Examples:"))
        #expect(ingest.stdout.contains("--unit"))
    }

    @Test("ingest of the samples: every document, records with the spec's keys in order, ids in sequence")
    func samples() throws {
        let run = try ThemisCLI.run(["ingest", "samples", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n")
        for line in lines.prefix(5) {
            let order = Self.keys.map { line.range(of: "\"\($0)\":")?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        }
        let records = try records(run.stdout)
        let documents = Set(records.compactMap { $0["document"] as? String })
        let files = try FileManager.default.subpathsOfDirectory(atPath: ThemisCLI.samples.path)
            .filter { path in [".txt", ".docx", ".vtt"].contains { path.hasSuffix($0) } }
        #expect(documents.count == files.count)
        #expect(files.count >= 12)
        var counters = [String: Int]()
        for record in records {
            let document = record["document"] as! String
            counters[document, default: 0] += 1
            #expect(record["index"] as? Int == counters[document])
            #expect(record["segment"] as? String == "\(document)#\(counters[document]!)")
            #expect(["interviewer", "participant", "none"].contains(record["role"] as? String))
        }
    }

    @Test("every participant speaker in the samples is listed in samples/attributes.csv, and no interviewer is a participant")
    func sampleSpeakers() throws {
        let run = try ThemisCLI.run(["ingest", "samples", "--quiet"])
        let attributes = try String(contentsOf: ThemisCLI.samples.appendingPathComponent("attributes.csv"), encoding: .utf8)
        let listed = Set(attributes.split(separator: "\n").dropFirst().map { line -> String in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(fields[0])|\(fields[1])"
        })
        var speakers = Set<String>()
        for record in try records(run.stdout) {
            guard let speaker = record["speaker"] as? String else { continue }
            speakers.insert("\(record["document"]!)|\(speaker)")
        }
        #expect(!speakers.isEmpty)
        #expect(speakers.subtracting(listed).isEmpty, "speakers not in attributes.csv: \(speakers.subtracting(listed).sorted())")
        #expect(listed.subtracting(speakers).isEmpty, "listed speakers never found: \(listed.subtracting(speakers).sorted())")
    }

    @Test("the same input gives the same bytes, with one job or two")
    func deterministic() throws {
        let one = try ThemisCLI.run(["ingest", "samples", "--jobs", "1", "--quiet", "--unit", "sentence"])
        let two = try ThemisCLI.run(["ingest", "samples", "--jobs", "2", "--quiet", "--unit", "sentence"])
        let again = try ThemisCLI.run(["ingest", "samples", "--jobs", "2", "--quiet", "--unit", "sentence"])
        #expect(one.status == 0)
        #expect(one.stdoutBytes == two.stdoutBytes)
        #expect(two.stdoutBytes == again.stdoutBytes)
    }

    @Test("-o writes the file whole, in the format its extension names; --format overrides")
    func outputFile() throws {
        let folder = try ThemisCLI.scratchFolder()
        let csv = folder.appendingPathComponent("segments.csv")
        let run = try ThemisCLI.run(["ingest", "samples", "-o", csv.path, "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let text = try String(contentsOf: csv, encoding: .utf8)
        #expect(text.hasPrefix(Self.keys.joined(separator: ",") + "\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["segments.csv"])

        let forced = try ThemisCLI.run(["ingest", "samples", "--format", "jsonl", "-o", csv.path, "--quiet"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: csv, encoding: .utf8).hasPrefix("{\"document\":"))
    }

    @Test("bad files are reported by name and the batch goes on, exit 1 with a count")
    func badFilesInBatch() throws {
        let folder = try ThemisCLI.scratchFolder()
        try "Interviewer: Hello.\nP1: Hi.\n".write(to: folder.appendingPathComponent("a-good.txt"), atomically: true, encoding: .utf8)
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: folder.appendingPathComponent("b-broken.docx"))
        try Data().write(to: folder.appendingPathComponent("c-empty.txt"))
        try Data([0, 1, 2, 3, 0, 255]).write(to: folder.appendingPathComponent("d-binary.txt"))
        try "WEBVTT\n\n00:00:1x.000 --> 00:00:02.000\nhi\n".write(
            to: folder.appendingPathComponent("e-bad.vtt"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out.jsonl")
        let run = try ThemisCLI.run(["ingest", folder.path, "-o", out.path])
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n")
        #expect(errors.count == 5, "\(run.stderr)")
        #expect(errors.contains { $0.contains("b-broken.docx") && $0.contains("zip") })
        #expect(errors.contains { $0.contains("c-empty.txt") && $0.contains("empty file") })
        #expect(errors.contains { $0.contains("d-binary.txt") && $0.contains("binary") })
        #expect(errors.contains { $0.contains("e-bad.vtt:3") && $0.contains("cue timing") })
        #expect(errors.last == "themis: 4 of 5 files could not be read")
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 2)
    }

    @Test("bad flags and clashing document ids exit 2 and write nothing")
    func usageErrors() throws {
        let folder = try ThemisCLI.scratchFolder()
        let out = folder.appendingPathComponent("out.jsonl")
        let badUnit = try ThemisCLI.run(["ingest", "samples", "--unit", "word", "-o", out.path])
        #expect(badUnit.status == 2)
        #expect(badUnit.stderr.contains("word"))
        let badFormat = try ThemisCLI.run(["ingest", "samples", "-o", folder.appendingPathComponent("x.out").path])
        #expect(badFormat.status == 2)

        try "P1: one\n".write(to: folder.appendingPathComponent("same.txt"), atomically: true, encoding: .utf8)
        try "WEBVTT\n\n00:00.000 --> 00:01.000\n<v A>two\n".write(
            to: folder.appendingPathComponent("same.vtt"), atomically: true, encoding: .utf8)
        let clash = try ThemisCLI.run(["ingest", folder.path, "-o", out.path])
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("same.txt") && clash.stderr.contains("same.vtt"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["same.txt", "same.vtt"])
    }

    @Test("symbolic-link loops and named pipes in a folder neither hang nor repeat files")
    func hostileFolders() throws {
        let folder = try ThemisCLI.scratchFolder()
        let sub = folder.appendingPathComponent("site-a")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "P1: One.\n".write(to: sub.appendingPathComponent("one.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: sub.appendingPathComponent("loop"), withDestinationURL: folder)
        #expect(mkfifo(folder.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        let run = try ThemisCLI.run(["ingest", folder.path, "--quiet"])
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("pipe.txt: not a regular file"))
    }

    @Test("a missing path is reported and counted")
    func missingPath() throws {
        let run = try ThemisCLI.run(["ingest", "samples/interviews", "no-such-folder", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no-such-folder: no such file or folder"))
        #expect(!run.stdout.isEmpty)
    }

    @Test("--attributes writes the front-matter attributes per document")
    func frontMatterAttributes() throws {
        let folder = try ThemisCLI.scratchFolder()
        try "---\nsite: Site A\nclinical_area: PPH\n---\nInterviewer: Hi.\nP1: Hello.\n".write(
            to: folder.appendingPathComponent("one.txt"), atomically: true, encoding: .utf8)
        try "P2: No front matter.\n".write(to: folder.appendingPathComponent("two.txt"), atomically: true, encoding: .utf8)
        let table = folder.appendingPathComponent("documents.csv")
        let run = try ThemisCLI.run(["ingest", folder.path, "--attributes", table.path, "--quiet"])
        #expect(run.status == 0)
        #expect(try String(contentsOf: table, encoding: .utf8) == "document,clinical_area,site\none,PPH,Site A\ntwo,,\n")
    }
}

/// `themis ingest samples` against the turns the sample corpus was written from
/// (Expected/sample-turns.jsonl, taken from the corpus generator's own data).
struct SampleTurnTests {
    struct Turn: Decodable, Equatable, CustomStringConvertible {
        var document: String
        var speaker: String?
        var speaker_note: String?
        var role: String
        var time: Double?
        var first: String
        var last: String
        var description: String { "\(document) \(speaker ?? "-") \(time.map { "\($0)" } ?? "-") \(first)…\(last)" }
    }

    @Test("every turn of every sample, with its speaker, note, role, time and text")
    func sampleTurns() throws {
        let expectedURL = ThemisCLI.root.appendingPathComponent("Tests/ThemisEndToEndTests/Expected/sample-turns.jsonl")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Turn.self, from: Data($0.utf8))
        }
        let run = try ThemisCLI.run(["ingest", "samples", "--quiet"])
        #expect(run.status == 0)
        let actual = try run.stdout.split(separator: "\n").map { line -> Turn in
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let text = (record["text"] as? String ?? "").unicodeScalars
            return Turn(
                document: record["document"] as! String, speaker: record["speaker"] as? String,
                speaker_note: record["speaker_note"] as? String, role: record["role"] as! String,
                time: record["time"] as? Double,
                first: String(String.UnicodeScalarView(text.prefix(40))), last: String(String.UnicodeScalarView(text.suffix(20))))
        }
        #expect(expected.count >= 300)
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) where a != e {
            Issue.record("got \(a)\nexpected \(e)")
        }
    }
}
