/// A reviewer's audit of coder agreement: per code and overall, with pairs,
/// optional bootstrap intervals and an optional gold coder.
public struct AgreementAudit: Sendable {
    /// One code's comparison.
    public struct CodeResult: Sendable {
        public var code: String
        /// Units with at least two judgements of this code.
        public var units: Int
        /// How many units each coder applied the code to, in coder order.
        public var counts: [Int]
        public var statistics: AgreementStatistics
        public var pairs: [PairStatistics]
        public var alphaInterval: (low: Double, high: Double)?
        public var kappaInterval: (low: Double, high: Double)?
        /// Agreement on valence where coders both applied the code with one (each pair's
        /// is in `pairs`); nil when the code's codings carry no valence.
        public var valence: ValenceAgreement?
        /// The same statistics within each document.
        public var documents: [DocumentResult] = []
    }

    /// One code's comparison within one document.
    public struct DocumentResult: Sendable {
        public var document: String
        public var units: Int
        public var statistics: AgreementStatistics
        public init(document: String, units: Int, statistics: AgreementStatistics) {
            self.document = document
            self.units = units
            self.statistics = statistics
        }
    }

    /// One coder's codings of one code against the gold coder.
    public struct GoldResult: Sendable {
        public var code: String
        public var coder: String
        public var comparison: GoldComparison
        /// The coder's valences against the gold coder's; nil when the code's codings carry no valence.
        public var valence: ValenceAccuracy?
    }

    public var coders: [String]
    public var units: Int
    public var codes: [CodeResult]
    public var pooled: AgreementStatistics
    /// Cohen's kappa, Scott's pi and percent agreement of each coder pair over all codes
    /// pooled, with their valence agreement; empty for two coders.
    public var pooledPairs: [PairStatistics]
    /// Valence agreement over every code's valence units pooled; nil when no code's codings carry valence.
    public var pooledValence: ValenceAgreement?
    public var mean: AgreementStatistics
    public var goldCoder: String?
    public var gold: [GoldResult]
    /// Each other coder's valences against the gold coder's over all codes pooled; empty
    /// without a gold coder or when no code's codings carry valence.
    public var goldValence: [(coder: String, valence: ValenceAccuracy)]
    /// Why statistics are undefined, and other remarks, in order.
    public var notes: [String]

    /// Runs the audit over coder judgements. `gold` is the index of the reference
    /// coder; `documents[unit]` names each unit's document, for per-document breakdowns.
    public static func run(_ judgements: CodingJudgements, bootstrap: Bootstrap? = nil, gold: Int? = nil,
                           notes: [String] = [], documents: [String]? = nil) -> AgreementAudit {
        var valences = [String: ReliabilityData]()
        for code in judgements.codes { valences[code] = judgements.valenceData(code: code) }
        return run(codes: judgements.codes.map { ($0, judgements.reliabilityData(code: $0), documents) }, coders: judgements.coders,
                   units: judgements.units.count, bootstrap: bootstrap, gold: gold, notes: notes, valences: valences)
    }

