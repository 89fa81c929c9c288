import Dispatch
import Foundation
import ThemisModel

/// Reads many transcripts on several threads and hands them over in input order.
///
/// Files are read in windows of a few per thread, so memory stays bounded by the
/// window, not by the batch, and the output order never depends on timing.
public struct TranscriptBatch: Sendable {
    public var inputs: [TranscriptInput]
    public var reader: TranscriptReader
    /// Threads to read on; 1 reads on the calling thread.
    public var jobs: Int

    public init(inputs: [TranscriptInput], reader: TranscriptReader, jobs: Int) {
        self.inputs = inputs
        self.reader = reader
        self.jobs = max(1, jobs)
    }

    /// Reads every input and calls `deliver` with each result, in input order.
    public func run(_ deliver: (TranscriptInput, Result<Transcript, IngestError>) throws -> Void) rethrows {
        try run(transform: { $1 }, deliver)
    }

    /// Reads every input, applies `transform` on the reading thread (to encode
    /// output in parallel, say), and calls `deliver` with each result in input order.
    public func run<Output>(
        transform: @escaping @Sendable (TranscriptInput, Transcript) -> Output,
        _ deliver: (TranscriptInput, Result<Output, IngestError>) throws -> Void
    ) rethrows {
        let window = jobs == 1 ? 1 : jobs * 4
        var start = 0
        while start < inputs.count {
            let slice = Array(inputs[start..<min(start + window, inputs.count)])
            let results = ResultSlots<Output>(count: slice.count)
            let reader = self.reader
            let read: @Sendable (Int) -> Void = { k in
                results.set(k, Result { () throws(IngestError) in transform(slice[k], try reader.read(slice[k].url, id: slice[k].id)) })
            }
            if slice.count == 1 {
                read(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: min(jobs, slice.count)) { _ in
                    while let k = results.claim() { read(k) }
                }
            }
            for (k, input) in slice.enumerated() {
                try deliver(input, results.take(k))
            }
            start += slice.count
        }
    }
}

/// Result slots written by concurrent readers, each slot claimed by exactly one of them.
private final class ResultSlots<Output>: @unchecked Sendable {
    private var slots: [Result<Output, IngestError>?]
    private var nextUnclaimed = 0
    private let lock = NSLock()

    /// The next slot no reader has taken yet.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextUnclaimed < slots.count else { return nil }
        nextUnclaimed += 1
        return nextUnclaimed - 1
    }

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Output, IngestError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func take(_ index: Int) -> Result<Output, IngestError> {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]!
    }
}
