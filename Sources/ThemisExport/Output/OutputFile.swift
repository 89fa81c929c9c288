import Foundation

/// Where a command's output goes: standard output, or a file written whole or not
/// at all (a temporary file beside it, renamed into place on ``commit()``).
///
/// The temporary file is created exclusively and never through a link (another name
/// is tried when one is taken), has the mode of the file it replaces, and is removed
/// when the run fails or is interrupted (see ``TemporaryFiles``). A destination that
/// exists and is not a regular file (a FIFO, `/dev/null`, a terminal) is written
/// straight through, as is `/dev/stdout` or `/dev/stderr`, which go to the process's
/// own descriptors, so none of them is ever replaced by a regular file.
public final class OutputFile {
    private let destination: String?
    private let temporary: (path: String, slot: Int?)?
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private var buffer = [UInt8]()
    private var committed = false

    /// Opens `path` for writing, or standard output when `path` is nil or `-`.
    public init(path: String?) throws {
        guard let path, path != "-" else {
            (destination, temporary, descriptor, closesDescriptor) = (nil, nil, STDOUT_FILENO, false)
            return
        }
        destination = path
        if let standard = Self.standardDescriptor(path) {
            (temporary, descriptor, closesDescriptor) = (nil, standard, false)
            return
        }
        var existing = stat()
        let exists = stat(path, &existing) == 0
        if exists, existing.st_mode & S_IFMT != S_IFREG {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
            (temporary, descriptor, closesDescriptor) = (nil, fd, true)
            return
        }
        let created = try Self.createTemporary(beside: path)
        if exists { fchmod(created.descriptor, existing.st_mode & 0o7777) }
        (temporary, descriptor, closesDescriptor) = ((created.path, created.slot), created.descriptor, true)
    }

    deinit {
        guard !committed else { return }
        if closesDescriptor { close(descriptor) }
        if let temporary {
            unlink(temporary.path)
            if let slot = temporary.slot { TemporaryFiles.unregister(slot) }
        }
    }

    /// True when the output is a regular file, written through a temporary file and
    /// renamed into place; false for standard output, devices and FIFOs.
    public var isRegularFile: Bool { temporary != nil }

    /// Appends bytes, flushing to the file in large blocks.
    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends a string's UTF-8.
    public func write(_ string: String) throws {
        try write(Array(string.utf8))
    }

    /// Writes what is buffered and, for a file, renames it into place.
    public func commit() throws {
        try flush()
        committed = true
        guard let destination else { return }
        guard let temporary else {
            if closesDescriptor, close(descriptor) != 0 {
                throw OutputError(path: destination, reason: String(cString: strerror(errno)))
            }
            return
        }
        defer { if let slot = temporary.slot { TemporaryFiles.unregister(slot) } }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OutputError(path: destination, reason: reason)
        }
        if rename(temporary.path, destination) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OutputError(path: destination, reason: reason)
        }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let count = buffer.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: destination ?? "standard output", reason: String(cString: strerror(errno)))
            }
            offset += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The process's own descriptor that `path` names (`/dev/stdout`, `/dev/stderr`,
    /// `/dev/fd/N`, `/proc/self/fd/N`): writing to it keeps the position and mode the
    /// shell opened it with, where reopening the path would start over at the beginning.
    static func standardDescriptor(_ path: String) -> Int32? {
        let standard = URL(fileURLWithPath: path).standardized.path
        switch standard {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where standard.hasPrefix(prefix) {
                return Int32(standard.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// Creates `.NAME.PID.tmp` beside `path` exclusively (never through a link), with
    /// mode 0644 less the umask; when that name is taken, `.NAME.PID.N.tmp` with a
    /// random N. Each name is registered for removal on interruption before it is
    /// created, so that no moment leaves a created file unregistered.
    static func createTemporary(beside path: String) throws -> (path: String, descriptor: Int32, slot: Int?) {
        let url = URL(fileURLWithPath: path)
        let stem = "\(url.deletingLastPathComponent().path)/.\(url.lastPathComponent).\(getpid())"
        for attempt in 0..<100 {
            let candidate = attempt == 0 ? "\(stem).tmp" : "\(stem).\(UInt32.random(in: .min ... .max)).tmp"
            let slot = TemporaryFiles.register(candidate)
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return (candidate, fd, slot) }
            let failure = errno
            if let slot { TemporaryFiles.unregister(slot) }
            if failure != EEXIST { throw OutputError(path: path, reason: String(cString: strerror(failure))) }
        }
        throw OutputError(path: path, reason: "no free name for a temporary file beside it")
    }
}

/// A failure to write output, naming the file.
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}
