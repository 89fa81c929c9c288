import Foundation
import Testing

/// `themis agree`: every statistic that is null (per code, per pair, per document,
/// pooled, mean, against gold) has its reason in `notes`, and Markdown shows no NaN.
@Suite(.serialized)
struct AgreementNotesTests {
    static let statisticKeys: Set<String> = [
        "percent_agreement", "cohen_kappa", "scott_pi", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger",
        "precision", "recall", "f1",
    ]

    /// For each null statistic of `object`, a test its note must pass.
    static func nulls(_ object: [String: Any]) -> [(what: String, noted: (String) -> Bool)] {
        var found = [(String, (String) -> Bool)]()
        func add(_ stats: [String: Any], _ prefix: @escaping (String) -> String, document: String? = nil) {
            for (key, value) in stats where value is NSNull && statisticKeys.contains(key) {
                let start = prefix(key)
                found.append(("\(start) \(document ?? "")", { note in
                    guard let document else { return note.hasPrefix(start + ": ") }
                    guard note.hasPrefix(start + " in ") else { return false }
                    let list = note.dropFirst(start.count + 4)
                    guard let end = list.range(of: ": ") else { return false }
                    return list[..<end.lowerBound].components(separatedBy: ", ").contains(document)
                }))
            }
        }
        let gold = (object["gold"] as? [String: Any])?["coder"] as? String ?? ""
        for code in object["codes"] as? [[String: Any]] ?? [] {
            let name = code["code"] as? String ?? ""
            add(code) { "\(name): \($0) undefined" }
            for pair in code["pairs"] as? [[String: Any]] ?? [] {
                let coders = pair["coders"] as? [String] ?? []
                add(pair) { "\(name): \($0) of \(coders.joined(separator: " and ")) undefined" }
            }
            for document in code["documents"] as? [[String: Any]] ?? [] {
                add(document, { "\(name): \($0) undefined" }, document: document["document"] as? String ?? "")
            }
        }
        let overall = object["overall"] as? [String: [String: Any]] ?? [:]
        add(overall["pooled"] ?? [:]) { "overall (pooled): \($0) undefined" }
        add(overall["mean"] ?? [:]) { "overall (mean): \($0) undefined" }
        for row in (object["gold"] as? [String: Any])?["codes"] as? [[String: Any]] ?? [] {
            let code = row["code"] as? String ?? "", coder = row["coder"] as? String ?? ""
            add(row) { "\(code): \($0) of \(coder) against \(gold) undefined" }
        }
        return found
    }

    static func write(_ files: [String: String]) throws -> URL {
        let folder = try ThemisCLI.scratchFolder()
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test("identical codings and a code nobody used: each null has a note naming its scope and key", arguments: [
        ["ann.csv": "segment,code\nd#1,c/x\nd#2,c/x\n", "ben.csv": "segment,code\nd#1,c/x\nd#2,c/x\n"],
        ["ann.csv": "segment,code\nd#1,c/x\ne#1,c/y\n", "ben.csv": "segment,code\nd#1,c/x\n", "cy.csv": "segment,code\nd#1,c/x\n"],
        ["ann.csv": "segment,code\nd#1,c/x\ne#1,c/x\n", "ben.csv": "segment,code\nd#1,c/x\n"],
    ])
    func everyNullHasANote(files: [String: String]) throws {
        let folder = try Self.write(files)
        let coders = files.keys.sorted()
        for gold in [[], ["--gold", "ann"]] {
            let run = try ThemisCLI.run(["agree"] + coders + gold, in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let notes = object["notes"] as? [String] ?? []
            let nulls = Self.nulls(object)
            #expect(!nulls.isEmpty)
            for (what, noted) in nulls {
                #expect(notes.contains(where: noted), "\(what): null without a note:\n\(notes.joined(separator: "\n"))")
            }
            let md = try ThemisCLI.run(["agree"] + coders + gold + ["--format", "md"], in: folder)
            #expect(md.status == 0)
            #expect(md.stdout.range(of: "\\b(nan|inf|infinity)\\b", options: [.regularExpression, .caseInsensitive]) == nil)
        }
    }
}
