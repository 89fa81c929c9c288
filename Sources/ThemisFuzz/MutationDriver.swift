import Foundation
import Synchronization
import ThemisFuzzing

/// Runs one target over seeded mutations for a while, without libFuzzer. A crash
/// ends the process and leaves its input in the work folder as `input.EXT`; an
/// input that runs past the timeout, or takes the resident memory past the limit,
/// ends it with a report; inputs slower than `--slow` are kept as `slow-N.EXT`.
struct MutationDriver {
    let target: FuzzTarget
    let options: Options

    func run() {
        let directory = options.work.map { URL(fileURLWithPath: $0) } ?? Options.temporaryDirectory()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let seeds = SeedCorpus(folders: options.seedFolders).seeds(for: target)
        let mutator = Mutator(seeds: seeds, seed: options.seed)
        print("themis-fuzz \(target.rawValue): \(seeds.count) seeds, --seed \(options.seed); "
              + "the input under test is \(directory.path)/input.\(target.extensions[0])")
        fflush(nil)  // a crash must not lose where its input is
        let watchdog = Watchdog(timeout: options.timeout, rssLimitMB: options.rssLimitMB, folder: directory.path)
        Thread { watchdog.watch() }.start()

        let start = DispatchTime.now().uptimeNanoseconds
        let end = start + UInt64(options.seconds * 1e9)
        var executions = 0, slowest: UInt64 = 0, slow = 0
        var nextReport = start + 10_000_000_000
        while executions < options.runs, DispatchTime.now().uptimeNanoseconds < end {
            let input = mutator.input(executions)
            let began = watchdog.begin(input: executions)
            if let broken = target.run(input, in: directory) {
                ThemisFuzz.fail("input \(executions) (in \(directory.path)): \(broken)")
            }
            let took = watchdog.end() - began
            slowest = max(slowest, took)
            if Double(took) / 1e6 > options.slowMilliseconds {
                slow += 1
                for pathExtension in target.extensions {
                    let from = directory.appendingPathComponent("input.\(pathExtension)")
                    let to = directory.appendingPathComponent("slow-\(executions).\(pathExtension)")
                    try? FileManager.default.removeItem(at: to)
                    try? FileManager.default.copyItem(at: from, to: to)
                }
                print("slow input \(executions): \(took / 1_000_000) ms, kept as \(directory.path)/slow-\(executions).*")
            }
            executions += 1
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= nextReport {
                print(summary(executions, since: start, now: now, slowest: slowest))
                nextReport = now + 10_000_000_000
            }
        }
        print(summary(executions, since: start, now: DispatchTime.now().uptimeNanoseconds, slowest: slowest)
              + (slow > 0 ? ", \(slow) slow inputs" : "") + ", no crash")
        for pathExtension in target.extensions {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("input.\(pathExtension)"))
        }
        if options.work == nil, slow == 0 { try? FileManager.default.removeItem(at: directory) }
    }

    private func summary(_ executions: Int, since start: UInt64, now: UInt64, slowest: UInt64) -> String {
        let seconds = Double(now - start) / 1e9
        return "\(target.rawValue): \(executions) executions in \(Int(seconds)) s (\(Int(Double(executions) / max(seconds, 1e-3)))/s), "
            + "slowest input \(slowest / 1_000_000) ms, peak RSS \(Watchdog.peakResidentMB()) MB"
    }
}

/// Watches the input under test from a thread of its own: ends the process when
/// the input runs longer than `timeout` seconds or the resident memory passes the limit.
final class Watchdog: Sendable {
    let timeout: Double
    let rssLimitMB: Int
    let folder: String
    /// When the input under test began (uptime nanoseconds), 0 between inputs.
    private let began = Atomic<UInt64>(0)
    private let input = Atomic<Int>(0)

    init(timeout: Double, rssLimitMB: Int, folder: String) {
        self.timeout = timeout
        self.rssLimitMB = rssLimitMB
        self.folder = folder
    }

    /// Marks input `n` as under test and returns the time it began.
    func begin(input n: Int) -> UInt64 {
        input.store(n, ordering: .relaxed)
        let now = DispatchTime.now().uptimeNanoseconds
        began.store(now, ordering: .releasing)
        return now
    }

    /// Marks the input as done and returns the time it ended.
    func end() -> UInt64 {
        began.store(0, ordering: .releasing)
        return DispatchTime.now().uptimeNanoseconds
    }

    func watch() {
        while true {
            usleep(100_000)
            let since = began.load(ordering: .acquiring), now = DispatchTime.now().uptimeNanoseconds
            let n = input.load(ordering: .relaxed)
            if since != 0, now > since, Double(now - since) / 1e9 > timeout {
                stop("input \(n) still running after \(timeout) s (a hang); it is \(folder)/input.*")
            }
            let resident = Self.residentMB()
            if resident > rssLimitMB {
                stop("input \(n) took the resident memory to \(resident) MB, over \(rssLimitMB) MB; it is \(folder)/input.*")
            }
        }
    }

    private func stop(_ message: String) -> Never {
        fflush(nil)
        FileHandle.standardError.write(Data("themis-fuzz: \(message)\n".utf8))
        _exit(1)
    }

    /// The resident memory now (VmRSS), in MB; 0 where /proc is missing.
    static func residentMB() -> Int { status("VmRSS:") }

    /// The most resident memory the process has had (VmHWM), in MB.
    static func peakResidentMB() -> Int { status("VmHWM:") }

    /// A `kB` line of /proc/self/status, in MB.
    private static func status(_ key: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return kilobytes >> 10
    }
}
