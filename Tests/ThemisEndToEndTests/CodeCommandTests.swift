import Foundation
import Testing

/// `themis code` and `themis codebook` run as a user runs them.
@Suite(.serialized)
struct CodeCommandTests {
    static let codebook = """
        id: demo
        name: Demo
        version: 2.1.0
        valence:
          window: 8
          barrier: ["lack of", "struggl*", "no backfill"]
          enabler: ["helped", "buy-in", "support*"]
        codes:
          - id: data
            name: Data
            codes:
              - id: ethnicity-data
                name: Ethnicity data
                terms: ["ethnicity data", "disaggregat*"]
                near:
                  - {a: ["data", "dashboard*", "recorded", "recording"], b: ["ethnic*"], within: 5}
          - id: leadership
            name: Leadership
            codes:
              - id: board
                name: Board
                near:
                  - {a: ["board", "senior", "executive*"], b: ["support*", "buy-in", "backing", "sponsor*"], within: 6}
        """

    static func writeCodebook(in folder: URL, _ text: String = codebook) throws -> String {
        let path = folder.appendingPathComponent("demo.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("coding the samples: the spec's columns, participant segments only, themis as coder")
    func codeSamples() throws {
        let folder = try ThemisCLI.scratchFolder()
        let book = try Self.writeCodebook(in: folder)
        let run = try ThemisCLI.run(["code", "samples", "--codebook", book, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first == "document,segment,code,coder,valence,speaker,matched")
        #expect(lines.count > 10)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[3] == "themis")
            #expect(["enabler", "barrier", "mixed", "neutral"].contains(String(fields[4])))
            #expect(fields[5] != "Interviewer" && fields[5] != "Facilitator")
            #expect(fields[2].hasPrefix("demo/data/") || fields[2].hasPrefix("demo/leadership/"))
        }
        let everyone = try ThemisCLI.run(["code", "samples", "--codebook", book, "--quiet", "--all-speakers"])
        #expect(everyone.stdout.split(separator: "\n").count >= lines.count)
    }

    @Test("one job or two, the same bytes; --explain leaves the data unchanged")
    func deterministic() throws {
        let folder = try ThemisCLI.scratchFolder()
        let book = try Self.writeCodebook(in: folder)
        let one = try ThemisCLI.run(["code", "samples", "--codebook", book, "--jobs", "1", "--quiet", "--format", "jsonl"])
        let two = try ThemisCLI.run(["code", "samples", "--codebook", book, "--jobs", "2", "--quiet", "--format", "jsonl"])
        let explained = try ThemisCLI.run(["code", "samples", "--codebook", book, "--quiet", "--format", "jsonl", "--explain"])
        #expect(one.stdoutBytes == two.stdoutBytes)
        #expect(one.stdoutBytes == explained.stdoutBytes)
        #expect(explained.stderr.contains("near \""))
        #expect(explained.stderr.contains("valence: "))
        for line in one.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["document", "segment", "code", "coder", "valence", "speaker", "matched"])
        }
    }

