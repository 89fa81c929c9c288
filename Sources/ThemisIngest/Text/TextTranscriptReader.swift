/// Reads plain-text transcripts: decoding, front matter, then speaker turns.
enum TextTranscriptReader {
    static func read(_ bytes: [UInt8]) throws(IngestError) -> ParsedTranscript {
        let (utf8, encoding) = try TextDecoder.decode(bytes)
        let text = PlainText(utf8: utf8)
        let frontMatter = try FrontMatter.read(text)
        let turns = TurnParser.turns(
            in: text, from: frontMatter?.bodyLine ?? 0, interviewers: frontMatter?.interviewers ?? [])
        return ParsedTranscript(utf8: utf8, turns: turns, attributes: frontMatter?.attributes ?? [],
                                warnings: encoding.warning.map { [$0] } ?? [])
    }
}

/// A transcript after parsing and before cutting into units.
struct ParsedTranscript {
    /// The plain text offsets count into.
    var utf8: [UInt8]
    var turns: [Turn]
    var attributes: [(name: String, value: String)]
    /// What the user should check about how the file was read (see ``Transcript/warnings``).
    var warnings: [String] = []
}
