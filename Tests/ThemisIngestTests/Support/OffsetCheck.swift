import Testing
import ThemisModel

/// Checks the segment contract: `text` is the plain text between `start` and `end`,
/// segments are numbered from 1 and do not overlap.
enum OffsetCheck {
    static func verify(_ transcript: Transcript, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scalars = Array(transcript.plainText.unicodeScalars)
        var previousEnd = 0
        for (k, segment) in transcript.segments.enumerated() {
            #expect(segment.index == k + 1, sourceLocation: sourceLocation)
            #expect(segment.start >= previousEnd && segment.start < segment.end && segment.end <= scalars.count,
                    "\(segment.id) \(segment.start)..<\(segment.end)", sourceLocation: sourceLocation)
            guard segment.start < segment.end, segment.end <= scalars.count else { continue }
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[segment.start..<segment.end])
            #expect(String(slice) == segment.text, "\(segment.id)", sourceLocation: sourceLocation)
            #expect(segment.text.unicodeScalars.first.map { !$0.properties.isWhitespace } ?? false,
                    "\(segment.id) starts with white space", sourceLocation: sourceLocation)
            previousEnd = segment.end
        }
    }
}
