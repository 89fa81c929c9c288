import Foundation
import ThemisCodebook
import ThemisCoding
import ThemisModel

/// Why a model cannot code with the codebooks given.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// Codes segments with a trained model, the rules as its features: a learned
/// code applies where its probability reaches the code's threshold, and a code
/// left to the rules applies where the rules apply it. Codings are at the
/// model's level; their valence is the learned valence where the model has one
/// for the code, else the rules' where they coded it, else the codebook's
/// default valence (`neutral` without one).
/// Make one per thread: it holds a ``SegmentCoder``.
public struct ModelCoder {
    /// The model this coder codes with.
    public let model: ModelFile
    private var extractor: FeatureExtractor
    private let vocabulary: FeatureVocabulary
    private let classifiers: [LogisticRegression?]
    /// Per code, its learned valence classifiers (helped, hindered), if any.
    private let valenceClassifiers: [(enabler: LogisticRegression, barrier: LogisticRegression)?]
    /// Per code: its codebook's default valence, or nil when the codebook has no valence.
    private let fallbacks: [Valence?]
    /// The name written in the codings' `coder` field.
    public let coderName: String
    /// Whether codings carry, in `explanation`, their probability and strongest features.
    public let explain: Bool
    /// How many features `explain` lists per coding.
    public static let explainedFeatures = 5

    /// A coder for `model`, which must have been trained with these codebooks'
    /// ids and versions (in any order).
    public init(model: ModelFile, codebooks: [Codebook], coderName: String = "themis", explain: Bool = false) throws(ModelError) {
        let given = Set(codebooks.map { "\($0.id) \($0.version)" }), trained = Set(model.codebooks.map { "\($0.id) \($0.version)" })
        guard given == trained else {
            throw ModelError(message: "the model was trained with \(model.codebooks.map { "\($0.id) \($0.version)" }.sorted().joined(separator: ", ")), "
                             + "not \(codebooks.map { "\($0.id) \($0.version)" }.sorted().joined(separator: ", "))")
        }
        self.model = model
        self.coderName = coderName
        self.explain = explain
        let engine = codebooks.contains { $0.allCodes.contains(where: \.hasRules) } ? CodingEngine(codebooks: codebooks, coderName: coderName) : nil
        extractor = FeatureExtractor(engine: engine, level: model.settings.level)
        vocabulary = FeatureVocabulary(names: model.features)
        var classifiers = [LogisticRegression?]()
        for code in model.codes {
            guard !code.leftToRules else {
                classifiers.append(nil)
                continue
            }
            guard let weights = code.weights, let bias = code.bias, code.threshold != nil else {
                throw ModelError(message: "the model's code \(code.code) has no weights")
            }
            classifiers.append(LogisticRegression(weights: try Self.dense(weights, model.features.count, code.code), bias: bias))
        }
        self.classifiers = classifiers
        valenceClassifiers = try model.codes.map { code throws(ModelError) in
            guard let valence = code.valence else { return nil }
            return (LogisticRegression(weights: try Self.dense(valence.enablerWeights, model.features.count, code.code), bias: valence.enablerBias),
                    LogisticRegression(weights: try Self.dense(valence.barrierWeights, model.features.count, code.code), bias: valence.barrierBias))
        }
        let books = Dictionary(codebooks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        fallbacks = model.codes.map { code in
            let book = code.code.split(separator: "/").first.flatMap { books[String($0)] }
            guard let valence = book?.valence else { return nil }
            return valence.defaultValence.map(Valence.init) ?? .neutral
        }
    }

    /// Sparse `(index, weight)` pairs as dense weights over `count` features.
    private static func dense(_ pairs: [[Double]], _ count: Int, _ code: String) throws(ModelError) -> [Double] {
        var dense = [Double](repeating: 0, count: count)
        for pair in pairs {
            guard pair.count == 2, let index = Int(exactly: pair[0]), dense.indices.contains(index), pair[1].isFinite else {
                throw ModelError(message: "the model's code \(code) has a weight for no feature")
            }
            dense[index] = pair[1]
        }
        return dense
    }

    /// What the model and the rules make of one code in a segment.
    public struct Assessment: Sendable {
        public var code: String
        /// The model's probability; nil for a code left to the rules.
        public var probability: Double?
        /// The code's threshold; nil for a code left to the rules.
        public var threshold: Double?
        /// Whether the rules apply the code.
        public var rules: Bool
        /// Whether the code applies: the model's decision, or the rules' where it is left to them.
        public var applies: Bool { probability.map { $0 >= threshold! } ?? rules }
    }

    /// Each of the model's codes, assessed for `segment` read after `question`,
    /// with the features and the rules' codings they came from.
    mutating func assess(_ segment: Segment, question: Segment?)
        -> (assessments: [Assessment], features: SparseVector, ruleCodings: [Coding]) {
        let (x, ruleCodes, ruleCodings) = extractor.vector(of: segment, question: question, in: vocabulary)
        let assessments = model.codes.enumerated().map { k, code in
            Assessment(code: code.code, probability: classifiers[k]?.probability(x), threshold: code.threshold,
                       rules: ruleCodes.contains(code.code))
        }
        return (assessments, x, ruleCodings)
    }

    /// What the model and the rules make of every code in `segment` read after `question`.
    public mutating func assessments(_ segment: Segment, question: Segment?) -> [Assessment] {
        assess(segment, question: question).assessments
    }

    /// The codings of `segment` read after `question`, in the model's code order.
    public mutating func code(_ segment: Segment, question: Segment?) -> [Coding] {
        let (assessments, x, ruleCodings) = assess(segment, question: question)
        var ruleValences = [String: [Valence]](), ruleMatched = [String: [String]]()
        for coding in ruleCodings {
            let code = extractor.rolledUp(coding.code)
            if let valence = coding.valence { ruleValences[code, default: []].append(valence) }
            for pattern in coding.matched where !(ruleMatched[code]?.contains(pattern) ?? false) {
                ruleMatched[code, default: []].append(pattern)
            }
        }
        var codings = [Coding]()
        for (k, assessment) in assessments.enumerated() where assessment.applies {
            var lines = [String]()
            if explain {
                if let classifier = classifiers[k], let p = assessment.probability {
                    lines = explanation(classifier, x, probability: p, threshold: assessment.threshold!)
                } else {
                    lines = ["left to the rules (\(model.codes[k].positives) positive units in training)"]
                }
            }
            let valence = valenceClassifiers[k].map {
                ValenceTrainer.valence(enabler: $0.enabler.probability(x), barrier: $0.barrier.probability(x))
            } ?? ruleValences[assessment.code].flatMap(Valence.combined) ?? fallbacks[k]
            codings.append(Coding(document: segment.document, segment: segment.id, code: assessment.code, coder: coderName,
                                  valence: valence, speaker: segment.speaker, matched: ruleMatched[assessment.code] ?? [],
                                  explanation: lines, score: assessment.probability))
        }
        return codings
    }

    /// The probability against the threshold, and the features that pushed it up most.
    private func explanation(_ classifier: LogisticRegression, _ x: SparseVector, probability: Double, threshold: Double) -> [String] {
        var contributions = [(name: String, value: Double)]()
        for (k, index) in x.indices.enumerated() {
            let value = classifier.weights[Int(index)] * x.values[k]
            if value > 0 { contributions.append((model.features[Int(index)], value)) }
        }
        contributions.sort { $0.value != $1.value ? $0.value > $1.value : $0.name < $1.name }
        var lines = ["model: probability \(threeDecimals(probability)) at or above the threshold \(threeDecimals(threshold))"]
        for contribution in contributions.prefix(Self.explainedFeatures) {
            lines.append("feature \(contribution.name) +\(threeDecimals(contribution.value))")
        }
        return lines
    }
}

extension ModelCoder {
    /// Codes a transcript's segments in order, as ``SegmentCoder/code(transcript:context:allSpeakers:)``
    /// does: a participant's segment right after an interviewer's is read with that
    /// question when the model was trained with questions.
    public mutating func code(transcript segments: [Segment], allSpeakers: Bool) -> [(segment: Segment, codings: [Coding])] {
        let context = CodingContext(rawValue: model.settings.context) ?? .none
        var coded = [(segment: Segment, codings: [Coding])]()
        for (index, segment) in segments.enumerated() where allSpeakers || segment.role.isParticipant {
            coded.append((segment, code(segment, question: context.question(for: index, in: segments))))
        }
        return coded
    }
}

/// Lends ``ModelCoder``s to threads and takes them back.
public final class ModelCoderPool: @unchecked Sendable {
    private let make: @Sendable () throws(ModelError) -> ModelCoder
    private var idle = [ModelCoder]()
    private let lock = NSLock()

