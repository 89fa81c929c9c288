import Foundation
import Testing

/// `themis matrix --by valence` and `themis report` on Themis's coding of the
/// samples: a segment counts once per code with its rolled-up valence, so the
/// valence columns of a domain partition the domain's segments.
@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: ThemisCLI.root.appendingPathComponent("codebooks/musiq-ar.yaml").path)))
struct ValencePartitionTests {
    static let valences = ["enabler", "barrier", "mixed", "neutral"]

    /// `themis code samples` with the three shipped codebooks, written to a file.
    static func codings() throws -> (path: String, rows: [[String]]) {
        let out = try ThemisCLI.scratchFolder().appendingPathComponent("codings.csv")
        let run = try ThemisCLI.run(["code", "samples", "--quiet", "-o", out.path] + GoldAgreementTests.codebooks.flatMap { ["--codebook", $0] })
        #expect(run.status == 0, "\(run.stderr)")
        return (out.path, GoldAgreementTests.csvRows(try String(contentsOf: out, encoding: .utf8)))
    }

    /// The rule, written out again: any mixed, or enabler with barrier, is mixed; else
    /// enabler or barrier if present; else neutral.
    static func rolledUp(_ valences: Set<String>) -> String {
        if valences.contains("mixed") || valences.isSuperset(of: ["enabler", "barrier"]) { return "mixed" }
        return valences.contains("enabler") ? "enabler" : valences.contains("barrier") ? "barrier" : "neutral"
    }

    /// The matrix CSV as code -> counts (the four valence columns, then total).
    static func matrix(_ arguments: [String]) throws -> [String: [Int]] {
        let run = try ThemisCLI.run(["matrix"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first == "code,enabler,barrier,mixed,neutral,total")
        var result = [String: [Int]]()
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            result[String(fields[0])] = fields.dropFirst().compactMap { Int($0) }
        }
        return result
    }

    @Test("--level 1: each domain's four valence columns add up to its segments, as the rule computed here gives")
    func domains() throws {
        let (path, rows) = try Self.codings()
        var byDomain = [String: [String: Set<String>]]()
        for row in rows.dropFirst() where row.count >= 5 && row[2].hasPrefix("musiq-ar/") {
            let domain = row[2].split(separator: "/").prefix(2).joined(separator: "/")
            byDomain[domain, default: [:]][row[1], default: []].insert(row[4])
        }
        #expect(byDomain.count == 5)
        // Some segments carry factors of one domain with different valences, so counting
        // every factor's valence would give more than the domain's segments.
        let conflicting = byDomain.values.flatMap(\.values).filter { $0.count > 1 }.count
        #expect(conflicting >= 10, "\(conflicting)")

        let matrix = try Self.matrix([path, "--codebook", "codebooks/musiq-ar.yaml", "--level", "1", "--by", "valence"])
        #expect(matrix.count == 5)
        for (domain, segments) in byDomain {
            var expected = Self.valences.map { valence in segments.values.filter { Self.rolledUp($0) == valence }.count }
            expected.append(segments.count)
            #expect(matrix[domain] == expected, "\(domain)")
            let counts = try #require(matrix[domain])
            #expect(counts.dropLast().reduce(0, +) == counts.last, "\(domain)")
        }
    }

    @Test("without --level: leaf codes count their segments once, and parent rows partition too")
    func leaves() throws {
        let (path, rows) = try Self.codings()
        var byCode = [String: [String: Set<String>]]()
        for row in rows.dropFirst() where row.count >= 5 && row[2].hasPrefix("musiq-ar/") {
            byCode[row[2], default: [:]][row[1], default: []].insert(row[4])
        }
        let matrix = try Self.matrix([path, "--codebook", "codebooks/musiq-ar.yaml", "--by", "valence"])
        #expect(matrix.count > 30)
        for (code, counts) in matrix {
            #expect(counts.dropLast().reduce(0, +) == counts.last, "\(code)")
        }
        for (code, segments) in byCode {
            let expected = Self.valences.map { valence in segments.values.filter { Self.rolledUp($0) == valence }.count } + [segments.count]
            #expect(matrix[code] == expected, "\(code)")
        }
    }

