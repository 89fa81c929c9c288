import Foundation
import Testing
import ThemisAgreement

/// Themis's coding of the samples with the shipped codebooks against the gold
/// coding in samples/gold, per MUSIQ-AR domain and per anti-racism principle.
/// Run `swift test --filter GoldAgreementTests` to see the table.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: ThemisCLI.root.appendingPathComponent("codebooks/musiq-ar.yaml").path)))
struct GoldAgreementTests {
    static let codebooks = ["codebooks/musiq-ar.yaml", "codebooks/rho-anti-racism-principles.yaml", "codebooks/lan-programme.yaml"]

    /// The code rolled up to its domain or principle: the codebook id and the first code.
    static func group(_ code: String) -> String {
        code.split(separator: "/").prefix(2).joined(separator: "/")
    }

    /// Reads RFC 4180 CSV rows.
    static func csvRows(_ text: String) -> [[String]] {
        var rows = [[String]](), row = [String](), field = ""
        var quoted = false
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { row.append(field); field = "" } else if next == "\n" { row.append(field); rows.append(row); row = []; field = "" } else { field.append(next) }
                        }
                    } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" { quoted = true
            } else if character == "," { row.append(field); field = ""
            } else if character == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(character) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Cohen's kappa for presence/absence over `units`.
    static func kappa(_ a: Set<String>, _ b: Set<String>, units: [String]) -> Double? {
        AgreementCoefficients.cohenKappa(units.map { a.contains($0) ? "1" : "0" }, units.map { b.contains($0) ? "1" : "0" }).value
    }

    @Test("kappa of at least 0.6 for every MUSIQ-AR domain and every principle")
    func agreement() throws {
        let segments = try ThemisCLI.run(["ingest", "samples", "--quiet"])
        let units = try segments.stdout.split(separator: "\n").compactMap { line -> String? in
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard record["role"] as? String == "participant", record["speaker"] is String else { return nil }
            return record["segment"] as? String
        }
        let code = try ThemisCLI.run(["code", "samples", "--quiet"] + Self.codebooks.flatMap { ["--codebook", $0] })
        #expect(code.status == 0, "\(code.stderr)")
        let gold = try String(contentsOf: ThemisCLI.root.appendingPathComponent("samples/gold/gold-codings.csv"), encoding: .utf8)
        var themis = [String: Set<String>](), reference = [String: Set<String>]()
        for row in Self.csvRows(code.stdout).dropFirst() where row.count >= 3 { themis[Self.group(row[2]), default: []].insert(row[1]) }
        for row in Self.csvRows(gold).dropFirst() where row.count >= 3 { reference[Self.group(row[2]), default: []].insert(row[1]) }

        let groups = reference.keys.filter { $0.hasPrefix("musiq-ar/") || $0.hasPrefix("rho/") }.sorted()
        #expect(groups.count == 12)
        var table = "group\tgold\tthemis\tkappa\n"
        for group in groups {
            let k = Self.kappa(themis[group] ?? [], reference[group] ?? [], units: units)
            table += "\(group)\t\(reference[group]?.count ?? 0)\t\(themis[group]?.count ?? 0)\t"
                + (k.map { String(format: "%.3f", $0) } ?? "undefined") + "\n"
            #expect((k ?? 0) >= 0.6, "\(group): kappa \(k.map { String(format: "%.3f", $0) } ?? "undefined")")
        }
        print("Agreement with samples/gold over \(units.count) participant turns:\n" + table)
    }
}