    /// Runs the audit over per-code presence/absence data, whose units may differ by
    /// code (characters a coder touched, say). `documents[unit]` names each unit's document;
    /// `valences[code]` is the code's valence data (see `CodingJudgements.valenceData`), absent
    /// for codes whose codings carry no valence.
    public static func run(codes: [(code: String, data: ReliabilityData, documents: [String]?)], coders: [String], units: Int,
                           bootstrap: Bootstrap? = nil, gold: Int? = nil, notes: [String] = [],
                           valences: [String: ReliabilityData] = [:]) -> AgreementAudit {
        var notes = notes
        var results = [CodeResult]()
        for (code, data, documents) in codes {
            let statistics = AgreementStatistics.compute(data)
            let one = data.categories.firstIndex(of: "1").map(Int32.init) ?? -2
            let counts = (0..<data.coderCount).map { coder in
                (0..<data.unitCount).filter { data.codes[$0 * data.coderCount + coder] == one }.count
            }
            var result = CodeResult(
                code: code, units: data.pairableUnits, counts: counts, statistics: statistics,
                pairs: coders.count > 2 ? AgreementStatistics.pairStatistics(data) : [])
            if let bootstrap {
                result.alphaInterval = bootstrap.interval95(unitCount: data.unitCount) { sample in
                    KrippendorffAlpha.alpha(data.resampled(sample)).value
                }
                result.kappaInterval = bootstrap.interval95(unitCount: data.unitCount) { sample in
                    let resampled = data.resampled(sample)
                    if coders.count == 2 { return AgreementCoefficients.twoCoder(resampled, 0, 1).cohen.value }
                    return AgreementCoefficients.fleissKappa(resampled).value
                }
            }
            if let valence = valences[code] {
                result.valence = ValenceAgreement.compute(valence)
                for p in result.pairs.indices {
                    result.pairs[p].valence = ValenceAgreement.pair(valence, result.pairs[p].coders.0, result.pairs[p].coders.1)
                }
            }
            notes += undefinedNotes(statistics, "\(code): ") + valenceNotes(result.valence, "\(code): ")
                + pairNotes(result.pairs, coders: coders, "\(code): ")
            if let documents {
                var order = [String]()
                var members = [String: [Int]]()
                for (unit, document) in documents.enumerated() {
                    if members[document] == nil { order.append(document) }
                    members[document, default: []].append(unit)
                }
                result.documents = order.map { document in
                    let subset = data.resampled(members[document]!)
                    return DocumentResult(document: document, units: subset.pairableUnits,
                                          statistics: AgreementStatistics.compute(subset))
                }
            }
            notes += documentNotes(result)
            results.append(result)
        }
        let stacked = ReliabilityData.stacked(codes.map(\.data), coderCount: coders.count)
        let pooled = AgreementStatistics.compute(stacked)
        var pooledPairs = coders.count > 2 ? AgreementStatistics.pairStatistics(stacked) : []
        let valenceData = codes.compactMap { valences[$0.code] }
        let pooledValenceData = valenceData.isEmpty ? nil : ReliabilityData.stacked(valenceData, coderCount: coders.count)
        let pooledValence = pooledValenceData.map(ValenceAgreement.compute)
        if let pooledValenceData {
            for p in pooledPairs.indices {
                pooledPairs[p].valence = ValenceAgreement.pair(pooledValenceData, pooledPairs[p].coders.0, pooledPairs[p].coders.1)
            }
        }
        func mean(_ path: KeyPath<AgreementStatistics, Statistic>, _ name: String) -> Statistic {
            AgreementStatistics.mean(results.map { $0.statistics[keyPath: path] }, name: name)
        }
        let means = AgreementStatistics(
            percentAgreement: mean(\.percentAgreement, "percent agreement"), cohenKappa: mean(\.cohenKappa, "Cohen's kappa"),
            scottPi: mean(\.scottPi, "Scott's pi"), fleissKappa: mean(\.fleissKappa, "Fleiss' kappa"),
            krippendorffAlpha: mean(\.krippendorffAlpha, "Krippendorff's alpha"), gwetAC1: mean(\.gwetAC1, "Gwet's AC1"),
            brennanPrediger: mean(\.brennanPrediger, "Brennan-Prediger"))
        notes += undefinedNotes(pooled, "overall (pooled): ") + valenceNotes(pooledValence, "overall (pooled): ")
            + pairNotes(pooledPairs, coders: coders, "overall (pooled): ") + undefinedNotes(means, "overall (mean): ")
        var goldResults = [GoldResult]()
        var goldValence = [(coder: String, valence: ValenceAccuracy)]()
        if let gold {
            for (code, data, _) in codes {
                for coder in coders.indices where coder != gold {
                    let comparison = GoldComparison.compare(data, coder: coder, gold: gold)
                    let valence = valences[code].map { ValenceAccuracy.compare($0, coder: coder, gold: gold) }
                    goldResults.append(GoldResult(code: code, coder: coders[coder], comparison: comparison, valence: valence))
                    var statistics = [("precision", comparison.precision), ("recall", comparison.recall), ("f1", comparison.f1)]
                    if let valence { statistics.append(("valence_accuracy", valence.accuracy)) }
                    for (key, statistic) in statistics {
                        if let reason = statistic.reason {
                            notes.append("\(code): \(key) of \(coders[coder]) against \(coders[gold]) undefined: \(reason)")
                        }
                    }
                }
            }
            if let pooledValenceData {
                for coder in coders.indices where coder != gold {
                    let valence = ValenceAccuracy.compare(pooledValenceData, coder: coder, gold: gold)
                    goldValence.append((coders[coder], valence))
                    if let reason = valence.accuracy.reason {
                        notes.append("overall (pooled): valence_accuracy of \(coders[coder]) against \(coders[gold]) undefined: \(reason)")
                    }
                }
            }
        }
        return AgreementAudit(
            coders: coders, units: units, codes: results, pooled: pooled, pooledPairs: pooledPairs, pooledValence: pooledValence,
            mean: means, goldCoder: gold.map { coders[$0] }, gold: goldResults, goldValence: goldValence, notes: notes)
    }
}

