import Foundation
import Testing
import ThemisModel
@testable import ThemisIngest

/// Every WebVTT and SRT file in ../shared/fixtures against turns written by reading the files.
@Suite(.enabled(if: TestPaths.fixturesAvailable, "../shared/fixtures is absent"))
struct SubtitleFixtureTests {
    static let expectations = TestPaths.files(
        under: TestPaths.expected.appendingPathComponent("subtitles"), suffixes: [".jsonl", ".error"])

    static func fixture(for expectation: URL) -> URL {
        TestPaths.fixtures.appendingPathComponent(
            "transcripts/webvtt-py/\(expectation.deletingPathExtension().lastPathComponent)")
    }

    struct ExpectedTurn: Decodable, Equatable {
        var speaker: String?
        var time: Double
        var text: String
    }

    @Test("every subtitle fixture has an expectation")
    func everyFixtureIsCovered() {
        let files = TestPaths.files(under: TestPaths.fixtures.appendingPathComponent("transcripts"), suffixes: [".vtt", ".srt"])
        let covered = Set(Self.expectations.map { Self.fixture(for: $0).standardizedFileURL.path })
        #expect(files.count >= 16)
        for file in files { #expect(covered.contains(file.standardizedFileURL.path), "no expectation for \(file.path)") }
    }

    @Test("turns match the file", arguments: expectations.filter { $0.pathExtension == "jsonl" })
    func turns(expectation: URL) throws {
        let expected = try String(contentsOf: expectation, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(ExpectedTurn.self, from: Data($0.utf8))
        }
        let fixture = Self.fixture(for: expectation)
        let transcript = try TranscriptReader().read(fixture, id: "x")
        let actual = transcript.segments.map { ExpectedTurn(speaker: $0.speaker, time: $0.time ?? -1, text: $0.text) }
        #expect(actual == expected)
        for unit in SegmentUnit.allCases {
            try OffsetCheck.verify(try TranscriptReader(unit: unit).read(fixture, id: "x"))
        }
    }

    @Test("an empty file is refused")
    func empty() {
        #expect(throws: IngestError("empty file")) {
            try TranscriptReader().read(TestPaths.fixtures.appendingPathComponent("transcripts/webvtt-py/empty.vtt"), id: "x")
        }
    }

    @Test("a malformed cue timing is refused with its line")
    func invalidTiming() {
        do {
            _ = try TranscriptReader().read(
                TestPaths.fixtures.appendingPathComponent("transcripts/webvtt-py/invalid_timeframe.vtt"), id: "x")
            Issue.record("invalid_timeframe.vtt was read")
        } catch {
            #expect(error.line == 6)
            #expect(error.reason.contains("invalid cue timing"))
        }
    }
}
