import Foundation
import ZIPFoundation

/// A zip package (Office Open XML) opened within ``ZipLimits``: its entries are
/// listed and bounded up front, and parts are inflated into memory on demand.
///
/// The archive is read from its file, not from memory: ZIPFoundation's in-memory
/// archives trap on offsets past the end, which hostile files carry.
struct ZipPackage {
    private let archive: Archive
    private let entries: [String: Entry]
    private let limits: ZipLimits

    /// Opens the package at `url`; `kind` names it in messages ("Word document").
    init(url: URL, limits: ZipLimits, kind: String) throws(IngestError) {
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
        guard !entries.isEmpty else { throw IngestError("zip archive has no entries: not a \(kind)") }
        self.entries = entries
        self.limits = limits
    }

    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// Every entry path of the package, sorted.
    var paths: [String] { entries.keys.sorted() }

    /// Every part whose path starts with `folder`, inflated.
    func parts(under folder: String) throws(IngestError) -> [String: [UInt8]] {
        var result = [String: [UInt8]]()
        for path in entries.keys.sorted() where path.hasPrefix(folder) {
            result[path] = try part(path)
        }
        return result
    }

    /// Inflates the part at `path` (nil when absent), refusing it when it breaks
    /// the limits or holds more than it declares.
    func part(_ path: String) throws(IngestError) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        let declared = entry.uncompressedSize
        if declared > limits.maximumPartBytes {
            throw IngestError("\(path) is \(declared >> 20) MiB uncompressed, over the \(limits.maximumPartBytes >> 20) MiB limit")
        }
        if declared > 1 << 20, entry.compressedSize > 0, declared / entry.compressedSize > limits.maximumCompressionRatio {
            throw IngestError(
                "\(path) has a compression ratio of \(declared / entry.compressedSize):1, over the \(limits.maximumCompressionRatio):1 limit (zip bomb?)")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(declared))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if UInt64(bytes.count + chunk.count) > declared {
                    throw IngestError("\(path) holds more bytes than its zip header declares")
                }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError("\(path) could not be inflated: the zip archive is corrupt (\(error))")
        }
        return bytes
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
