import Foundation
import ThemisModel

/// Reads one transcript file of any supported format into segments.
///
/// ```swift
/// let reader = TranscriptReader(unit: .turn)
/// let transcript = try reader.read(URL(fileURLWithPath: "samples/interviews/int01.txt"), id: "interviews/int01")
/// ```
public struct TranscriptReader: Sendable {
    /// The unit segments are cut into.
    public var unit: SegmentUnit
    /// Bounds for `.docx` packages.
    public var limits: ZipLimits
    /// A fingerprint (such as a SHA-256) of each file's bytes, kept as
    /// ``Transcript/sourceDigest``, taken of the bytes the reader read; nil takes none.
    public var digest: (@Sendable (UnsafeRawBufferPointer) -> String)?

    public init(unit: SegmentUnit = .turn, limits: ZipLimits = .standard,
                digest: (@Sendable (UnsafeRawBufferPointer) -> String)? = nil) {
        self.unit = unit
        self.limits = limits
        self.digest = digest
    }

    /// Reads the file at `url` as document `id`, in the format its extension names.
    public func read(_ url: URL, id: String) throws(IngestError) -> Transcript {
        guard let format = TranscriptFormat(pathExtension: url.pathExtension) else {
            throw IngestError("unsupported file type '.\(url.pathExtension)' (expected .txt, .docx, .xml, .vtt or .srt)")
        }
        let bytes = try FileBytes.read(url)
        var read = try read(bytes: bytes, format: format, id: id)
        if let digest { read.sourceDigest = bytes.withUnsafeBytes(digest) }
        return read
    }

    /// Reads `bytes` holding a transcript in `format` as document `id`.
    public func read(bytes: [UInt8], format: TranscriptFormat, id: String) throws(IngestError) -> Transcript {
        if bytes.isEmpty { throw IngestError("empty file") }
        let parsed: ParsedTranscript
        switch format {
        case .text:
            parsed = try TextTranscriptReader.read(bytes)
        case .docx:
            parsed = try WordTranscriptReader.read(package: bytes, limits: limits)
        case .wordXML:
            parsed = try WordTranscriptReader.read(xml: bytes)
        case .webVTT, .srt:
            parsed = try SubtitleReader.read(bytes, format: format)
        }
        return try transcript(parsed, format: format, id: id)
    }

    private func transcript(_ parsed: ParsedTranscript, format: TranscriptFormat, id: String) throws(IngestError) -> Transcript {
        let segments = Segmenter.segments(of: parsed.turns, in: parsed.utf8, unit: unit, document: id)
        if segments.isEmpty {
            switch format {
            case .docx, .wordXML:
                throw IngestError("no transcript text in the document body (headers, footers, notes and comments are not read)")
            default:
                throw IngestError("no transcript text")
            }
        }
        var transcript = Transcript(
            id: id, format: format, attributes: parsed.attributes,
            plainText: String(decoding: parsed.utf8, as: UTF8.self), segments: segments)
        transcript.warnings = parsed.warnings
        return transcript
    }
}

/// Reads the Word formats: a `.docx` package, a flat XML package or a bare `document.xml`.
enum WordTranscriptReader {
    static func read(package bytes: [UInt8], limits: ZipLimits) throws(IngestError) -> ParsedTranscript {
        try read(xml: try WordPackageReader.mainDocument(of: bytes, limits: limits))
    }

    static func read(xml bytes: [UInt8]) throws(IngestError) -> ParsedTranscript {
        let text = try bytes.withUnsafeBufferPointer { buffer throws(IngestError) in
            try WordprocessingExtractor.extract(buffer)
        }
        return ParsedTranscript(utf8: text.utf8, turns: TurnParser.turns(in: text, interviewers: []), attributes: [])
    }
}

/// Reads whole files with POSIX calls, so that failures carry the system's reason.
enum FileBytes {
    static func read(_ url: URL) throws(IngestError) -> [UInt8] {
        // Non-blocking, so that a named pipe in a folder cannot stall the batch.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw IngestError("cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw IngestError("cannot read: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw IngestError("not a regular file") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw IngestError("cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
        }
        if filled < bytes.count { bytes.removeSubrange(filled...) }
        return bytes
    }

    /// The size of the file at `url` in bytes.
    static func size(_ url: URL) throws(IngestError) -> Int {
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw IngestError("cannot open: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw IngestError("not a regular file") }
        return Int(info.st_size)
    }
}
