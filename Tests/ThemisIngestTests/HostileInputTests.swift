import Foundation
import Testing
import ThemisModel
import ZIPFoundation
@testable import ThemisIngest

/// Files built to hurt a reader: zip bombs, entity expansion, external entities,
/// truncated packages and random bytes. Each is refused with a reason, never a crash or a hang.
struct HostileInputTests {
    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
        <w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
        """

    static let externalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
        <w:p><w:r><w:t>P1: &secret;</w:t></w:r></w:p></w:body></w:document>
        """

    @Test("entity expansion is refused, as a bare document.xml and inside a .docx")
    func billionLaughs() throws {
        #expect(throws: IngestError.self) {
            try TranscriptReader().read(bytes: Array(Self.billionLaughs.utf8), format: .wordXML, id: "x")
        }
        let docx = try DocxBuilder.docx(documentXML: Self.billionLaughs)
        #expect(throws: IngestError.self) { try TranscriptReader().read(bytes: docx, format: .docx, id: "x") }
    }

    @Test("a document type hidden in UTF-16 is still refused")
    func utf16DocumentType() throws {
        let utf16 = Self.billionLaughs.replacingOccurrences(of: "<?xml version=\"1.0\"?>", with: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
        let bytes: [UInt8] = [0xFF, 0xFE] + utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        do {
            _ = try TranscriptReader().read(bytes: bytes, format: .wordXML, id: "x")
            Issue.record("UTF-16 billion laughs was read")
        } catch {
            #expect(error.reason.contains("document type"))
        }
    }

    @Test("an external entity never reads another file")
    func externalEntity() throws {
        do {
            let transcript = try TranscriptReader().read(bytes: Array(Self.externalEntity.utf8), format: .wordXML, id: "x")
            #expect(!transcript.plainText.contains("root:"))
            Issue.record("a document with an external entity was read")
        } catch {
            #expect(error.reason.contains("document type"))
        }
    }

    @Test("an undefined entity is malformed XML, reported with its line")
    func undefinedEntity() {
        let xml = DocxBuilder.documentXML(body: "<w:p><w:r><w:t>&nope;</w:t></w:r></w:p>")
        do {
            _ = try TranscriptReader().read(bytes: Array(xml.utf8), format: .wordXML, id: "x")
            Issue.record("undefined entity accepted")
        } catch {
            #expect(error.reason.hasPrefix("malformed XML"))
            #expect(error.line == 2)
        }
    }

    @Test("a zip bomb is refused by its compression ratio before inflating")
    func zipBomb() throws {
        let zeros = [UInt8](repeating: 0x20, count: 48 << 20)
        let bomb = try DocxBuilder.package([
            ("_rels/.rels", Array(DocxBuilder.relationships.utf8)),
            ("word/document.xml", zeros),
        ])
        #expect(bomb.count < 1 << 20)
        do {
            _ = try TranscriptReader().read(bytes: bomb, format: .docx, id: "x")
            Issue.record("zip bomb accepted")
        } catch {
            #expect(error.reason.contains("compression ratio"))
        }
    }

    @Test("a part that inflates to more than its header declares is refused")
    func lyingSizes() throws {
        let body = String(repeating: "<w:p><w:r><w:t>P1: we had no analyst.</w:t></w:r></w:p>", count: 20_000)
        var package = try DocxBuilder.docx(documentXML: DocxBuilder.documentXML(body: body))
        // Rewrite the declared uncompressed size of word/document.xml (local header
        // offset 22, central directory offset 24) to 1,000 bytes.
        let name = Array("word/document.xml".utf8)
        for (signature, sizeOffset, nameOffset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22, 30), ([0x50, 0x4B, 0x01, 0x02], 24, 46)] {
            for i in 0..<(package.count - nameOffset - name.count)
            where package[i..<(i + 4)].elementsEqual(signature) && package[(i + nameOffset)..<(i + nameOffset + name.count)].elementsEqual(name) {
                package.replaceSubrange((i + sizeOffset)..<(i + sizeOffset + 4), with: [0xE8, 0x03, 0, 0])
            }
        }
        do {
            _ = try TranscriptReader().read(bytes: package, format: .docx, id: "x")
            Issue.record("a part larger than declared was read")
        } catch {
            #expect(error.reason.contains("more bytes than its zip header declares"), "\(error.reason)")
        }
    }

    @Test("the entry count, total size and part size of a package are bounded")
    func packageLimits() throws {
        let document = DocxBuilder.documentXML(body: "<w:p><w:r><w:t>P1: Hello.</w:t></w:r></w:p>")
        var parts = [("_rels/.rels", Array(DocxBuilder.relationships.utf8)), ("word/document.xml", Array(document.utf8))]
        for k in 0..<10 { parts.append(("word/media/\(k).bin", Array(repeating: UInt8(k), count: 1000))) }
        let package = try DocxBuilder.package(parts)
        #expect(try TranscriptReader().read(bytes: package, format: .docx, id: "x").segments.count == 1)

        let cases: [(ZipLimits, String)] = [
            (ZipLimits(maximumEntries: 5), "entries"),
            (ZipLimits(maximumTotalBytes: 5000), "uncompressed"),
            (ZipLimits(maximumPartBytes: 100), "limit"),
        ]
        for (limits, reason) in cases {
            do {
                _ = try TranscriptReader(limits: limits).read(bytes: package, format: .docx, id: "x")
                Issue.record("limits \(limits) not enforced")
            } catch {
                #expect(error.reason.contains(reason), "\(error.reason)")
            }
        }
    }

    @Test("every truncation of a real package is refused or read, never a crash")
    func truncatedPackages() throws {
        let document = DocxBuilder.documentXML(body: "<w:p><w:r><w:t>Interviewer: Tell me more.</w:t></w:r></w:p>")
        let docx = try DocxBuilder.docx(documentXML: document)
        for length in stride(from: 0, to: docx.count, by: 7) {
            let truncated = Array(docx.prefix(length))
            #expect(throws: IngestError.self) { try TranscriptReader().read(bytes: truncated, format: .docx, id: "x") }
        }
    }

    @Test("corrupted bytes inside a package are refused or read, never a crash")
    func corruptedPackages() throws {
        let document = DocxBuilder.documentXML(body: "<w:p><w:r><w:t>Interviewer: Tell me more.</w:t></w:r></w:p>")
        let docx = try DocxBuilder.docx(documentXML: document)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            var corrupted = docx
            for _ in 0..<4 { corrupted[Int.random(in: 0..<corrupted.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            do {
                let transcript = try TranscriptReader().read(bytes: corrupted, format: .docx, id: "x")
                try OffsetCheck.verify(transcript)
            } catch is IngestError {
            }
        }
    }

    @Test("random bytes in every format are refused or read, never a crash", arguments: TranscriptFormat.allCases)
    func randomBytes(format: TranscriptFormat) throws {
        var generator = SeededGenerator(seed: UInt64(format.rawValue.utf8.count))
        for round in 0..<200 {
            let count = round < 100 ? Int.random(in: 0...64, using: &generator) : Int.random(in: 0...4096, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for unit in SegmentUnit.allCases {
                do {
                    try OffsetCheck.verify(try TranscriptReader(unit: unit).read(bytes: bytes, format: format, id: "x"))
                } catch is IngestError {
                }
            }
        }
    }

    @Test("random printable text with labels and timestamps keeps the offset contract")
    func randomText() throws {
        var generator = SeededGenerator(seed: 42)
        let pieces = ["P1: ", "Interviewer:", "[00:01:02] ", "Dr. ", "e.g. ", "...", "\n", "\n\n", "\r\n", " ", "é", "😀",
                      "Note: ", "x.", " A", "?", "(Site B)", "  0:03\n", "Amara Osei", ":", "—", "\t", "---\n"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 1...60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for unit in SegmentUnit.allCases {
                do {
                    try OffsetCheck.verify(try TranscriptReader(unit: unit).read(bytes: Array(text.utf8), format: .text, id: "x"))
                } catch is IngestError {
                }
            }
        }
    }

    @Test("a NUL byte or a CR is found wherever it falls in the text, and mostly-control bytes are binary")
    func controlBytesAtEveryPosition() throws {
        let line = Array("Midwife 2: we raised it at the huddle, twice.\n".utf8)
        for position in 0..<(3 * line.count) {
            var bytes = Array([[UInt8]](repeating: line, count: 3).joined())
            bytes[position] = 0
            #expect(throws: IngestError.self) { try TextDecoder.decode(bytes) }
            bytes[position] = 0x0D
            let decoded = try TextDecoder.decode(bytes).utf8
            #expect(!decoded.contains(0x0D) && decoded.count == bytes.count - (position + 1 < bytes.count && bytes[position + 1] == 0x0A ? 1 : 0))
        }
        #expect(throws: IngestError.self) { try TextDecoder.decode([UInt8](repeating: 0x01, count: 400) + line) }
        #expect(try TextDecoder.decode(Array("é\tcafé au lait\u{0C}\n".utf8)).encoding == .utf8)
        #expect(try TextDecoder.decode([0x63, 0x61, 0x66, 0xE9, 0x0A]).encoding == .windows1252)
    }

    @Test("front matter whose aliases nest (a YAML billion laughs) is refused, as is deep nesting")
    func yamlExpansion() {
        var lines = ["---", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
            previous = name
        }
        lines += ["---", "P1: Hello.", ""]
        let bomb = Array(lines.joined(separator: "\n").utf8)
        let deep = Array(("---\na: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n---\nP1: Hi.\n").utf8)
        for bytes in [bomb, deep] {
            do {
                _ = try TranscriptReader().read(bytes: bytes, format: .text, id: "x")
                Issue.record("hostile front matter was read")
            } catch {
                #expect(error.reason.contains("front matter"))
            }
        }
    }

    @Test("a long single-line file is one segment holding all of it")
    func longSingleLine() throws {
        let line = "P1: " + String(repeating: "we booked interpreters ", count: 200_000)
        let transcript = try TranscriptReader(unit: .sentence).read(bytes: Array(line.utf8), format: .text, id: "x")
        #expect(transcript.segments.count == 1)
        #expect(transcript.segments[0].text.utf8.count == line.utf8.count - 5)
    }

    @Test("a document of 100,000 turns gives 100,000 segments")
    func manyTurns() throws {
        var text = ""
        for k in 0..<50_000 { text += "Interviewer: Question \(k)?\nP\(k % 9 + 1): Answer \(k).\n" }
        let transcript = try TranscriptReader().read(bytes: Array(text.utf8), format: .text, id: "x")
        #expect(transcript.segments.count == 100_000)
        #expect(transcript.segments.last?.text == "Answer 49999.")
        #expect(transcript.segments.last?.speaker == "P5")
    }
}

/// A small deterministic generator (SplitMix64) so that random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
