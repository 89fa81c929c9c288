import Testing
import ThemisModel
@testable import ThemisIngest

/// Transcript-shaped Word documents: bold labels, Teams' layout, flat XML packages
/// and bare `document.xml` files.
struct WordFormatTests {
    static func paragraph(_ runs: [(text: String, bold: Bool)]) -> String {
        "<w:p>" + runs.map { run in
            (run.bold ? "<w:r><w:rPr><w:b/></w:rPr>" : "<w:r>") + "<w:t xml:space=\"preserve\">\(run.text)</w:t></w:r>"
        }.joined() + "</w:p>"
    }

    static let transcriptBody = [
        paragraph([("Focus group 3 – lived-experience partners", true)]),
        paragraph([("Key points: to be agreed", true)]),
        paragraph([("Facilitator:", true), (" Welcome, everyone.", false)]),
        paragraph([("Abena", true), (": It was hard to be heard.", false)]),
        paragraph([("Example: ", false), ("we changed the leaflet.", false)]),
        paragraph([("Marcia: ", true), ("Same for me.", false)]),
        "<w:p><w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>Nobody: this is not bold.</w:t></w:r></w:p>",
    ].joined()

    @Test("a bold run ending in a colon starts a turn; bold headings and plain colons do not")
    func boldLabels() throws {
        let docx = try DocxBuilder.docx(documentXML: DocxBuilder.documentXML(body: Self.transcriptBody))
        let segments = try TranscriptReader().read(bytes: docx, format: .docx, id: "fg3").segments
        #expect(segments.map(\.speaker) == [nil, "Facilitator", "Abena", "Marcia"])
        #expect(segments[0].text == "Focus group 3 – lived-experience partners\nKey points: to be agreed")
        #expect(segments[2].text == "It was hard to be heard.\nExample: we changed the leaflet.")
        #expect(segments[3].text == "Same for me.\nNobody: this is not bold.")
        #expect(segments[1].role == .interviewer)
    }

    @Test("Teams' Word download: a name and elapsed time line above each turn")
    func teamsLayout() throws {
        let body = [
            Self.paragraph([("Ward huddle transcript", false)]),
            Self.paragraph([("Amara Osei   0:03", false)]),
            Self.paragraph([("We put ethnicity on the huddle board.", false)]),
            Self.paragraph([("Tom Reid   1:02:07", false)]),
            Self.paragraph([("And the run chart.", false)]),
            Self.paragraph([("It helped.", false)]),
        ].joined()
        let docx = try DocxBuilder.docx(documentXML: DocxBuilder.documentXML(body: body))
        let transcript = try TranscriptReader(unit: .paragraph).read(bytes: docx, format: .docx, id: "huddle")
        #expect(transcript.segments.map(\.speaker) == [nil, "Amara Osei", "Tom Reid", "Tom Reid"])
        #expect(transcript.segments.map(\.time) == [nil, 3, 3727, 3727])
        #expect(transcript.segments.map(\.text).last == "It helped.")
        try OffsetCheck.verify(transcript)
    }

    @Test("Word's flat XML package reads the main document and nothing else")
    func flatPackage() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <?mso-application progid="Word.Document"?>
            <pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">
             <pkg:part pkg:name="/_rels/.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml">
              <pkg:xmlData><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
               <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
              </Relationships></pkg:xmlData>
             </pkg:part>
             <pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml">
              <pkg:xmlData>
               <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                <w:body>
                 <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Interviewer:</w:t></w:r><w:r><w:t xml:space="preserve"> What helped?</w:t></w:r></w:p>
                 <w:p><w:r><w:t>P4: Board sponsorship.</w:t></w:r></w:p>
                 <w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
                </w:body>
               </w:document>
              </pkg:xmlData>
             </pkg:part>
             <pkg:part pkg:name="/word/glossary/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml">
              <pkg:xmlData>
               <w:glossaryDocument xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docParts><w:docPart>
                <w:docPartBody><w:p><w:r><w:t>Glossary text that is not the transcript.</w:t></w:r></w:p></w:docPartBody>
               </w:docPart></w:docParts></w:glossaryDocument>
              </pkg:xmlData>
             </pkg:part>
            </pkg:package>
            """
        let transcript = try TranscriptReader().read(bytes: Array(xml.utf8), format: .wordXML, id: "flat")
        #expect(transcript.plainText == "Interviewer: What helped?\nP4: Board sponsorship.\n")
        #expect(transcript.segments.map(\.speaker) == ["Interviewer", "P4"])
    }

    @Test("a bare document.xml reads like the package it came from")
    func bareDocument() throws {
        let xml = DocxBuilder.documentXML(body: Self.transcriptBody)
        let bare = try TranscriptReader().read(bytes: Array(xml.utf8), format: .wordXML, id: "fg3")
        let packaged = try TranscriptReader().read(bytes: try DocxBuilder.docx(documentXML: xml), format: .docx, id: "fg3")
        #expect(bare.plainText == packaged.plainText)
        #expect(bare.segments == packaged.segments)
    }

    @Test("XML that is not a Word document is refused")
    func notWord() {
        #expect(throws: IngestError.self) {
            try TranscriptReader().read(bytes: Array("<html><body><p>Hi</p></body></html>".utf8), format: .wordXML, id: "x")
        }
    }
}
