/// One line of a document's plain text, as byte offsets into its UTF-8.
struct TextLine: Equatable {
    var start: Int
    /// End of the line's text, before the `\n`.
    var end: Int
    /// The line begins a new paragraph: first line, after a blank line, or a new Word paragraph.
    var opensParagraph: Bool
    /// In Word documents: end of a bold run ending in a colon at the start of the
    /// line, which marks a speaker label.
    var boldLabelEnd: Int? = nil
}

/// A document's plain text in UTF-8 with `\n` line ends, cut into lines.
struct PlainText {
    var utf8: [UInt8]
    var lines: [TextLine]

    /// Cuts `utf8` into lines from byte `offset` on; a line after a blank line opens a paragraph. O(n).
    init(utf8: [UInt8], linesFrom offset: Int = 0) {
        self.utf8 = utf8
        var lines = [TextLine]()
        lines.reserveCapacity(max(0, utf8.count - offset) / 48 + 1)
        var start = offset
        var previousBlank = true
        let n = utf8.count
        utf8.withUnsafeBufferPointer { bytes in
            while start < n {
                var end = start
                while end < n, bytes[end] != 0x0A { end += 1 }
                let blank = PlainText.isBlank(bytes, start, end)
                lines.append(TextLine(start: start, end: end, opensParagraph: previousBlank))
                previousBlank = blank
                start = end + 1
            }
        }
        self.lines = lines
    }

    init(utf8: [UInt8], lines: [TextLine]) {
        self.utf8 = utf8
        self.lines = lines
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            if !isSpace(bytes[i]) { return false }
            i += 1
        }
        return true
    }

    /// ASCII white space used to trim segment text: space, tab, CR, LF, form feed, vertical tab.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
