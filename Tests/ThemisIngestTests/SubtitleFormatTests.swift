import Testing
import ThemisModel
@testable import ThemisIngest

/// The subtitle shapes real meeting tools write: Teams voice spans, Zoom name prefixes, SRT.
struct SubtitleFormatTests {
    private func read(_ text: String, _ format: TranscriptFormat = .webVTT) throws -> Transcript {
        try TranscriptReader().read(bytes: Array(text.utf8), format: format, id: "call")
    }

    @Test("Teams: voice spans, cue ids, one speaker's cues merged into a turn at its first cue's time")
    func teams() throws {
        let transcript = try read("""
            WEBVTT

            5e0c-44/12-0
            00:00:03.120 --> 00:00:07.480
            <v Amara Osei>So the first thing we did</v>

            5e0c-44/12-1
            00:00:07.480 --> 00:00:09.000
            <v Amara Osei>was look at the data by ethnicity.</v>

            5e0c-44/13-0
            00:00:09.100 --> 00:00:10.000
            <v Interviewer>And then?</v>

            """)
        #expect(transcript.segments.map(\.speaker) == ["Amara Osei", "Interviewer"])
        #expect(transcript.segments.map(\.time) == [3.12, 9.1])
        #expect(transcript.segments[0].text == "So the first thing we did\nwas look at the data by ethnicity.")
        #expect(transcript.segments[1].role == .interviewer)
        #expect(transcript.plainText.hasPrefix("Amara Osei: So the first thing we did\n"))
        try OffsetCheck.verify(transcript)
    }

    @Test("Zoom: a recurring `Name:` prefix in the cue text is the speaker")
    func zoom() throws {
        let transcript = try read("""
            WEBVTT

            1
            00:00:01.000 --> 00:00:04.000
            Ruth Adeyemi: Thanks for joining.

            2
            00:00:04.500 --> 00:00:08.000
            Kofi Mensah: Happy to. Note: I'm on a ward phone.

            3
            00:00:08.500 --> 00:00:09.000
            Ruth Adeyemi: Great.

            4
            00:00:09.500 --> 00:00:12.000
            Kofi Mensah: So, the data.

            """)
        #expect(transcript.segments.map(\.speaker) == ["Ruth Adeyemi", "Kofi Mensah", "Ruth Adeyemi", "Kofi Mensah"])
        #expect(transcript.segments[1].text == "Happy to. Note: I'm on a ward phone.")
        try OffsetCheck.verify(transcript)
    }

    @Test("several voices in one cue split into turns")
    func severalVoices() throws {
        let transcript = try read("""
            WEBVTT

            00:01.000 --> 00:04.000
            <v.loud Esme>It's a blue apple tree!</v> <v Mary>No it isn't!</v>

            """)
        #expect(transcript.segments.map(\.speaker) == ["Esme", "Mary"])
        #expect(transcript.segments.map(\.text) == ["It's a blue apple tree!", "No it isn't!"])
        #expect(transcript.segments.map(\.time) == [1, 1])
    }

    @Test("SRT with speaker codes and markup")
    func srt() throws {
        let transcript = try read("""
            1
            00:00:01,500 --> 00:00:03,000
            <i>P1: We had no analyst.</i>

            2
            00:00:03,200 --> 00:00:05,000
            {\\an8}P1: None at all &amp; no backfill.

            3
            00:00:05,500 --> 00:00:06,000
            Q: Why?

            """, .srt)
        #expect(transcript.segments.map(\.speaker) == ["P1", "Q"])
        #expect(transcript.segments[0].text == "We had no analyst.\nNone at all & no backfill.")
        #expect(transcript.segments[0].time == 1.5)
        #expect(transcript.segments[1].role == .interviewer)
    }

    @Test("a file that does not open with WEBVTT is refused")
    func notWebVTT() {
        #expect(throws: IngestError.self) { try read("1\n00:00:01,000 --> 00:00:02,000\nHello\n") }
    }
}
