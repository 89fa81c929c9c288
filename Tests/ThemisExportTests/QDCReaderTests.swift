import Foundation
import Testing
import ThemisCodebook
import ThemisIngest

/// Reading REFI-QDA codebooks (`.qdc`) that are well-formed but not what the
/// schema allows, or whose codes would share an id.
struct QDCReaderTests {
    /// Writes `xml` as `demo.qdc` in a new folder, so that codes get ids under `demo`.
    static func write(_ xml: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("themis-qdc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("demo.qdc")
        try xml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func codebook(_ codes: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>
        \(codes)
        </Codes></CodeBook>
        """
    }

    static func guid(_ k: Int) -> String { String(format: "C0000000-0000-4000-8000-%012d", k) }

    @Test("a <Code> inside a <Description> is refused with its line", arguments: [
        "<Code guid=\"C0000000-0000-4000-8000-000000000002\" name=\"Inner\" isCodable=\"true\">x</Code>",
        "<Code guid=\"C0000000-0000-4000-8000-000000000002\" name=\"Inner\" isCodable=\"true\"/>",
    ])
    func codeInsideDescription(inner: String) throws {
        let url = try Self.write(Self.codebook("""
            <Code guid="C0000000-0000-4000-8000-000000000001" name="Outer" isCodable="true"><Description>before
            \(inner)after</Description></Code>
            """))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var warnings = [String]()
        do {
            _ = try QDCReader.codebook(at: url, warnings: &warnings)
            Issue.record("a <Code> inside a <Description> was read")
        } catch {
            #expect(error.line == 4)
            #expect(error.reason.contains("<Code> inside the <Description> of 'Outer'"), "\(error.reason)")
        }
    }
}
