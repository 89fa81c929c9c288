/// One file of a zip package, as its central directory describes it.
struct ZipEntry {
    var path: String
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// The length of the name in bytes, as stored.
    var nameLength: Int
    /// Where the next entry's local header (or the central directory) begins:
    /// this entry's header and data must end at or before it.
    var limit: UInt64
}

/// Reads a zip package's central directory (PKWARE APPNOTE 6.3, ZIP64 included)
/// and checks it against ``ZipLimits`` before anything is inflated: entry count,
/// declared sizes (without overflow), duplicate names, and entries that overlap
/// one another, as a zip bomb's many directory records over one deflated stream do.
enum ZipDirectory {
    private static let endRecordSize = 22
    private static let maximumDirectoryBytes: UInt64 = 64 << 20

    /// The entries of the package in `storage`, in central-directory order.
    static func entries(of storage: ZipStorage, limits: ZipLimits) throws(IngestError) -> [ZipEntry] {
        let end = try endRecord(of: storage)
        guard end.entryCount <= UInt64(limits.maximumEntries) else {
            throw IngestError("zip archive has more than \(limits.maximumEntries) entries")
        }
        let (directoryEnd, overflow) = end.directoryOffset.addingReportingOverflow(end.directorySize)
        guard !overflow, directoryEnd <= end.recordOffset else {
            throw IngestError("corrupt zip: the central directory lies outside the file")
        }
        guard end.directorySize <= maximumDirectoryBytes else {
            throw IngestError("corrupt zip: a central directory of \(end.directorySize >> 20) MiB")
        }
        let directory = try storage.bytes(at: end.directoryOffset, count: Int(end.directorySize))
        var entries = [ZipEntry]()
        entries.reserveCapacity(Int(end.entryCount))
        var names = Set<String>()
        var total: UInt64 = 0
        var position = 0
        for _ in 0..<end.entryCount {
            let entry = try centralRecord(directory, at: &position)
            guard names.insert(entry.path).inserted else {
                throw IngestError("corrupt zip: two entries are named \(entry.path)")
            }
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            guard !overflow, sum <= limits.maximumTotalBytes else {
                throw IngestError("zip archive declares more than \(limits.maximumTotalBytes >> 20) MiB uncompressed")
            }
            total = sum
            entries.append(entry)
        }
        try bound(&entries, directoryOffset: end.directoryOffset)
        return entries
    }

    /// Where the central directory is, from the end record (and its ZIP64 form).
    private struct EndRecord {
        var recordOffset: UInt64
        var entryCount: UInt64
        var directorySize: UInt64
        var directoryOffset: UInt64
    }

    private static func endRecord(of storage: ZipStorage) throws(IngestError) -> EndRecord {
        guard storage.size >= UInt64(endRecordSize) else { throw IngestError("truncated zip: no end of central directory") }
        let tailLength = Int(min(storage.size, UInt64(endRecordSize + 0xFFFF)))
        let tailOffset = storage.size - UInt64(tailLength)
        let tail = try storage.bytes(at: tailOffset, count: tailLength)
        var found: Int?
        var k = tailLength - endRecordSize
        while k >= 0 {
            if tail.u32(k) == 0x0605_4B50, k + endRecordSize + Int(tail.u16(k + 20)) <= tailLength {
                found = k
                break
            }
            k -= 1
        }
        guard let at = found else { throw IngestError("truncated zip: no end of central directory") }
        let disk = tail.u16(at + 4), directoryDisk = tail.u16(at + 6)
        var record = EndRecord(
            recordOffset: tailOffset + UInt64(at), entryCount: UInt64(tail.u16(at + 10)),
            directorySize: UInt64(tail.u32(at + 12)), directoryOffset: UInt64(tail.u32(at + 16)))
        let saturated = record.entryCount == 0xFFFF || record.directorySize == 0xFFFF_FFFF || record.directoryOffset == 0xFFFF_FFFF
        if saturated, record.recordOffset >= 20 {
            let locator = try storage.bytes(at: record.recordOffset - 20, count: 20)
            if locator.u32(0) == 0x0706_4B50 {
                let offset = locator.u64(8)
                guard offset <= record.recordOffset - 20, record.recordOffset - 20 - offset >= 56 else {
                    throw IngestError("corrupt zip: the ZIP64 end record lies outside the file")
                }
                let zip64 = try storage.bytes(at: offset, count: 56)
                guard zip64.u32(0) == 0x0606_4B50 else { throw IngestError("corrupt zip: no ZIP64 end record where its locator points") }
                guard zip64.u32(16) == 0, zip64.u32(20) == 0 else { throw IngestError("zip archives split over several disks are not read") }
                record = EndRecord(recordOffset: offset, entryCount: zip64.u64(32), directorySize: zip64.u64(40),
                                   directoryOffset: zip64.u64(48))
                return record
            }
        }
        guard disk == 0 || disk == 0xFFFF, directoryDisk == 0 || directoryDisk == 0xFFFF else {
            throw IngestError("zip archives split over several disks are not read")
        }
        return record
    }

