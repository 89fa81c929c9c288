import ThemisModel

/// Cuts turns into segments of a unit and records their offsets in Unicode scalars.
enum Segmenter {
    /// The segments of `turns` as `unit`, numbered from 1. Segments never cross
    /// turns; paragraphs never cross blank lines or Word paragraphs; sentences
    /// never cross paragraphs. O(text).
    static func segments(of turns: [Turn], in utf8: [UInt8], unit: SegmentUnit, document: String) -> [Segment] {
        var segments = [Segment]()
        var offsets = ScalarOffsetCounter()
        utf8.withUnsafeBufferPointer { bytes in
            for turn in turns {
                let paragraphs = paragraphRanges(of: turn, bytes)
                guard let first = paragraphs.first, let last = paragraphs.last else { continue }
                let ranges: [Range<Int>]
                switch unit {
                case .turn: ranges = [first.lowerBound..<last.upperBound]
                case .paragraph: ranges = paragraphs
                case .sentence:
                    ranges = paragraphs.flatMap {
                        SentenceSplitter.sentences(bytes, start: $0.lowerBound, end: $0.upperBound)
                    }
                }
                for range in ranges {
                    let start = offsets.scalarOffset(ofByte: range.lowerBound, in: bytes)
                    let end = offsets.scalarOffset(ofByte: range.upperBound, in: bytes)
                    segments.append(Segment(
                        document: document, index: segments.count + 1, unit: unit,
                        speaker: turn.speaker, speakerNote: turn.note, role: turn.role, time: turn.time,
                        start: start, end: end,
                        text: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)))
                }
            }
        }
        return segments
    }

    /// The turn's paragraphs as byte ranges trimmed of white space.
    private static func paragraphRanges(of turn: Turn, _ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var paragraphs = [Range<Int>]()
        var open: Range<Int>?
        var previousBlank = true
        for line in turn.lines {
            var start = line.start, end = line.end
            while start < end, PlainText.isSpace(bytes[start]) { start += 1 }
            while end > start, PlainText.isSpace(bytes[end - 1]) { end -= 1 }
            if start == end {
                previousBlank = true
                continue
            }
            if let current = open, !line.opensParagraph, !previousBlank {
                open = current.lowerBound..<end
            } else {
                if let current = open { paragraphs.append(current) }
                open = start..<end
            }
            previousBlank = false
        }
        if let current = open { paragraphs.append(current) }
        return paragraphs
    }
}

/// Converts increasing UTF-8 byte offsets into Unicode scalar offsets in one pass.
struct ScalarOffsetCounter {
    private var byte = 0
    private var scalar = 0

    /// The scalar offset of `target`; targets must not decrease between calls.
    mutating func scalarOffset(ofByte target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        precondition(target >= byte, "scalar offsets must be asked for in increasing order")
        // Eight bytes at a time: every byte but a continuation byte (10xxxxxx) starts a scalar.
        let raw = UnsafeRawBufferPointer(bytes)
        while byte + 8 <= target {
            let word = raw.loadUnaligned(fromByteOffset: byte, as: UInt64.self)
            let continuations = word & ~(word << 1) & 0x8080_8080_8080_8080
            scalar += 8 - continuations.nonzeroBitCount
            byte += 8
        }
        while byte < target {
            if bytes[byte] & 0xC0 != 0x80 { scalar += 1 }
            byte += 1
        }
        return scalar
    }
}
