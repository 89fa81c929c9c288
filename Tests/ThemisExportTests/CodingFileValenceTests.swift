import Foundation
import Testing
import ThemisExport
import ThemisModel

/// The valence a coding file carries: a `valence` column (CSV, XLSX) or key (JSON
/// Lines), or a coding sheet's cell naming a valence.
struct CodingFileValenceTests {
    static func read(_ text: String, extension ext: String) throws(CodingFileError) -> CodingFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-valence-\(UUID().uuidString).\(ext)")
        try? text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try CodingFile.read(path: url.path)
    }

    @Test("a valence column: the four valences in any case, empty for none")
    func longCSV() throws {
        let file = try Self.read("segment,code,valence\nd#1,c/a,enabler\nd#2,c/a, Barrier \nd#3,c/a,MIXED\nd#4,c/a,neutral\nd#5,c/a,\n",
                                 extension: "csv")
        #expect(file.entries.map(\.valence) == [.enabler, .barrier, .mixed, .neutral, nil])
        let none = try Self.read("segment,code\nd#1,c/a\n", extension: "csv")
        #expect(none.entries.map(\.valence) == [nil])
    }

    @Test("JSON Lines: the valence key, empty or absent for none")
    func jsonLines() throws {
        let file = try Self.read("""
            {"segment":"d#1","code":"c/a","valence":"barrier"}
            {"segment":"d#2","code":"c/a","valence":""}
            {"segment":"d#3","code":"c/a"}
            """, extension: "jsonl")
        #expect(file.entries.map(\.valence) == [.barrier, nil, nil])
    }

    @Test("any other valence is an error naming the file and line", arguments: [
        ("segment,code,valence\nd#1,c/a,enabler\nd#2,c/a,positive\n", "csv", ":3: unknown valence 'positive'"),
        ("{\"segment\":\"d#1\",\"code\":\"c/a\",\"valence\":\"help\"}\n", "jsonl", ":1: unknown valence 'help'"),
    ])
    func unknown(text: String, ext: String, message: String) {
        #expect {
            _ = try Self.read(text, extension: ext)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("a sheet cell naming a valence applies the code with it; a tick applies it without one")
    func sheetCells() throws {
        let file = try Self.read("document,segment,speaker,text,c/a,c/b\nd,d#1,P1,t,Enabler,1\nd,d#2,P1,t,barrier,no\nd,d#3,P1,t,,x\n",
                                 extension: "csv")
        #expect(file.entries.map { "\($0.segment) \($0.code) \($0.valence?.rawValue ?? "-")" }
                == ["d#1 c/a enabler", "d#1 c/b -", "d#2 c/a barrier", "d#3 c/b -"])
    }

    @Test("a sheet row repeated with another valence is an error; repeated alike it is read once")
    func sheetRepeats() throws {
        let header = "document,segment,speaker,text,c/a\n"
        #expect {
            _ = try Self.read(header + "d,d#1,P1,t,enabler\nd,d#1,P1,t,barrier\n", extension: "csv")
        } throws: { error in
            "\(error)".contains(":3: segment d#1 is coded twice")
        }
        let same = try Self.read(header + "d,d#1,P1,t,enabler\nd,d#1,P1,t,Enabler\n", extension: "csv")
        #expect(same.entries.map(\.valence) == [.enabler])
    }
}
