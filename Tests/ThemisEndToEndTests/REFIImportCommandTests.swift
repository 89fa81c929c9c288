import Foundation
import Testing

/// REFI-QDA codebooks and projects from other tools that are odd or broken, read
/// by `codebook`, `matrix` and `import qdpx` as a user runs them.
@Suite(.serialized)
struct REFIImportCommandTests {
    static let nested = """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>
        <Code guid="C0000000-0000-4000-8000-000000000001" name="Outer" isCodable="true"><Description>before
        <Code guid="C0000000-0000-4000-8000-000000000002" name="Inner" isCodable="true">x</Code>after</Description></Code>
        </Codes></CodeBook>
        """

    @Test("a .qdc with a <Code> inside a <Description> stops codebook check and matrix with file:line and exit 2")
    func codeInsideDescription() throws {
        let folder = try ThemisCLI.scratchFolder()
        try Self.nested.write(to: folder.appendingPathComponent("bad.qdc"), atomically: true, encoding: .utf8)
        try "document,segment,code,coder\nd,d#1,bad/outer,a\n".write(to: folder.appendingPathComponent("codings.csv"), atomically: true, encoding: .utf8)
        let check = try ThemisCLI.run(["codebook", "check", "bad.qdc"], in: folder)
        #expect(check.status == 2)
        #expect(check.stderr.hasPrefix("bad.qdc:4: a <Code> inside the <Description> of 'Outer'"), "\(check.stderr)")
        let matrix = try ThemisCLI.run(["matrix", "codings.csv", "--codebook", "bad.qdc", "-o", "m.csv"], in: folder)
        #expect(matrix.status == 2)
        #expect(matrix.stderr.contains("bad.qdc:4: a <Code> inside the <Description>"), "\(matrix.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.csv").path))
    }

    @Test("import qdpx stops on a project whose codebook has a <Code> inside a <Description>, with file:line")
    func projectCodeInsideDescription() throws {
        let folder = try ThemisCLI.scratchFolder()
        let project = Self.nested.replacingOccurrences(of: "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"test\">",
                                                       with: "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\"><CodeBook>")
            .replacingOccurrences(of: "</CodeBook>", with: "</CodeBook></Project>")
        try project.write(to: folder.appendingPathComponent("p.qde"), atomically: true, encoding: .utf8)
        let run = try ThemisCLI.run(["import", "qdpx", "p.qde"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("p.qde:4: a <Code> inside the <Description>"), "\(run.stderr)")
    }

    @Test("codebook check warns of .qdc codes whose names make one id, and the ids and exported GUIDs differ")
    func slugClash() throws {
        let folder = try ThemisCLI.scratchFolder()
        try """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>
            <Code guid="C0000000-0000-4000-8000-000000000001" name="Trust" isCodable="true"/>
            <Code guid="C0000000-0000-4000-8000-000000000002" name="trust" isCodable="true"/>
            <Code guid="C0000000-0000-4000-8000-000000000003" name="!!!" isCodable="true"/>
            <Code guid="C0000000-0000-4000-8000-000000000004" name="???" isCodable="true"/>
            </Codes></CodeBook>
            """.write(to: folder.appendingPathComponent("demo.qdc"), atomically: true, encoding: .utf8)
        let check = try ThemisCLI.run(["codebook", "check", "demo.qdc"], in: folder)
        #expect(check.status == 0)
        #expect(check.stdout.contains("demo.qdc: warning: line 4: codes 'Trust' (line 3) and 'trust' would both have the id demo/trust; 'trust' is demo/trust-2"),
                "\(check.stdout)")
        #expect(check.stdout.contains("'???' is demo/code-2"))
        #expect(check.stdout.contains("demo.qdc: ok: demo , 4 codes"))
        let yaml = try ThemisCLI.run(["codebook", "show", "demo.qdc", "--format", "yaml"], in: folder)
        for id in ["trust", "trust-2", "code", "code-2"] { #expect(yaml.stdout.contains("id: \"\(id)\"\n"), "\(yaml.stdout)") }
        let qdc = try ThemisCLI.run(["codebook", "show", "demo.qdc", "--format", "qdc"], in: folder)
        let guids = qdc.stdout.components(separatedBy: "<Code guid=\"").dropFirst().map { $0.prefix(36) }
        #expect(guids.count == 5 && Set(guids).count == 5, "\(qdc.stdout)")
    }

    @Test("import qdpx says on standard error what it did not import")
    func notImported() throws {
        let folder = try ThemisCLI.scratchFolder()
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="NVivo 14">
            <CodeBook><Codes><Code guid="C0000000-0000-4000-8000-000000000001" name="Data" isCodable="true"/></Codes></CodeBook>
            <Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="d"><PlainTextContent>0123456789</PlainTextContent></TextSource>
            <PDFSource guid="50000000-0000-4000-8000-000000000002" path="internal://x.pdf"><PDFSelection guid="53000000-0000-4000-8000-000000000001" page="1" firstX="0" firstY="0" secondX="1" secondY="1"/></PDFSource>
            <PictureSource guid="50000000-0000-4000-8000-000000000003" path="internal://x.png"/></Sources>
            <Notes><Note guid="60000000-0000-4000-8000-000000000001"/></Notes></Project>
            """.write(to: folder.appendingPathComponent("p.qde"), atomically: true, encoding: .utf8)
        let run = try ThemisCLI.run(["import", "qdpx", "p.qde"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout == "document,start,end,code,coder,text\n")
        #expect(run.stderr == "themis: p.qde: not imported: 1 PDF source (1 selection), 1 picture source, 1 note\n")
    }
}
