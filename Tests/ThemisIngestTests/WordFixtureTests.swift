import Foundation
import Testing
import ThemisModel
@testable import ThemisIngest

/// Every Word document in ../shared/fixtures against plain text written by reading its XML.
@Suite(.enabled(if: TestPaths.fixturesAvailable, "../shared/fixtures is absent"))
struct WordFixtureTests {
    static let expectations = TestPaths.files(under: TestPaths.expected.appendingPathComponent("docx"), suffixes: [".txt", ".error"])

    /// The fixture an expectation file describes: `pandoc/lists.txt` -> `docx/pandoc/lists.docx`.
    static func fixture(for expectation: URL) -> URL {
        let folder = expectation.deletingLastPathComponent().lastPathComponent
        var name = expectation.deletingPathExtension().lastPathComponent
        if !name.hasSuffix(".zip") { name += ".docx" }
        return TestPaths.fixtures.appendingPathComponent("docx/\(folder)/\(name)")
    }

    @Test("every fixture document has an expectation")
    func everyFixtureIsCovered() {
        let documents = TestPaths.files(under: TestPaths.fixtures.appendingPathComponent("docx"), suffixes: [".docx", ".zip"])
        let covered = Set(Self.expectations.map { Self.fixture(for: $0).standardizedFileURL.path })
        #expect(documents.count >= 33)
        for document in documents {
            #expect(covered.contains(document.standardizedFileURL.path), "no expectation for \(document.path)")
        }
    }

    @Test("plain text matches the document", arguments: expectations.filter { $0.pathExtension == "txt" })
    func plainText(expectation: URL) throws {
        let expected = try String(contentsOf: expectation, encoding: .utf8)
        let parsed = try WordTranscriptReader.read(package: TestPaths.bytes(Self.fixture(for: expectation)), limits: .standard)
        #expect(String(decoding: parsed.utf8, as: UTF8.self) == expected)
    }

    @Test("broken packages are refused with the reason", arguments: [
        ("mammoth.js/empty.zip", "no entries"),
        ("mammoth.js/hello.zip", "no Word main document"),
        ("derived/truncated-single-paragraph.docx", "truncated"),
    ])
    func refused(file: String, reason: String) throws {
        let bytes = try TestPaths.bytes(TestPaths.fixtures.appendingPathComponent("docx/\(file)"))
        #expect(throws: IngestError.self) { try TranscriptReader().read(bytes: bytes, format: .docx, id: "x") }
        do {
            _ = try TranscriptReader().read(bytes: bytes, format: .docx, id: "x")
        } catch {
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test("a package with only an empty paragraph has no transcript text")
    func emptyDocument() throws {
        let bytes = try TestPaths.bytes(TestPaths.fixtures.appendingPathComponent("docx/mammoth.js/empty.docx"))
        do {
            _ = try TranscriptReader().read(bytes: bytes, format: .docx, id: "x")
            Issue.record("empty.docx was read")
        } catch {
            #expect(error.reason.hasPrefix("no transcript text in the document body"))
        }
    }

    @Test("numbered headings in real documents are not speakers (`Link 1: www.adobe.com`)")
    func noFalseSpeakers() throws {
        for expectation in Self.expectations where expectation.pathExtension == "txt" {
            guard let transcript = try? TranscriptReader().read(Self.fixture(for: expectation), id: "x") else { continue }
            #expect(transcript.segments.allSatisfy { $0.speaker == nil }, "\(expectation.lastPathComponent)")
        }
    }

    @Test("segment offsets hold on every readable fixture, in every unit",
          arguments: expectations.filter { $0.pathExtension == "txt" })
    func offsets(expectation: URL) throws {
        let bytes = try TestPaths.bytes(Self.fixture(for: expectation))
        for unit in SegmentUnit.allCases {
            guard let transcript = try? TranscriptReader(unit: unit).read(bytes: bytes, format: .docx, id: "x") else { continue }
            try OffsetCheck.verify(transcript)
        }
    }
}
