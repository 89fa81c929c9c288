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

    @Test("codes whose names slug to one id get -2, -3 in document order, with a warning")
    func slugClashes() throws {
        let url = try Self.write(Self.codebook("""
            <Code guid="\(Self.guid(1))" name="Trust" isCodable="true"><Code guid="\(Self.guid(2))" name="A" isCodable="true"/></Code>
            <Code guid="\(Self.guid(3))" name="trust" isCodable="true"><Code guid="\(Self.guid(4))" name="A" isCodable="true"/></Code>
            <Code guid="\(Self.guid(5))" name="!!!" isCodable="true"/>
            <Code guid="\(Self.guid(6))" name="???" isCodable="true"/>
            <Code guid="\(Self.guid(7))" name="" isCodable="true"/>
            <Code guid="\(Self.guid(8))" name="Trust 2" isCodable="true"/>
            """))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var warnings = [String]()
        let book = try QDCReader.codebook(at: url, warnings: &warnings)
        #expect(book.allCodes.map(\.id) == ["trust", "trust/a", "trust-2", "trust-2/a", "code", "code-2", "code-3", "trust-2-2"].map { "demo/\($0)" })
        #expect(Set(book.allCodes.map(\.id)).count == book.allCodes.count)
        #expect(warnings.count == 4, "\(warnings)")
        #expect(warnings.first == "line 4: codes 'Trust' (line 3) and 'trust' would both have the id demo/trust; 'trust' is demo/trust-2")
    }

    @Test("an id made from a name gives way to an explicit Themis id")
    func explicitIDWins() throws {
        let url = try Self.write(Self.codebook("""
            <Code guid="\(Self.guid(1))" name="Trust" isCodable="true"/>
            <Code guid="\(Self.guid(2))" name="Faith" isCodable="true"><Description>Themis id: demo/trust</Description></Code>
            """))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var warnings = [String]()
        let book = try QDCReader.codebook(at: url, warnings: &warnings)
        #expect(book.allCodes.map(\.id) == ["demo/trust-2", "demo/trust"])
        #expect(warnings.count == 1)
    }

    @Test("an empty Themis id line is no id: the code gets one from its name")
    func emptyThemisID() throws {
        let url = try Self.write(Self.codebook("""
            <Code guid="\(Self.guid(1))" name="Trust" isCodable="true"><Description>Themis id: </Description>\
            <Code guid="\(Self.guid(2))" name="Faith" isCodable="true"><Description>Themis id: </Description></Code></Code>
            """))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var warnings = [String]()
        let book = try QDCReader.codebook(at: url, warnings: &warnings)
        #expect(book.allCodes.map(\.id) == ["demo/trust", "demo/trust/faith"])
    }

    @Test("explicit Themis ids that clash are refused with both lines")
    func explicitClash() throws {
        let url = try Self.write(Self.codebook("""
            <Code guid="\(Self.guid(1))" name="Trust" isCodable="true"><Description>Themis id: demo/trust</Description></Code>
            <Code guid="\(Self.guid(2))" name="Faith" isCodable="true"><Description>Themis id: demo/trust</Description></Code>
            """))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var warnings = [String]()
        do {
            _ = try QDCReader.codebook(at: url, warnings: &warnings)
            Issue.record("two codes with one Themis id were read")
        } catch {
            #expect(error.line == 4)
            #expect(error.reason == "'Faith' has the Themis id demo/trust, as 'Trust' (line 3) has")
        }
    }
}
