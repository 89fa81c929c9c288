import Foundation
import Testing
import ThemisIngest
import ZIPFoundation

/// Reading REFI-QDA projects as vendors write them: their ways of counting
/// positions, GUIDs with braces, no codebook, sources outside the package, and
/// the parts Themis does not import.
struct QDPXReaderTests {
    static let user = "AAAAAAAA-0000-4000-8000-000000000001"
    static let code = "C0000000-0000-4000-8000-000000000001"
    static let source = "50000000-0000-4000-8000-000000000001"

    /// A project with one user (nia), one code (Data) and `sources`.
    static func project(origin: String = "Test 1.0", basePath: String? = nil, codebook: Bool = true, sources: String, rest: String = "") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="\(origin)"\(basePath.map { " basePath=\"\($0)\"" } ?? "")>
        <Users><User guid="\(user)" name="nia"/></Users>
        \(codebook ? "<CodeBook><Codes><Code guid=\"\(code)\" name=\"Data\" isCodable=\"true\"/></Codes></CodeBook>" : "")
        <Sources>\(sources)</Sources>\(rest)
        </Project>
        """
    }

    /// A coded selection by nia with the code Data.
    static func selection(_ start: Int, _ end: Int, guid: String = "51000000-0000-4000-8000-000000000001",
                          user: String = user, code: String = code) -> String {
        """
        <PlainTextSelection guid="\(guid)" startPosition="\(start)" endPosition="\(end)" creatingUser="\(user)">\
        <Coding guid="52000000-0000-4000-8000-000000000001"><CodeRef targetGUID="\(code)"/></Coding></PlainTextSelection>
        """
    }

    /// A scratch folder for the files of one test.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-qdpx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a `.qdpx` holding `parts` at `url`.
    static func package(_ parts: [(String, [UInt8])], at url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Date(timeIntervalSince1970: 0), compressionMethod: .deflate) { position, size in
                let start = min(Int(position), data.count)
                return data.subdata(in: start..<min(data.count, start + size))
            }
        }
    }

    /// Reads the project `xml` as a bare `.qde`.
    static func read(_ xml: String) throws -> QDPXProjectFile {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.qde")
        try xml.write(to: url, atomically: true, encoding: .utf8)
        return try QDPXProjectFile.read(url)
    }

    static func slice(_ project: QDPXProjectFile, _ coding: QDPXProjectFile.SpanCoding) -> String? {
        guard let text = project.texts[coding.document] else { return nil }
        let scalars = Array(text.unicodeScalars)
        guard coding.start >= 0, coding.start <= coding.end, coding.end <= scalars.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[coding.start..<coding.end])
        return String(view)
    }

    @Test("ATLAS.ti counts a CR LF as one position; other origins count it as two", arguments: [
        ("ATLAS.ti 23.2.3.27778", 14, 34), ("ATLAS.ti 8.4.0 573 , macOS", 14, 34), ("MAXQDA 24 (Release 24.7.0)", 15, 35), ("NVivo 14", 15, 35),
    ])
    func carriageReturns(origin: String, start: Int, end: Int) throws {
        let project = try Self.read(Self.project(origin: origin, sources: """
            <TextSource guid="\(Self.source)" name="int01.txt">\
            <PlainTextContent>I: Hello.&#13;\nP1: The board backed us.&#13;\nP1: Then.</PlainTextContent>\
            \(Self.selection(start, end))</TextSource>
            """))
        #expect(project.texts["int01"] == "I: Hello.\nP1: The board backed us.\nP1: Then.")
        let coding = try #require(project.codings.first)
        #expect(coding.start == 14 && coding.end == 34)
        #expect(Self.slice(project, coding) == "The board backed us.")
    }

    @Test("a source's byte-order mark is dropped and the positions that count it are mapped, as ingest does", arguments: [
        ("Test 1.0", "\n", 9, 20), ("Test 1.0", "\r\n", 10, 21), ("ATLAS.ti 23.2.3", "\r\n", 9, 20), ("QualCoder 4.0 Beta", "\n", 8, 19),
    ])
    func byteOrderMark(origin: String, lineEnd: String, start: Int, end: Int) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.qdpx")
        let text = "P0:\(lineEnd)P1: Hello there.\(lineEnd)P2: Bye."
        try Self.package([
            ("project.qde", Array(Self.project(origin: origin, sources: """
                <TextSource guid="\(Self.source)" name="int01" plainTextPath="internal://\(Self.source).txt">\(Self.selection(start, end))</TextSource>
                """).utf8)),
            ("sources/\(Self.source).txt", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
        ], at: url)
        let project = try QDPXProjectFile.read(url)
        #expect(project.texts["int01"] == "P0:\nP1: Hello there.\nP2: Bye.")
        let coding = try #require(project.codings.first)
        #expect(coding.start == 8 && coding.end == 19)
        #expect(Self.slice(project, coding) == "Hello there")
    }

    @Test("GUIDs match with or without braces, in either case")
    func bracedGUIDs() throws {
        let xml = Self.project(sources: """
            <TextSource guid="{\(Self.source.lowercased())}" name="d"><PlainTextContent>0123456789</PlainTextContent>\
            \(Self.selection(2, 5, user: "\(Self.user.lowercased())", code: "{\(Self.code)}"))</TextSource>
            """).replacingOccurrences(of: "<User guid=\"\(Self.user)\"", with: "<User guid=\"{\(Self.user)}\"")
            .replacingOccurrences(of: "<Code guid=\"\(Self.code)\"", with: "<Code guid=\"\(Self.code.lowercased())\"")
        let project = try Self.read(xml)
        #expect(project.codings == [QDPXProjectFile.SpanCoding(document: "d", start: 2, end: 5, code: "p/data", coder: "nia")])
        #expect(project.warnings.isEmpty, "\(project.warnings)")
    }

    @Test("a code whose description mentions 'Themis codebook: ' mid-line is not taken for a Themis export")
    func exportMarkerMidLine() throws {
        let child = "C0000000-0000-4000-8000-000000000002"
        let xml = Self.project(sources: """
            <TextSource guid="\(Self.source)" name="d"><PlainTextContent>0123456789</PlainTextContent>\(Self.selection(2, 5, code: child))</TextSource>
            """).replacingOccurrences(of: "<Code guid=\"\(Self.code)\" name=\"Data\" isCodable=\"true\"/>", with: """
            <Code guid="\(Self.code)" name="Data" isCodable="true"><Description>As the Themis codebook: draft 2</Description>\
            <Code guid="\(child)" name="Ethnicity" isCodable="true"/></Code>
            """)
        let project = try Self.read(xml)
        #expect(project.codings.map(\.code) == ["p/data/ethnicity"])
    }

    @Test("an empty element lends nothing to what follows: a selection without codings, a source without text")
    func emptyElements() throws {
        let project = try Self.read(Self.project(sources: """
            <TextSource guid="\(Self.source)" name="a"><PlainTextContent>0123456789</PlainTextContent>\
            <PlainTextSelection guid="51000000-0000-4000-8000-000000000001" startPosition="1" endPosition="3"/>\
            <Coding guid="52000000-0000-4000-8000-000000000001"><CodeRef targetGUID="\(Self.code)"/></Coding></TextSource>
            <TextSource guid="50000000-0000-4000-8000-000000000002" name="b"/>
            <PDFSource guid="50000000-0000-4000-8000-000000000003" path="internal://x.pdf">\
            <Representation guid="50000000-0000-4000-8000-000000000004">\(Self.selection(0, 2))</Representation></PDFSource>
            <TextSource guid="50000000-0000-4000-8000-000000000005" name="c"><PlainTextContent/>\(Self.selection(0, 0))</TextSource>
            """))
        #expect(project.codings == [QDPXProjectFile.SpanCoding(document: "c", start: 0, end: 0, code: "p/data", coder: "nia")])
        #expect(project.texts == ["a": "0123456789", "c": ""])
    }

    @Test("two codes with one GUID: its codings go to the first, with a warning")
    func sharedCodeGUID() throws {
        let xml = Self.project(sources: """
            <TextSource guid="\(Self.source)" name="d"><PlainTextContent>0123456789</PlainTextContent>\(Self.selection(2, 5))</TextSource>
            """).replacingOccurrences(of: "<Code guid=\"\(Self.code)\" name=\"Data\" isCodable=\"true\"/>", with: """
            <Code guid="\(Self.code)" name="Data" isCodable="true"/>
            <Code guid="{\(Self.code.lowercased())}" name="Other" isCodable="true"/>
            """)
        let project = try Self.read(xml)
        #expect(project.codings.map(\.code) == ["p/data"])
        #expect(project.warnings == ["line 5: codes 'Data' (line 4) and 'Other' have one GUID, \(Self.code); its codings go to 'Data'"])
    }

    @Test("a project without a codebook is read with an empty one and a note")
    func noCodebook() throws {
        let project = try Self.read(Self.project(origin: "ATLAS.ti 23.2.3.27778", codebook: false, sources: ""))
        #expect(project.codebook.codes.isEmpty)
        #expect(project.codings.isEmpty)
        #expect(project.warnings.contains { $0.contains("no codebook") }, "\(project.warnings)")
    }

    @Test("only the sources a TextSource names are inflated: a corrupt PDF in the package is not read")
    func sourcesOnDemand() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.qdpx")
        let pdf = "50000000-0000-4000-8000-000000000002.pdf"
        try Self.package([
            ("project.qde", Array(Self.project(sources: """
                <TextSource guid="\(Self.source)" name="int01" plainTextPath="internal://\(Self.source).txt">\(Self.selection(0, 5))</TextSource>
                <PDFSource guid="50000000-0000-4000-8000-000000000002" name="paper" path="internal://\(pdf)"/>
                """).utf8)),
            ("sources/\(Self.source).txt", Array("Hello world".utf8)),
            ("sources/\(pdf)", Array(repeating: UInt8(ascii: "%"), count: 4000)),
        ], at: url)
        // Overwrite the PDF's deflated data with bytes no inflater accepts.
        var bytes = [UInt8](try Data(contentsOf: url))
        let name = Array("sources/\(pdf)".utf8)
        for i in 0..<(bytes.count - 30 - name.count)
        where bytes[i..<(i + 4)].elementsEqual([0x50, 0x4B, 0x03, 0x04]) && bytes[(i + 30)..<(i + 30 + name.count)].elementsEqual(name) {
            let compressed = Int(bytes[i + 18]) | Int(bytes[i + 19]) << 8
            let data = i + 30 + name.count + (Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8)
            bytes.replaceSubrange(data..<(data + compressed), with: [UInt8](repeating: 0xFF, count: compressed))
        }
        try Data(bytes).write(to: url)
        let project = try QDPXProjectFile.read(url)
        #expect(project.texts["int01"] == "Hello world")
        #expect(project.codings.count == 1)
    }

    @Test("internal:// paths match package entries whatever their case")
    func entryCase() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.qdpx")
        try Self.package([
            ("project.qde", Array(Self.project(sources: """
                <TextSource guid="\(Self.source)" name="a" plainTextPath="internal://\(Self.source).txt"/>
                <TextSource guid="50000000-0000-4000-8000-000000000002" name="b" plainTextPath="internal://50000000-0000-4000-8000-000000000002.txt"/>
                """).utf8)),
            ("sources/\(Self.source).TXT", Array("first".utf8)),
            ("Sources/50000000-0000-4000-8000-000000000002.txt", Array("second".utf8)),
        ], at: url)
        let project = try QDPXProjectFile.read(url)
        #expect(project.texts == ["a": "first", "b": "second"])
        #expect(project.warnings.isEmpty, "\(project.warnings)")
    }

    @Test("relative:// paths are read against basePath, or the project's folder; absolute:// paths as they are; a missing one is warned")
    func externalSources() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let media = folder.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try "in media".write(to: media.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "beside".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let sources = """
            <TextSource guid="\(Self.source)" name="a" plainTextPath="relative://a.txt"/>
            <TextSource guid="50000000-0000-4000-8000-000000000002" name="slash" plainTextPath="relative:///a.txt"/>
            <TextSource guid="50000000-0000-4000-8000-000000000003" name="abs" plainTextPath="absolute://\(folder.path)/b.txt"/>
            <TextSource guid="50000000-0000-4000-8000-000000000004" name="gone" plainTextPath="relative://gone.txt">\(Self.selection(0, 3))</TextSource>
            """
        for basePath in [media.path, "media"] {
            let url = folder.appendingPathComponent("p.qdpx")
            try? FileManager.default.removeItem(at: url)
            try Self.package([("project.qde", Array(Self.project(basePath: basePath, sources: sources).utf8))], at: url)
            let project = try QDPXProjectFile.read(url)
            #expect(project.texts == ["a": "in media", "slash": "in media", "abs": "beside"])
            #expect(project.warnings == ["source 'gone': relative://gone.txt is not at \(media.path)/gone.txt; its spans are kept as given"])
            #expect(project.codings.count == 1)
        }
        let url = folder.appendingPathComponent("q.qdpx")
        try Self.package([("project.qde", Array(Self.project(sources: """
            <TextSource guid="\(Self.source)" name="b" plainTextPath="relative://b.txt"/>
            """).utf8))], at: url)
        #expect(try QDPXProjectFile.read(url).texts == ["b": "beside"])
    }

    @Test("selections before the start, past the end or reversed are warned and their codings skipped")
    func selectionsOutOfRange() throws {
        let project = try Self.read(Self.project(sources: """
            <TextSource guid="\(Self.source)" name="d"><PlainTextContent>0123456789</PlainTextContent>
            \(Self.selection(-3, 4, guid: "51000000-0000-4000-8000-000000000001"))
            \(Self.selection(8, 4, guid: "51000000-0000-4000-8000-000000000002"))
            \(Self.selection(5, 12, guid: "51000000-0000-4000-8000-000000000003"))
            \(Self.selection(2, 10, guid: "51000000-0000-4000-8000-000000000004"))
            \(Self.selection(1, 4, guid: "51000000-0000-4000-8000-000000000005").replacingOccurrences(of: "startPosition=\"1\"", with: "startPosition=\"1.5\""))
            </TextSource>
            """))
        #expect(project.codings == [QDPXProjectFile.SpanCoding(document: "d", start: 2, end: 10, code: "p/data", coder: "nia")])
        #expect(project.warnings == [
            "source 'd': selection 51000000-0000-4000-8000-000000000001 (-3 to 4) starts before the text; its codings are skipped",
            "source 'd': selection 51000000-0000-4000-8000-000000000002 (8 to 4) ends before it starts; its codings are skipped",
            "source 'd': selection 51000000-0000-4000-8000-000000000003 (5 to 12) ends past the end of the text (10 positions); its codings are skipped",
            "source 'd': selection 51000000-0000-4000-8000-000000000005 (? to 4) has no whole-number startPosition and endPosition; its codings are skipped",
        ])
    }

    @Test("what is not imported is counted: non-text sources and their selections, codings of whole sources, notes, sets, graphs, links, cases, variables")
    func discarded() throws {
        let project = try Self.read(Self.project(sources: """
            <TextSource guid="\(Self.source)" name="d"><PlainTextContent>0123456789</PlainTextContent>\(Self.selection(1, 3))\
            <Coding guid="52000000-0000-4000-8000-000000000009"><CodeRef targetGUID="\(Self.code)"/></Coding><NoteRef targetGUID="60000000-0000-4000-8000-000000000001"/></TextSource>
            <PDFSource guid="50000000-0000-4000-8000-000000000002" path="internal://p.pdf">\
            <PDFSelection guid="53000000-0000-4000-8000-000000000001" page="1" firstX="0" firstY="0" secondX="1" secondY="1"/>\
            <PDFSelection guid="53000000-0000-4000-8000-000000000002" page="1" firstX="0" firstY="0" secondX="1" secondY="1"/>\
            <Representation guid="50000000-0000-4000-8000-000000000005" plainTextPath="internal://r.txt">\(Self.selection(0, 1))</Representation></PDFSource>
            <PDFSource guid="50000000-0000-4000-8000-000000000006" path="internal://q.pdf"/>
            <PictureSource guid="50000000-0000-4000-8000-000000000003" path="internal://p.png">\
            <Coding guid="52000000-0000-4000-8000-000000000008"><CodeRef targetGUID="\(Self.code)"/></Coding></PictureSource>
            <AudioSource guid="50000000-0000-4000-8000-000000000004" path="internal://a.m4a">\
            <AudioSelection guid="53000000-0000-4000-8000-000000000003" begin="0" end="10"/></AudioSource>
            """, rest: """
            <Notes><Note guid="60000000-0000-4000-8000-000000000001"><PlainTextContent>n</PlainTextContent></Note>\
            <Note guid="60000000-0000-4000-8000-000000000002"/></Notes>\
            <Sets><Set guid="70000000-0000-4000-8000-000000000001" name="s"/></Sets>
            """).replacingOccurrences(of: "<Sources>", with: """
            <Variables><Variable guid="80000000-0000-4000-8000-000000000001" name="site" typeOfVariable="Text"/>\
            <Variable guid="80000000-0000-4000-8000-000000000002" name="role" typeOfVariable="Text"/></Variables>\
            <Cases><Case guid="90000000-0000-4000-8000-000000000001" name="P1"/></Cases><Sources>
            """))
        #expect(project.codings.count == 1)
        #expect(project.discarded.summary
            == "2 PDF sources (3 selections), 1 picture source, 1 audio source (1 selection), 2 codings of whole sources, 2 notes, 1 note reference, 1 set, 1 case, 2 variables")
        #expect(try Self.read(Self.project(sources: "")).discarded.summary == nil)
    }
}
