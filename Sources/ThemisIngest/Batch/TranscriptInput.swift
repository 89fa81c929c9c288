import Foundation
import ThemisModel

/// A transcript file to read and the document id it will carry.
public struct TranscriptInput: Sendable, Equatable {
    public var url: URL
    /// The document id: path relative to the folder given, without extension, `/`-separated.
    public var id: String
    /// The path as the user named it, for messages.
    public var displayPath: String
}

/// The result of resolving command-line paths into transcript files.
public struct InputCollection: Sendable {
    /// The files to read, in order: arguments in order, each folder's files sorted by path.
    public var inputs: [TranscriptInput]
    /// Paths that could not be used, with the reason.
    public var problems: [(path: String, reason: String)]
}

/// A run's document ids must be unique; two files with one id make the run ambiguous.
public struct DuplicateDocumentID: Error, CustomStringConvertible {
    public var id: String
    public var first: String
    public var second: String
    public var description: String {
        "document id '\(id)' is used by both \(first) and \(second); rename one or give the folders separately"
    }
}

/// Resolves files and folders into transcript inputs.
public enum InputCollector {
    /// Walks `paths`: files as given, folders recursively (`.txt .docx .xml .vtt .srt`,
    /// skipping hidden files and Word's `~$` lock files), sorted by relative path.
    public static func collect(_ paths: [String]) throws(DuplicateDocumentID) -> InputCollection {
        var inputs = [TranscriptInput]()
        var problems = [(path: String, reason: String)]()
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append((path, "no such file or folder"))
                continue
            }
            let url = URL(fileURLWithPath: path)
            if !isDirectory.boolValue {
                inputs.append(TranscriptInput(url: url, id: stripExtension(url.lastPathComponent), displayPath: path))
                continue
            }
            var found = [(relative: String, url: URL)]()
            var visited = Set<String>()
            walk(url, relative: "", into: &found, visited: &visited, manager: manager)
            found.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            for file in found {
                inputs.append(TranscriptInput(url: file.url, id: stripExtension(file.relative), displayPath: prefix + file.relative))
            }
        }
        var seen = [String: String]()
        for input in inputs {
            if let first = seen[input.id] {
                throw DuplicateDocumentID(id: input.id, first: first, second: input.displayPath)
            }
            seen[input.id] = input.displayPath
        }
        return InputCollection(inputs: inputs, problems: problems)
    }

    /// Collects transcript files below `folder`; a folder reached twice through
    /// symbolic links is walked once.
    private static func walk(
        _ folder: URL, relative: String, into found: inout [(relative: String, url: URL)],
        visited: inout Set<String>, manager: FileManager
    ) {
        guard visited.insert(folder.resolvingSymlinksInPath().path).inserted,
              let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !name.hasPrefix(".") && !name.hasPrefix("~$") {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(url, relative: path, into: &found, visited: &visited, manager: manager)
            } else if TranscriptFormat(pathExtension: url.pathExtension) != nil {
                found.append((path, url))
            }
        }
    }

    private static func stripExtension(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/"), dot != path.startIndex else { return path }
        return String(path[..<dot])
    }
}
