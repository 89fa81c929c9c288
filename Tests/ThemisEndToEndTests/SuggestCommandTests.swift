import Foundation
import Testing

/// `themis suggest`: the segments to hand-code next, as a coding sheet that reads back.
@Suite(.serialized)
struct SuggestCommandTests {
    @Test("suggest ranks segments the model was not trained on into a sheet, the same on any jobs, that train and agree read back")
    func suggests() throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try ModelCodingCommandTests.trainedModel(in: folder)
        let dev = "Benchmarks/validity/development/transcripts"
        let one = try ThemisCLI.run(["suggest", dev, "--model", model, "-n", "5", "--jobs", "1", "--quiet"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try ThemisCLI.run(["suggest", dev, "--model", model, "-n", "5", "--jobs", "2", "--quiet"])
        #expect(two.stdoutBytes == one.stdoutBytes)
        let header = try #require(one.stdout.split(separator: "\n").first)
        #expect(header.hasPrefix("document,segment,speaker,text,why,musiq-ar/qi-project-team,"))
        #expect(header.split(separator: ",").count == 17)
        let sheet = folder.appendingPathComponent("next.csv")
        try one.stdoutBytes.write(to: sheet)
        // Five rows, each with a reason naming a code, none of them a sample the model was trained on.
        let rows = try #require(try? String(contentsOf: sheet, encoding: .utf8))
        #expect(rows.contains("(threshold 0."))
        #expect(!rows.contains("interviews/int0"))

        // The trained-on segments are never offered again.
        let again = try ThemisCLI.run(["suggest", "samples", "--model", model, "-n", "5", "--quiet"])
        #expect(again.status == 0)
        #expect(again.stdout.split(separator: "\n").count == 1)

        // The sheet, filled in, feeds train again; as XLSX too.
        var lines = rows.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] += "1"  // the last column, rho/debiasing-systems, on the first suggested row
        try lines.joined(separator: "\n").write(to: sheet, atomically: true, encoding: .utf8)
        let units = folder.appendingPathComponent("dev.jsonl").path
        #expect(try ThemisCLI.run(["ingest", dev, "-o", units, "--quiet"]).status == 0)
        let retrained = folder.appendingPathComponent("again.json").path
        let train = try ThemisCLI.run(["train", sheet.path, "--units", units] + TrainCommandTests.codebooks
                                      + ["--level", "1", "--minimum-positives", "1", "-o", retrained])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("| rho/debiasing-systems | 1 |"))
        let xlsx = folder.appendingPathComponent("next.xlsx").path
        #expect(try ThemisCLI.run(["suggest", dev, "--model", model, "-n", "5", "-o", xlsx, "--quiet"]).status == 0)
        #expect(try ThemisCLI.run(["train", xlsx, "--units", units] + TrainCommandTests.codebooks + ["--level", "1", "-o", retrained]).status == 0)
    }
}
