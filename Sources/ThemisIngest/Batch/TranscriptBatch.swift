import Dispatch
import Foundation
import ThemisModel

/// Reads many transcripts on several threads and hands them over in input order.
///
/// Workers read (and transform) files continuously while the calling thread
/// delivers results in order; a worker runs at most a bounded number of files
/// ahead of delivery, so memory stays bounded and the output never depends on timing.
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
        let reader = self.reader, inputs = self.inputs
        let work: @Sendable (Int) -> Result<Output, IngestError> = { k in
            Result { () throws(IngestError) in transform(inputs[k], try reader.read(inputs[k].url, id: inputs[k].id)) }
        }
        if jobs == 1 || inputs.count <= 1 {
            for k in inputs.indices { try deliver(inputs[k], work(k)) }
            return
        }
        let queue = OrderedResults<Output>(count: inputs.count, lookahead: jobs * 8)
        let group = DispatchGroup()
        for _ in 0..<jobs {
            DispatchQueue.global().async(group: group) {
                while let k = queue.claim() { queue.store(k, work(k)) }
            }
        }
        do {
            for k in inputs.indices {
                try deliver(inputs[k], queue.take(k))
            }
        } catch {
            queue.cancel()
            group.wait()
            throw error
        }
        group.wait()
    }
}

/// Results handed from reading threads to the delivering thread in input order.
private final class OrderedResults<Output>: @unchecked Sendable {
    private var slots: [Result<Output, IngestError>?]
    private var nextUnclaimed = 0
    private var delivered = 0
    private var cancelled = false
    private let lookahead: Int
    private let condition = NSCondition()

    init(count: Int, lookahead: Int) {
        slots = Array(repeating: nil, count: count)
        self.lookahead = lookahead
    }

    /// The next input to read, waiting while the readers are too far ahead; nil when done.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, nextUnclaimed < slots.count, nextUnclaimed >= delivered + lookahead { condition.wait() }
        guard !cancelled, nextUnclaimed < slots.count else { return nil }
        nextUnclaimed += 1
        return nextUnclaimed - 1
    }

    func store(_ index: Int, _ result: Result<Output, IngestError>) {
        condition.lock()
        slots[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for input `index`'s result and releases its slot.
    func take(_ index: Int) -> Result<Output, IngestError> {
        condition.lock()
        defer { condition.unlock() }
        while slots[index] == nil { condition.wait() }
        let result = slots[index]!
        slots[index] = nil
        delivered = index + 1
        condition.broadcast()
        return result
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
