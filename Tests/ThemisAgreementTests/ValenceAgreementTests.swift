import Testing
@testable import ThemisAgreement

/// Valence agreement, per code, per pair, pooled and against gold, on cases worked out by hand.
struct ValenceAgreementTests {
    static let units = (1...12).map { "d#\($0)" }

    /// Two coders. `c/x`: both apply it to units 0-9 with these valences (a by rows, b by columns):
    ///
    ///              b: enabler barrier mixed neutral
    ///     a enabler       3       1      0      0     (4)
    ///     a barrier       0       2      1      0     (3)
    ///     a mixed         0       0      1      0     (1)
    ///     a neutral       1       0      0      1     (2)
    ///                    (4)     (3)    (2)    (1)
    ///
    /// po = 7/10; pe = (4·4 + 3·3 + 1·2 + 2·1)/100 = 29/100; kappa = (0.70 − 0.29)/0.71 = 41/71.
    /// Unit 10 has only a's valence and unit 11 b's coding has none: neither is compared.
    /// `c/y`: both apply it to units 0 and 1, a enabler and barrier, b enabler and enabler.
    /// `r/p` carries no valence.
    static let two = CodingJudgements(
        coders: ["a", "b"], units: units, codes: ["c/x", "c/y", "r/p"],
        applied: ["c/x": [Set(0...10), Set(0...9).union([11])], "c/y": [[0, 1], [0, 1]], "r/p": [[0, 1], [0]]],
        valences: [
            "c/x": [labels("EEEEBBBMNN").merging([10: "enabler"]) { a, _ in a }, labels("EEEBBBMMNE")],
            "c/y": [labels("EB"), labels("EE")],
        ])

    /// Unit k gets the valence of letter k (E, B, M, N).
    static func labels(_ letters: String) -> [Int: String] {
        let names: [Character: String] = ["E": "enabler", "B": "barrier", "M": "mixed", "N": "neutral"]
        return Dictionary(uniqueKeysWithValues: letters.enumerated().map { ($0.offset, names[$0.element]!) })
    }

    @Test("valence data: the units where two coders both gave a valence, nil for none")
    func data() throws {
        let data = try #require(Self.two.valenceData(code: "c/x"))
        #expect(data.unitCount == 10)
        #expect(data.values[9] == ["neutral", "enabler"])
        #expect(Self.two.valenceData(code: "r/p") == nil)
    }

    @Test("two coders: units, share agreeing and Cohen's kappa per code and pooled")
    func twoCoders() throws {
        let audit = AgreementAudit.run(Self.two, gold: 0)
        let x = try #require(audit.codes[0].valence)
        #expect(x.units == 10)
        #expect(abs(x.agreement.value! - 0.7) < 1e-12)
        #expect(abs(x.kappa.value! - 41.0 / 71.0) < 1e-12)
        #expect(audit.codes[2].valence == nil)
        // Pooled over c/x and c/y: 12 units, 8 agree; a: 5 E, 4 B, 1 M, 2 N; b: 6 E, 3 B, 2 M, 1 N.
        // pe = (30 + 12 + 2 + 2)/144 = 46/144; kappa = (96/144 − 46/144)/(98/144) = 50/98.
        let pooled = try #require(audit.pooledValence)
        #expect(pooled.units == 12)
        #expect(abs(pooled.agreement.value! - 8.0 / 12.0) < 1e-12)
        #expect(abs(pooled.kappa.value! - 50.0 / 98.0) < 1e-12)
        // b against gold a: the same shares, per code and pooled; r/p has none.
        #expect(audit.gold.map(\.valence?.units) == [10, 2, nil])
        #expect(abs(audit.gold[0].valence!.accuracy.value! - 0.7) < 1e-12)
        #expect(audit.gold[1].valence!.accuracy.value == 0.5)
        #expect(audit.goldValence.count == 1)
        #expect(audit.goldValence[0].coder == "b")
        #expect(abs(audit.goldValence[0].valence.accuracy.value! - 8.0 / 12.0) < 1e-12)
    }

