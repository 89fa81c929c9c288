import Foundation
import Testing

/// `themis agree` on small codings whose statistics are worked out by hand.
@Suite(.serialized)
struct AgreeCommandTests {
    /// Six participant units and one interviewer unit.
    static let units = (1...7).map { k in
        "{\"document\":\"d\",\"segment\":\"d#\(k)\",\"index\":\(k),\"unit\":\"turn\",\"speaker\":\"\(k == 7 ? "Interviewer" : "P1")\","
            + "\"speaker_note\":null,\"role\":\"\(k == 7 ? "interviewer" : "participant")\",\"time\":null,\"start\":0,\"end\":1,\"text\":\"t\(k)\"}"
    }.joined(separator: "\n") + "\n"

    static func write(_ files: [String: String]) throws -> URL {
        let folder = try ThemisCLI.scratchFolder()
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    /// ann applies x to units 1-3, ben to 1-2 (and to the interviewer unit 7, which is left out).
    static let ann = "segment,code\nd#1,c/x\nd#2,c/x\nd#3,c/x\n"
    static let ben = "document,segment,code,coder,valence,speaker,matched\nd,d#1,c/x,ben,,P1,\nd,d#2,c/x,ben,,P1,\nd,d#7,c/x,ben,,Interviewer,\n"

    @Test("two coders over units: the spec's JSON keys and hand-computed values")
    func twoCoders() throws {
        let folder = try Self.write(["ann.csv": Self.ann, "ben.csv": Self.ben, "segments.jsonl": Self.units])
        let run = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["coders"] as? [String] == ["ann", "ben"])
        #expect(object["units"] as? Int == 6)
        let code = try #require((object["codes"] as? [[String: Any]])?.first)
        #expect(code["code"] as? String == "c/x")
        #expect(code["counts"] as? [String: Int] == ["ann": 3, "ben": 2])
        // po = 5/6; Cohen pe = (3*2 + 3*4)/36 = 1/2; kappa = 2/3.
        #expect(abs((code["cohen_kappa"] as? Double ?? 0) - 2.0 / 3.0) < 1e-9)
        #expect(abs((code["percent_agreement"] as? Double ?? 0) - 5.0 / 6.0) < 1e-9)
        for key in ["scott_pi", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger"] {
            #expect(code[key] is Double, "\(key)")
        }
        let overall = try #require(object["overall"] as? [String: [String: Any]])
        #expect(Set(overall.keys) == ["pooled", "mean"])
        #expect(object["notes"] is [String])
    }

    @Test("--all-speakers keeps the interviewer unit")
    func allSpeakers() throws {
        let folder = try Self.write(["ann.csv": Self.ann, "ben.csv": Self.ben, "segments.jsonl": Self.units])
        let run = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl", "--all-speakers"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["units"] as? Int == 7)
    }

