import ArgumentParser
import Foundation
import ThemisExport
import ThemisIngest

/// Opens `-o FILE` (or standard output), turning failures into a clean exit.
func openOutput(_ path: String?) throws -> OutputFile {
    do {
        return try OutputFile(path: path)
    } catch let error as OutputError {
        throw CommandFailure(message: error.description)
    }
}

/// Refuses (exit status 2), before anything is read, outputs that would overwrite one
/// of the run's input files, whether named by the same path or reached another way (a
/// symbolic or hard link, another spelling: the same device and inode), and two outputs
/// that are one file. `outputs` pairs each output's option with its path (nil or `-` for
/// none); `inputs` are the input files, folders already walked into their files.
func refuseOverwritingInputs(_ outputs: [(option: String, path: String?)], inputs: [String]) throws {
    let named = outputs.compactMap { output in output.path.flatMap { $0 == "-" ? nil : (output.option, $0) } }
    guard !named.isEmpty else { return }
    let inputPaths = Set(inputs.map(FileIdentity.standardized))
    let inputFiles = Set(inputs.compactMap { FileIdentity(path: $0, regularOnly: false) })
    var written = [(option: String, path: String, identity: FileIdentity?)]()
    for (option, path) in named {
        let identity = FileIdentity(path: path, regularOnly: true)
        if inputPaths.contains(FileIdentity.standardized(path)) || identity.map(inputFiles.contains) == true {
            throw CommandFailure(message: "\(option) \(path) is one of this run's inputs")
        }
        if let earlier = written.first(where: {
            FileIdentity.standardized($0.path) == FileIdentity.standardized(path) || ($0.identity != nil && $0.identity == identity)
        }) {
            throw CommandFailure(message: "\(earlier.option) \(earlier.path) and \(option) \(path) are the same file")
        }
        written.append((option, path, identity))
    }
}

/// A file as the system knows it: device and inode, whatever path leads to it.
private struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    /// The identity of the file `path` leads to (following links), if it exists; with
    /// `regularOnly`, only of a regular file, since writing to a device or FIFO replaces nothing.
    init?(path: String, regularOnly: Bool) {
        var info = stat()
        guard stat(path, &info) == 0, !regularOnly || info.st_mode & S_IFMT == S_IFREG else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// `path` made absolute, with `.` and `..` resolved as text.
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardized.path
    }
}

/// Resolves command-line paths into transcript files; clashing document ids stop the run.
func collectInputs(_ paths: [String]) throws -> InputCollection {
    do {
        return try InputCollector.collect(paths)
    } catch {
        throw CommandFailure(message: error.description)
    }
}

/// Reports, on standard error, each file of a batch that could not be read (and
/// counts them) and each warning about a file that was read.
struct FileFailures {
    private(set) var count = 0
    let progress: ProgressBar

    mutating func report(_ path: String, _ reason: String, line: Int? = nil) {
        let location = line.map { "\(path):\($0)" } ?? path
        progress.message("themis: \(location): \(reason)")
        count += 1
    }

    /// Prints each of a file's warnings on its own line, after the file's path.
    func warn(_ path: String, _ warnings: [String]) {
        for warning in warnings { progress.message("themis: \(path): \(warning)") }
    }

    /// Ends the run: exit 1 with a count when files failed or none were found.
    func finish(total: Int) throws {
        if total == 0 {
            throw CommandFailure(message: "no transcript files (.txt .docx .xml .vtt .srt) found", status: 1)
        }
        if count > 0 {
            throw CommandFailure(message: "\(count) of \(total) files could not be read", status: 1)
        }
    }
}