    /// Three coders on code `c/z`, units 0-4 (- = not applied):
    ///
    ///     unit  a        b        c
    ///     0     enabler  enabler  enabler
    ///     1     enabler  barrier  -
    ///     2     barrier  barrier  mixed
    ///     3     neutral  -        neutral
    ///     4     enabler  -        -          (one valence: not compared)
    ///
    /// a–b: units 0-2, po 2/3, pe (2·1 + 1·2)/9 = 4/9, kappa 2/5. a–c: units 0, 2, 3, po 2/3,
    /// pe 2/9, kappa 4/7. b–c: units 0, 2, po 1/2, pe 1/4, kappa 1/3.
    /// Fleiss (Gwet's form) over units 0-3: pa = (1 + 0 + 1/3 + 1)/4 = 7/12; π = (3/8, 7/24, 1/12, 1/4),
    /// pe = Σπ² = 85/288; kappa = (7/12 − 85/288)/(1 − 85/288) = 83/203.
    static let three = CodingJudgements(
        coders: ["a", "b", "c"], units: units, codes: ["c/z"],
        applied: ["c/z": [[0, 1, 2, 3, 4], [0, 1, 2], [0, 2, 3]]],
        valences: ["c/z": [labels("EEBNE"), labels("EBB"), [0: "enabler", 2: "mixed", 3: "neutral"]]])

    @Test("three coders: Cohen's kappa per pair, Fleiss' kappa and pair agreement over all of them")
    func threeCoders() throws {
        let audit = AgreementAudit.run(Self.three)
        let code = audit.codes[0]
        let all = try #require(code.valence)
        #expect(all.units == 4)
        #expect(abs(all.agreement.value! - 7.0 / 12.0) < 1e-12)
        #expect(abs(all.kappa.value! - 83.0 / 203.0) < 1e-12)
        let pairs = code.pairs.map { ($0.coders.0, $0.coders.1, $0.valence!.units) }
        #expect(pairs.map(\.0) == [0, 0, 1] && pairs.map(\.1) == [1, 2, 2] && pairs.map(\.2) == [3, 3, 2])
        for (pair, expected) in zip(code.pairs, [(2.0 / 5.0, 2.0 / 3.0), (4.0 / 7.0, 2.0 / 3.0), (1.0 / 3.0, 0.5)]) {
            #expect(abs(pair.valence!.kappa.value! - expected.0) < 1e-12)
            #expect(abs(pair.valence!.agreement.value! - expected.1) < 1e-12)
        }
        // One code: the pooled figures and pooled pairs are the code's.
        #expect(audit.pooledValence == all)
        #expect(audit.pooledPairs.map(\.valence) == code.pairs.map(\.valence))
    }

    @Test("nothing to compare: null figures, each with a note")
    func nothingToCompare() throws {
        let judgements = CodingJudgements(coders: ["a", "b"], units: Self.units, codes: ["c/x"],
                                          applied: ["c/x": [[0, 1], [0, 1]]], valences: ["c/x": [Self.labels("EB"), [:]]])
        let audit = AgreementAudit.run(judgements, gold: 1)
        let valence = try #require(audit.codes[0].valence)
        #expect(valence.units == 0 && valence.agreement.value == nil && valence.kappa.value == nil)
        for note in ["c/x: valence_agreement undefined: ", "c/x: valence_kappa undefined: ", "overall (pooled): valence_kappa undefined: ",
                     "c/x: valence_accuracy of a against b undefined: ", "overall (pooled): valence_accuracy of a against b undefined: "] {
            #expect(audit.notes.contains { $0.hasPrefix(note + "no unit where") }, "\(note)")
        }
    }

    @Test("every unit in one valence: the share agreeing is 1 and kappa is undefined, with the reason")
    func oneCategory() throws {
        let judgements = CodingJudgements(coders: ["a", "b"], units: Self.units, codes: ["c/x"],
                                          applied: ["c/x": [[0, 1], [0, 1]]], valences: ["c/x": [Self.labels("BB"), Self.labels("BB")]])
        let valence = try #require(AgreementAudit.run(judgements).codes[0].valence)
        #expect(valence.units == 2 && valence.agreement.value == 1 && valence.kappa.value == nil)
        #expect(valence.kappa.reason?.contains("0/0") == true)
    }
}
