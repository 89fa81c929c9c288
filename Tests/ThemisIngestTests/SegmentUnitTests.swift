import Testing
import ThemisModel
@testable import ThemisIngest

/// Turn, paragraph and sentence units, and the offsets they carry.
struct SegmentUnitTests {
    static let transcript = """
        Interviewer: Can you say more?
        P2: Dr. Mensah at St. Thomas' led it, e.g. the run charts. PPH fell by 2.5 per cent... which surprised us!
        Was it the data? I think so.

        A new paragraph “Quoted.” Then more.
        Interviewer: Thank you.

        """

    @Test("turns hold a speaker's whole talk")
    func turns() throws {
        let segments = try read(.turn)
        #expect(segments.map(\.speaker) == ["Interviewer", "P2", "Interviewer"])
        #expect(segments[1].text.hasPrefix("Dr. Mensah") && segments[1].text.hasSuffix("Then more."))
    }

    @Test("paragraphs split at blank lines inside a turn")
    func paragraphs() throws {
        let segments = try read(.paragraph)
        #expect(segments.map(\.speaker) == ["Interviewer", "P2", "P2", "Interviewer"])
        #expect(segments[2].text == "A new paragraph “Quoted.” Then more.")
    }

    @Test("sentences survive abbreviations, decimals and ellipses")
    func sentences() throws {
        let texts = try read(.sentence).map(\.text)
        #expect(texts == [
            "Can you say more?",
            "Dr. Mensah at St. Thomas' led it, e.g. the run charts.",
            "PPH fell by 2.5 per cent... which surprised us!",
            "Was it the data?",
            "I think so.",
            "A new paragraph “Quoted.”",
            "Then more.",
            "Thank you.",
        ])
    }

    @Test("segment ids and offsets hold in every unit", arguments: SegmentUnit.allCases)
    func offsets(unit: SegmentUnit) throws {
        let transcript = try TranscriptReader(unit: unit).read(bytes: Array(Self.transcript.utf8), format: .text, id: "g/fg1")
        try OffsetCheck.verify(transcript)
        #expect(transcript.segments.first?.id == "g/fg1#1")
        #expect(transcript.segments.allSatisfy { $0.unit == unit })
    }

    @Test("offsets count Unicode scalars, not bytes or UTF-16 units")
    func scalarOffsets() throws {
        let transcript = try TranscriptReader().read(bytes: Array("P1: 世界 😀 ok\nP2: é\n".utf8), format: .text, id: "d")
        #expect(transcript.segments.map(\.start) == [4, 16])
        #expect(transcript.segments.map(\.end) == [11, 17])
    }

    private func read(_ unit: SegmentUnit) throws -> [Segment] {
        try TranscriptReader(unit: unit).read(bytes: Array(Self.transcript.utf8), format: .text, id: "d").segments
    }
}
