import Foundation
import Testing
import ThemisCodebook
import ThemisCoding
import ThemisModel
@testable import ThemisLearning

/// The features a classifier sees: folded words and pairs, the question's words,
/// and the rules' codes and valences.
struct FeatureExtractorTests {
    static func segment(_ text: String, index: Int = 2, role: SpeakerRole = .participant) -> Segment {
        Segment(document: "d", index: index, unit: .turn, speaker: "P", speakerNote: nil, role: role, time: nil,
                start: 0, end: text.unicodeScalars.count, text: text)
    }

    static func engine() throws -> CodingEngine {
        let yaml = """
            id: t
            name: T
            valence:
              barrier: ["struggl*"]
              enabler: ["helped"]
            codes:
              - id: org
                name: Org
                codes:
                  - id: board
                    name: Board
                    terms: ["the board"]
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-features-\(UUID().uuidString).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return CodingEngine(codebooks: [try CodebookLoader.load(path: url.path).get().codebook])
    }

    @Test("words are split and folded as the engine does, with word pairs and the question's words apart")
    func words() {
        var extractor = FeatureExtractor(engine: nil, level: nil)
        let (names, rules, _) = extractor.features(of: Self.segment("Buy-in from the Équipe."),
                                                question: Self.segment("Who backed it?", index: 1, role: .interviewer))
        #expect(names == ["w:buy", "w:in", "w:from", "w:the", "w:equipe", "b:buy in", "b:in from", "b:from the",
                          "b:the equipe", "q:who", "q:backed", "q:it"])
        #expect(rules.isEmpty)
    }

    @Test("the rules' codes, leaf and rolled up, and their valences are features")
    func rules() throws {
        var extractor = FeatureExtractor(engine: try Self.engine(), level: 1)
        let (names, rules, _) = extractor.features(of: Self.segment("The board helped."), question: nil)
        #expect(rules == ["t/org"])
        #expect(names.isSuperset(of: ["rule:t/org/board", "rule:t/org", "valence:t/org/board=enabler", "valence:t/org=enabler"]))
    }

    @Test("the vocabulary keeps features seen often enough, in name order")
    func vocabulary() {
        let vocabulary = FeatureVocabulary([["w:a", "w:b"], ["w:b", "w:c"], ["w:b", "w:a"]], minimumCount: 2)
        #expect(vocabulary.names == ["w:a", "w:b"])
        #expect(vocabulary.vector(["w:b", "w:z"]) == SparseVector([(1, 1)]))
    }

    @Test("coding with a vocabulary gives the vector the feature names give, on the samples' lines and folded words")
    func fastVectors() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var lines = ["Café naïve ÉQUIPE 42x, l'équipe-Straße", "Buy-in from the Board; NHS ICB 2024!"]
        for name in ["int01-qi-lead-site-a.txt", "int05-director-of-midwifery-site-b.txt", "int06-lived-experience-site-b.txt"] {
            let text = String(decoding: try Data(contentsOf: root.appendingPathComponent("samples/interviews/\(name)")), as: UTF8.self)
            lines += text.split(separator: "\n").map(String.init)
        }
        var extractor = FeatureExtractor(engine: try Self.engine(), level: 1)
        let segments = lines.enumerated().map { Self.segment($1, index: $0 + 1) }
        let named = segments.indices.map { k in extractor.features(of: segments[k], question: k > 0 ? segments[k - 1] : nil).names }
        // Features seen twice, so that some words and pairs are outside the vocabulary.
        let vocabulary = FeatureVocabulary(named, minimumCount: 2)
        #expect(vocabulary.count > 100)
        for k in segments.indices {
            let fast = extractor.vector(of: segments[k], question: k > 0 ? segments[k - 1] : nil, in: vocabulary).vector
            #expect(fast == vocabulary.vector(named[k]), "line \(k + 1): \(lines[k])")
        }
    }
}
