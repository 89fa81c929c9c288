import Foundation

/// Lends ``SegmentCoder``s to threads and takes them back, so that each coder's
/// word cache stays warm across the documents of a batch.
public final class SegmentCoderPool: @unchecked Sendable {
    private let engine: CodingEngine
    private let explain: Bool
    private var idle = [SegmentCoder]()
    private let lock = NSLock()

    public init(engine: CodingEngine, explain: Bool = false) {
        self.engine = engine
        self.explain = explain
    }

    /// Runs `body` with a coder no other thread is using.
    public func withCoder<Result>(_ body: (inout SegmentCoder) throws -> Result) rethrows -> Result {
        lock.lock()
        var coder = idle.popLast() ?? engine.makeCoder(explain: explain)
        lock.unlock()
        defer {
            lock.lock()
            idle.append(coder)
            lock.unlock()
        }
        return try body(&coder)
    }
}
