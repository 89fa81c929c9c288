import Foundation
import Testing

/// An output (`-o`, `--attributes` of ingest, `--disagreements`) that is one of the
/// run's input files is refused with exit status 2 before anything is read or written,
/// whether it names the input by the same path, another spelling, a symbolic link or
/// a hard link.
@Suite(.serialized)
struct OutputOverwriteTests {
    static let transcript = "P1: we had no ethnicity data at all\nP2: the board sponsor helped\n"
    static let codings = "segment,code\nin/a#1,demo/data/ethnicity-data\n"

    /// A folder with transcripts `in/a.txt` and `in/b.txt`, a codebook, codings, attributes and units.
    static func folder() throws -> URL {
        let folder = try ThemisCLI.scratchFolder()
        let files = [
            "in/a.txt": transcript, "in/b.txt": transcript, "ann.csv": codings, "ben.csv": codings,
            "attributes.csv": "document,stakeholder_group\na,staff\n", "table.csv": "unit,a,b\nu1,1,1\nu2,1,2\n",
        ]
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        _ = try CodeCommandTests.writeCodebook(in: folder)
        #expect(try ThemisCLI.run(["ingest", "in", "-o", "segments.jsonl"], in: folder).status == 0)
        return folder
    }

    /// Every file of `folder`, with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files = [String: Data]()
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test("each command refuses an output that is one of its inputs, and changes no file", arguments: [
        (["ingest", "in", "-o", "in/a.txt", "--format", "jsonl"], "-o in/a.txt"),
        (["ingest", "in", "-o", "./in/../in/b.txt", "--format", "csv"], "-o ./in/../in/b.txt"),
        (["ingest", "in", "--attributes", "in/a.txt"], "--attributes in/a.txt"),
        (["code", "in", "--codebook", "demo.yaml", "-o", "demo.yaml", "--format", "csv"], "-o demo.yaml"),
        (["code", "in/a.txt", "--codebook", "demo.yaml", "-o", "in/a.txt", "--format", "csv"], "-o in/a.txt"),
        (["sheet", "in", "--codebook", "demo.yaml", "-o", "in/b.txt", "--format", "csv"], "-o in/b.txt"),
        (["report", "in", "--codebook", "demo.yaml", "--attributes", "attributes.csv", "-o", "attributes.csv"], "-o attributes.csv"),
        (["matrix", "ann.csv", "-o", "ann.csv"], "-o ann.csv"),
        (["matrix", "ann.csv", "--by", "attr:stakeholder_group", "--attributes", "attributes.csv", "-o", "attributes.csv"],
         "-o attributes.csv"),
        (["matrix", "ann.csv", "--codebook", "demo.yaml", "-o", "demo.yaml", "--format", "csv"], "-o demo.yaml"),
        (["quotes", "ann.csv", "--code", "demo", "--transcripts", "in", "-o", "in/a.txt", "--format", "md"], "-o in/a.txt"),
        (["quotes", "ann.csv", "--code", "demo", "--transcripts", "in", "-o", "ann.csv"], "-o ann.csv"),
        (["agree", "ann.csv", "ben.csv", "-o", "ben.csv"], "-o ben.csv"),
        (["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl", "-o", "segments.jsonl", "--format", "json"],
         "-o segments.jsonl"),
        (["agree", "ann.csv", "ben.csv", "--disagreements", "ann.csv"], "--disagreements ann.csv"),
        (["agree", "ann.csv", "ben.csv", "--codebook", "demo.yaml", "--disagreements", "demo.yaml"], "--disagreements demo.yaml"),
        (["agree", "ann.csv", "ben.csv", "--unit", "document", "--units", "segments.jsonl", "--transcripts", "in",
          "-o", "in/b.txt", "--format", "json"], "-o in/b.txt"),
        (["agree", "--table", "table.csv", "-o", "table.csv", "--format", "json"], "-o table.csv"),
        (["export", "qdpx", "in", "--codings", "ann.csv", "-o", "ann.csv"], "-o ann.csv"),
        (["export", "qdpx", "in", "--codings", "ann.csv", "-o", "in/a.txt"], "-o in/a.txt"),
        (["export", "qdpx", "in", "--codings", "ann.csv", "--attributes", "attributes.csv", "-o", "attributes.csv"],
         "-o attributes.csv"),
        (["import", "qdpx", "table.csv", "-o", "table.csv"], "-o table.csv"),
        (["import", "qdpx", "table.csv", "--units", "segments.jsonl", "-o", "segments.jsonl"], "-o segments.jsonl"),
    ])
    func refused(arguments: [String], named: String) throws {
        let folder = try Self.folder()
        let before = try Self.snapshot(folder)
        let run = try ThemisCLI.run(arguments, in: folder)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("themis: \(named) is one of this run's inputs"), "\(run.stderr)")
        #expect(try Self.snapshot(folder) == before)
    }

    @Test("the same file through a symbolic link or a hard link is refused too")
    func links() throws {
        let folder = try Self.folder()
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("soft.txt").path, withDestinationPath: "in/a.txt")
        try manager.linkItem(at: folder.appendingPathComponent("in/b.txt"), to: folder.appendingPathComponent("hard.txt"))
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("codebook-link.yaml").path, withDestinationPath: "demo.yaml")
        let before = try Self.snapshot(folder)
        for (arguments, named) in [(["ingest", "in", "-o", "soft.txt", "--format", "jsonl"], "-o soft.txt"),
                                   (["ingest", "in", "-o", "hard.txt", "--format", "jsonl"], "-o hard.txt"),
                                   (["ingest", "soft.txt", "-o", "in/a.txt", "--format", "jsonl"], "-o in/a.txt"),
                                   (["code", "in", "--codebook", "codebook-link.yaml", "-o", "demo.yaml", "--format", "csv"], "-o demo.yaml")] {
            let run = try ThemisCLI.run(arguments, in: folder)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("themis: \(named) is one of this run's inputs"), "\(run.stderr)")
        }
        #expect(try Self.snapshot(folder) == before)
    }

    @Test("two outputs of one run that are one file are refused", arguments: [
        (["ingest", "in", "-o", "x.csv", "--attributes", "./x.csv"], "-o x.csv and --attributes ./x.csv are the same file"),
        (["agree", "ann.csv", "ben.csv", "-o", "d.csv", "--disagreements", "d.csv"], "-o d.csv and --disagreements d.csv are the same file"),
        (["code", "in", "--codebook", "demo.yaml", "-o", "x.json", "--format", "csv"],
         "-o x.json and the manifest x.manifest.json are the same file"),
    ])
    func sameOutputs(arguments: [String], message: String) throws {
        let folder = try Self.folder()
        try "{}".write(to: folder.appendingPathComponent("x.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("x.manifest.json").path, withDestinationPath: "x.json")
        let before = try Self.snapshot(folder)
        let run = try ThemisCLI.run(arguments, in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("themis: \(message)"), "\(run.stderr)")
        #expect(try Self.snapshot(folder) == before)
    }

    @Test("an output beside the inputs, or a file of another type in an input folder, is written as usual")
    func notAnInput() throws {
        let folder = try Self.folder()
        try "notes".write(to: folder.appendingPathComponent("in/notes.md"), atomically: true, encoding: .utf8)
        let run = try ThemisCLI.run(["ingest", "in", "-o", "in/segments.jsonl"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let md = try ThemisCLI.run(["matrix", "ann.csv", "-o", "in/notes.md"], in: folder)
        #expect(md.status == 0, "\(md.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("in/notes.md"), encoding: .utf8).contains("demo/data/ethnicity-data"))
    }
}
