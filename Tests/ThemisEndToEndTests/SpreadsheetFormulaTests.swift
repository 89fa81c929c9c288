import Foundation
import Testing

/// Text that a spreadsheet would run as a formula (`=SUM(A1)`, `@cmd`, `-hello`)
/// is written to CSV with a leading `'`, and read back by Themis without it.
@Suite(.serialized)
struct SpreadsheetFormulaTests {
    static let vtt = """
        WEBVTT

        00:00:01.000 --> 00:00:02.000
        <v =SUM(A1)>=SUM(A1) we had no ethnicity data

        00:00:03.000 --> 00:00:04.000
        <v @cmd>@cmd the board sponsor helped

        00:00:05.000 --> 00:00:06.000
        <v -hello>-hello ethnicity data again

        """

    static func folder() throws -> (URL, String) {
        let folder = try ThemisCLI.scratchFolder()
        try vtt.write(to: folder.appendingPathComponent("f.vtt"), atomically: true, encoding: .utf8)
        return (folder, try CodeCommandTests.writeCodebook(in: folder))
    }

    static func text(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("segments, codings, matrices and quotes as CSV: formula-like cells start with an apostrophe")
    func written() throws {
        let (folder, book) = try Self.folder()
        #expect(try ThemisCLI.run(["ingest", "f.vtt", "-o", "segments.csv"], in: folder).status == 0)
        #expect(try Self.text(folder, "segments.csv").contains("f,f#1,1,turn,'=SUM(A1),,participant,1,10,43,'=SUM(A1) we had no ethnicity data\n"))
        #expect(try Self.text(folder, "segments.csv").contains(",'@cmd,") && Self.text(folder, "segments.csv").contains(",'-hello,"))
        let code = try ThemisCLI.run(["code", "f.vtt", "--codebook", book, "-o", "codings.csv"], in: folder)
        #expect(code.status == 0, "\(code.stderr)")
        #expect(try Self.text(folder, "codings.csv").contains("f,f#1,demo/data/ethnicity-data,themis,barrier,'=SUM(A1),"))
        let csv = try ThemisCLI.run(["matrix", "codings.csv", "--by", "speaker"], in: folder)
        #expect(csv.stdout.hasPrefix("code,'-hello,'=SUM(A1),'@cmd,total\n"), "\(csv.stdout)")
        let tsv = try ThemisCLI.run(["matrix", "codings.csv", "--by", "speaker", "--format", "tsv"], in: folder)
        #expect(tsv.stdout.hasPrefix("code\t'-hello\t'=SUM(A1)\t'@cmd\ttotal\n"), "\(tsv.stdout)")
        let quotes = try ThemisCLI.run(["quotes", "codings.csv", "--code", "demo", "--transcripts", "f.vtt", "--format", "csv"], in: folder)
        #expect(quotes.status == 0, "\(quotes.stderr)")
        #expect(quotes.stdout.contains(",'=SUM(A1),1,barrier,'=SUM(A1) we had no ethnicity data,"), "\(quotes.stdout)")
    }

    @Test("Themis reads its own marked CSV back exactly: matrix columns, agreement units and disagreements")
    func readBack() throws {
        let (folder, book) = try Self.folder()
        #expect(try ThemisCLI.run(["ingest", "f.vtt", "-o", "segments.csv"], in: folder).status == 0)
        #expect(try ThemisCLI.run(["code", "f.vtt", "--codebook", book, "-o", "codings.csv"], in: folder).status == 0)
        let json = try ThemisCLI.run(["matrix", "codings.csv", "--by", "speaker", "--format", "json"], in: folder)
        let matrix = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(matrix["columns"] as? [String] == ["-hello", "=SUM(A1)", "@cmd"])

        #expect(try ThemisCLI.run(["sheet", "f.vtt", "--codebook", book, "-o", "sheet.csv"], in: folder).status == 0)
        let sheet = try Self.text(folder, "sheet.csv")
        #expect(sheet.contains("\nf,f#1,'=SUM(A1),'=SUM(A1) we had no ethnicity data,,\n"), "\(sheet)")
        #expect(sheet.contains("\nf,f#2,'@cmd,'@cmd the board sponsor helped,,\n"))
        #expect(sheet.contains("\nf,f#3,'-hello,'-hello ethnicity data again,,\n"))
        let ann = sheet.replacingOccurrences(of: "we had no ethnicity data,,", with: "we had no ethnicity data,1,")
        try ann.write(to: folder.appendingPathComponent("ann.csv"), atomically: true, encoding: .utf8)
        try sheet.write(to: folder.appendingPathComponent("ben.csv"), atomically: true, encoding: .utf8)
        for units in [["--units", "segments.csv"], []] {
            let agree = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--disagreements", "d.csv"] + units, in: folder)
            #expect(agree.status == 0, "\(agree.stderr)")
            #expect(try Self.text(folder, "d.csv") == """
                document,segment,speaker,text,code,ann,ben
                f,f#1,'=SUM(A1),'=SUM(A1) we had no ethnicity data,demo/data/ethnicity-data,1,0

                """)
        }
    }
}
