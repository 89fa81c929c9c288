import Foundation
import Testing
@testable import ThemisIngest

/// Parallel reading hands results over in input order, and stops cleanly when delivery fails.
struct TranscriptBatchTests {
    struct Stop: Error {}

    static func inputs() throws -> [TranscriptInput] {
        try InputCollector.collect([TestPaths.samples.path]).inputs
    }

    @Test("results arrive in input order with two or more jobs", arguments: [1, 2, 5])
    func order(jobs: Int) throws {
        let inputs = try Self.inputs()
        var seen = [String]()
        TranscriptBatch(inputs: inputs, reader: TranscriptReader(), jobs: jobs).run { input, result in
            seen.append(input.id)
            #expect((try? result.get())?.id == input.id)
        }
        #expect(seen == inputs.map(\.id))
    }

    @Test("a failing delivery stops the batch without hanging and rethrows")
    func stops() throws {
        let inputs = try Self.inputs()
        var delivered = 0
        #expect(throws: Stop.self) {
            try TranscriptBatch(inputs: inputs + inputs.map { var i = $0; i.id += "-copy"; return i }, reader: TranscriptReader(), jobs: 2)
                .run { _, _ in
                    delivered += 1
                    if delivered == 3 { throw Stop() }
                }
        }
        #expect(delivered == 3)
    }
}
