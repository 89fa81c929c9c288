import Foundation
import ThemisFuzzing

/// `themis-fuzz`: feeds one reader generated inputs until it crashes, hangs or
/// outgrows its memory bound.
///
///     themis-fuzz TARGET [--seconds N] [--runs N] [--seed S] [--timeout S] [--slow MS]
///                        [--rss-limit-mb N] [--seeds DIR]... [--work DIR]
///     themis-fuzz TARGET FILE...               read each file once (a crash reproducer)
///     themis-fuzz TARGET --write-seeds DIR [--seeds DIR]...
///     themis-fuzz list
///
/// Built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc -DTHEMIS_LIBFUZZER`, the
/// arguments after TARGET go to libFuzzer instead (`-max_total_time=60 CORPUS`);
/// the target may also come from `THEMIS_FUZZ_TARGET`.
@main
enum ThemisFuzz {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "list" {
            print(FuzzTarget.allCases.map(\.rawValue).joined(separator: "\n"))
            return
        }
        let name = ProcessInfo.processInfo.environment["THEMIS_FUZZ_TARGET"] ?? (arguments.isEmpty ? "" : arguments.removeFirst())
        guard let target = FuzzTarget(rawValue: name) else {
            fail((name.isEmpty ? "usage: themis-fuzz TARGET [--seconds N] [--seed S] [FILE...]" : "unknown target '\(name)'")
                 + "; targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let index = arguments.firstIndex(of: "--write-seeds") {
            guard index + 1 < arguments.count else { fail("--write-seeds needs a folder") }
            let folder = arguments.remove(at: index + 1)
            arguments.remove(at: index)
            writeSeeds(target, to: folder, options: Options(arguments))
            return
        }
        #if THEMIS_LIBFUZZER
        LibFuzzerEntry.run(target, arguments: [CommandLine.arguments[0]] + arguments)
        #else
        let options = Options(arguments)
        if !options.files.isEmpty {
            replay(target, files: options.files)
        } else {
            MutationDriver(target: target, options: options).run()
        }
        #endif
    }

    /// Writes each seed of `target` to `folder` as `seed-N.EXT`.
    static func writeSeeds(_ target: FuzzTarget, to folder: String, options: Options) {
        let seeds = SeedCorpus(folders: options.seedFolders).seeds(for: target)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (k, seed) in seeds.enumerated() {
                try Data(seed).write(to: URL(fileURLWithPath: folder).appendingPathComponent("seed-\(k).\(target.extensions[0])"))
            }
        } catch {
            fail("cannot write seeds to \(folder): \(error.localizedDescription)")
        }
        print("\(target.rawValue): \(seeds.count) seeds in \(folder)")
    }

    /// Reads each file once, as libFuzzer does with files given on its command line.
    static func replay(_ target: FuzzTarget, files: [String]) {
        let directory = Options.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
            if let broken = target.run([UInt8](data), in: directory) { fail("\(file): \(broken)") }
            print("\(file): read without a crash")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("themis-fuzz: \(message)\n".utf8))
        exit(1)
    }
}

/// The options of a mutation run.
struct Options {
    var seconds = 60.0
    var runs = Int.max
    var seed: UInt64 = 1
    var timeout = 10.0
    var slowMilliseconds = 1000.0
    var rssLimitMB = 2048
    var seedPaths = [String]()
    var work: String?
    var files = [String]()

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let value = rest.popFirst() else { ThemisFuzz.fail("\(flag) needs a value") }
            return value
        }
        func number<T: LosslessStringConvertible>(_ flag: String) -> T {
            guard let number = T(value(flag)) else { ThemisFuzz.fail("\(flag) needs a number") }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--seconds": seconds = number(argument)
            case "--runs": runs = number(argument)
            case "--seed": seed = number(argument)
            case "--timeout": timeout = number(argument)
            case "--slow": slowMilliseconds = number(argument)
            case "--rss-limit-mb": rssLimitMB = number(argument)
            case "--seeds": seedPaths.append(value(argument))
            case "--work": work = value(argument)
            default:
                if argument.hasPrefix("-") { ThemisFuzz.fail("unknown option \(argument)") }
                files.append(argument)
            }
        }
        if seedPaths.isEmpty { seedPaths = ["samples", "codebooks", "../shared/fixtures"] }
    }

    /// The folders seeds are read from: the samples, codebooks and shared fixtures unless given.
    var seedFolders: [URL] { seedPaths.map { URL(fileURLWithPath: $0) } }

    /// A folder for this process's input files: in /dev/shm when TMPDIR is not set,
    /// since every input is written to a file and a disk would cost more than most reads.
    static func temporaryDirectory() -> URL {
        let memory = ProcessInfo.processInfo.environment["TMPDIR"] == nil && FileManager.default.isWritableFile(atPath: "/dev/shm")
        let base = memory ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("themis-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
