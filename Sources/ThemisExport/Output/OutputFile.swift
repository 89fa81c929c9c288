import Foundation

/// Where a command's output goes: standard output, or a file written whole or
/// not at all (a temporary file beside it, renamed into place on ``commit()``).
public final class OutputFile {
    private let destination: String?
    private let temporaryPath: String?
    private let descriptor: Int32
    private var buffer = [UInt8]()
    private var committed = false

    /// Opens `path` for writing, or standard output when `path` is nil or `-`.
    public init(path: String?) throws {
        if let path, path != "-" {
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent().path
            let temporary = "\(directory)/.\(url.lastPathComponent).\(getpid()).tmp"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                throw OutputError(path: path, reason: String(cString: strerror(errno)))
            }
            destination = path
            temporaryPath = temporary
            descriptor = fd
        } else {
            destination = nil
            temporaryPath = nil
            descriptor = STDOUT_FILENO
        }
    }

    deinit {
        if let temporaryPath, !committed {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

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
        guard let temporaryPath, let destination else { return }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            unlink(temporaryPath)
            throw OutputError(path: destination, reason: String(cString: strerror(errno)))
        }
        if rename(temporaryPath, destination) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
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
}

/// A failure to write output, naming the file.
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}
