import Foundation
import Testing

/// The temporary file beside `-o` is created exclusively, never through a link,
/// and removed when the run is interrupted.
@Suite(.serialized)
struct TemporaryOutputTests {
    static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test("a symbolic link planted at the temporary file's name does not redirect the output", arguments: [
        (["ingest", "a.txt"], "out.jsonl", ".out.jsonl"),
        (["code", "a.txt", "--codebook", "demo.yaml"], "codings.csv", ".codings.manifest.json"),
        (["code", "a.txt", "--codebook", "demo.yaml"], "codings.csv", ".codings.csv"),
    ])
    func plantedLink(arguments: [String], output: String, temporaryPrefix: String) throws {
        let folder = try ThemisCLI.scratchFolder()
        try "P1: we had no ethnicity data\nP2: the board sponsor helped\n".write(to: folder.appendingPathComponent("a.txt"),
                                                                                 atomically: true, encoding: .utf8)
        _ = try CodeCommandTests.writeCodebook(in: folder)
        let victim = folder.appendingPathComponent("victim.txt")
        try "precious\n".write(to: victim, atomically: true, encoding: .utf8)
        // The shell plants the link under its own process id, then becomes themis, which keeps that id.
        let command = (["exec", ThemisCLI.executable.path] + arguments + ["-o", output]).map(Self.shellQuoted).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ln -s victim.txt \(temporaryPrefix).$$.tmp && \(command)"]
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let plantedName = "\(temporaryPrefix).\(process.processIdentifier).tmp"
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        let planted = try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent(plantedName).path)
        #expect(planted == "victim.txt")
        let written = folder.appendingPathComponent(output)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: written.path)) == nil, "the output is a link")
        let expected = try ThemisCLI.run(arguments, in: folder)
        #expect(try Data(contentsOf: written) == expected.stdoutBytes)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(left == [plantedName])
    }

    @Test("SIGTERM or SIGINT during a run leaves no temporary file and no output", arguments: [SIGTERM, SIGINT])
    func interrupted(signal: Int32) throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let sample = try Data(contentsOf: ThemisCLI.samples.appendingPathComponent("interviews/int01-qi-lead-site-a.txt"))
        for k in 0..<3000 { try sample.write(to: corpus.appendingPathComponent("copy-\(k).txt")) }
        let process = Process()
        process.executableURL = ThemisCLI.executable
        process.arguments = ["ingest", "corpus", "--jobs", "1", "-o", "out.jsonl"]
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var sawTemporary = false
        for _ in 0..<20_000 where process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".out.jsonl.") && $0.hasSuffix(".tmp") }) {
                sawTemporary = true
                break
            }
            usleep(500)
        }
        try #require(sawTemporary, "the run ended before its temporary file was seen")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corpus"])
    }
}
