import Foundation
import Testing

/// `themis code --model`: codings at the model's level with their probability,
/// the same bytes on any number of jobs, and models that do not fit refused.
@Suite(.serialized)
struct ModelCodingCommandTests {
    /// A model trained on the samples' gold with `options`, in `folder`.
    static func trainedModel(in folder: URL, _ options: [String] = []) throws -> String {
        let (units, gold) = try TrainCommandTests.inputs(in: folder)
        let model = folder.appendingPathComponent("model.json").path
        let run = try ThemisCLI.run(["train", gold, "--units", units] + TrainCommandTests.codebooks + ["--level", "1"] + options + ["-o", model])
        #expect(run.status == 0, "\(run.stderr)")
        return model
    }

    @Test("codings at the model's level carry a score at or above their code's threshold, the same bytes on one job or two")
    func codesWithTheModel() throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Self.trainedModel(in: folder, ["--minimum-positives", "30"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        let codes = try #require(json["codes"] as? [[String: Any]])
        var thresholds = [String: Double](), leftToRules = Set<String>()
        for code in codes {
            let id = try #require(code["code"] as? String)
            if code["left_to_rules"] as? Bool == true { leftToRules.insert(id) } else { thresholds[id] = code["threshold"] as? Double }
        }
        #expect(!leftToRules.isEmpty && !thresholds.isEmpty)

        let one = try ThemisCLI.run(["code", "samples"] + TrainCommandTests.codebooks + ["--model", model, "--jobs", "1", "--quiet"])
        #expect(one.status == 0, "\(one.stderr)")
        let lines = one.stdout.split(separator: "\n")
        #expect(lines.first == "document,segment,code,coder,valence,speaker,matched,score")
        var scored = 0, ruled = 0
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let code = String(fields[2]), score = String(fields[fields.count - 1])
            #expect(code.split(separator: "/").count == 2, "\(code) is not at level 1")
            if let threshold = thresholds[code] {
                let value = try #require(Double(score))
                #expect(value >= threshold - 1e-6 && value <= 1)
                #expect(score.split(separator: ".").last?.count == 6)
                scored += 1
            } else {
                #expect(leftToRules.contains(code) && score.isEmpty)
                ruled += 1
            }
        }
        #expect(scored > 100 && ruled > 10)
        let two = try ThemisCLI.run(["code", "samples"] + TrainCommandTests.codebooks + ["--model", model, "--jobs", "2", "--quiet"])
        #expect(two.stdoutBytes == one.stdoutBytes)
        // --explain gives each learned coding's probability and strongest features, and names codes left to the rules.
        let explained = try ThemisCLI.run(["code", "samples"] + TrainCommandTests.codebooks + ["--model", model, "--explain", "--quiet"])
        #expect(explained.stdoutBytes == one.stdoutBytes)
        #expect(explained.stderr.contains("    model: probability 0."))
        #expect(explained.stderr.contains("    feature rule:"))
        #expect(explained.stderr.contains("    left to the rules ("))
        // Readers of codings take the score column as a column they do not know.
        let codings = folder.appendingPathComponent("codings.csv")
        try one.stdoutBytes.write(to: codings)
        #expect(try ThemisCLI.run(["matrix", codings.path, "--level", "1"]).status == 0)
        // The report codes with the model too, and says so.
        let report = folder.appendingPathComponent("report.html")
        let reported = try ThemisCLI.run(["report", "samples"] + TrainCommandTests.codebooks + ["--model", model, "-o", report.path, "--quiet"])
        #expect(reported.status == 0, "\(reported.stderr)")
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("codes learned from human coding, the rules as features"))
        #expect(html.contains("MUSIQ-AR domains by enabler and barrier"))
    }

    @Test("a model of other codebook versions, a cut model file and another context are refused with exit 2", arguments: [
        ("version", "the model was trained with musiq-ar 0.0.1"),
        ("cut", "not a Themis model file"),
        ("context", "the model was trained with --context question"),
        ("duplicate", "the model names a feature twice"),
        ("level", "the model's level -2 is not a depth of 1 or more"),
        ("weight", "has a weight or threshold out of range"),
    ])
    func refusesModels(kind: String, message: String) throws {
        let folder = try ThemisCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Self.trainedModel(in: folder)
        var text = try String(contentsOfFile: model, encoding: .utf8)
        var options = [String]()
        switch kind {
        case "version":
            text = text.replacingOccurrences(of: #""path":"codebooks/musiq-ar.yaml","version":"1.3.0""#,
                                             with: #""path":"codebooks/musiq-ar.yaml","version":"0.0.1""#)
        case "cut":
            text = String(text.prefix(text.count / 2))
        case "duplicate":
            text = text.replacingOccurrences(of: #""features":["#, with: #""features":["w:zzz","w:zzz","#)
        case "level":
            text = text.replacingOccurrences(of: #""level":1"#, with: #""level":-2"#)
        case "weight":
            text = text.replacingOccurrences(of: #""bias":"#, with: #""bias":1e300,"was":"#)
        default:
            options = ["--context", "none"]
        }
        try text.write(toFile: model, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.csv").path
        let run = try ThemisCLI.run(["code", "samples"] + TrainCommandTests.codebooks + ["--model", model, "-o", output] + options)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
