import CZlibInflate
import Foundation

/// A zip package (Office Open XML, REFI-QDA) opened within ``ZipLimits``: its
/// central directory is read and checked up front (``ZipDirectory``), and parts
/// are inflated into memory on demand, one at a time.
///
/// Limits hold on what is actually inflated, counted as it streams: a part stops
/// as soon as it outgrows its declared size, or inflates more than the ratio
/// allows once past 1 MiB, or the package as a whole has inflated more than the
/// ratio times its own size. Every part's CRC-32 is checked.
final class ZipPackage {
    private let storage: ZipStorage
    private let entries: [String: ZipEntry]
    private let limits: ZipLimits
    /// Bytes inflated from this package so far, against ``budget``.
    private var inflated: UInt64 = 0
    private let budget: UInt64

    private static let chunkSize = 1 << 16
    private static let ratioGrace: UInt64 = 1 << 20

    /// Opens the package file at `url`; `kind` names it in messages ("Word document").
    convenience init(url: URL, limits: ZipLimits, kind: String) throws(IngestError) {
        try self.init(storage: ZipStorage(url: url), limits: limits, kind: kind)
    }

    /// Opens a package held in memory.
    convenience init(bytes: [UInt8], limits: ZipLimits, kind: String) throws(IngestError) {
        try self.init(storage: ZipStorage(bytes: bytes), limits: limits, kind: kind)
    }

    private init(storage: ZipStorage, limits: ZipLimits, kind: String) throws(IngestError) {
        let list = try ZipDirectory.entries(of: storage, limits: limits)
        guard !list.isEmpty else { throw IngestError("zip archive has no entries: not a \(kind)") }
        self.storage = storage
        self.entries = Dictionary(list.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.limits = limits
        let (scaled, overflow) = storage.size.multipliedReportingOverflow(by: limits.maximumCompressionRatio)
        budget = max(overflow ? .max : scaled, Self.ratioGrace)
    }

    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// Every entry path of the package, sorted.
    var paths: [String] { entries.keys.sorted() }

    /// Inflates the part at `path` (nil when absent), refusing it when it breaks
    /// the limits, holds other than it declares, or fails its CRC-32.
    func part(_ path: String) throws(IngestError) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        let declared = entry.uncompressedSize
        if entry.flags & 1 != 0 { throw IngestError("\(path) is encrypted") }
        if declared > limits.maximumPartBytes {
            throw IngestError("\(path) is \(declared >> 20) MiB uncompressed, over the \(limits.maximumPartBytes >> 20) MiB limit")
        }
        if declared > Self.ratioGrace, entry.compressedSize > 0, declared / entry.compressedSize > limits.maximumCompressionRatio {
            throw IngestError(
                "\(path) has a compression ratio of \(declared / entry.compressedSize):1, over the \(limits.maximumCompressionRatio):1 limit (zip bomb?)")
        }
        let dataOffset = try dataOffset(of: entry)
        var stream = PartStream(path: path, declared: declared)
        switch entry.method {
        case 0:
            guard entry.compressedSize == declared else { throw IngestError("\(path) is stored with two different sizes (corrupt zip)") }
            try copyStored(entry, from: dataOffset, into: &stream)
        case 8:
            try inflate(entry, from: dataOffset, into: &stream)
        default:
            throw IngestError("\(path) uses zip compression method \(entry.method); only stored and deflated parts are read")
        }
        guard UInt64(stream.bytes.count) == declared else {
            throw IngestError("\(path) holds \(stream.bytes.count) bytes, not the \(declared) its zip header declares (corrupt zip)")
        }
        guard stream.checksum == entry.crc32 else {
            throw IngestError("\(path) is corrupt: its CRC-32 does not match the zip header")
        }
        return stream.bytes
    }

    /// Where the entry's data starts, after its local header, checked to end within its bounds.
    private func dataOffset(of entry: ZipEntry) throws(IngestError) -> UInt64 {
        let header = try storage.bytes(at: entry.localHeaderOffset, count: 30)
        guard header.u32(0) == 0x0403_4B50 else {
            throw IngestError("\(entry.path): no local header where the central directory points (corrupt zip)")
        }
        let start = entry.localHeaderOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
        let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
        guard !overflow, end <= entry.limit else {
            throw IngestError("zip entry \(entry.path) overlaps the next one (a zip bomb?)")
        }
        return start
    }

    /// A part as it inflates: its bytes, their CRC-32, and the checks on each chunk.
    private struct PartStream {
        let path: String
        let declared: UInt64
        var bytes = [UInt8]()
        var checksum = UInt32(0)

