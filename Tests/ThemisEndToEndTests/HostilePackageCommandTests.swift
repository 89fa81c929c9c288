import Foundation
import Testing

/// Hostile zip packages through every command that opens packages: the file is
/// refused on its own line and the run ends with its status, never a crash.
struct HostilePackageCommandTests {
    /// A 230-byte zip whose ZIP64 extra field declares an entry of 2^64 - 10 bytes.
    static let zip64Overflow = ThemisCLI.root.appendingPathComponent("Tests/ThemisEndToEndTests/Expected/hostile/zip64-overflow.docx")

    @Test("a ZIP64 size near 2^64 among good transcripts is refused on its own line; the batch goes on")
    func ingestGoesOn() throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: ThemisCLI.samples.appendingPathComponent("interviews/int01-qi-lead-site-a.txt"),
                                         to: folder.appendingPathComponent("int01.txt"))
        try FileManager.default.copyItem(at: Self.zip64Overflow, to: folder.appendingPathComponent("bad.docx"))
        let output = folder.appendingPathComponent("segments.jsonl")
        let run = try ThemisCLI.run(["ingest", folder.path, "-o", output.path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("bad.docx: zip archive declares more than"), "\(run.stderr)")
        #expect(run.stderr.contains("1 of 2 files could not be read"))
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(written.contains("\"document\":\"int01\""))
    }

    @Test("the same package as a workbook or a REFI-QDA project is a bad input file: exit 2, named, nothing written",
          arguments: [("xlsx", ["matrix"]), ("xlsx", ["agree"]), ("qdpx", ["import", "qdpx"])])
    func codingFiles(suffix: String, command: [String]) throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("codings.\(suffix)")
        try FileManager.default.copyItem(at: Self.zip64Overflow, to: input)
        let output = folder.appendingPathComponent("out.csv")
        let run = try ThemisCLI.run(command + [input.path, "-o", output.path])
        #expect(run.status == 2, "\(run.status): \(run.stderr)")
        #expect(run.stderr.contains("codings.\(suffix)") && run.stderr.contains("uncompressed"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
