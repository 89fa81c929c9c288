import Foundation
import Testing
import ThemisModel
@testable import ThemisIngest

/// Encodings and line ends of plain-text transcripts.
struct TextDecodingTests {
    static let text = "Interviewer: Café racism?\r\nP1: Yes — naïve “data”.\r\n"

    @Test("UTF-8 with and without a byte-order mark")
    func utf8() throws {
        let plain = Array(Self.text.utf8)
        let (a, encodingA) = try TextDecoder.decode(plain)
        let (b, encodingB) = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + plain)
        #expect(a == b)
        #expect(encodingA == .utf8)
        #expect(encodingB == .utf8BOM)
        #expect(String(decoding: a, as: UTF8.self) == "Interviewer: Café racism?\nP1: Yes — naïve “data”.\n")
    }

    @Test("UTF-16 little- and big-endian with a byte-order mark")
    func utf16() throws {
        let units = Array(Self.text.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let expected = try TextDecoder.decode(Array(Self.text.utf8)).utf8
        #expect(try TextDecoder.decode(little) == (expected, .utf16LE))
        #expect(try TextDecoder.decode(big) == (expected, .utf16BE))
        #expect(throws: IngestError.self) { try TextDecoder.decode([0xFF, 0xFE, 0x41]) }
    }

    @Test("Windows-1252 when the bytes are not UTF-8")
    func windows1252() throws {
        // "P1: café – “quote”" in Windows-1252.
        let bytes: [UInt8] = Array("P1: caf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0x93] + Array("quote".utf8) + [0x94, 0x0A]
        let (utf8, encoding) = try TextDecoder.decode(bytes)
        #expect(encoding == .windows1252)
        #expect(String(decoding: utf8, as: UTF8.self) == "P1: café – “quote”\n")
    }

    @Test("CRLF, CR and LF line ends give the same segments")
    func lineEnds() throws {
        let lf = "Interviewer: One.\nP1: Two\nthree.\n"
        let outputs = try [lf, lf.replacingOccurrences(of: "\n", with: "\r\n"), lf.replacingOccurrences(of: "\n", with: "\r")]
            .map { try TranscriptReader().read(bytes: Array($0.utf8), format: .text, id: "d").segments }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        #expect(outputs[0][1].text == "Two\nthree.")
    }

    @Test("binary content is refused", arguments: [
        [UInt8]([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08]),
        [UInt8](repeating: 0x01, count: 400),
    ])
    func binary(bytes: [UInt8]) {
        #expect(throws: IngestError.self) { try TranscriptReader().read(bytes: bytes, format: .text, id: "d") }
    }

    @Test("empty and blank files are refused")
    func empty() {
        #expect(throws: IngestError("empty file")) { try TranscriptReader().read(bytes: [], format: .text, id: "d") }
        #expect(throws: IngestError("no transcript text")) {
            try TranscriptReader().read(bytes: Array(" \n\n\t\n".utf8), format: .text, id: "d")
        }
    }
}

