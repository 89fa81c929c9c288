import Foundation
import Testing
import ThemisExport
import ThemisModel

/// Segment records survive any text: JSON that parses back, CSV that quotes what it must.
struct SegmentEncodingTests {
    static let hostileTexts = [
        "plain", "quote \" and backslash \\ and slash /", "line\nbreak\r\nand\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
        "naïve “curly” — 世界 😀", "comma, and \"quoted, comma\"", "",
    ]

    static func segment(_ text: String, time: Double? = 62.5) -> Segment {
        Segment(document: "fg/01", index: 3, unit: .turn, speaker: "Midwife \"2\"", speakerNote: nil,
                role: .participant, time: time, start: 10, end: 10 + text.unicodeScalars.count, text: text)
    }

    @Test("JSON Lines records parse back to the same values", arguments: hostileTexts)
    func jsonRoundTrip(text: String) throws {
        var out = [UInt8]()
        SegmentFormat.jsonl.append(Self.segment(text), to: &out)
        #expect(out.last == 0x0A)
        #expect(!out.dropLast().contains(0x0A))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        #expect(object["text"] as? String == text)
        #expect(object["speaker"] as? String == "Midwife \"2\"")
        #expect(object["segment"] as? String == "fg/01#3")
        #expect(object["speaker_note"] is NSNull)
        #expect(object["time"] as? Double == 62.5)
    }

    @Test("CSV quotes fields with commas, quotes and line ends, and nothing else")
    func csvQuoting() {
        var out = [UInt8]()
        CSVText.appendRow(["a", "b,c", "say \"hi\"", "two\nlines", nil, ""], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",,\n")
    }

    @Test("times are written without locale or float noise", arguments: [
        (0.0, "0"), (62.0, "62"), (3.85, "3.85"), (0.21, "0.21"), (3723.5, "3723.5"), (1.0005, "1.001"), (-2.5, "-2.5"),
    ])
    func numbers(value: Double, text: String) {
        #expect(JSONText.format(value) == text)
    }

    @Test("undefined numbers are null, never NaN")
    func nullNumbers() {
        #expect(JSONText.format(nil) == "null")
        #expect(JSONText.format(.nan) == "null")
        #expect(JSONText.format(.infinity) == "null")
    }
}