        init(path: String, declared: UInt64) {
            self.path = path
            self.declared = declared
            bytes.reserveCapacity(Int(min(declared, 16 << 20)))
        }
    }

    /// Appends `count` inflated bytes from `chunk`, after `consumed` compressed bytes,
    /// checking the declared size, the part's ratio and the package's budget.
    private func accept(_ chunk: UnsafeMutablePointer<UInt8>, count: Int, consumed: UInt64,
                        into stream: inout PartStream) throws(IngestError) {
        let size = UInt64(stream.bytes.count + count)
        if size > stream.declared {
            throw IngestError("\(stream.path) holds more bytes than its zip header declares")
        }
        let ratio = limits.maximumCompressionRatio
        if size > Self.ratioGrace, size / max(consumed, 1) > ratio {
            throw IngestError("\(stream.path) inflates beyond the \(ratio):1 compression ratio limit (zip bomb?)")
        }
        inflated += UInt64(count)
        if inflated > budget {
            throw IngestError("the package inflates to more than \(ratio) times its size, over the compression ratio limit (zip bomb?)")
        }
        stream.checksum = UInt32(crc32(uLong(stream.checksum), chunk, uInt(count)))
        stream.bytes.append(contentsOf: UnsafeBufferPointer(start: chunk, count: count))
    }

    private func copyStored(_ entry: ZipEntry, from offset: UInt64, into stream: inout PartStream) throws(IngestError) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.chunkSize)
        defer { buffer.deallocate() }
        var done: UInt64 = 0
        while done < entry.compressedSize {
            let count = Int(min(entry.compressedSize - done, UInt64(Self.chunkSize)))
            try storage.read(at: offset + done, count: count, into: buffer)
            done += UInt64(count)
            try accept(buffer, count: count, consumed: done, into: &stream)
        }
    }

    /// Raw-inflates the entry's compressed bytes, exactly `compressedSize` of them.
    private func inflate(_ entry: ZipEntry, from offset: UInt64, into stream: inout PartStream) throws(IngestError) {
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.chunkSize)
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.chunkSize)
        defer {
            input.deallocate()
            output.deallocate()
        }
        var z = z_stream()
        guard inflateInit2_(&z, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw IngestError("\(entry.path) could not be inflated: zlib failed to start")
        }
        defer { inflateEnd(&z) }
        var fed: UInt64 = 0
        while true {
            if z.avail_in == 0, fed < entry.compressedSize {
                let count = Int(min(entry.compressedSize - fed, UInt64(Self.chunkSize)))
                try storage.read(at: offset + fed, count: count, into: input)
                fed += UInt64(count)
                z.next_in = input
                z.avail_in = uInt(count)
            }
            let pending = z.avail_in
            z.next_out = output
            z.avail_out = uInt(Self.chunkSize)
            let status = CZlibInflate.inflate(&z, Z_NO_FLUSH)
            let produced = Self.chunkSize - Int(z.avail_out)
            if produced > 0 {
                try accept(output, count: produced, consumed: fed - UInt64(z.avail_in), into: &stream)
            }
            switch status {
            case Z_STREAM_END:
                return
            case Z_OK, Z_BUF_ERROR:
                // Every round consumes or produces something; when neither, the data has run out.
                if produced == 0, z.avail_in == pending {
                    throw IngestError("\(entry.path) is truncated: its deflated data ends early (corrupt zip)")
                }
            default:
                throw IngestError("\(entry.path) could not be inflated: the zip archive is corrupt")
            }
        }
    }

    /// The targets of the relationships in the part `path` whose type ends in `typeSuffix`,
    /// resolved against `base` (the folder of the part they belong to), without a leading `/`.
    func relationshipTargets(in path: String, typeSuffix: String, base: String) throws(IngestError) -> [(id: String, target: String)] {
        guard let bytes = try part(path) else { return [] }
        return try bytes.withUnsafeBufferPointer { buffer throws(IngestError) -> [(id: String, target: String)] in
            let reader = try XMLStreamReader(buffer: buffer)
            var targets = [(id: String, target: String)]()
            while try reader.advance() {
                guard reader.nodeType == .element,
                      let local = reader.localNamePointer, String(cString: local) == "Relationship",
                      let type = reader.attribute("Type", namespace: nil), type.hasSuffix(typeSuffix),
                      let target = reader.attribute("Target", namespace: nil)
                else { continue }
                let resolved = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
                targets.append((reader.attribute("Id", namespace: nil) ?? "", resolved))
            }
            return targets
        }
    }
}
