import Foundation

/// A progress bar on standard error, shown only when standard error is a
/// terminal and the work has taken more than about a second.
final class ProgressBar {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(total: Int, label: String, quiet: Bool) {
        self.total = total
        self.label = label
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1 && total > 1
    }

    /// Shows that `done` of the items are finished.
    func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        drawn = true
    }

    /// Clears the bar's line.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    /// Writes a message on its own line without breaking the bar.
    func message(_ text: String, terminator: String = "\n") {
        finish()
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }
}
