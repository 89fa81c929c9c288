import Foundation
import Testing

/// `themis train` on the samples' gold: the cross-validated table, the model file,
/// determinism, codes left to the rules, and bad inputs.
@Suite(.serialized)
struct TrainCommandTests {
    static let codebooks = ["--codebook", "codebooks/musiq-ar.yaml", "--codebook", "codebooks/rho-anti-racism-principles.yaml"]

    /// The samples' segments and their gold codings of the two measured codebooks, in `folder`.
    static func inputs(in folder: URL) throws -> (units: String, gold: String) {
        let units = folder.appendingPathComponent("segments.jsonl").path
        let ingest = try ThemisCLI.run(["ingest", "samples", "-o", units, "--quiet"])
        #expect(ingest.status == 0)
        let gold = try String(contentsOf: ThemisCLI.samples.appendingPathComponent("gold/gold-codings.csv"), encoding: .utf8)
        let lines = gold.split(separator: "\n").filter { !$0.contains(",lan/") }
        let goldPath = folder.appendingPathComponent("gold.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: goldPath, atomically: true, encoding: .utf8)
        return (units, goldPath)
    }

    @Test("train prints each code's cross-validated figures beside the rules' and writes the model, the same bytes every time")
    func trainsOnTheSamples() throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (units, gold) = try Self.inputs(in: folder)
        let model = folder.appendingPathComponent("model.json").path
        let run = try ThemisCLI.run(["train", gold, "--units", units] + Self.codebooks + ["--level", "1", "-o", model])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("| musiq-ar/") || $0.hasPrefix("| rho/") }
        #expect(rows.filter { $0.split(separator: "|").count == 11 }.count == 12)
        #expect(rows.filter { $0.split(separator: "|").count == 4 }.count == 5)
        #expect(run.stdout.contains("220 units, coder gold"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        #expect(json["format"] as? String == "themis-model")
        #expect(json["units"] as? Int == 220)
        let features = try #require(json["features"] as? [String])
        #expect(features == features.sorted())
        #expect(features.contains("rule:musiq-ar/infrastructure"))
        #expect(features.contains { $0.hasPrefix("q:") } && features.contains { $0.hasPrefix("b:") })
        let codes = try #require(json["codes"] as? [[String: Any]])
        #expect(codes.count == 12)
        let naming = try #require(codes.first { $0["code"] as? String == "rho/naming-racism" })
        #expect(naming["positives"] as? Int == 38)
        // Valenced codes learn their valence from the coder's; the principles have none.
        #expect(naming["valence"] == nil)
        let infrastructure = try #require(codes.first { $0["code"] as? String == "musiq-ar/infrastructure" })
        let valence = try #require(infrastructure["valence"] as? [String: Any])
        #expect((valence["units"] as? Int ?? 0) >= 70)
        #expect((valence["cross_validated_agreement"] as? Double).map { $0 > 0 && $0 <= 1 } == true)
        #expect(run.stdout.contains("| musiq-ar/infrastructure | "))
        #expect(run.stdout.contains("valence agreement"))
        let cv = try #require(naming["cross_validated"] as? [String: Any])
        let counts = ["true_positives", "false_positives", "false_negatives", "true_negatives"].compactMap { cv[$0] as? Int }
        #expect(counts.reduce(0, +) == 220)
        // What the cross-validation found is recorded with the inputs' digests and the codebooks' versions.
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.count == 2 && inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let books = try #require(json["codebooks"] as? [[String: Any]])
        #expect(books.compactMap { $0["id"] as? String } == ["musiq-ar", "rho"])

