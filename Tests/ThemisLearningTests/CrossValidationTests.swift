import Testing
import ThemisModel
@testable import ThemisLearning

/// Document-grouped folds, agreement figures and threshold choice.
struct CrossValidationTests {
    @Test("a document's units share a fold, folds are balanced, and the deal depends only on the documents")
    func folds() {
        let documents = (0..<12).flatMap { d in Array(repeating: "doc\(d)", count: 3 + d % 4) }
        let folds = DocumentFolds.assign(documents, count: 5)
        var foldOf = [String: Int]()
        for (document, fold) in zip(documents, folds) {
            #expect(foldOf[document, default: fold] == fold)
            foldOf[document] = fold
        }
        let sizes = (0..<5).map { fold in folds.filter { $0 == fold }.count }
        #expect(sizes.max()! - sizes.min()! <= 6)
        #expect(Set(folds) == Set(0..<5))
        #expect(DocumentFolds.assign(documents.reversed(), count: 5) == folds.reversed())
    }

    @Test("Cohen's kappa 0.4 on the 50-proposal example, with precision, recall and F1")
    func agreement() {
        // 20 both yes, 5 predicted only, 10 reference only, 15 both no.
        let predicted = Array(repeating: true, count: 25) + Array(repeating: false, count: 25)
        let reference = Array(repeating: true, count: 20) + Array(repeating: false, count: 5)
            + Array(repeating: true, count: 10) + Array(repeating: false, count: 15)
        let a = BinaryAgreement(predicted: predicted, reference: reference)
        #expect(abs(a.kappa! - 0.4) < 1e-12)
        #expect(a.precision == 0.8)
        #expect(abs(a.recall! - 20.0 / 30) < 1e-12)
        #expect(abs(a.f1! - 40.0 / 55) < 1e-12)
        #expect(BinaryAgreement(predicted: [false, false], reference: [false, false]).kappa == nil)
        #expect(BinaryAgreement(predicted: [false, false], reference: [true, false]).precision == nil)
    }

    @Test("the threshold is the score with the best F1, nearest 0.5 among equals")
    func threshold() {
        #expect(CodeClassifierTrainer.bestThreshold([0.9, 0.8, 0.3, 0.2], [true, true, false, false]) == 0.8)
        #expect(CodeClassifierTrainer.bestThreshold([0.9, 0.6, 0.4, 0.1], [true, false, true, false]) == 0.4)
        #expect(CodeClassifierTrainer.bestThreshold([0.2, 0.1], [false, false]) == 0.5)
    }

    @Test("the two valence sides make mixed, one side its valence, neither neutral")
    func valenceSides() {
        #expect(ValenceTrainer.valence(enabler: 0.7, barrier: 0.6) == .mixed)
        #expect(ValenceTrainer.valence(enabler: 0.7, barrier: 0.2) == .enabler)
        #expect(ValenceTrainer.valence(enabler: 0.1, barrier: 0.5) == .barrier)
        #expect(ValenceTrainer.valence(enabler: 0.1, barrier: 0.2) == .neutral)
    }

    @Test("too few valenced units, or one side missing, leave the valence to the rules")
    func valenceNeedsBothSides() {
        let examples = (0..<30).map { SparseVector([($0 % 3, 1)]) }
        let documents = (0..<30).map { "d\($0 % 6)" }
        let trainer = ValenceTrainer()
        #expect(trainer.train(examples: examples, documents: documents, dimension: 3,
                              valences: Array(repeating: .barrier, count: 30), rules: Array(repeating: nil, count: 30)) == nil)
        #expect(trainer.train(examples: Array(examples.prefix(10)), documents: Array(documents.prefix(10)), dimension: 3,
                              valences: (0..<10).map { $0 % 2 == 0 ? .barrier : .enabler }, rules: Array(repeating: nil, count: 10)) == nil)
        let learned = trainer.train(examples: examples, documents: documents, dimension: 3,
                                    valences: (0..<30).map { [.barrier, .enabler, .mixed][$0 % 3] }, rules: Array(repeating: nil, count: 30))
        #expect(learned?.units == 30)
        #expect(learned?.rulesAgreement == 0)
    }
}
