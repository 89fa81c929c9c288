import Foundation
import Testing

/// `themis agree --table` on hostile tables: values that are not finite numbers,
/// extreme magnitudes, and rows wider than the header.
@Suite(.serialized)
struct ReliabilityTableInputTests {
    static func table(_ text: String) throws -> URL {
        let folder = try ThemisCLI.scratchFolder()
        try text.write(to: folder.appendingPathComponent("ratings.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    static func object(_ run: ThemisCLI.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("a value that is not a finite number is refused with file:line under interval alpha, in every format",
          arguments: ["inf", "-inf", "nan", "1e400", "-Infinity"])
    func nonFinite(value: String) throws {
        let folder = try Self.table("unit,a,b\nu1,1,2\nu2,3,\(value)\nu3,2,2\n")
        for measure in ["interval", "ratio", "ordinal"] {
            for format in ["json", "md"] {
                let run = try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", measure, "--format", format], in: folder)
                #expect(run.status == 2, "\(measure) \(format): \(run.stderr)")
                #expect(run.stderr.contains("ratings.csv:3: '\(value)' is not a finite number"), "\(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
        }
    }

    @Test("nominal categories are labels: 'inf' and 'nan' are categories like any other")
    func nominalLabels() throws {
        let folder = try Self.table("unit,a,b\nu1,inf,inf\nu2,nan,inf\nu3,nan,nan\n")
        let run = try ThemisCLI.run(["agree", "--table", "ratings.csv"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.object(run)["krippendorff_alpha"] is Double)
    }

    @Test("values near the largest double: alpha is computed, and Markdown formats it without a trap")
    func extremeMagnitudes() throws {
        // Differences of 2e308 overflow a double unless alpha is computed on scaled values.
        let folder = try Self.table("unit,a,b\nu1,1e308,1e308\nu2,-1e308,-1e308\nu3,1e308,-1e308\nu4,5,5\n")
        let small = try Self.table("unit,a,b\nu1,1,1\nu2,-1,-1\nu3,1,-1\nu4,0,0\n")
        let expected = try Self.object(try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", "interval"], in: small))
        let json = try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", "interval"], in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let alpha = try #require(try Self.object(json)["krippendorff_alpha"] as? Double)
        // 5 against ±1e308 is ±0 against ±1, up to rounding.
        #expect(abs(alpha - (expected["krippendorff_alpha"] as? Double ?? 99)) < 1e-12)
        let md = try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", "interval", "--format", "md"], in: folder)
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("| krippendorff_alpha | "))
        for measure in ["ratio", "ordinal"] {
            let run = try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", measure, "--format", "md"], in: folder)
            #expect(run.status == 0, "\(measure): \(run.stderr)")
        }
    }

    @Test("values too small to square: alpha still sees their differences")
    func tinyMagnitudes() throws {
        let folder = try Self.table("unit,a,b\nu1,1e-300,1e-300\nu2,-1e-300,-1e-300\nu3,1e-300,-1e-300\nu4,0,0\n")
        let small = try Self.table("unit,a,b\nu1,1,1\nu2,-1,-1\nu3,1,-1\nu4,0,0\n")
        let expected = try Self.object(try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", "interval"], in: small))
        let run = try Self.object(try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", "interval"], in: folder))
        // ±1e-300 against 0 is ±1 against 0, up to rounding.
        let alpha = try #require(run["krippendorff_alpha"] as? Double)
        #expect(abs(alpha - (expected["krippendorff_alpha"] as? Double ?? 99)) < 1e-12)
    }

    @Test("every null statistic has its reason in notes, in JSON and Markdown",
          arguments: ["unit,a,b\nu1,1,1\nu2,1,1\n", "unit,a,b\nu1,1,\nu2,,2\n", "unit,a,b\nu1,1,2\n", "unit,a,b,c\nu1,3,3,\n"])
    func nullsHaveReasons(table: String) throws {
        let folder = try Self.table(table)
        for measure in ["nominal", "interval"] {
            let run = try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", measure], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            let object = try Self.object(run)
            let notes = object["notes"] as? [String] ?? []
            for (key, value) in object where value is NSNull {
                #expect(notes.contains { $0.hasPrefix("\(key): ") }, "\(measure): \(key) is null without a note: \(run.stdout)")
            }
            let md = try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", measure, "--format", "md"], in: folder)
            #expect(md.status == 0)
            for line in md.stdout.split(separator: "\n") where line.hasSuffix("| n/a |") {
                let key = line.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
                #expect(md.stdout.contains("- \(key): "), "\(key) is n/a without a note")
            }
            #expect(md.stdout.range(of: "\\b(nan|inf|infinity)\\b", options: [.regularExpression, .caseInsensitive]) == nil)
        }
    }

    @Test("a row with more cells than the header is refused with file:line", arguments: [
        "unit,a,b\nu1,1,2\nu2,1,2,3\n", "unit,a,b\nu1,1,2\n\"u2\",1,2,3\n",
    ])
    func widerRow(table: String) throws {
        let folder = try Self.table(table)
        let run = try ThemisCLI.run(["agree", "--table", "ratings.csv"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("ratings.csv:3: 4 cells, but the header has 3 columns"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("empty cells after the last coder column are not values, and are accepted")
    func trailingEmptyCells() throws {
        let folder = try Self.table("unit,a,b\nu1,1,2,\nu2,1,1, \n")
        let run = try ThemisCLI.run(["agree", "--table", "ratings.csv"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.object(run)["units"] as? Int == 2)
    }

    @Test("a spreadsheet's text mark is dropped from units and values, in plain and quoted rows alike")
    func textMarks() throws {
        let folder = try Self.table("unit,a,b\n'=u1,'-1,-1\n\"'=u2\",'=x,=x\n'=u1,1,1\n")
        let run = try ThemisCLI.run(["agree", "--table", "ratings.csv"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("ratings.csv:4: unit '=u1' appears twice (first at line 2)"), "\(run.stderr)")
        try "unit,a,b\n'=u1,'-1,-1\n\"'=u2\",'=x,=x\n".write(to: folder.appendingPathComponent("ratings.csv"), atomically: true,
                                                               encoding: .utf8)
        let ok = try ThemisCLI.run(["agree", "--table", "ratings.csv"], in: folder)
        #expect(try Self.object(ok)["percent_agreement"] as? Double == 1)
    }
}
