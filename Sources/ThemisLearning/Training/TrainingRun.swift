import ThemisCodebook
import ThemisCoding
import ThemisModel

/// A whole training run: the features of every participant unit, one
/// classifier per code from the human coder's decisions, and the model file.
public enum TrainingRun {
    /// Trains on `documents` (each document's segments in order, interviewer turns
    /// included, as `themis ingest` writes them), where `applied` gives the codes
    /// (already at `settings.level`) the human coder applied to each segment id;
    /// `codes` lists the codes to learn, in order. `valences` gives, per segment id
    /// and code, the coder's valence (rolled up as the codes are): codes of a
    /// codebook with a `valence` block learn it where there are enough. The rules of `codebooks` are
    /// features; `inputs` are recorded in the file as given. Beside the model come
    /// the cross-validated decisions: per learned code, the participant segments
    /// its fold's model applied it to, so that `agree --gold` can check the figures.
    public static func train(documents: [[Segment]], applied: [String: Set<String>], valences: [String: [String: Valence]] = [:],
                             codes: [String], codebooks: [Codebook], settings: ModelFile.Settings,
                             inputs: [ModelFile.Input]) -> (model: ModelFile, crossValidated: [(code: String, segments: [Segment])]) {
        let ruled = codebooks.contains { $0.allCodes.contains(where: \.hasRules) }
        var extractor = FeatureExtractor(engine: ruled ? CodingEngine(codebooks: codebooks) : nil, level: settings.level)
        var names = [Set<String>](), ruleCodes = [Set<String>](), unitIDs = [String](), unitDocuments = [String]()
        var units = [Segment]()
        var ruleValences = [[String: Valence]]()
        let context = CodingContext(rawValue: settings.context) ?? .none
        for segments in documents {
            for (index, segment) in segments.enumerated() where segment.role.isParticipant {
                let features = extractor.features(of: segment, question: context.question(for: index, in: segments))
                names.append(features.names)
                ruleCodes.append(features.ruleCodes)
                var byCode = [String: [Valence]]()
                for coding in features.ruleCodings {
                    if let valence = coding.valence { byCode[extractor.rolledUp(coding.code), default: []].append(valence) }
                }
                ruleValences.append(byCode.compactMapValues { Valence.combined($0) })
                unitIDs.append(segment.id)
                unitDocuments.append(segment.document)
                units.append(segment)
            }
        }
        let vocabulary = FeatureVocabulary(names, minimumCount: settings.minimumFeatureCount)
        let examples = names.map(vocabulary.vector)
        let labels = codes.map { code in (code: code, decisions: unitIDs.map { applied[$0]?.contains(code) ?? false }) }
        let rules = Dictionary(uniqueKeysWithValues: codes.map { code in (code, ruleCodes.map { $0.contains(code) }) })
        let trainer = CodeClassifierTrainer(folds: settings.folds, l2: settings.l2, minimumPositives: settings.minimumPositives)
        let results = trainer.train(examples: examples, documents: unitDocuments, dimension: vocabulary.count,
                                    labels: labels, rules: rules)
        let valenced = Set(codebooks.filter { $0.valence != nil }.map(\.id))
        let valenceTrainer = ValenceTrainer(folds: settings.folds, l2: settings.l2)
        func sparse(_ model: LogisticRegression) -> [[Double]] {
            model.weights.enumerated().compactMap { $1 == 0 ? nil : [Double($0), $1] }
        }
        let models = results.map { result in
            var valenceModel: ModelFile.ValenceModel?
            if let book = result.code.split(separator: "/").first, valenced.contains(String(book)) {
                let coded = unitIDs.indices.filter { valences[unitIDs[$0]]?[result.code] != nil }
                if let learned = valenceTrainer.train(
                    examples: coded.map { examples[$0] }, documents: coded.map { unitDocuments[$0] }, dimension: vocabulary.count,
                    valences: coded.map { valences[unitIDs[$0]]![result.code]! }, rules: coded.map { ruleValences[$0][result.code] }) {
                    valenceModel = ModelFile.ValenceModel(
                        enablerBias: learned.enabler.bias, enablerWeights: sparse(learned.enabler),
                        barrierBias: learned.barrier.bias, barrierWeights: sparse(learned.barrier), units: learned.units,
                        crossValidatedAgreement: learned.crossValidatedAgreement, rulesAgreement: learned.rulesAgreement)
                }
            }
            return ModelFile.CodeModel(
                code: result.code, positives: result.positives, leftToRules: result.model == nil,
                threshold: result.model == nil ? nil : result.threshold, bias: result.model?.bias,
                weights: result.model.map(sparse),
                crossValidated: result.crossValidated.map(ModelFile.Figures.init), rules: ModelFile.Figures(result.rules),
                valence: valenceModel)
        }
        let model = ModelFile(settings: settings, codebooks: codebooks.map { .init(id: $0.id, version: $0.version, path: $0.path) },
                              inputs: inputs, trainedUnits: unitIDs, features: vocabulary.names, codes: models)
        let decisions = results.compactMap { result in
            result.crossValidatedDecisions.map { predicted in
                (code: result.code, segments: units.indices.filter { predicted[$0] }.map { units[$0] })
            }
        }
        return (model, decisions)
    }
}
