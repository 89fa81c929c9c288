import Foundation

/// Finds the plain text a `TextSource` names by its `plainTextPath` (REFI-QDA 1.5
/// §8.3): `internal://` in the package's `sources/` folder, whatever the letter
/// case or GUID braces of the entry; `relative://` against the project's `basePath`
/// (the folder holding the project when that is absent or relative itself);
/// `absolute://` as a path on disk. Nothing is inflated or read until asked for,
/// and a file on disk is bounded like a part of the package.
struct QDPXSourceFiles {
    /// What a lookup found: the bytes, or why there are none (for a warning).
    enum Found {
        case bytes([UInt8])
        case missing(String)
    }

    private let package: ZipPackage?
    /// The folder holding the project file.
    private let folder: URL
    private let maximumBytes: UInt64
    /// Entry paths by ``key(_:)``, the first in sorted order winning.
    private let entries: [String: String]
    /// The project's `basePath` attribute.
    var basePath: String?

    init(package: ZipPackage?, projectURL: URL, limits: ZipLimits) {
        self.package = package
        folder = projectURL.deletingLastPathComponent()
        maximumBytes = limits.maximumPartBytes
        var entries = [String: String]()
        for path in package?.paths ?? [] where entries[Self.key(path)] == nil { entries[Self.key(path)] = path }
        self.entries = entries
    }

    /// An entry path with letter case and braces set aside.
    private static func key(_ path: String) -> String {
        String(path.lowercased().unicodeScalars.filter { $0 != "{" && $0 != "}" })
    }

    /// The bytes of the file `path` names, inflating a package entry only now.
    func bytes(for path: String) throws(IngestError) -> Found {
        let lower = path.lowercased()
        func rest(_ scheme: String) -> String { String(path.dropFirst(scheme.count).drop { $0 == "/" }) }
        if lower.hasPrefix("internal://") {
            let name = "sources/" + rest("internal://")
            guard let package, let entry = package.contains(name) ? name : entries[Self.key(name)],
                  let bytes = try package.part(entry)
            else { return .missing("\(path) is not in the package") }
            return .bytes(bytes)
        }
        if lower.hasPrefix("relative://") {
            var base = folder
            if let basePath, !basePath.isEmpty {
                base = basePath.hasPrefix("/") ? URL(fileURLWithPath: basePath) : folder.appendingPathComponent(basePath)
            }
            return file(base.appendingPathComponent(rest("relative://")), named: path)
        }
        if lower.hasPrefix("absolute://") {
            return file(URL(fileURLWithPath: "/" + rest("absolute://")), named: path)
        }
        return .missing("\(path) is not an internal://, relative:// or absolute:// path")
    }

    private func file(_ url: URL, named path: String) -> Found {
        let url = url.standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else { return .missing("\(path) is not at \(url.path)") }
        do {
            let size = try FileBytes.size(url)
            if UInt64(size) > maximumBytes {
                return .missing("\(path) at \(url.path) is \(size >> 20) MiB, over the \(maximumBytes >> 20) MiB limit")
            }
            return .bytes(try FileBytes.read(url))
        } catch {
            return .missing("\(path) at \(url.path) cannot be read: \(error.reason)")
        }
    }
}
