import Foundation
import Testing
import ThemisExport

/// The cell values a coder may type into a wide coding sheet, as the contract lists them.
struct CodingSheetValueTests {
    @Test("empty, 0, n, no, false and - leave a code off; 1, y, yes, true, x and ✓ apply it, in any case")
    func values() throws {
        let off = ["", "0", "n", "N", "no", "No", "false", "FALSE", "-", " - "]
        let on = ["1", "y", "Y", "yes", "true", "x", "X", "✓"]
        var csv = "document,segment,speaker,text,demo/a\n"
        for (k, value) in (off + on).enumerated() { csv += "d,d#\(k),P1,text,\(value)\n" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-sheet-\(UUID().uuidString).csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try CodingFile.read(path: url.path)
        let applied = Set(file.entries.map(\.segment))
        #expect(applied == Set((off.count..<(off.count + on.count)).map { "d#\($0)" }))
    }
}
