import Foundation
import Testing

/// `themis agree` on valence: small codings with answers worked out by hand, and
/// Themis's coding of the samples against the gold coding.
@Suite(.serialized)
struct ValenceAgreementCommandTests {
    /// Participant units d#1 ... d#n of document d.
    static func units(_ n: Int) -> String {
        (1...n).map { k in
            "{\"document\":\"d\",\"segment\":\"d#\(k)\",\"index\":\(k),\"unit\":\"turn\",\"speaker\":\"P1\",\"speaker_note\":null,"
                + "\"role\":\"participant\",\"time\":null,\"start\":0,\"end\":1,\"text\":\"t\(k)\"}"
        }.joined(separator: "\n") + "\n"
    }

    /// Long codings of one coder: (unit number, code, valence).
    static func codings(_ rows: [(Int, String, String)]) -> String {
        "segment,code,valence\n" + rows.map { "d#\($0.0),\($0.1),\($0.2)\n" }.joined()
    }

    /// `letters[k]` is the valence of unit k + 1 under `code` (E, B, M, N; `-` none).
    static func codings(_ code: String, _ letters: String) -> [(Int, String, String)] {
        let names: [Character: String] = ["E": "enabler", "B": "barrier", "M": "mixed", "N": "neutral", "-": ""]
        return letters.enumerated().map { ($0.offset + 1, code, names[$0.element]!) }
    }

