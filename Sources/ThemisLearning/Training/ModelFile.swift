import Foundation

/// A trained model as `themis train` writes it (JSON): what it was trained on,
/// how, the cross-validated figures of each code beside the rules', and the
/// weights that code with it.
public struct ModelFile: Sendable, Codable, Equatable {
    /// Always `themis-model`.
    public var format = "themis-model"
    /// The file layout's version.
    public var version = 1
    /// How the model was trained.
    public var settings: Settings
    /// Each codebook's id and version: a model codes only with these.
    public var codebooks: [CodebookStamp]
    /// Each training input's path and SHA-256.
    public var inputs: [Input]
    /// Participant units trained on.
    public var units: Int
    /// Their segment ids, in order, so that `suggest` offers only segments not yet coded.
    public var trainedUnits: [String]
    /// The feature names, in index order (see ``FeatureExtractor``).
    public var features: [String]
    /// One entry per code learned or left to the rules, in the codebooks' order.
    public var codes: [CodeModel]

    enum CodingKeys: String, CodingKey {
        case format, version, settings, codebooks, inputs, units, features, codes
        case trainedUnits = "trained_units"
    }

    public init(settings: Settings, codebooks: [CodebookStamp], inputs: [Input], trainedUnits: [String], features: [String],
                codes: [CodeModel]) {
        self.settings = settings
        self.codebooks = codebooks
        self.inputs = inputs
        self.units = trainedUnits.count
        self.trainedUnits = trainedUnits
        self.features = features
        self.codes = codes
    }

    /// How the model was trained.
    public struct Settings: Sendable, Codable, Equatable {
        /// The human coder learned from.
        public var coder: String
        /// Codes are learned at this level of the code tree (nil: leaf codes).
        public var level: Int?
        /// `question` or `none`: whether an answer's features include its question's words.
        public var context: String
        /// Document-grouped cross-validation folds.
        public var folds: Int
        /// The L2 penalty λ on the weights.
        public var l2: Double
        /// Codes with fewer positive units were left to the rules.
        public var minimumPositives: Int
        /// Features seen in fewer training units were dropped.
        public var minimumFeatureCount: Int

        public init(coder: String, level: Int?, context: String, folds: Int, l2: Double, minimumPositives: Int,
                    minimumFeatureCount: Int) {
            self.coder = coder
            self.level = level
            self.context = context
            self.folds = folds
            self.l2 = l2
            self.minimumPositives = minimumPositives
            self.minimumFeatureCount = minimumFeatureCount
        }

        enum CodingKeys: String, CodingKey {
            case coder, level, context, folds, l2
            case minimumPositives = "minimum_positives", minimumFeatureCount = "minimum_feature_count"
        }
    }

    /// A codebook the model was trained with.
    public struct CodebookStamp: Sendable, Codable, Equatable {
        public var id: String
        public var version: String
        /// The file it was read from, as given to `train`.
        public var path: String

        public init(id: String, version: String, path: String) {
            self.id = id
            self.version = version
            self.path = path
        }
    }

    /// A training input file and its SHA-256 (hex).
    public struct Input: Sendable, Codable, Equatable {
        public var path: String
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// One code's classifier, or a note that it is left to the rules.
    public struct CodeModel: Sendable, Codable, Equatable {
        public var code: String
        /// Units the human coder applied the code to.
        public var positives: Int
        /// True when there were too few positives to learn from: the rules code it.
        public var leftToRules: Bool
        /// The probability at or above which the model applies the code.
        public var threshold: Double?
        public var bias: Double?
        /// `(feature index, weight)` for every non-zero weight, in index order.
        public var weights: [[Double]]?
        /// The model's document-grouped cross-validated agreement with the coder.
        public var crossValidated: Figures?
        /// The rules' agreement with the coder on the same units.
        public var rules: Figures
        /// The learned valence, for a valenced code with enough units; else the rules give it.
        public var valence: ValenceModel?

        enum CodingKeys: String, CodingKey {
            case code, positives, threshold, bias, weights, rules, valence
            case leftToRules = "left_to_rules", crossValidated = "cross_validated"
        }
    }

    /// A code's two valence classifiers (see ``ValenceTrainer``) and how well they do.
    public struct ValenceModel: Sendable, Codable, Equatable {
        public var enablerBias: Double
        /// `(feature index, weight)` for every non-zero weight, in index order.
        public var enablerWeights: [[Double]]
        public var barrierBias: Double
        public var barrierWeights: [[Double]]
        /// Units the coder applied the code to with a valence.
        public var units: Int
        /// Share of those units whose cross-validated valence is the coder's.
        public var crossValidatedAgreement: Double
        /// Share whose rules' valence is the coder's (the rules not coding a unit count as disagreeing).
        public var rulesAgreement: Double

        enum CodingKeys: String, CodingKey {
            case units
            case enablerBias = "enabler_bias", enablerWeights = "enabler_weights"
            case barrierBias = "barrier_bias", barrierWeights = "barrier_weights"
            case crossValidatedAgreement = "cross_validated_agreement", rulesAgreement = "rules_agreement"
        }
    }

    /// Agreement with the human coder: counts, and the figures `agree --gold` gives.
    public struct Figures: Sendable, Codable, Equatable {
        public var truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int
        public var precision: Double?, recall: Double?, f1: Double?, kappa: Double?

        public init(_ agreement: BinaryAgreement) {
            truePositives = agreement.truePositives
            falsePositives = agreement.falsePositives
            falseNegatives = agreement.falseNegatives
            trueNegatives = agreement.trueNegatives
            precision = agreement.precision
            recall = agreement.recall
            f1 = agreement.f1
            kappa = agreement.kappa
        }

        enum CodingKeys: String, CodingKey {
            case precision, recall, f1, kappa
            case truePositives = "true_positives", falsePositives = "false_positives"
            case falseNegatives = "false_negatives", trueNegatives = "true_negatives"
        }
    }

    /// The JSON text: keys sorted, so the same model gives the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