    @Test("disagreements list each unit and code where coders differ, with the text")
    func disagreements() throws {
        let folder = try Self.write(["ann.csv": Self.ann, "ben.csv": Self.ben, "segments.jsonl": Self.units])
        let run = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl", "--disagreements", "d.csv",
                                     "--format", "md"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout.contains("# Inter-coder agreement"))
        #expect(try String(contentsOf: folder.appendingPathComponent("d.csv"), encoding: .utf8)
                == "document,segment,speaker,text,code,ann,ben\nd,d#3,P1,t3,c/x,1,0\n")
    }

    @Test("--gold adds precision, recall and F1 for the other coders")
    func gold() throws {
        let folder = try Self.write(["ann.csv": Self.ann, "ben.csv": Self.ben, "segments.jsonl": Self.units])
        let run = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl", "--gold", "ann"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let gold = try #require(object["gold"] as? [String: Any])
        #expect(gold["coder"] as? String == "ann")
        let row = try #require((gold["codes"] as? [[String: Any]])?.first)
        #expect(row["coder"] as? String == "ben")
        #expect(row["tp"] as? Int == 2 && row["fp"] as? Int == 0 && row["fn"] as? Int == 1)
        #expect(row["precision"] as? Double == 1)
        #expect(abs((row["recall"] as? Double ?? 0) - 2.0 / 3.0) < 1e-9)
    }

    @Test("wide sheets: rows are units, cells 1/yes/x apply, 0/no/empty do not")
    func sheets() throws {
        let header = "document,segment,speaker,text,c/x,c/y\n"
        let folder = try Self.write([
            "ann.csv": "document,segment,speaker,text,c/x,c/y,notes\n" + "d,d#1,P1,t1,1,,ok\nd,d#2,P1,t2,yes,0,\nd,d#3,P1,t3,x,no,?\n",
            "ben.csv": header + "d,d#1,P1,t1,1,1\nd,d#2,P1,t2,,false\nd,d#3,P1,t3,1,\n",
        ])
        let run = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--format", "csv"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("code,units,count_ann,count_ben,percent_agreement"))
        #expect(lines[1].hasPrefix("c/x,3,3,2,"))
        #expect(lines[2].hasPrefix("c/y,3,0,1,"))
    }

    @Test("the reliability-data table: any categories, one column per coder, empty = missing")
    func table() throws {
        // Krippendorff's (2011) example; alpha interval 0.849.
        let folder = try Self.write(["ratings.csv": """
            unit,A,B,C,D
            1,1,1,,1
            2,2,2,3,2
            3,3,3,3,3
            4,3,3,3,3
            5,2,2,2,2
            6,1,2,3,4
            7,4,4,4,4
            8,1,1,2,1
            9,2,2,2,2
            10,,5,5,5
            11,,,1,1
            12,,3,,
            """])
        let run = try ThemisCLI.run(["agree", "--table", "ratings.csv", "--measure", "interval"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(abs((object["krippendorff_alpha"] as? Double ?? 0) - 0.849) < 0.0005)
        #expect(object["cohen_kappa"] is NSNull)
        #expect(object["units"] as? Int == 12)
        #expect(object["measure"] as? String == "interval")
    }

    @Test("with --codebook, an unknown code is an error with its file and line; every codable code is compared")
    func unknownCode() throws {
        let folder = try Self.write(["ann.csv": "segment,code\nd#1,demo/data/ethnicity-data\nd#2,demo/nope\n",
                                     "ben.csv": "segment,code\nd#1,demo/data/ethnicity-data\n", "segments.jsonl": Self.units])
        let book = try CodeCommandTests.writeCodebook(in: folder)
        let run = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl", "--codebook", book], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("ann.csv:3: unknown code 'demo/nope'"))
        try "segment,code\nd#1,demo/data/ethnicity-data\n".write(to: folder.appendingPathComponent("ann.csv"), atomically: true, encoding: .utf8)
        let ok = try ThemisCLI.run(["agree", "ann.csv", "ben.csv", "--units", "segments.jsonl", "--codebook", book], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])
        #expect((object["codes"] as? [[String: Any]])?.map { $0["code"] as? String } == ["demo/data/ethnicity-data", "demo/leadership/board"])
    }

    @Test("bad inputs exit 2 with file:line", arguments: [
        (["one.csv": "segment,code\nd#1,c/x\n"], ["one.csv"], "two or more coders"),
        (["a.csv": "seg,code\nd#1,c/x\n", "b.csv": "segment,code\n"], ["a.csv", "b.csv"], "a.csv:1: no 'segment' column"),
        (["a.csv": "segment,code\nd#9,c/x\n", "b.csv": "segment,code\nd#1,c/x\n"], ["a.csv", "b.csv", "--units", "segments.jsonl"],
         "a.csv:2: unknown segment 'd#9'"),
        (["a.csv": "document,segment,c/x\nd,d#1,1\nd,d#1,0\n", "b.csv": "document,segment,c/x\nd,d#1,1\n"], ["a.csv", "b.csv"],
         "a.csv:3: segment d#1 is coded twice"),
    ])
    func badInputs(files: [String: String], arguments: [String], message: String) throws {
        var all = files
        all["segments.jsonl"] = Self.units
        let folder = try Self.write(all)
        let run = try ThemisCLI.run(["agree"] + arguments, in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}

/// `themis sheet`: the wide sheet, and XLSX sheets read back by `agree`.
@Suite(.serialized)
struct SheetCommandTests {
    @Test("the CSV sheet: fixed columns, one column per codable code, one row per participant segment")
    func csvSheet() throws {
        let folder = try ThemisCLI.scratchFolder()
        let book = try CodeCommandTests.writeCodebook(in: folder)
        let run = try ThemisCLI.run(["sheet", "samples/interviews/int01-qi-lead-site-a.txt", "--codebook", book, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "document,segment,speaker,text,demo/data/ethnicity-data,demo/leadership/board")
        #expect(!run.stdout.contains(",Interviewer,"))
        let participants = try ThemisCLI.run(["ingest", "samples/interviews/int01-qi-lead-site-a.txt", "--quiet"])
            .stdout.split(separator: "\n").filter { $0.contains("\"role\":\"participant\"") }.count
        #expect(participants == 12)
    }

    @Test("an XLSX sheet needs -o, and is a workbook agree reads back")
    func xlsxSheet() throws {
        let folder = try ThemisCLI.scratchFolder()
        let book = try CodeCommandTests.writeCodebook(in: folder)
        #expect(try ThemisCLI.run(["sheet", "samples", "--codebook", book, "--format", "xlsx"]).status == 2)
        let sheet = folder.appendingPathComponent("ann.xlsx")
        let run = try ThemisCLI.run(["sheet", "samples", "--codebook", book, "-o", sheet.path, "--quiet"])
        #expect(run.status == 0)
        let bytes = try Data(contentsOf: sheet)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        try FileManager.default.copyItem(at: sheet, to: folder.appendingPathComponent("ben.xlsx"))
        let agree = try ThemisCLI.run(["agree", "ann.xlsx", "ben.xlsx"], in: folder)
        #expect(agree.status == 0, "\(agree.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(agree.stdout.utf8)) as? [String: Any])
        #expect(object["coders"] as? [String] == ["ann", "ben"])
        #expect((object["units"] as? Int ?? 0) > 200)
    }
}

/// The reviewer's path of the README: two filled XLSX sheets to an HTML report and a disagreements CSV.
@Suite(.serialized)
struct ReviewerPathTests {
    @Test("two XLSX sheets -> agreement.html and to-reconcile.csv")
    func reviewerPath() throws {
        let folder = try ThemisCLI.scratchFolder()
        let book = try CodeCommandTests.writeCodebook(in: folder)
        #expect(try ThemisCLI.run(["sheet", "samples/interviews", "--codebook", book, "-o",
                                   folder.appendingPathComponent("ann.xlsx").path, "--quiet"]).status == 0)
        try FileManager.default.copyItem(at: folder.appendingPathComponent("ann.xlsx"), to: folder.appendingPathComponent("ben.xlsx"))
        let html = try ThemisCLI.run(["agree", "ann.xlsx", "ben.xlsx", "--level", "1", "-o", "agreement.html"], in: folder)
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("agreement.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<caption>"))
        #expect(page.contains("demo/data"))
        let list = try ThemisCLI.run(["agree", "ann.xlsx", "ben.xlsx", "--disagreements", "to-reconcile.csv", "-o", "agreement.json"],
                                     in: folder)
        #expect(list.status == 0)
        // Identical sheets: no disagreement, only the header.
        #expect(try String(contentsOf: folder.appendingPathComponent("to-reconcile.csv"), encoding: .utf8)
                == "document,segment,speaker,text,code,ann,ben\n")
    }
}
