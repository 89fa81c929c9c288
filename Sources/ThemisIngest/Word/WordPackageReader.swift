import Foundation
import ZIPFoundation

/// Reads the main document part of a `.docx` package into memory, within ``ZipLimits``.
enum WordPackageReader {
    /// The bytes of the package's main document part, found through `_rels/.rels`.
    ///
    /// The archive is read from its file, not from memory: ZIPFoundation's
    /// in-memory archives trap on offsets past the end, which hostile files carry.
    static func mainDocument(at url: URL, limits: ZipLimits) throws(IngestError) -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw IngestError("not a zip archive, or a truncated or corrupt one (no end-of-central-directory record)")
        }
        var entries = [String: Entry]()
        var total: UInt64 = 0
        for entry in archive {
            if entries.count >= limits.maximumEntries {
                throw IngestError("zip archive has more than \(limits.maximumEntries) entries")
            }
            total += entry.uncompressedSize
            if total > limits.maximumTotalBytes {
                throw IngestError("zip archive declares more than \(limits.maximumTotalBytes >> 20) MiB uncompressed")
            }
            entries[entry.path] = entry
        }
        guard !entries.isEmpty else { throw IngestError("zip archive has no entries: not a Word document") }

        var mainPath = "word/document.xml"
        if let relationships = entries["_rels/.rels"] {
            let bytes = try extract(relationships, from: archive, limits: limits)
            if let target = try officeDocumentTarget(bytes) { mainPath = target }
        }
        guard let main = entries[mainPath] else {
            throw IngestError("no Word main document (\(mainPath)) in the package")
        }
        return try extract(main, from: archive, limits: limits)
    }

    /// The part named by the package's officeDocument relationship, without a leading `/`.
    private static func officeDocumentTarget(_ bytes: [UInt8]) throws(IngestError) -> String? {
        try bytes.withUnsafeBufferPointer { buffer throws(IngestError) -> String? in
            let reader = try XMLStreamReader(buffer: buffer)
            while try reader.advance() {
                guard reader.nodeType == .element,
                      let local = reader.localNamePointer, String(cString: local) == "Relationship",
                      let type = reader.attribute("Type", namespace: nil), type.hasSuffix("/officeDocument"),
                      let target = reader.attribute("Target", namespace: nil)
                else { continue }
                return target.hasPrefix("/") ? String(target.dropFirst()) : target
            }
            return nil
        }
    }

    /// Inflates `entry`, refusing it when it breaks the limits or holds more than it declares.
    private static func extract(_ entry: Entry, from archive: Archive, limits: ZipLimits) throws(IngestError) -> [UInt8] {
        let declared = entry.uncompressedSize
        if declared > limits.maximumPartBytes {
            throw IngestError("\(entry.path) is \(declared >> 20) MiB uncompressed, over the \(limits.maximumPartBytes >> 20) MiB limit")
        }
        if declared > 1 << 20, entry.compressedSize > 0,
           declared / entry.compressedSize > limits.maximumCompressionRatio {
            throw IngestError(
                "\(entry.path) has a compression ratio of \(declared / entry.compressedSize):1, over the \(limits.maximumCompressionRatio):1 limit (zip bomb?)")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(declared))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if UInt64(bytes.count + chunk.count) > declared {
                    throw IngestError("\(entry.path) holds more bytes than its zip header declares")
                }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError("\(entry.path) could not be inflated: the zip archive is corrupt (\(error))")
        }
        return bytes
    }
}