        let again = folder.appendingPathComponent("again.json").path
        #expect(try ThemisCLI.run(["train", gold, "--units", units] + Self.codebooks + ["--level", "1", "-o", again]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == Data(contentsOf: URL(fileURLWithPath: again)))
    }

    @Test("the cross-validated figures are what agree --gold gives on the cross-validated decisions")
    func figuresMatchAgree() throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (units, gold) = try Self.inputs(in: folder)
        let model = folder.appendingPathComponent("model.json").path, decisions = folder.appendingPathComponent("cv.csv").path
        let run = try ThemisCLI.run(["train", gold, "--units", units] + Self.codebooks
                                    + ["--level", "1", "--cross-validated", decisions, "-o", model])
        #expect(run.status == 0, "\(run.stderr)")
        let agreement = folder.appendingPathComponent("agree.json").path
        let agree = try ThemisCLI.run(["agree", decisions, gold, "--units", units, "--level", "1", "--gold", "gold",
                                       "--coders", "cross-validated,gold", "--format", "json", "-o", agreement, "--quiet"])
        #expect(agree.status == 0, "\(agree.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: agreement))) as? [String: Any])
        let rows = try #require(report["codes"] as? [[String: Any]])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        var compared = 0
        for code in try #require(json["codes"] as? [[String: Any]]) {
            guard let cv = code["cross_validated"] as? [String: Any], let kappa = cv["kappa"] as? Double else { continue }
            let row = try #require(rows.first { $0["code"] as? String == code["code"] as? String })
            let agreed = try #require(row["cohen_kappa"] as? Double)
            #expect(abs(agreed - kappa) < 1e-9, "\(code["code"]!): agree \(agreed), train \(kappa)")
            compared += 1
        }
        #expect(compared == 12)
    }

    @Test("units without text are refused; codings of codes learned only through their children are named, not dropped silently")
    func unitsAndParents() throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (units, gold) = try Self.inputs(in: folder)
        let bare = folder.appendingPathComponent("bare.csv")
        try "segment,role\ninterviews/int01-qi-lead-site-a#2,participant\n".write(to: bare, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("model.json").path
        let refused = try ThemisCLI.run(["train", gold, "--units", bare.path] + Self.codebooks + ["-o", model])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the segments have no text"), "\(refused.stderr)")
        let parents = folder.appendingPathComponent("parents.csv")
        try "segment,code,coder\ninterviews/int01-qi-lead-site-a#2,musiq-ar/infrastructure,ann\ninterviews/int01-qi-lead-site-a#2,rho/naming-racism,ann\n"
            .write(to: parents, atomically: true, encoding: .utf8)
        let run = try ThemisCLI.run(["train", parents.path, "--units", units] + Self.codebooks + ["-o", model])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 coding of musiq-ar/infrastructure not learned"))
        #expect(run.stderr.contains("rho/naming-racism: 1 positive unit, fewer than 8: left to the rules"))
    }

    @Test("a code with too few positive units is left to the rules, with a line saying so")
    func leftToTheRules() throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (units, gold) = try Self.inputs(in: folder)
        let model = folder.appendingPathComponent("model.json").path
        let run = try ThemisCLI.run(["train", gold, "--units", units] + Self.codebooks + ["--level", "1", "--minimum-positives", "30", "-o", model])
        #expect(run.status == 0)
        #expect(run.stderr.contains("rho/leadership-accountability: 19 positive units, fewer than 30: left to the rules"))
        #expect(run.stdout.contains("| rho/leadership-accountability | 19 | rules |"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        let codes = try #require(json["codes"] as? [[String: Any]])
        let left = try #require(codes.first { $0["code"] as? String == "rho/leadership-accountability" })
        #expect(left["left_to_rules"] as? Bool == true && left["weights"] == nil)
    }

    @Test("unknown codes, unknown segments and an unnamed coder among several stop with exit 2 and write nothing", arguments: [
        ("unknown", "document,segment,code,coder\nd,int01-qi-lead-site-a#2,nope/x,ann\n", "gold.csv:2: unknown code 'nope/x'"),
        ("segment", "document,segment,code,coder\nd,nowhere#2,rho/naming-racism,ann\n", "unknown segment 'nowhere#2'"),
        ("coders", "document,segment,code,coder\nd,interviews/int01-qi-lead-site-a#2,rho/naming-racism,ann\nd,interviews/int01-qi-lead-site-a#2,rho/naming-racism,ben\n",
         "several coders (ann, ben)"),
    ])
    func badInputs(name: String, codings: String, message: String) throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let units = folder.appendingPathComponent("segments.jsonl").path
        #expect(try ThemisCLI.run(["ingest", "samples", "-o", units, "--quiet"]).status == 0)
        let gold = folder.appendingPathComponent("gold.csv")
        try codings.write(to: gold, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("model.json")
        let run = try ThemisCLI.run(["train", gold.path, "--units", units] + Self.codebooks + ["-o", model.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model.path))
    }
}
