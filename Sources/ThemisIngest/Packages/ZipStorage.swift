import Foundation

/// The bytes of a zip package: a file read with `pread`, or a buffer in memory.
/// Every read is bounds-checked against the package's size, so offsets taken
/// from hostile headers can only ask for bytes that exist.
final class ZipStorage {
    private enum Backing {
        case file(Int32)
        case memory([UInt8])
    }

    private let backing: Backing
    /// The package's size in bytes.
    let size: UInt64

    /// Opens the regular file at `url` (non-blocking, so a named pipe cannot stall a batch).
    init(url: URL) throws(IngestError) {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw IngestError("cannot open: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw IngestError("not a regular file")
        }
        backing = .file(descriptor)
        size = UInt64(info.st_size)
    }

    /// Wraps bytes already in memory.
    init(bytes: [UInt8]) {
        backing = .memory(bytes)
        size = UInt64(bytes.count)
    }

    deinit {
        if case .file(let descriptor) = backing { close(descriptor) }
    }

    /// Copies `count` bytes at `offset` into `destination`; a range past the end is a truncated package.
    func read(at offset: UInt64, count: Int, into destination: UnsafeMutableRawPointer) throws(IngestError) {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(count))
        guard !overflow, end <= size else { throw IngestError("truncated zip: an entry reaches past the end of the file") }
        switch backing {
        case .memory(let bytes):
            bytes.withUnsafeBytes { source in
                destination.copyMemory(from: source.baseAddress! + Int(offset), byteCount: count)
            }
        case .file(let descriptor):
            var filled = 0
            while filled < count {
                let got = pread(descriptor, destination + filled, count - filled, off_t(offset) + off_t(filled))
                if got < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    throw IngestError("cannot read: \(String(cString: strerror(errno)))")
                }
                if got == 0 { throw IngestError("truncated zip: the file ended while it was read") }
                filled += got
            }
        }
    }

    /// `count` bytes at `offset`.
    func bytes(at offset: UInt64, count: Int) throws(IngestError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var failure: IngestError?
        result.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            do throws(IngestError) { try read(at: offset, count: count, into: base) } catch { failure = error }
        }
        if let failure { throw failure }
        return result
    }
}