    /// One central-directory record at `position`, which moves past it.
    private static func centralRecord(_ directory: [UInt8], at position: inout Int) throws(IngestError) -> ZipEntry {
        let corrupt = IngestError("corrupt zip: the central directory is cut short or damaged")
        guard directory.count - position >= 46, directory.u32(position) == 0x0201_4B50 else { throw corrupt }
        let nameLength = Int(directory.u16(position + 28)), extraLength = Int(directory.u16(position + 30))
        let commentLength = Int(directory.u16(position + 32))
        let next = position + 46 + nameLength + extraLength + commentLength
        guard next <= directory.count else { throw corrupt }
        let nameStart = position + 46
        var entry = ZipEntry(
            path: String(decoding: directory[nameStart..<(nameStart + nameLength)], as: UTF8.self),
            flags: directory.u16(position + 8), method: directory.u16(position + 10), crc32: directory.u32(position + 16),
            compressedSize: UInt64(directory.u32(position + 20)), uncompressedSize: UInt64(directory.u32(position + 24)),
            localHeaderOffset: UInt64(directory.u32(position + 42)), nameLength: nameLength, limit: 0)
        let diskStart = directory.u16(position + 34)
        // ZIP64 extended information (tag 0x0001) holds the fields saturated above, in this order.
        var needs = (uncompressed: entry.uncompressedSize == 0xFFFF_FFFF, compressed: entry.compressedSize == 0xFFFF_FFFF,
                     offset: entry.localHeaderOffset == 0xFFFF_FFFF)
        var field = nameStart + nameLength
        let extraEnd = field + extraLength
        while field + 4 <= extraEnd {
            let tag = directory.u16(field), size = Int(directory.u16(field + 2))
            let dataEnd = field + 4 + size
            guard dataEnd <= extraEnd else { throw corrupt }
            if tag == 0x0001 {
                var cursor = field + 4
                func take() throws(IngestError) -> UInt64 {
                    guard cursor + 8 <= dataEnd else { throw IngestError("corrupt zip: a ZIP64 field of \(entry.path) is cut short") }
                    defer { cursor += 8 }
                    return directory.u64(cursor)
                }
                if needs.uncompressed { entry.uncompressedSize = try take(); needs.uncompressed = false }
                if needs.compressed { entry.compressedSize = try take(); needs.compressed = false }
                if needs.offset { entry.localHeaderOffset = try take(); needs.offset = false }
            }
            field = dataEnd
        }
        guard !needs.uncompressed, !needs.compressed, !needs.offset else {
            throw IngestError("corrupt zip: \(entry.path) lacks the ZIP64 sizes its record calls for")
        }
        guard diskStart == 0 || diskStart == 0xFFFF else { throw IngestError("zip archives split over several disks are not read") }
        position = next
        return entry
    }

    /// Gives each entry the offset it must end by, refusing entries that overlap
    /// one another or the central directory.
    private static func bound(_ entries: inout [ZipEntry], directoryOffset: UInt64) throws(IngestError) {
        let order = entries.indices.sorted { entries[$0].localHeaderOffset < entries[$1].localHeaderOffset }
        for (rank, index) in order.enumerated() {
            let entry = entries[index]
            let next = rank + 1 < order.count ? entries[order[rank + 1]].localHeaderOffset : directoryOffset
            let header = UInt64(30 + entry.nameLength)
            let (end, overflow) = entry.localHeaderOffset.addingReportingOverflow(header)
            let (dataEnd, dataOverflow) = end.addingReportingOverflow(entry.compressedSize)
            guard !overflow, !dataOverflow, dataEnd <= next else {
                let other = rank + 1 < order.count ? entries[order[rank + 1]].path : "the central directory"
                throw IngestError("zip entries \(entry.path) and \(other) overlap (a zip bomb?)")
            }
            entries[index].limit = next
        }
    }
}

extension [UInt8] {
    /// Little-endian integers at `offset`, as zip headers store them; callers check the bounds first.
    func u16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    /// See ``u16(_:)``.
    func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }
    /// See ``u16(_:)``.
    func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}
