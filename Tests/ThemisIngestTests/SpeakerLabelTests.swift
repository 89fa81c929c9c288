import Testing
import ThemisModel
@testable import ThemisIngest

/// Each speaker-label form of the spec, read through the whole plain-text path.
struct SpeakerLabelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: String
        var speaker: String
        var note: String?
        var time: Double?
        var text: String
        var role: SpeakerRole = .participant
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(line: "Interviewer: How did it start?", speaker: "Interviewer", text: "How did it start?", role: .interviewer),
        Case(line: "P3: We began with the data.", speaker: "P3", text: "We began with the data."),
        Case(line: "Dr Okafor: The board backed us.", speaker: "Dr Okafor", text: "The board backed us."),
        Case(line: "Midwife 2 (Site B): Interpreters were hard to book.", speaker: "Midwife 2", note: "Site B",
             text: "Interpreters were hard to book."),
        Case(line: "FG2-P4: I agree with that.", speaker: "FG2-P4", text: "I agree with that."),
        Case(line: "[00:01:02] Amara: It took weeks.", speaker: "Amara", time: 62, text: "It took weeks."),
        Case(line: "(00:01:02) Amara: It took weeks.", speaker: "Amara", time: 62, text: "It took weeks."),
        Case(line: "00:01:02 Amara: It took weeks.", speaker: "Amara", time: 62, text: "It took weeks."),
        Case(line: "Amara [00:01:02]: It took weeks.", speaker: "Amara", time: 62, text: "It took weeks."),
        Case(line: "Amara (01:23): It took weeks.", speaker: "Amara", time: 83, text: "It took weeks."),
        Case(line: "[1:02:03.5] Facilitator: Next question.", speaker: "Facilitator", time: 3723.5, text: "Next question.",
             role: .interviewer),
        Case(line: "Q: What helped?", speaker: "Q", text: "What helped?", role: .interviewer),
        Case(line: "I: What helped?", speaker: "I", text: "What helped?", role: .interviewer),
        Case(line: "Int: What helped?", speaker: "Int", text: "What helped?", role: .interviewer),
        Case(line: "Moderator: Welcome all.", speaker: "Moderator", text: "Welcome all.", role: .interviewer),
        Case(line: "Interviewer 2: Thanks.", speaker: "Interviewer 2", text: "Thanks.", role: .interviewer),
        Case(line: "00:00:05\tSarah Mensah\tZoom's own text export.", speaker: "Sarah Mensah", time: 5,
             text: "Zoom's own text export."),
    ]

    @Test("a label form gives speaker, note, time and text", arguments: cases)
    func labelForm(_ c: Case) throws {
        let transcript = try read(c.line + "\n")
        let segment = try #require(transcript.segments.first)
        #expect(transcript.segments.count == 1)
        #expect(segment.speaker == c.speaker)
        #expect(segment.speakerNote == c.note)
        #expect(segment.time == c.time)
        #expect(segment.text == c.text)
        #expect(segment.role == c.role)
    }

    @Test("Otter and Teams header lines: name, two spaces, time; text on the next lines")
    func headerLines() throws {
        let transcript = try read("""
            Sarah Mensah  0:03
            We started with a driver diagram.
            It helped.

            Dr James Okafor  1:02:45
            The board were supportive.

            """)
        #expect(transcript.segments.map(\.speaker) == ["Sarah Mensah", "Dr James Okafor"])
        #expect(transcript.segments.map(\.time) == [3, 3765])
        #expect(transcript.segments[0].text == "We started with a driver diagram.\nIt helped.")
    }

    @Test("a single header-looking line is not a speaker")
    func singleHeaderLineIsText() throws {
        let transcript = try read("Meeting Notes 10:30\nWe met in the seminar room.\n")
        #expect(transcript.segments.map(\.speaker) == [nil])
    }

    @Test("ordinary colons inside a turn stay text")
    func proseColons() throws {
        let transcript = try read("""
            Interviewer: What changed?
            P1: A few things.
            Note: the recording stopped here for a minute.
            Example: we changed the booking form.
            The ratio was 3:1 and we met at 10:30: late.
            Cycle 2: we moved the interpreter prompt.
            Step 3: audit.
            Interviewer: Thank you.

            """)
        #expect(transcript.segments.map(\.speaker) == ["Interviewer", "P1", "Interviewer"])
        #expect(transcript.segments[1].text.hasSuffix("we met at 10:30: late.\nCycle 2: we moved the interpreter prompt.\nStep 3: audit."))
    }

    @Test("a plain name label counts once it recurs")
    func recurringNames() throws {
        let transcript = try read("""
            Amara Osei: We looked at the data.
            Tom Reid: So did we.
            Amara Osei: And then we acted.
            Tom Reid: Yes.

            """)
        #expect(transcript.segments.map(\.speaker) == ["Amara Osei", "Tom Reid", "Amara Osei", "Tom Reid"])
    }

    @Test("front matter names the interviewer and gives attributes")
    func frontMatter() throws {
        let transcript = try read("""
            ---
            site: Site A
            interviewer: Ruth Adeyemi
            topics: [PPH, data]
            ---
            Ruth Adeyemi: Tell me about the project.
            Kofi Mensah: It started last spring.
            Ruth Adeyemi: And then?
            Kofi Mensah: We kept going.

            """)
        #expect(transcript.attributes.map(\.name) == ["site", "interviewer", "topics"])
        #expect(transcript.attributes.map(\.value) == ["Site A", "Ruth Adeyemi", "PPH; data"])
        #expect(transcript.segments.map(\.role) == [.interviewer, .participant, .interviewer, .participant])
        #expect(transcript.segments[0].start == Array(transcript.plainText.unicodeScalars).count
            - "Ruth Adeyemi: Tell me about the project.\nKofi Mensah: It started last spring.\nRuth Adeyemi: And then?\nKofi Mensah: We kept going.\n".unicodeScalars.count
            + "Ruth Adeyemi: ".count)
    }

    @Test("broken front matter is refused with its line")
    func brokenFrontMatter() {
        do {
            _ = try read("---\nsite: [unclosed\n---\nP1: Hello.\n")
            Issue.record("broken front matter was accepted")
        } catch {
            #expect(error.reason.contains("front matter"))
            #expect(error.line != nil)
        }
    }

    @Test("text before the first label is a segment without a speaker")
    func preamble() throws {
        let transcript = try read("Focus group 2, Site B\n\nFacilitator: Welcome.\n")
        #expect(transcript.segments.map(\.speaker) == [nil, "Facilitator"])
        #expect(transcript.segments[0].text == "Focus group 2, Site B")
    }

    private func read(_ text: String) throws(IngestError) -> Transcript {
        try TranscriptReader().read(bytes: Array(text.utf8), format: .text, id: "doc")
    }
}
