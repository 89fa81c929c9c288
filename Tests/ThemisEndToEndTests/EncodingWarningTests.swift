import Foundation
import Testing

/// Plain text and subtitles that are not valid UTF-8 are read as Windows-1252, and
/// every command that reads transcripts says so once per file on standard error.
@Suite(.serialized)
struct EncodingWarningTests {
    /// `in/latin.txt` and `in/latin-cues.vtt` in Windows-1252 (é is 0xE9, ’ is 0x92), `in/plain.txt` in UTF-8.
    static func folder() throws -> URL {
        let folder = try ThemisCLI.scratchFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("P1: the caf".utf8 + [0xE9] + Data(" had no ethnicity data\nP2: we didn".utf8) + [0x92] + Data("t have the board\n".utf8))
            .write(to: input.appendingPathComponent("latin.txt"))
        try Data("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ren".utf8 + [0xE9] + Data("e>no ethnicity data\n".utf8))
            .write(to: input.appendingPathComponent("latin-cues.vtt"))
        try "P1: café ethnicity data\n".write(to: input.appendingPathComponent("plain.txt"), atomically: true, encoding: .utf8)
        _ = try CodeCommandTests.writeCodebook(in: folder)
        try "segment,code\nlatin#1,demo/data/ethnicity-data\n".write(to: folder.appendingPathComponent("codings.csv"),
                                                                     atomically: true, encoding: .utf8)
        try "document,start,end,code,coder\nlatin,0,5,demo/data,ann\nlatin,0,4,demo/data,ben\n"
            .write(to: folder.appendingPathComponent("spans.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    static func warning(_ path: String) -> String {
        "themis: \(path): not valid UTF-8; read as Windows-1252 (check for mojibake)\n"
    }

    @Test("ingest, code, sheet, report, quotes, agree and export qdpx warn once per file, and go on", arguments: [
        ["ingest", "in"],
        ["ingest", "in", "--jobs", "1", "-o", "out.csv"],
        ["code", "in", "--codebook", "demo.yaml", "-o", "codings-out.csv"],
        ["sheet", "in", "--codebook", "demo.yaml"],
        ["report", "in", "--codebook", "demo.yaml", "-o", "report.html"],
        ["quotes", "codings.csv", "--code", "demo", "--transcripts", "in"],
        ["agree", "spans.csv", "--unit", "character", "--transcripts", "in"],
        ["export", "qdpx", "in", "--codings", "codings.csv", "-o", "project.qdpx"],
    ])
    func warnsOncePerFile(arguments: [String]) throws {
        let folder = try Self.folder()
        let run = try ThemisCLI.run(arguments + ["--quiet"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        for path in ["in/latin.txt", "in/latin-cues.vtt"] {
            #expect(run.stderr.components(separatedBy: Self.warning(path)).count == 2, "\(path) in:\n\(run.stderr)")
        }
        #expect(!run.stderr.contains("plain.txt"))
    }

    @Test("the text is still read, as Windows-1252")
    func decoded() throws {
        let run = try ThemisCLI.run(["ingest", "in/latin.txt", "--quiet"], in: try Self.folder())
        #expect(run.stdout.contains("the café had no ethnicity data"))
        #expect(run.stdout.contains("we didn’t have the board"))
    }
}
