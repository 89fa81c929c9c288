import Foundation
import Testing

/// `-o` onto something that exists and is not a regular file (a FIFO, a device,
/// standard output) is written straight through: no temporary file, no rename that
/// would put a regular file in its place.
@Suite(.serialized)
struct OutputDestinationTests {
    static func isFIFO(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
    }

    static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
    }

    @Test("a FIFO receives the output and stays a FIFO; then /dev/null and /dev/stdout are written through")
    func specialFiles() throws {
        let folder = try ThemisCLI.scratchFolder()
        try "P1: we had no ethnicity data\nP2: the board helped\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true,
                                                                        encoding: .utf8)
        let fifo = folder.appendingPathComponent("out.jsonl").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The read end is open before themis runs, so its open for writing does not wait;
        // the output (a few hundred bytes) fits in the pipe's buffer.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let run = try ThemisCLI.run(["ingest", "a.txt", "-o", "out.jsonl"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(reader, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[..<count]
        }
        let expected = try ThemisCLI.run(["ingest", "a.txt"], in: folder)
        try #require(Self.isFIFO(fifo), "the FIFO was replaced by a regular file")
        #expect(received == Array(expected.stdoutBytes))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "out.jsonl"])

        // Only now that a FIFO is known to be written through: were /dev/null replaced,
        // the machine would suffer.
        let null = try ThemisCLI.run(["ingest", "a.txt", "-o", "/dev/null", "--format", "jsonl"], in: folder)
        #expect(null.status == 0, "\(null.stderr)")
        #expect(null.stdout.isEmpty)
        #expect(Self.isCharacterDevice("/dev/null"))
        let stdout = try ThemisCLI.run(["ingest", "a.txt", "-o", "/dev/stdout", "--format", "jsonl"], in: folder)
        #expect(stdout.status == 0, "\(stdout.stderr)")
        #expect(stdout.stdoutBytes == expected.stdoutBytes)
        var link = stat()
        #expect(lstat("/dev/stdout", &link) == 0 && link.st_mode & S_IFMT == S_IFLNK)
    }

    @Test("standard output redirected to a regular file: -o /dev/stdout writes into that file, and leaves /dev alone")
    func stdoutToFile() throws {
        let folder = try ThemisCLI.scratchFolder()
        try "P1: we had no ethnicity data\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        // A probe first: only when a FIFO is written through is /dev/stdout safe to try.
        let fifo = folder.appendingPathComponent("probe.jsonl").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let probe = try ThemisCLI.run(["ingest", "a.txt", "-o", "probe.jsonl"], in: folder)
        var buffer = [UInt8](repeating: 0, count: 4096)
        try #require(probe.status == 0 && read(reader, &buffer, buffer.count) > 0 && Self.isFIFO(fifo),
                     "special files are not written through; not trying /dev/stdout")

        let target = folder.appendingPathComponent("captured.jsonl")
        #expect(FileManager.default.createFile(atPath: target.path, contents: Data("kept\n".utf8)))
        let handle = try FileHandle(forWritingTo: target)
        try handle.seekToEnd()
        let process = Process()
        process.executableURL = ThemisCLI.executable
        process.arguments = ["ingest", "a.txt", "-o", "/dev/stdout", "--format", "jsonl"]
        process.currentDirectoryURL = folder
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)
        let expected = try ThemisCLI.run(["ingest", "a.txt"], in: folder)
        #expect(try Data(contentsOf: target) == Data("kept\n".utf8) + expected.stdoutBytes)
        var link = stat()
        #expect(lstat("/dev/stdout", &link) == 0 && link.st_mode & S_IFMT == S_IFLNK)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test("codings onto a FIFO: no manifest is written beside it")
    func codingsToFIFO() throws {
        let folder = try ThemisCLI.scratchFolder()
        try "P1: we had no ethnicity data\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        _ = try CodeCommandTests.writeCodebook(in: folder)
        let fifo = folder.appendingPathComponent("codings.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let run = try ThemisCLI.run(["code", "a.txt", "--codebook", "demo.yaml", "-o", "codings.csv"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(reader, &buffer, buffer.count)
        #expect(count > 0 && String(decoding: buffer[..<max(0, count)], as: UTF8.self).hasPrefix("document,segment,code"))
        #expect(Self.isFIFO(fifo))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "codings.csv", "demo.yaml"])
    }

    @Test("a folder as -o is refused with its name")
    func folderOutput() throws {
        let folder = try ThemisCLI.scratchFolder()
        try "P1: we had no ethnicity data\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out.jsonl"), withIntermediateDirectories: false)
        let run = try ThemisCLI.run(["ingest", "a.txt", "-o", "out.jsonl"], in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.contains("out.jsonl: cannot write: Is a directory"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "out.jsonl"])
    }
}
