import Foundation
import Testing

/// A malformed Word XML file gets the one line the contract promises, and none of
/// the lines libxml2 would print on its own (an encoder that fails mid-document).
struct MalformedXMLMessageTests {
    @Test("a document whose declared encoding fails mid-way is one line on standard error, naming it")
    func encoderFailure() throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let xml = Data(#"<?xml version="1.0" encoding="ISO-2022-JP"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>P1: hi "#.utf8)
            + Data([0, 0, 0, 0, 0x1B, 0x24, 0x42]) + Data("</w:t></w:r></w:p></w:body></w:document>".utf8)
        try xml.write(to: folder.appendingPathComponent("bad.xml"))
        let run = try ThemisCLI.run(["ingest", "bad.xml"], in: folder)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(lines.first?.hasPrefix("themis: bad.xml") == true, "\(run.stderr)")
    }
}