    static func run(_ files: [String: String], _ arguments: [String]) throws -> (json: [String: Any], folder: URL) {
        let folder = try ThemisCLI.scratchFolder()
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let run = try ThemisCLI.run(["agree"] + arguments, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        return (object, folder)
    }

    static func code(_ object: [String: Any], _ id: String) throws -> [String: Any] {
        try #require((object["codes"] as? [[String: Any]])?.first { $0["code"] as? String == id })
    }

    static func close(_ value: Any?, _ expected: Double) -> Bool {
        guard let value = value as? Double else { return false }
        return abs(value - expected) < 1e-12
    }

    /// Two coders, ten units. ann by rows, ben by columns:
    ///
    ///                ben: enabler barrier mixed neutral
    ///     ann enabler         3       1      0      0     (4)
    ///     ann barrier         0       2      1      0     (3)
    ///     ann mixed           0       0      1      0     (1)
    ///     ann neutral         1       0      0      1     (2)
    ///                        (4)     (3)    (2)    (1)
    ///
    /// po = 7/10, pe = (16 + 9 + 2 + 2)/100 = 29/100, kappa = 0.41/0.71 = 41/71 ≈ 0.577 (moderate).
    /// Both also apply r/p, which has no valence, and ann alone gives unit 11 a valence.
    static let two = [
        "ann.csv": codings(codings("c/x", "EEEEBBBMNNE") + [(1, "r/p", ""), (2, "r/p", "")]),
        "ben.csv": codings(codings("c/x", "EEEBBBMMNE") + [(1, "r/p", "")]),
        "segments.jsonl": units(12),
    ]

    @Test("two coders: valence keys per code and pooled, hand-computed kappa; none for a code without valence")
    func twoCoders() throws {
        let (object, _) = try Self.run(Self.two, ["ann.csv", "ben.csv", "--units", "segments.jsonl", "--gold", "ann"])
        let x = try Self.code(object, "c/x")
        #expect(x["valence_units"] as? Int == 10)
        #expect(Self.close(x["valence_agreement"], 0.7))
        #expect(Self.close(x["valence_kappa"], 41.0 / 71.0))
        let p = try Self.code(object, "r/p")
        #expect(p.keys.filter { $0.hasPrefix("valence") }.isEmpty)
        let pooled = try #require((object["overall"] as? [String: Any])?["pooled"] as? [String: Any])
        #expect(pooled["valence_units"] as? Int == 10)
        #expect(Self.close(pooled["valence_kappa"], 41.0 / 71.0))
        #expect((pooled["pairs"] as? [Any])?.isEmpty == true)
        let gold = try #require(object["gold"] as? [String: Any])
        let rows = try #require(gold["codes"] as? [[String: Any]])
        let benX = try #require(rows.first { $0["code"] as? String == "c/x" })
        #expect(benX["valence_units"] as? Int == 10)
        #expect(Self.close(benX["valence_accuracy"], 0.7))
        #expect(rows.first { $0["code"] as? String == "r/p" }?["valence_accuracy"] == nil)
        let goldPooled = try #require(gold["pooled"] as? [[String: Any]])
        #expect(goldPooled.count == 1)
        #expect(goldPooled.first?["coder"] as? String == "ben")
        #expect(Self.close(goldPooled.first?["valence_accuracy"], 0.7))
    }

    @Test("Markdown and HTML: the valence table, pooled then per code, with the kappa band; and against gold")
    func reports() throws {
        let (_, folder) = try Self.run(Self.two, ["ann.csv", "ben.csv", "--units", "segments.jsonl"])
        let md = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl", "--gold", "ann", "--format", "md"], in: folder)
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("\n## Valence\n"))
        #expect(md.stdout.contains("| code | shared codings | % agree | Cohen's kappa |\n|---|---|---|---|\n"
                                   + "| Overall (pooled) | 10 | 0.700 | 0.577 (moderate) |\n| `c/x` | 10 | 0.700 | 0.577 (moderate) |\n"))
        #expect(!md.stdout.contains("| `r/p` | 10"))
        #expect(md.stdout.contains("\n## Valence against ann\n"))
        #expect(md.stdout.contains("| Overall (pooled) | ben | 10 | 0.700 |\n| `c/x` | ben | 10 | 0.700 |\n"))
        let html = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl", "--gold", "ann", "-o", "a.html"], in: folder)
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("a.html"), encoding: .utf8)
        #expect(page.contains("<h2>Valence</h2>"))
        #expect(page.contains("<tr><th scope=\"row\"><code>c/x</code></th><td>10</td><td>0.700</td><td>0.577 (moderate)</td></tr>"))
        #expect(page.contains("<h2>Valence against ann</h2>"))
        #expect(page.contains("<tr><th scope=\"row\">Overall (pooled)</th><td>ben</td><td>10</td><td>0.700</td></tr>"))
        // Without valence in the codings, no valence section.
        let (_, plainFolder) = try Self.run(["ann.csv": "segment,code\nd#1,c/x\n", "ben.csv": "segment,code\nd#1,c/x\n"],
                                            ["ann.csv", "ben.csv"])
        let plain = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--format", "md"], in: plainFolder)
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("Valence"))
    }

    /// Codes c/x/1 and c/x/2 rolled up to c/x at --level 1 (ann | ben):
    /// unit 1: enabler + barrier = mixed | mixed; unit 2: neutral + enabler = enabler | enabler;
    /// unit 3: barrier | neutral + barrier = barrier; unit 4: enabler | barrier.
    /// po = 3/4; ann M1 E2 B1, ben M1 E1 B2: pe = (1 + 2 + 2)/16 = 5/16; kappa = (12 − 5)/(16 − 5) = 7/11.
    static let rollUp = [
        "ann.csv": codings([(1, "c/x/1", "enabler"), (1, "c/x/2", "barrier"), (2, "c/x/1", "neutral"), (2, "c/x/2", "enabler"),
                            (3, "c/x/1", "barrier"), (4, "c/x/1", "enabler")]),
        "ben.csv": codings([(1, "c/x/1", "mixed"), (2, "c/x/2", "enabler"), (3, "c/x/1", "neutral"), (3, "c/x/2", "barrier"),
                            (4, "c/x/2", "barrier")]),
        "segments.jsonl": units(5),
    ]

    @Test("--level 1 rolls each coder's valences of a unit up to one per code before comparing")
    func levels() throws {
        let (rolled, _) = try Self.run(Self.rollUp, ["ann.csv", "ben.csv", "--units", "segments.jsonl", "--level", "1"])
        let x = try Self.code(rolled, "c/x")
        #expect(x["valence_units"] as? Int == 4)
        #expect(Self.close(x["valence_agreement"], 0.75))
        #expect(Self.close(x["valence_kappa"], 7.0 / 11.0))
        // Leaf codes: c/x/1 on units 1 (enabler | mixed) and 3 (barrier | neutral); c/x/2 on unit 2 (enabler | enabler).
        let (leaves, _) = try Self.run(Self.rollUp, ["ann.csv", "ben.csv", "--units", "segments.jsonl"])
        let one = try Self.code(leaves, "c/x/1"), two = try Self.code(leaves, "c/x/2")
        #expect(one["valence_units"] as? Int == 2 && Self.close(one["valence_agreement"], 0))
        #expect(two["valence_units"] as? Int == 1 && Self.close(two["valence_agreement"], 1))
        #expect(two["valence_kappa"] is NSNull)
    }

    /// Three coders on c/z (- = not applied): unit 1 E E E; unit 2 E B -; unit 3 B B M; unit 4 N - N; unit 5 E - -.
    /// Pairs (Cohen): ann–ben 2/5, ann–cy 4/7, ben–cy 1/3. Fleiss over units 1-4: pa = 7/12, pe = 85/288, kappa = 83/203.
    @Test("three coders: Cohen's kappa per pair in pairs, Fleiss' kappa at the top, pairs pooled over codes")
    func threeCoders() throws {
        let (object, folder) = try Self.run([
            "ann.csv": Self.codings(Self.codings("c/z", "EEBNE")), "ben.csv": Self.codings(Self.codings("c/z", "EBB")),
            "cy.csv": Self.codings([(1, "c/z", "enabler"), (3, "c/z", "mixed"), (4, "c/z", "neutral")]),
            "segments.jsonl": Self.units(5),
        ], ["ann.csv", "ben.csv", "cy.csv", "--units", "segments.jsonl"])
        let z = try Self.code(object, "c/z")
        #expect(z["valence_units"] as? Int == 4)
        #expect(Self.close(z["valence_agreement"], 7.0 / 12.0))
        #expect(Self.close(z["valence_kappa"], 83.0 / 203.0))
        let pairs = try #require(z["pairs"] as? [[String: Any]])
        #expect(pairs.map { $0["coders"] as? [String] ?? [] } == [["ann", "ben"], ["ann", "cy"], ["ben", "cy"]])
        #expect(pairs.map { $0["valence_units"] as? Int } == [3, 3, 2])
        for (pair, kappa) in zip(pairs, [2.0 / 5.0, 4.0 / 7.0, 1.0 / 3.0]) { #expect(Self.close(pair["valence_kappa"], kappa)) }
        let pooled = try #require((object["overall"] as? [String: Any])?["pooled"] as? [String: Any])
        let pooledPairs = try #require(pooled["pairs"] as? [[String: Any]])
        #expect(pooledPairs.count == 3)
        #expect(Self.close(pooledPairs[1]["valence_kappa"], 4.0 / 7.0))
        #expect(pooledPairs[1]["cohen_kappa"] is Double)
        let md = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "cy.csv", "--units", "segments.jsonl", "--format", "md"], in: folder)
        #expect(md.stdout.contains("| code | shared codings | % agree | Fleiss' kappa |"))
        #expect(md.stdout.contains("\n## Valence by coder pair\n"))
        #expect(md.stdout.contains("| `c/z` | ann, cy | 3 | 0.667 | 0.571 (moderate) |"))
    }

    @Test("coding sheets: a cell naming a valence is compared; a tick gives none")
    func sheets() throws {
        let header = "document,segment,speaker,text,c/x\n"
        let (object, _) = try Self.run([
            "ann.csv": header + "d,d#1,P1,t,enabler\nd,d#2,P1,t,barrier\nd,d#3,P1,t,1\nd,d#4,P1,t,Mixed\n",
            "ben.csv": header + "d,d#1,P1,t,Enabler\nd,d#2,P1,t,mixed\nd,d#3,P1,t,barrier\nd,d#4,P1,t,x\n",
        ], ["ann.csv", "ben.csv"])
        let x = try Self.code(object, "c/x")
        #expect(x["valence_units"] as? Int == 2)
        #expect(Self.close(x["valence_agreement"], 0.5))
    }

    @Test("nothing to compare: the valence keys are null, each with a note naming its scope and key")
    func notes() throws {
        let (object, _) = try Self.run([
            "ann.csv": Self.codings(Self.codings("c/x", "EB")), "ben.csv": "segment,code\nd#1,c/x\nd#2,c/x\n",
            "cy.csv": Self.codings(Self.codings("c/x", "E")), "segments.jsonl": Self.units(2),
        ], ["ann.csv", "ben.csv", "cy.csv", "--units", "segments.jsonl", "--gold", "ben"])
        let notes = object["notes"] as? [String] ?? []
        let x = try Self.code(object, "c/x")
        #expect(x["valence_units"] as? Int == 1)
        var expected = [String]()
        for (key, value) in x where key.hasPrefix("valence_") && value is NSNull { expected.append("c/x: \(key) undefined: ") }
        for pair in x["pairs"] as? [[String: Any]] ?? [] {
            let coders = (pair["coders"] as? [String] ?? []).joined(separator: " and ")
            for (key, value) in pair where key.hasPrefix("valence_") && value is NSNull { expected.append("c/x: \(key) of \(coders) undefined: ") }
        }
        for row in (object["gold"] as? [String: Any])?["codes"] as? [[String: Any]] ?? [] where row["valence_accuracy"] is NSNull {
            expected.append("c/x: valence_accuracy of \(row["coder"] as? String ?? "") against ben undefined: ")
        }
        for row in (object["gold"] as? [String: Any])?["pooled"] as? [[String: Any]] ?? [] where row["valence_accuracy"] is NSNull {
            expected.append("overall (pooled): valence_accuracy of \(row["coder"] as? String ?? "") against ben undefined: ")
        }
        // ann–ben, ben–cy and both coders against ben (per code and pooled) have nothing to compare;
        // ann and cy share unit 1, both enabler, so their kappa, and the code's, is 0/0.
        #expect(expected.count == 1 + 2 + 1 + 2 + 2 + 2)
        for start in expected { #expect(notes.contains { $0.hasPrefix(start) }, "\(start)\n\(notes.joined(separator: "\n"))") }
    }
}