    /// A pool of coders for `model` with `codebooks`; fails as ``ModelCoder/init(model:codebooks:coderName:explain:)`` does.
    public init(model: ModelFile, codebooks: [Codebook], explain: Bool = false) throws(ModelError) {
        let first = try ModelCoder(model: model, codebooks: codebooks, explain: explain)
        idle = [first]
        make = { () throws(ModelError) in try ModelCoder(model: model, codebooks: codebooks, explain: explain) }
    }

    /// Runs `body` with a coder no other thread is using.
    public func withCoder<Result>(_ body: (inout ModelCoder) throws -> Result) rethrows -> Result {
        lock.lock()
        let spare = idle.popLast()
        lock.unlock()
        // The model was checked when the pool was made, so another coder of it cannot fail.
        var coder = spare ?? (try? make())!
        defer {
            lock.lock()
            idle.append(coder)
            lock.unlock()
        }
        return try body(&coder)
    }
}

extension ModelFile {
    /// Reads a model file; anything that is not one Themis wrote is refused with the reason.
    public static func read(_ data: Data) throws(ModelError) -> ModelFile {
        let model: ModelFile
        do {
            model = try JSONDecoder().decode(ModelFile.self, from: data)
        } catch {
            throw ModelError(message: "not a Themis model file (\(Self.reason(error)))")
        }
        guard model.format == "themis-model" else { throw ModelError(message: "not a Themis model file (format '\(model.format)')") }
        guard model.version == 1 else { throw ModelError(message: "model file version \(model.version) is newer than this Themis reads") }
        guard Set(model.features).count == model.features.count else { throw ModelError(message: "the model names a feature twice") }
        if let level = model.settings.level, level < 1 { throw ModelError(message: "the model's level \(level) is not a depth of 1 or more") }
        func sane(_ value: Double) -> Bool { value.isFinite && abs(value) < 1e9 }
        for code in model.codes {
            let numbers = [code.bias, code.threshold].compactMap { $0 } + (code.weights ?? []).flatMap { $0.dropFirst() }
                + [code.valence?.enablerBias, code.valence?.barrierBias].compactMap { $0 }
                + (code.valence.map { $0.enablerWeights + $0.barrierWeights } ?? []).flatMap { $0.dropFirst() }
            guard numbers.allSatisfy(sane) else { throw ModelError(message: "the model's code \(code.code) has a weight or threshold out of range") }
        }
        return model
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "unreadable JSON"
        }
    }
}