    @Test("-o writes the codings and a manifest with the codebook's and inputs' SHA-256")
    func manifest() throws {
        let folder = try ThemisCLI.scratchFolder()
        let book = try Self.writeCodebook(in: folder)
        let out = folder.appendingPathComponent("codings.csv")
        let run = try ThemisCLI.run(["code", "samples", "--codebook", book, "-o", out.path, "--quiet"])
        #expect(run.status == 0)
        let manifestURL = folder.appendingPathComponent("codings.manifest.json")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        let books = try #require(manifest["codebooks"] as? [[String: Any]])
        #expect(books.first?["id"] as? String == "demo")
        #expect(books.first?["version"] as? String == "2.1.0")
        let digest = try #require(books.first?["sha256"] as? String)
        #expect(digest.count == 64)
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.count == 12)
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 && $0["status"] as? String == "coded" })
        let counts = try #require(manifest["counts"] as? [String: Int])
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").count - 1
        #expect(counts["codings"] == rows)
        #expect(counts["documents"] == 12)
        let first = try Data(contentsOf: manifestURL)
        let again = try ThemisCLI.run(["code", "samples", "--codebook", book, "-o", out.path, "--quiet", "--jobs", "1"])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: manifestURL) == first)
    }

    @Test("a broken codebook stops the run with file:line:column and exit 2, writing nothing")
    func brokenCodebook() throws {
        let folder = try ThemisCLI.scratchFolder()
        let book = try Self.writeCodebook(in: folder, Self.codebook.replacingOccurrences(of: "within: 5", with: "within: five"))
        let out = folder.appendingPathComponent("codings.csv")
        let run = try ThemisCLI.run(["code", "samples", "--codebook", book, "-o", out.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("demo.yaml:16:90:"))
        #expect(run.stderr.contains("'within' must be a whole number"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let check = try ThemisCLI.run(["codebook", "check", book])
        #expect(check.status == 2)
        #expect(check.stderr.contains("demo.yaml:16:90:"))
    }

    @Test("codebook check and show: tree, Markdown, and YAML that checks and shows the same again")
    func checkAndShow() throws {
        let folder = try ThemisCLI.scratchFolder()
        let book = try Self.writeCodebook(in: folder)
        let check = try ThemisCLI.run(["codebook", "check", book])
        #expect(check.status == 0)
        #expect(check.stdout.contains("ok: demo 2.1.0, 4 codes, 2 with rules"))
        let tree = try ThemisCLI.run(["codebook", "show", book])
        #expect(tree.stdout.contains("    ethnicity-data  Ethnicity data"))
        let markdown = try ThemisCLI.run(["codebook", "show", book, "--format", "md"])
        #expect(markdown.stdout.contains("`demo/leadership/board`"))
        let yaml = try ThemisCLI.run(["codebook", "show", book, "--format", "yaml"])
        let copy = folder.appendingPathComponent("copy.yaml")
        try yaml.stdout.write(to: copy, atomically: true, encoding: .utf8)
        #expect(try ThemisCLI.run(["codebook", "check", copy.path]).status == 0)
        #expect(try ThemisCLI.run(["codebook", "show", copy.path]).stdout == tree.stdout)
        let original = try ThemisCLI.run(["code", "samples", "--codebook", book, "--quiet"])
        let converted = try ThemisCLI.run(["code", "samples", "--codebook", copy.path, "--quiet"])
        #expect(original.stdoutBytes == converted.stdoutBytes)
    }
}

/// The shipped codebooks.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: ThemisCLI.root.appendingPathComponent("codebooks/musiq-ar.yaml").path)))
struct ShippedCodebookTests {
    static let files = ["codebooks/musiq-ar.yaml", "codebooks/rho-anti-racism-principles.yaml", "codebooks/lan-programme.yaml"]

    @Test("every shipped codebook checks clean")
    func check() throws {
        let run = try ThemisCLI.run(["codebook", "check"] + Self.files)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 3)
        #expect(!run.stdout.contains("warning"))
    }

    @Test("MUSIQ-AR has the five domains; principles 4 to 7 are marked provisional")
    func structure() throws {
        let musiq = try ThemisCLI.run(["codebook", "show", "codebooks/musiq-ar.yaml"]).stdout
        for domain in ["qi-project-team", "infrastructure", "microsystem", "organisational", "external"] {
            #expect(musiq.contains("\n  \(domain)  "), "\(domain)")
        }
        let principles = try ThemisCLI.run(["codebook", "show", "codebooks/rho-anti-racism-principles.yaml"]).stdout
        let provisional = principles.split(separator: "\n").filter { $0.contains("[provisional]") }
        #expect(provisional.count == 4)
        #expect(!principles.split(separator: "\n").first { $0.contains("naming-racism") }!.contains("provisional"))
    }

    @Test("coding the samples with all three codebooks gives valence on MUSIQ-AR codings only")
    func codeSamples() throws {
        let run = try ThemisCLI.run(["code", "samples", "--quiet"] + Self.files.flatMap { ["--codebook", $0] })
        #expect(run.status == 0)
        var books = Set<String>()
        for line in run.stdout.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let code = String(fields[2])
            books.insert(String(code.split(separator: "/")[0]))
            if code.hasPrefix("musiq-ar/") {
                #expect(["enabler", "barrier", "mixed", "neutral"].contains(String(fields[4])))
            } else {
                #expect(fields[4].isEmpty)
            }
        }
        #expect(books == ["musiq-ar", "rho", "lan"])
    }
}

