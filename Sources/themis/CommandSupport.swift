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