    @Test("report: the domains-by-valence table's counts add up to each domain's total and its shares to 100%")
    func report() throws {
        let out = try ThemisCLI.scratchFolder().appendingPathComponent("report.html")
        let run = try ThemisCLI.run(["report", "samples", "-o", out.path, "--quiet"] + GoldAgreementTests.codebooks.flatMap { ["--codebook", $0] })
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        let start = try #require(html.range(of: "<caption>MUSIQ-AR domains by enabler and barrier"))
        let rest = html[start.upperBound...]
        let end = try #require(rest.range(of: "</table>"))
        let body = rest[..<end.lowerBound]
        #expect(body.contains("<th scope=\"col\">enabler</th><th scope=\"col\">barrier</th><th scope=\"col\">mixed</th><th scope=\"col\">neutral</th><th scope=\"col\">total</th>"))
        let cell = try NSRegularExpression(pattern: ">([0-9]+) \\(([0-9.]+)%\\)</td>")
        var domains = 0
        for row in body.components(separatedBy: "</tr>") where row.contains("scope=\"row\"") {
            let matches = cell.matches(in: row, range: NSRange(row.startIndex..., in: row)).map { match in
                (Int(row[Range(match.range(at: 1), in: row)!])!, Double(row[Range(match.range(at: 2), in: row)!])!)
            }
            #expect(matches.count == 5, "\(row)")
            guard matches.count == 5 else { continue }
            domains += 1
            let parts = matches.dropLast(), total = matches.last!
            #expect(parts.map(\.0).reduce(0, +) == total.0, "\(row)")
            #expect(total.1 == 100)
            // Each share is rounded to 0.1, so four of them add up to within 0.2 of 100.
            #expect(abs(parts.map(\.1).reduce(0, +) - 100) <= 0.2 + 1e-9, "\(row)")
        }
        #expect(domains == 5)
    }

    @Test("report: each top quote stands under its segment's rolled-up valence for the domain")
    func quotes() throws {
        let (_, rows) = try Self.codings()
        var byDomain = [String: [String: Set<String>]]()
        for row in rows.dropFirst() where row.count >= 5 && row[2].hasPrefix("musiq-ar/") {
            let domain = row[2].split(separator: "/").prefix(2).joined(separator: "/")
            byDomain[domain, default: [:]][row[1], default: []].insert(row[4])
        }
        let out = try ThemisCLI.scratchFolder().appendingPathComponent("report.html")
        let run = try ThemisCLI.run(["report", "samples", "-o", out.path, "--quiet", "--quotes", "5"]
                                    + GoldAgreementTests.codebooks.flatMap { ["--codebook", $0] })
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        let start = try #require(html.range(of: "<h2>Top quotes per MUSIQ-AR domain</h2>"))
        let end = try #require(html[start.upperBound...].range(of: "</section>"))
        let section = String(html[start.upperBound..<end.lowerBound])
        let quote = try NSRegularExpression(pattern: "<code>(musiq-ar/[a-z-]+)</code></h3>|\\(([^,()]+#[0-9]+)[^()]*\\), <strong>([a-z]+)</strong>")
        var domain = "", quoted = 0
        for match in quote.matches(in: section, range: NSRange(section.startIndex..., in: section)) {
            func group(_ k: Int) -> String? { Range(match.range(at: k), in: section).map { String(section[$0]) } }
            if let code = group(1) { domain = code; continue }
            let segment = try #require(group(2)), valence = try #require(group(3))
            let valences = try #require(byDomain[domain]?[segment], "\(domain) \(segment)")
            #expect(Self.rolledUp(valences) == valence, "\(domain) \(segment): \(valences.sorted()) quoted as \(valence)")
            quoted += 1
        }
        #expect(quoted >= 30, "\(quoted)")
    }
}
