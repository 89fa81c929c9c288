import Foundation
import Testing

/// `--context` on `code` and `report`, and text before the first speaker label
/// (role `none`) left out of coding, sheets and agreement.
@Suite(.serialized)
struct ContextCommandTests {
    static let codebook = """
        id: ctx
        name: Context
        codes:
          - id: ethnicity-data
            name: Ethnicity data
            requires: ["ethnicity"]
            near:
              - {a: ["blank", "missing"], b: ["percent", "half"], within: 3}
          - id: board
            name: Board
            terms: ["board"]
        """

    static let transcript = """
        Interview with a ward manager, Site E
        Transcribed by a service; the board reviewed this.

        Interviewer: How complete is the ethnicity recording on your unit?

        P1: Thirty percent blank, honestly.

        Interviewer: And the board?

        P1: They never asked.

        """

    func folder() throws -> (URL, String, String) {
        let folder = try ThemisCLI.scratchFolder()
        let book = try CodeCommandTests.writeCodebook(in: folder, Self.codebook)
        let path = folder.appendingPathComponent("titled.txt").path
        try Self.transcript.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, book, path)
    }

    @Test("the question completes the answer's rule by default; --context none reads the answer alone; the manifest says which")
    func codeContext() throws {
        let (folder, book, path) = try folder()
        let out = folder.appendingPathComponent("codings.csv").path
        let run = try ThemisCLI.run(["code", path, "--codebook", book, "-o", out, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let codings = try String(contentsOfFile: out, encoding: .utf8)
        #expect(codings.contains("titled#3,ctx/ethnicity-data,"))
        // The title mentions the board, but it is not talk: nothing codes it.
        #expect(!codings.contains("titled#1,"))
        let manifest = try String(contentsOfFile: folder.appendingPathComponent("codings.manifest.json").path, encoding: .utf8)
        #expect(manifest.contains("\"context\": \"question\""))

        let alone = try ThemisCLI.run(["code", path, "--codebook", book, "--context", "none", "--quiet"])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(!alone.stdout.contains("ethnicity-data"))
        let all = try ThemisCLI.run(["code", path, "--codebook", book, "--all-speakers", "--quiet"])
        #expect(all.stdout.contains("titled#1,ctx/board,"))
    }

    @Test("ingest gives the title role none; sheet and agree leave it out unless --all-speakers")
    func unlabelledText() throws {
        let (folder, book, path) = try folder()
        let ingest = try ThemisCLI.run(["ingest", path, "--quiet"])
        let roles = ingest.stdout.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["role"] as? String
        }
        #expect(roles == ["none", "interviewer", "participant", "interviewer", "participant"])

        let sheet = try ThemisCLI.run(["sheet", path, "--codebook", book, "--quiet"])
        #expect(sheet.status == 0, "\(sheet.stderr)")
        #expect(!sheet.stdout.contains("titled#1,"))
        #expect(sheet.stdout.contains("titled#3,"))
        let allRows = try ThemisCLI.run(["sheet", path, "--codebook", book, "--all-speakers", "--quiet"])
        #expect(allRows.stdout.contains("titled#1,"))

        let units = folder.appendingPathComponent("segments.jsonl").path
        try ingest.stdout.write(toFile: units, atomically: true, encoding: .utf8)
        let coded = folder.appendingPathComponent("a.csv").path
        try "segment,code\ntitled#3,ctx/board\n".write(toFile: coded, atomically: true, encoding: .utf8)
        let two = folder.appendingPathComponent("b.csv").path
        try "segment,code\ntitled#5,ctx/board\n".write(toFile: two, atomically: true, encoding: .utf8)
        let compared = try ThemisCLI.run(["agree", coded, two, "--units", units, "--format", "json", "--quiet"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.contains("\"units\":2"))
    }
}
