import Foundation
import Testing
import ThemisCodebook
import ThemisIngest
import ThemisModel
import ZIPFoundation
@testable import ThemisExport

/// REFI-QDA exchange: what Themis writes validates against the published schemas
/// and reads back to the same codings; vendor-shaped projects import.
struct REFITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/refi-qda")
    static var schemasAvailable: Bool { FileManager.default.fileExists(atPath: fixtures.path) }

    static func codebook() throws -> Codebook {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-refi-\(UUID().uuidString).yaml")
        try """
            id: demo
            name: Demo & "friends"
            version: 1.0.0
            codes:
              - id: data
                name: Data
                color: "#1f77b4"
                codes:
                  - id: ethnicity-data
                    name: Ethnicity data
                    description: Data by ethnic group.
                    include: when recording is discussed
                    terms: ["ethnicity data"]
              - id: leaders
                name: Leaders
                terms: ["board"]
            """.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try CodebookLoader.load(path: url.path).get().codebook
    }

    static func transcript() throws -> Transcript {
        try TranscriptReader().read(bytes: Array("Interviewer: Hi.\nP1: The ethnicity data — naïve 😀 — was poor.\nP2: The board helped.\n".utf8),
                                    format: .text, id: "site-a/int01")
    }

    static func unzip(_ bytes: [UInt8], _ path: String) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-refi-\(UUID().uuidString).zip")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .read)
        var out = [UInt8]()
        _ = try archive.extract(archive[path]!) { out += $0 }
        return out
    }

    @Test("GUIDs are stable, distinct and schema-shaped")
    func guids() {
        let a = REFIIdentifiers.guid("code", "demo/data"), b = REFIIdentifiers.guid("code", "demo/data")
        #expect(a == b)
        #expect(a != REFIIdentifiers.guid("code", "demo/leaders"))
        #expect(a.range(of: "^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$", options: .regularExpression) != nil)
    }

    @Test("a .qdc validates against the Codebook schema and reads back with the same ids", .enabled(if: schemasAvailable))
    func codebookExchange() throws {
        let book = try Self.codebook()
        let xml = QDCWriter.document([book], origin: "Themis test")
        let validator = try SchemaValidator(schemaPath: Self.fixtures.appendingPathComponent("Codebook-repaired.xsd").path)
        #expect(validator.errors(in: Array(xml.utf8)) == [])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-\(UUID().uuidString).qdc")
        try xml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var warnings = [String]()
        let back = try QDCReader.codebook(at: url, warnings: &warnings)
        #expect(warnings.isEmpty)
        #expect(back.id == "demo" && back.version == "1.0.0" && back.name == "Demo & \"friends\"")
        #expect(back.allCodes.map(\.id) == book.allCodes.map(\.id))
        #expect(back.allCodes[1].description == "Data by ethnic group.")
        #expect(back.allCodes[1].include == "when recording is discussed")
        #expect(back.allCodes[0].color == "#1f77b4")
    }

    @Test("a project validates against the Project schema and imports back to the same codings", .enabled(if: schemasAvailable))
    func projectExchange() throws {
        let transcript = try Self.transcript()
        let codings = [
            QDPXProject.Coding(coder: "themis", segment: "site-a/int01#2", code: "demo/data/ethnicity-data"),
            QDPXProject.Coding(coder: "ann", segment: "site-a/int01#2", code: "demo/data/ethnicity-data"),
            QDPXProject.Coding(coder: "ann", segment: "site-a/int01#3", code: "demo/leaders"),
        ]
        let attributesURL = FileManager.default.temporaryDirectory.appendingPathComponent("themis-\(UUID().uuidString).csv")
        try "document,speaker,site,role\nsite-a/int01,P1,Site A,Midwife\nsite-a/int01,P2,Site A,Obstetrician\n"
            .write(to: attributesURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: attributesURL) }
        let project = QDPXProject(name: "test", transcripts: [transcript], codings: codings, codebooks: [try Self.codebook()],
                                  attributes: try AttributeRows(path: attributesURL.path))
        let bytes = try project.data()
        let qde = try Self.unzip(bytes, "project.qde")
        let validator = try SchemaValidator(schemaPath: Self.fixtures.appendingPathComponent("Project-mrt2019.xsd").path)
        #expect(validator.errors(in: qde) == [])
        let xml = String(decoding: qde, as: UTF8.self)
        #expect(xml.contains("<Variable guid=") && xml.contains("name=\"P1 (site-a/int01)\"") && xml.contains("<TextValue>Midwife</TextValue>"))
        #expect(validator.errors(in: Array(xml.replacingOccurrences(of: "<Users>", with: "<Sources/><Users>").utf8)) != [])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-\(UUID().uuidString).qdpx")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let back = try QDPXProjectFile.read(url)
        #expect(back.texts["site-a/int01"] == transcript.plainText)
        let segments = Dictionary(uniqueKeysWithValues: transcript.segments.map { ($0.id, $0) })
        let expected = codings.map { c in
            QDPXProjectFile.SpanCoding(document: "site-a/int01", start: segments[c.segment]!.start, end: segments[c.segment]!.end,
                                       code: c.code, coder: c.coder)
        }
        #expect(back.codings.sorted(by: SpanMapping.order) == expected.sorted(by: SpanMapping.order))
        #expect(try project.data() == bytes)
    }

    /// A project shaped like the real exports the fixtures README describes: an
    /// ATLAS.ti-style attribute order, uppercase braced GUIDs, codes two deep, two
    /// users, a CRLF source (from NVivo, which counts a CR LF as two positions),
    /// an empty <Sets/>, and NVivo for Mac's namespace typo.
    static let vendorProject = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project name="Vendor" origin="NVivo for Windows 12.6" xmlns="urn:QDA-XML:project:1:0">
          <Users>
            <User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Nia"/>
            <User guid="AAAAAAAA-0000-4000-8000-000000000002" name="Tom"/>
          </Users>
          <CodeBook><Codes>
            <Code guid="C0000000-0000-4000-8000-000000000001" name="Organisational" isCodable="true">
              <Code guid="C0000000-0000-4000-8000-000000000002" name="Senior buy-in" isCodable="true" color="#ef8256"/>
            </Code>
          </Codes></CodeBook>
          <Sources>
            <TextSource guid="50000000-0000-4000-8000-000000000001" name="int01.txt">
              <PlainTextContent>I: Hello.&#13;\nP1: The board backed us.&#13;\nP1: Then it stopped.</PlainTextContent>
              <PlainTextSelection guid="51000000-0000-4000-8000-000000000001" startPosition="15" endPosition="35" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}">
                <Coding guid="52000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000002"/></Coding>
              </PlainTextSelection>
              <PlainTextSelection guid="51000000-0000-4000-8000-000000000002" startPosition="41" endPosition="57">
                <Coding guid="52000000-0000-4000-8000-000000000002" creatingUser="AAAAAAAA-0000-4000-8000-000000000002"><CodeRef targetGUID="C0000000-0000-4000-8000-000000000001"/></Coding>
              </PlainTextSelection>
            </TextSource>
          </Sources>
          <Sets/>
        </Project>
        """

    @Test("a Taguette-style codebook: single line, uppercase GUIDs, an empty <Sets/>, a name that looks like markup")
    func taguetteCodebook() throws {
        let qdc = "<?xml version=\"1.0\" encoding=\"utf-8\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Taguette 1.4.1\"><Codes>"
            + "<Code guid=\"6F1E1C4B-5A6F-5D8B-9C3E-1A2B3C4D5E6F\" name=\"xsd:element name\" isCodable=\"true\"/>"
            + "<Code guid=\"7A1E1C4B-5A6F-5D8B-9C3E-1A2B3C4D5E6F\" name=\"Interpreters\" isCodable=\"true\"><Description>Booking and use</Description></Code>"
            + "</Codes><Sets/></CodeBook>"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("taguette-\(UUID().uuidString).qdc")
        try qdc.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var warnings = [String]()
        let book = try QDCReader.codebook(at: url, warnings: &warnings)
        #expect(book.allCodes.map(\.name) == ["xsd:element name", "Interpreters"])
        #expect(book.allCodes.map { $0.id.split(separator: "/").last! } == ["xsd-element-name", "interpreters"])
        #expect(book.allCodes[1].description == "Booking and use")
    }

    @Test("a vendor-shaped project imports its coders, codes and spans; CR LF counts one")
    func vendorProject() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-\(UUID().uuidString).qde")
        // A CR survives XML parsing only as a character reference (&#13;), as exporters write it.
        try Self.vendorProject.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let project = try QDPXProjectFile.read(url)
        let text = try #require(project.texts["int01"])
        #expect(text == "I: Hello.\nP1: The board backed us.\nP1: Then it stopped.")
        #expect(project.warnings.contains { $0.contains("urn:QDA-XML:project:1:0") })
        #expect(project.codings.map(\.coder) == ["Nia", "Tom"])
        let ids = project.codings.map(\.code)
        #expect(ids[0].hasSuffix("/organisational/senior-buy-in"))
        #expect(ids[1].hasSuffix("/organisational"))
        let scalars = Array(text.unicodeScalars)
        func slice(_ c: QDPXProjectFile.SpanCoding) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[c.start..<c.end])
            return String(view)
        }
        #expect(slice(project.codings[0]) == "The board backed us.")
        #expect(slice(project.codings[1]) == "Then it stopped.")
    }
}
