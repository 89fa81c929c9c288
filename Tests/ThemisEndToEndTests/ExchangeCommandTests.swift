import Foundation
import Testing

/// REFI-QDA exchange and agreement on spans, run as a user runs them.
@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: ThemisCLI.root.appendingPathComponent("codebooks/musiq-ar.yaml").path)))
struct ExchangeCommandTests {
    @Test("export qdpx then import qdpx --units gives back every coding of every coder")
    func roundTrip() throws {
        let folder = try ThemisCLI.scratchFolder()
        let codings = folder.appendingPathComponent("codings.csv")
        let books = ShippedCodebookTests.files.flatMap { ["--codebook", $0] }
        #expect(try ThemisCLI.run(["code", "samples", "--quiet", "-o", codings.path] + books).status == 0)
        let project = folder.appendingPathComponent("samples.qdpx")
        let export = try ThemisCLI.run(["export", "qdpx", "samples", "--codings", codings.path, "--codings", "samples/gold/gold-codings.csv",
                                        "--attributes", "samples/attributes.csv", "-o", project.path] + books)
        #expect(export.status == 0, "\(export.stderr)")
        let segments = folder.appendingPathComponent("segments.jsonl")
        #expect(try ThemisCLI.run(["ingest", "samples", "--quiet", "-o", segments.path]).status == 0)
        let imported = try ThemisCLI.run(["import", "qdpx", project.path, "--units", segments.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        func keys(_ text: String) -> Set<String> {
            Set(text.split(separator: "\n").dropFirst().map { line in
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                return "\(f[1])|\(f[2])|\(f[3])"
            })
        }
        let original = try keys(String(contentsOf: codings, encoding: .utf8))
            .union(keys(String(contentsOf: ThemisCLI.root.appendingPathComponent("samples/gold/gold-codings.csv"), encoding: .utf8)))
        #expect(original.count > 1000)
        #expect(keys(imported.stdout) == original)
        let again = try ThemisCLI.scratchFolder().appendingPathComponent("samples.qdpx")
        _ = try ThemisCLI.run(["export", "qdpx", "samples", "--codings", codings.path, "--codings", "samples/gold/gold-codings.csv",
                               "--attributes", "samples/attributes.csv", "-o", again.path] + books)
        #expect(try Data(contentsOf: project) == Data(contentsOf: again))
    }

    @Test("a .qdc from codebook show is read wherever a codebook is")
    func qdcCodebook() throws {
        let folder = try ThemisCLI.scratchFolder()
        let show = try ThemisCLI.run(["codebook", "show", "codebooks/rho-anti-racism-principles.yaml", "--format", "qdc"])
        let qdc = folder.appendingPathComponent("rho.qdc")
        try show.stdout.write(to: qdc, atomically: true, encoding: .utf8)
        let check = try ThemisCLI.run(["codebook", "check", qdc.path])
        #expect(check.status == 0)
        #expect(check.stdout.contains("ok: rho 1.3.0, 7 codes"))
        let sheet = try ThemisCLI.run(["sheet", "samples/interviews/int01-qi-lead-site-a.txt", "--codebook", qdc.path, "--quiet"])
        #expect(sheet.stdout.hasPrefix("document,segment,speaker,text,rho/naming-racism,"))
    }

    @Test("import --min-overlap: a segment is coded when a selection covers enough of it")
    func minimumOverlap() throws {
        let folder = try ThemisCLI.scratchFolder()
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="p"><Users><User guid="AAAAAAAA-0000-4000-8000-000000000001" name="nia"/></Users>
            <CodeBook><Codes><Code guid="C0000000-0000-4000-8000-000000000001" name="Data" isCodable="true"/></Codes></CodeBook>
            <Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="d"><PlainTextContent>0123456789abcdefghij</PlainTextContent>
            <PlainTextSelection guid="51000000-0000-4000-8000-000000000001" startPosition="5" endPosition="12" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
            <Coding guid="52000000-0000-4000-8000-000000000001"><CodeRef targetGUID="C0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
            </TextSource></Sources></Project>
            """.write(to: folder.appendingPathComponent("p.qde"), atomically: true, encoding: .utf8)
        try ("{\"document\":\"d\",\"segment\":\"d#1\",\"speaker\":\"P1\",\"role\":\"participant\",\"start\":0,\"end\":10,\"text\":\"0123456789\"}\n"
            + "{\"document\":\"d\",\"segment\":\"d#2\",\"speaker\":\"P2\",\"role\":\"participant\",\"start\":10,\"end\":20,\"text\":\"abcdefghij\"}\n")
            .write(to: folder.appendingPathComponent("units.jsonl"), atomically: true, encoding: .utf8)
        let any = try ThemisCLI.run(["import", "qdpx", "p.qde", "--units", "units.jsonl"], in: folder)
        #expect(any.stdout == "document,segment,code,coder,valence,speaker,matched\nd,d#1,p/data,nia,,P1,\nd,d#2,p/data,nia,,P2,\n")
        let half = try ThemisCLI.run(["import", "qdpx", "p.qde", "--units", "units.jsonl", "--min-overlap", "0.5"], in: folder)
        #expect(half.stdout == "document,segment,code,coder,valence,speaker,matched\nd,d#1,p/data,nia,,P1,\n")
        let spans = try ThemisCLI.run(["import", "qdpx", "p.qde"], in: folder)
        #expect(spans.stdout == "document,start,end,code,coder,text\nd,5,12,p/data,nia,56789ab\n")
    }

    @Test("agreement on characters and on documents, worked by hand")
    func spans() throws {
        // d is 10 characters ("P1: abcde" and a line end); A codes [0,4), B codes [2,6).
        let folder = try ThemisCLI.scratchFolder()
        try "P1: abcde\n".write(to: folder.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
        try "document,start,end,code,coder\nd,0,4,c/x,A\nd,2,6,c/x,B\n".write(
            to: folder.appendingPathComponent("spans.csv"), atomically: true, encoding: .utf8)
        func code(_ arguments: [String]) throws -> [String: Any] {
            let run = try ThemisCLI.run(["agree", "spans.csv"] + arguments, in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return try #require((object["codes"] as? [[String: Any]])?.first)
        }
        // All 10 characters: agreement 6/10; Cohen p_e = 0.4*0.4 + 0.6*0.6 = 0.52; kappa = 0.08/0.48.
        let all = try code(["--unit", "character", "--transcripts", "d.txt"])
        #expect(all["units"] as? Int == 10)
        #expect(abs((all["percent_agreement"] as? Double ?? 0) - 0.6) < 1e-12)
        #expect(abs((all["cohen_kappa"] as? Double ?? 0) - 0.08 / 0.48) < 1e-12)
        #expect((all["documents"] as? [[String: Any]])?.first?["document"] as? String == "d")
        // Only the 6 characters someone coded: agreement 2/6, kappa -0.5.
        let coded = try code(["--unit", "character", "--transcripts", "d.txt", "--exclude-uncoded"])
        #expect(coded["units"] as? Int == 6)
        #expect(abs((coded["cohen_kappa"] as? Double ?? 0) + 0.5) < 1e-12)
        // Both used the code in the document: agreement 1, kappa undefined.
        let documents = try code(["--unit", "document"])
        #expect(documents["percent_agreement"] as? Double == 1)
        #expect(documents["cohen_kappa"] is NSNull)
    }
}
