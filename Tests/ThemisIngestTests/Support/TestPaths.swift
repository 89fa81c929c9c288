import Foundation

/// Where the tests find the repository's samples, their expectations and the shared fixtures.
enum TestPaths {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("samples")
    static let expected = root.appendingPathComponent("Tests/ThemisIngestTests/Expected")
    /// Real files written by other programs, read from `../shared/fixtures` beside the repository.
    static let fixtures = root.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    static var fixturesAvailable: Bool { FileManager.default.fileExists(atPath: fixtures.path) }

    /// The files under `folder` (recursively) whose names end in one of `suffixes`, sorted.
    static func files(under folder: URL, suffixes: [String]) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }
            .filter { url in suffixes.contains { url.lastPathComponent.hasSuffix($0) } }
            .sorted { $0.path < $1.path }
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}
