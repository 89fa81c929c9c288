import Foundation
import Synchronization

/// The temporary files a run has open, so that they can be removed when the run is
/// interrupted by SIGINT, SIGTERM or SIGHUP.
///
/// A signal handler may only make async-signal-safe calls, so it cannot touch Swift
/// strings or arrays: paths live in a fixed table of C strings allocated once, each
/// slot guarded by an atomic state (free, being written, live). The handler unlinks
/// every live slot, restores the signal's default action and raises it again, so the
/// process still ends as the signal asks.
public enum TemporaryFiles {
    /// How many temporary files can be registered at once; a run writes at most a few.
    static let slotCount = 32
    /// Room for a path and its terminating NUL (Linux's PATH_MAX).
    static let slotWidth = 4096

    private static let free = 0, writing = 1, live = 2

    nonisolated(unsafe) private static let states: UnsafeMutablePointer<Atomic<Int>> = {
        let states = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: slotCount)
        for slot in 0..<slotCount { (states + slot).initialize(to: Atomic(free)) }
        return states
    }()

    nonisolated(unsafe) private static let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotWidth)

    /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the registered
    /// temporary files, then end the process by the signal, and unblocks those signals
    /// (Foundation's `Process` starts children with them blocked, which would make the
    /// run impossible to interrupt). A signal the process was started with ignored (as
    /// `nohup` does) stays ignored. Call it before starting threads, which inherit the mask.
    public static func removeOnInterrupt() {
        _ = states
        _ = paths
        var handled = sigset_t()
        sigemptyset(&handled)
        defer { pthread_sigmask(SIG_UNBLOCK, &handled, nil) }
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0,
                  unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
            else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = removeAndReraise
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
            sigaddset(&handled, signal)
        }
    }

    /// Records `path` for removal on interruption; returns its slot, or nil when the
    /// table is full or the path too long (the file is then only removed by its owner).
    static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8CString)
        guard bytes.count <= slotWidth else { return nil }
        for slot in 0..<slotCount where states[slot].compareExchange(expected: free, desired: writing, ordering: .acquiring).exchanged {
            bytes.withUnsafeBufferPointer { (paths + slot * slotWidth).update(from: $0.baseAddress!, count: $0.count) }
            states[slot].store(live, ordering: .releasing)
            return slot
        }
        return nil
    }

    /// Forgets a slot whose file has been renamed into place or removed.
    static func unregister(_ slot: Int) {
        states[slot].store(free, ordering: .releasing)
    }

    /// The signal handler: async-signal-safe calls only.
    private static let removeAndReraise: @convention(c) (Int32) -> Void = { signal in
        for slot in 0..<slotCount where states[slot].load(ordering: .acquiring) == live {
            unlink(paths + slot * slotWidth)
        }
        Foundation.signal(signal, SIG_DFL)
        raise(signal)
    }
}