extension AgreementAudit {
    /// `prefix` + "KEY undefined: reason" for each undefined statistic, in key order.
    static func undefinedNotes(_ statistics: AgreementStatistics, _ prefix: String) -> [String] {
        statistics.named.compactMap { key, statistic in statistic.reason.map { "\(prefix)\(key) undefined: \($0)" } }
    }

    /// `prefix` + "valence_agreement undefined: reason" and the same for valence_kappa, when undefined.
    static func valenceNotes(_ valence: ValenceAgreement?, _ prefix: String) -> [String] {
        guard let valence else { return [] }
        return [("valence_agreement", valence.agreement), ("valence_kappa", valence.kappa)].compactMap { key, statistic in
            statistic.reason.map { "\(prefix)\(key) undefined: \($0)" }
        }
    }

    /// `prefix` + "KEY of A and B undefined: reason" for each undefined statistic of each pair, valence included.
    static func pairNotes(_ pairs: [PairStatistics], coders: [String], _ prefix: String) -> [String] {
        var notes = [String]()
        for pair in pairs {
            let between = "of \(coders[pair.coders.0]) and \(coders[pair.coders.1])"
            var statistics = [("cohen_kappa", pair.cohenKappa), ("scott_pi", pair.scottPi), ("percent_agreement", pair.percentAgreement)]
            if let valence = pair.valence { statistics += [("valence_agreement", valence.agreement), ("valence_kappa", valence.kappa)] }
            for (key, statistic) in statistics {
                if let reason = statistic.reason { notes.append("\(prefix)\(key) \(between) undefined: \(reason)") }
            }
        }
        return notes
    }

    /// "CODE: KEY undefined in D1, D2: reason" for the per-document statistics, one
    /// note per statistic and reason, documents in order.
    static func documentNotes(_ result: CodeResult) -> [String] {
        var notes = [String]()
        for (k, key) in AgreementStatistics.keys.enumerated() {
            var reasons = [String]()
            var documents = [String: [String]]()
            for document in result.documents {
                guard let reason = document.statistics.named[k].statistic.reason else { continue }
                if documents[reason] == nil { reasons.append(reason) }
                documents[reason, default: []].append(document.document)
            }
            for reason in reasons {
                notes.append("\(result.code): \(key) undefined in \(documents[reason]!.joined(separator: ", ")): \(reason)")
            }
        }
        return notes
    }
}

/// The usual verbal bands for reliability values.
public enum ReliabilityBands {
    /// Landis and Koch (1977) for kappa-type coefficients.
    public static func landisKoch(_ value: Double) -> String {
        switch value {
        case ..<0: return "poor"
        case ..<0.205: return "slight"
        case ..<0.405: return "fair"
        case ..<0.605: return "moderate"
        case ..<0.805: return "substantial"
        default: return "almost perfect"
        }
    }

    /// Krippendorff (2004): below 0.667 unreliable, 0.667 to 0.800 tentative, 0.800 and above reliable.
    public static func krippendorff(_ value: Double) -> String {
        value < 0.667 ? "unreliable" : value < 0.8 ? "tentative" : "reliable"
    }
}
