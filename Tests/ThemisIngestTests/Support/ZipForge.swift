import CZlibInflate

/// Writes zip files byte by byte, so that tests can make the lies hostile
/// packages tell: sizes, offsets, checksums and ZIP64 fields set by hand.
enum ZipForge {
    /// One file of a forged package. `data` is written as is after the local
    /// header; the sizes and checksum are what the headers claim.
    struct Entry {
        var name: String
        var data: [UInt8]
        var method: UInt16 = 8
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        /// Write the sizes as 0xFFFFFFFF with the real ones in a ZIP64 extra field.
        var zip64 = false
        /// Where the central directory says the local header is; nil: where it was written.
        var pointsAt: UInt64?
    }

    /// An honest entry holding `content`, deflated (method 8) or stored (method 0).
    static func entry(_ name: String, _ content: [UInt8], method: UInt16 = 8) -> Entry {
        let data = method == 8 ? deflate(content) : content
        return Entry(name: name, data: data, method: method, crc: crc32(content),
                     compressedSize: UInt64(data.count), uncompressedSize: UInt64(content.count))
    }

    /// A package of `entries` (written in order), whose central directory also lists
    /// `extraRecords` (records only, usually pointing at another entry's data), and
    /// `padding` bytes between the last entry and the central directory.
    static func package(_ entries: [Entry], extraRecords: [Entry] = [], padding: Int = 0) -> [UInt8] {
        var out = [UInt8]()
        var offsets = [UInt64]()
        for entry in entries {
            offsets.append(UInt64(out.count))
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(entry.method) + le16(0) + le16(0x21) + le32(entry.crc)
            out += sizes(entry) + le16(UInt16(entry.name.utf8.count)) + le16(UInt16(extra(entry).count))
            out += Array(entry.name.utf8) + extra(entry) + entry.data
        }
        out += [UInt8](repeating: 0x41, count: padding)
        let directoryOffset = out.count
        for (entry, offset) in zip(entries + extraRecords, offsets + extraRecords.map { $0.pointsAt ?? 0 }) {
            let at = entry.pointsAt ?? offset
            out += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(entry.method) + le16(0) + le16(0x21)
            out += le32(entry.crc) + sizes(entry) + le16(UInt16(entry.name.utf8.count)) + le16(UInt16(extra(entry).count))
            out += le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(truncatingIfNeeded: at))
            out += Array(entry.name.utf8) + extra(entry)
        }
        let directorySize = out.count - directoryOffset
        let count = UInt16(entries.count + extraRecords.count)
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
        out += le32(UInt32(directorySize)) + le32(UInt32(directoryOffset)) + le16(0)
        return out
    }

    /// Raw deflate (no zlib header), as zip stores it.
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let written = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                _ = CZlibInflate.deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output[..<written])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(CZlibInflate.crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    private static func sizes(_ entry: Entry) -> [UInt8] {
        entry.zip64 ? le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF)
            : le32(UInt32(truncatingIfNeeded: entry.compressedSize)) + le32(UInt32(truncatingIfNeeded: entry.uncompressedSize))
    }

    private static func extra(_ entry: Entry) -> [UInt8] {
        entry.zip64 ? le16(1) + le16(16) + le64(entry.uncompressedSize) + le64(entry.compressedSize) : []
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
    private static func le64(_ value: UInt64) -> [UInt8] { le32(UInt32(value & 0xFFFF_FFFF)) + le32(UInt32(value >> 32)) }
}