/// `themis matrix`, `themis quotes` and `themis report` on the samples.
@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: ThemisCLI.root.appendingPathComponent("codebooks/musiq-ar.yaml").path)))
struct FindingsCommandTests {
    static func codings() throws -> URL {
        let folder = try ThemisCLI.scratchFolder()
        let out = folder.appendingPathComponent("codings.csv")
        let run = try ThemisCLI.run(["code", "samples", "--quiet", "-o", out.path] + ShippedCodebookTests.files.flatMap { ["--codebook", $0] })
        #expect(run.status == 0)
        return out
    }

    @Test("matrix: domains by valence have the five domains; the domain x principle table has the seven principles")
    func matrices() throws {
        let codings = try Self.codings()
        let valence = try ThemisCLI.run(["matrix", codings.path, "--codebook", "codebooks/musiq-ar.yaml", "--level", "1", "--by", "valence"])
        #expect(valence.status == 0, "\(valence.stderr)")
        let lines = valence.stdout.split(separator: "\n")
        #expect(lines[0] == "code,enabler,barrier,mixed,neutral,total")
        #expect(lines.count == 6)
        let cross = try ThemisCLI.run(["matrix", codings.path, "--codebook", "codebooks/musiq-ar.yaml", "--codebook",
                                       "codebooks/rho-anti-racism-principles.yaml", "--by", "code", "--rows", "musiq-ar",
                                       "--columns", "rho", "--level", "1", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(cross.stdout.utf8)) as? [String: Any])
        #expect((object["rows"] as? [String])?.count == 5)
        #expect((object["columns"] as? [String])?.count == 7)
        let groups = try ThemisCLI.run(["matrix", codings.path, "--by", "attr:stakeholder_group", "--attributes",
                                        "samples/attributes.csv", "--count", "speakers", "--level", "1"])
        #expect(groups.stdout.split(separator: "\n")[0].contains("Lived experience partner"))
        let bad = try ThemisCLI.run(["matrix", codings.path, "--by", "attr:nope", "--attributes", "samples/attributes.csv"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("no column 'nope'"))
    }

    @Test("quotes: extracts of a code with speaker and time, text from the transcripts")
    func quotes() throws {
        let codings = try Self.codings()
        let run = try ThemisCLI.run(["quotes", codings.path, "--code", "rho/naming-racism", "--transcripts", "samples"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# Quotes for rho/naming-racism"))
        #expect(run.stdout.contains("\n> "))
        #expect(run.stdout.contains("interviews/int02-mmh-midwife-site-b#") || run.stdout.contains("— "))
        let missing = try ThemisCLI.run(["quotes", codings.path, "--code", "rho"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--transcripts"))
    }

    @Test("report: one self-contained HTML file with the findings tables and quotes")
    func report() throws {
        let folder = try ThemisCLI.scratchFolder()
        let out = folder.appendingPathComponent("report.html")
        let run = try ThemisCLI.run(["report", "samples", "--attributes", "samples/attributes.csv", "-o", out.path, "--quiet"]
                                    + ShippedCodebookTests.files.flatMap { ["--codebook", $0] })
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        for heading in ["MUSIQ-AR domains by enabler and barrier", "MUSIQ-AR domains by RHO anti-racism principles",
                        "Codes by document", "Codes by stakeholder group", "Top quotes per MUSIQ-AR domain"] {
            #expect(html.contains(heading), "\(heading)")
        }
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.contains("<blockquote>"))
    }
}
