import Foundation
import Testing
import ThemisFuzzing

/// Every fuzz target over its seeds and a few hundred fixed mutations, so that the
/// harness itself is tested with the rest (the long runs are `Tests/Fuzz/run`).
struct FuzzTargetSmokeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = SeedCorpus(folders: [
        root.appendingPathComponent("samples"), root.appendingPathComponent("codebooks"),
        root.deletingLastPathComponent().appendingPathComponent("shared/fixtures"),
    ])

    @Test("each target reads its seeds and their mutations without a crash or a broken promise", arguments: FuzzTarget.allCases)
    func seedsAndMutations(target: FuzzTarget) throws {
        let seeds = Self.corpus.seeds(for: target)
        #expect(!seeds.isEmpty)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themis-fuzz-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let mutator = Mutator(seeds: seeds, seed: 1, maximumLength: 64 << 10)
        for n in 0..<(seeds.count + 200) {
            let broken = target.run(mutator.input(n), in: directory)
            #expect(broken == nil, "input \(n): \(broken ?? "")")
        }
    }

    @Test("a mutation run is the same every time")
    func deterministic() {
        let mutator = Mutator(seeds: [Array("P1: hello.\n".utf8), Array("PK\u{3}\u{4}0123456789012345678901234567890".utf8)], seed: 9)
        #expect((0..<50).map(mutator.input) == (0..<50).map(mutator.input))
        #expect(Set((2..<50).map(mutator.input)).count > 40)
    }

    @Test("the samples give seeds made with Themis's writers")
    func writtenSeeds() {
        for target in [FuzzTarget.xlsx, .qdpx, .qdc, .codingsJSONL, .unitsJSONL, .unitsCSV, .spans, .wordXML] {
            #expect(!Self.corpus.seeds(for: target).isEmpty, "\(target)")
        }
    }
}
