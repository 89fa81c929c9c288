import Foundation
import Testing
@testable import ThemisIngest

/// Coding sheets that are truncated, corrupted or random: each is refused with an
/// `IngestError` or read as rows, never a crash or a hang.
struct HostileSpreadsheetTests {
    /// The Excel-style workbook of ``SpreadsheetReaderTests`` (shared strings, inline
    /// strings, two sheets), its parts deflated or stored.
    static func workbook(stored: Bool) throws -> [UInt8] {
        try DocxBuilder.package([
            ("_rels/.rels", Array(SpreadsheetReaderTests.rootRelationships.utf8)),
            ("xl/workbook.xml", Array(SpreadsheetReaderTests.workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(SpreadsheetReaderTests.workbookRelationships.utf8)),
            ("xl/sharedStrings.xml", Array(SpreadsheetReaderTests.sharedStrings.utf8)),
            ("xl/worksheets/sheet1.xml", Array(SpreadsheetReaderTests.sheet1.utf8)),
            ("xl/worksheets/sheet2.xml", Array(SpreadsheetReaderTests.sheet2.utf8)),
        ], compression: stored ? .none : .deflate)
    }

    /// Reads `bytes` as an `.xlsx` file: its rows, or the reason it was refused.
    static func read(_ bytes: [UInt8]) throws -> Result<[SpreadsheetReader.Row], IngestError> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return Result { () throws(IngestError) in try SpreadsheetReader.firstSheetRows(at: url) }
    }

    /// What the reader promises of rows it returns: numbered, and none empty.
    static func checkRows(_ result: Result<[SpreadsheetReader.Row], IngestError>) {
        guard case .success(let rows) = result else { return }
        for row in rows { #expect(row.cells.contains { !$0.isEmpty }, "row \(row.number) is empty") }
    }

    @Test("the workbook reads as it is, deflated or stored", arguments: [false, true])
    func intact(stored: Bool) throws {
        let rows = try Self.read(try Self.workbook(stored: stored)).get()
        #expect(rows.map(\.number) == [1, 2, 5, 6, 7])
    }

    @Test("every truncation of a workbook is refused", arguments: [false, true])
    func truncated(stored: Bool) throws {
        let workbook = try Self.workbook(stored: stored)
        for length in 0..<workbook.count {
            let result = try Self.read(Array(workbook.prefix(length)))
            guard case .failure = result else {
                Issue.record("a workbook cut to \(length) of \(workbook.count) bytes was read")
                continue
            }
        }
    }

    @Test("corrupted bytes in a workbook are refused or read, never a crash", arguments: [false, true])
    func corrupted(stored: Bool) throws {
        let workbook = try Self.workbook(stored: stored)
        var generator = SeededGenerator(seed: stored ? 11 : 12)
        for round in 0..<400 {
            var bytes = workbook
            for _ in 0..<(round % 8 + 1) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            Self.checkRows(try Self.read(bytes))
        }
    }

    @Test("every zip size and offset field set to 0 or 0xFFFFFFFF is refused or read")
    func extremeHeaderFields() throws {
        let workbook = try Self.workbook(stored: false)
        // Local file headers, central directory headers and the end record, with their 4-byte fields.
        let records: [([UInt8], [Int])] = [([0x50, 0x4B, 0x03, 0x04], [14, 18, 22]), ([0x50, 0x4B, 0x01, 0x02], [16, 20, 24, 42]),
                                          ([0x50, 0x4B, 0x05, 0x06], [12, 16])]
        for start in 0..<(workbook.count - 4) {
            guard let fields = records.first(where: { workbook[start..<(start + 4)].elementsEqual($0.0) })?.1 else { continue }
            for offset in fields where start + offset + 4 <= workbook.count {
                for value: [UInt8] in [[0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF]] {
                    var bytes = workbook
                    bytes.replaceSubrange((start + offset)..<(start + offset + 4), with: value)
                    Self.checkRows(try Self.read(bytes))
                }
            }
        }
    }

    @Test("random bytes, as a file or as the parts of a package, are refused or read")
    func randomBytes() throws {
        var generator = SeededGenerator(seed: 5)
        for round in 0..<200 {
            let count = round < 100 ? Int.random(in: 0...64, using: &generator) : Int.random(in: 0...4096, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: IngestError.self) { try Self.read(bytes).get() }
        }
        let parts = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"]
        for round in 0..<60 {
            let noise = (0..<Int.random(in: 0...512, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let package = try DocxBuilder.package([
                ("_rels/.rels", Array(SpreadsheetReaderTests.rootRelationships.utf8)),
                ("xl/workbook.xml", round % 4 == 0 ? noise : Array(SpreadsheetReaderTests.workbook.utf8)),
                ("xl/_rels/workbook.xml.rels", round % 4 == 1 ? noise : Array(SpreadsheetReaderTests.workbookRelationships.utf8)),
                ("xl/sharedStrings.xml", round % 4 == 2 ? noise : Array(SpreadsheetReaderTests.sharedStrings.utf8)),
                ("xl/worksheets/sheet1.xml", round % 4 == 3 ? noise : Array(SpreadsheetReaderTests.sheet1.utf8)),
            ])
            let result = try Self.read(package)
            if case .success = result, !noise.isEmpty {
                Issue.record("\(parts[round % 4]) as \(noise.count) random bytes was read")
            }
        }
    }
}
