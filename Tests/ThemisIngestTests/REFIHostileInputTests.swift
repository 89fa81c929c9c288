import Foundation
import Testing
@testable import ThemisIngest

/// REFI-QDA codebooks and projects built to hurt the readers: truncated at every
/// length, random bytes, and random but well-formed trees of REFI-QDA elements.
/// Each is refused with an IngestError or read, never a crash.
@Suite(.serialized)
struct REFIHostileInputTests {
    static let codebook = """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Themis test"><Codes>
        <Code guid="C0000000-0000-4000-8000-000000000001" name="Data" isCodable="true" color="#1f77b4"><Description>Data &amp; records.</Description>
        <Code guid="C0000000-0000-4000-8000-000000000002" name="Ethnicity data" isCodable="true"><Description>By group.

        Themis id: demo/data/ethnicity-data</Description></Code></Code>
        <Code guid="C0000000-0000-4000-8000-000000000003" name="Leaders" isCodable="true"/>
        </Codes><Sets><Set guid="D0000000-0000-4000-8000-000000000001" name="s"><MemberCode guid="C0000000-0000-4000-8000-000000000003"/></Set></Sets></CodeBook>
        """

    static let project = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Themis test">
        <Users><User guid="AAAAAAAA-0000-4000-8000-000000000001" name="nia"/></Users>
        <CodeBook><Codes><Code guid="C0000000-0000-4000-8000-000000000001" name="Data" isCodable="true"/></Codes></CodeBook>
        <Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="int01" plainTextPath="internal://50000000-0000-4000-8000-000000000001.txt">
        <PlainTextSelection guid="51000000-0000-4000-8000-000000000001" startPosition="4" endPosition="20" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
        <Coding guid="52000000-0000-4000-8000-000000000001"><CodeRef targetGUID="C0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
        </TextSource></Sources></Project>
        """

    static let qdpx: [UInt8] = {
        (try? DocxBuilder.package([
            ("project.qde", Array(project.utf8)),
            ("sources/50000000-0000-4000-8000-000000000001.txt", Array("P1: The board backed us.\r\nP2: Then it stopped.".utf8)),
        ])) ?? []
    }()

    /// Writes `bytes` to a scratch file with `suffix`, calls `body` on it, and removes it.
    static func withFile(_ bytes: [UInt8], suffix: String, _ body: (URL) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-refi-hostile-\(UUID().uuidString)\(suffix)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url)
    }

    /// Reads `bytes` as a codebook and as a project; every coding must lie inside its text.
    static func readAll(_ bytes: [UInt8], suffixes: [String] = [".qdc", ".qde", ".qdpx"]) throws {
        for suffix in suffixes {
            try withFile(bytes, suffix: suffix) { url in
                do {
                    if suffix == ".qdc" {
                        var warnings = [String]()
                        _ = try QDCReader.codebook(at: url, warnings: &warnings)
                    } else {
                        let project = try QDPXProjectFile.read(url)
                        for coding in project.codings {
                            #expect(coding.start >= 0 && coding.start <= coding.end)
                            if let text = project.texts[coding.document] { #expect(coding.end <= text.unicodeScalars.count) }
                        }
                    }
                } catch is IngestError {
                }
            }
        }
    }

    @Test("a codebook and a project truncated at every length are refused or read")
    func truncatedXML() throws {
        for document in [Self.codebook, Self.project] {
            let bytes = Array(document.utf8)
            for length in 0..<bytes.count {
                try Self.readAll(Array(bytes.prefix(length)), suffixes: document == Self.codebook ? [".qdc"] : [".qde"])
            }
        }
    }

    @Test("a .qdpx truncated at many lengths is refused")
    func truncatedPackage() throws {
        #expect(!Self.qdpx.isEmpty)
        try Self.withFile(Self.qdpx, suffix: ".qdpx") { url in
            let project = try QDPXProjectFile.read(url)
            #expect(project.codings.count == 1)
        }
        for length in stride(from: 0, to: Self.qdpx.count, by: 5) {
            try Self.withFile(Array(Self.qdpx.prefix(length)), suffix: ".qdpx") { url in
                #expect(throws: IngestError.self) { try QDPXProjectFile.read(url) }
            }
        }
    }

    @Test("a .qdpx with corrupted bytes is refused or read")
    func corruptedPackage() throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            var corrupted = Self.qdpx
            for _ in 0..<4 { corrupted[Int.random(in: 0..<corrupted.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            try Self.readAll(corrupted, suffixes: [".qdpx"])
        }
    }

    @Test("random bytes as a .qdc, .qde and .qdpx are refused or read")
    func randomBytes() throws {
        var generator = SeededGenerator(seed: 5)
        for round in 0..<150 {
            let count = round < 75 ? Int.random(in: 0...64, using: &generator) : Int.random(in: 0...4096, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 3 == 0 { bytes = Array("<?xml version=\"1.0\"?><Project><CodeBook><Codes>".utf8) + bytes }
            try Self.readAll(bytes)
        }
    }

    /// The children an element of each name usually has; other names turn up too.
    static let children: [String: [String]] = [
        "Project": ["Users", "CodeBook", "Sources", "Notes", "Sets", "Cases"], "CodeBook": ["Codes", "Sets"], "Codes": ["Code"],
        "Code": ["Description", "Code", "Code"], "Users": ["User"], "Sources": ["TextSource", "TextSource", "PDFSource"],
        "TextSource": ["PlainTextContent", "PlainTextSelection", "PlainTextSelection", "Coding"], "PlainTextSelection": ["Coding"],
        "Coding": ["CodeRef"], "PDFSource": ["PDFSelection", "Representation"], "Representation": ["PlainTextSelection"],
        "Notes": ["Note"], "Note": ["PlainTextContent", "PlainTextSelection"], "Sets": ["Set"], "Cases": ["Case"],
    ]
    static let names = ["Codes", "Code", "Description", "Sources", "TextSource", "PlainTextContent", "PlainTextSelection", "Coding",
                        "CodeRef", "PDFSource", "Representation", "Notes", "Note", "NoteRef", "Sets", "Set", "Users", "User", "CodeBook"]

    /// A random element tree under `parent`, of REFI-QDA names with attributes and text drawn from small sets so that they meet.
    static func randomTree(under parent: String, depth: Int, using generator: inout SeededGenerator) -> String {
        let guids = ["C0000000-0000-4000-8000-000000000001", "{c0000000-0000-4000-8000-000000000001}", "AAAAAAAA-0000-4000-8000-000000000001", "x", ""]
        let texts = ["", "Themis id: demo/x", "Themis codebook: demo 1.0", "a\r\nb\r\nc", "\u{FEFF}é😀 x\ry", "0123456789", "Use when: x\n\nThemis id: demo/y"]
        let values = ["Trust", "trust", "!!!", "-3", "0", "2", "5", "12", "30", "99999999999999999999", "internal://x.txt", "relative://../x"]
        var out = ""
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            if parent == "PlainTextContent" || parent == "Description" || Int.random(in: 0..<8, using: &generator) == 0 {
                let text = texts.randomElement(using: &generator)!
                out += text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\r", with: "&#13;")
                if parent == "PlainTextContent" { continue }
            }
            let likely = children[parent] ?? []
            let name = !likely.isEmpty && Int.random(in: 0..<5, using: &generator) > 0
                ? likely.randomElement(using: &generator)! : names.randomElement(using: &generator)!
            var attributes = ""
            for attribute in ["guid", "targetGUID", "creatingUser"] where Bool.random(using: &generator) {
                attributes += " \(attribute)=\"\(guids.randomElement(using: &generator)!)\""
            }
            for attribute in ["name", "startPosition", "endPosition", "plainTextPath"] where Int.random(in: 0..<4, using: &generator) > 0 {
                attributes += " \(attribute)=\"\(values.randomElement(using: &generator)!)\""
            }
            if depth == 0 || Int.random(in: 0..<4, using: &generator) == 0 {
                out += "<\(name)\(attributes)/>"
            } else {
                out += "<\(name)\(attributes)>" + randomTree(under: name, depth: depth - 1, using: &generator) + "</\(name)>"
            }
        }
        return out
    }

    @Test("random well-formed trees of REFI-QDA elements are refused or read, and no coding leaves its text")
    func randomTrees() throws {
        var generator = SeededGenerator(seed: 23)
        for round in 0..<400 {
            let root = round % 2 == 0 ? "CodeBook" : "Project"
            let xml = "<?xml version=\"1.0\"?><\(root) origin=\"\(round % 4 == 1 ? "ATLAS.ti 9" : "x")\">"
                + Self.randomTree(under: root, depth: 6, using: &generator) + "</\(root)>"
            try Self.readAll(Array(xml.utf8), suffixes: [".qdc", ".qde"])
        }
    }
}