/// Themis's valences on the samples against the gold coding, by MUSIQ-AR domain.
@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: ThemisCLI.root.appendingPathComponent("codebooks/musiq-ar.yaml").path)))
struct SampleValenceAgreementTests {
    @Test("--level 1 --gold gold: each domain's shared codings and share agreeing match a count from the two CSV files")
    func samples() throws {
        let folder = try ThemisCLI.scratchFolder()
        let segments = folder.appendingPathComponent("segments.jsonl"), codings = folder.appendingPathComponent("codings.csv")
        #expect(try ThemisCLI.run(["ingest", "samples", "--quiet", "-o", segments.path]).status == 0)
        #expect(try ThemisCLI.run(["code", "samples", "--quiet", "-o", codings.path]
                                  + GoldAgreementTests.codebooks.flatMap { ["--codebook", $0] }).status == 0)
        let run = try ThemisCLI.run(["agree", codings.path, "samples/gold/gold-codings.csv", "--units", segments.path, "--level", "1",
                                     "--gold", "gold"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])

        // The same by hand: participant units, each coder's valences per domain and segment rolled up.
        let participants = Set(try String(contentsOf: segments, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return record?["role"] as? String == "participant" ? record?["segment"] as? String : nil
        })
        func valences(_ text: String) -> [String: [String: Set<String>]] {
            var result = [String: [String: Set<String>]]()
            for row in GoldAgreementTests.csvRows(text).dropFirst() where row.count >= 5 && !row[4].isEmpty && participants.contains(row[1]) {
                result[GoldAgreementTests.group(row[2]), default: [:]][row[1], default: []].insert(row[4])
            }
            return result
        }
        let themis = valences(try String(contentsOf: codings, encoding: .utf8))
        let gold = valences(try String(contentsOf: ThemisCLI.root.appendingPathComponent("samples/gold/gold-codings.csv"), encoding: .utf8))
        var pooledUnits = 0, pooledAgreeing = 0
        for code in object["codes"] as? [[String: Any]] ?? [] {
            let id = code["code"] as? String ?? ""
            guard id.hasPrefix("musiq-ar/") else {
                #expect(code["valence_units"] == nil, "\(id)")
                continue
            }
            let mine = themis[id] ?? [:], theirs = gold[id] ?? [:]
            let shared = Set(mine.keys).intersection(theirs.keys)
            let agreeing = shared.filter { ValencePartitionTests.rolledUp(mine[$0]!) == ValencePartitionTests.rolledUp(theirs[$0]!) }.count
            #expect(code["valence_units"] as? Int == shared.count, "\(id)")
            #expect(ValenceAgreementCommandTests.close(code["valence_agreement"], Double(agreeing) / Double(shared.count)), "\(id)")
            #expect(code["valence_kappa"] is Double, "\(id)")
            pooledUnits += shared.count
            pooledAgreeing += agreeing
        }
        #expect(pooledUnits > 200)
        let pooled = try #require((object["overall"] as? [String: Any])?["pooled"] as? [String: Any])
        #expect(pooled["valence_units"] as? Int == pooledUnits)
        let goldPooled = try #require((object["gold"] as? [String: Any])?["pooled"] as? [[String: Any]])
        #expect(ValenceAgreementCommandTests.close(goldPooled.first?["valence_accuracy"], Double(pooledAgreeing) / Double(pooledUnits)))
    }
}
