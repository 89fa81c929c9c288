/// Parses the clock times transcripts carry: `1:02`, `00:01:02`, `0:0:0.210`, `00:01:02,500`.
enum Timestamp {
    /// Parses a timestamp starting at `i` in `bytes`, up to `end`.
    /// Returns the time in seconds and the index just after it, or nil.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (seconds: Double, next: Int)? {
        // Two or three fields, each after the first below 60; no array, as this runs on every line.
        var total = 0, fields = 0
        var j = i
        while true {
            let digitsStart = j
            var value = 0
            while j < end, j - digitsStart < 3, let d = digit(bytes[j]) {
                value = value * 10 + d
                j += 1
            }
            if j == digitsStart || (fields > 0 && value >= 60) { return nil }
            total = total * 60 + value
            fields += 1
            if j < end, bytes[j] == UInt8(ascii: ":"), fields < 3, j + 1 < end, digit(bytes[j + 1]) != nil {
                j += 1
                continue
            }
            break
        }
        guard fields >= 2 else { return nil }
        var seconds = Double(total)
        if j + 1 < end, bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ","), digit(bytes[j + 1]) != nil {
            j += 1
            var scale = 0.1
            var fraction = 0.0
            let fractionStart = j
            while j < end, let d = digit(bytes[j]) {
                if j - fractionStart < 3 { fraction += Double(d) * scale; scale /= 10 }
                j += 1
            }
            seconds += (fraction * 1000).rounded() / 1000
        }
        // A timestamp is not followed directly by a letter or digit ("1:02pm", "10:301").
        if j < end, isWordByte(bytes[j]) { return nil }
        return (seconds, j)
    }

    @inline(__always)
    static func digit(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }
}
