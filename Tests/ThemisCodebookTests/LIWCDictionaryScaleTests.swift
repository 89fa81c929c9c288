import Foundation
import Testing
@testable import ThemisCodebook

/// LIWC `.dic` dictionaries with very many categories load in time linear in their size.
struct LIWCDictionaryScaleTests {
    @Test("100,000 categories, flat, nested by path and by indentation, load with their terms in order", .timeLimit(.minutes(1)))
    func hundredThousandCategories() throws {
        // 40,000 flat categories, 30,000 `group-K/child-N` paths under 300 groups, and
        // 30,000 categories indented under 100 parents of their own.
        var dic = "%\n"
        var number = 0
        for k in 0..<40_000 { number += 1; dic += "\(number)\tflat-\(k)\n" }
        for k in 0..<30_000 { number += 1; dic += "\(number)\tgroup-\(k % 300)/child-\(k)\n" }
        for parent in 0..<100 {
            number += 1
            dic += "\(number)\tparent-\(parent)\n"
            for child in 0..<299 { number += 1; dic += "\(number)\t\tkid-\(parent)-\(child)\n" }
        }
        #expect(number == 100_000)
        dic += "%\n"
        for k in stride(from: 1, through: number, by: 1) { dic += "word\(k)*\t\(k)\n" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-liwc-\(UUID().uuidString).dic")
        try dic.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }

        let book = try CodebookLoader.load(path: url.path).get().codebook
        let codes = book.allCodes
        // 100,000 categories plus the 300 groups named only in paths.
        #expect(codes.count == 100_300)
        #expect(book.codes.count == 40_000 + 300 + 100)
        let stem = book.id
        #expect(book.codes[0].id == "\(stem)/flat-0")
        #expect(book.codes[0].terms.map(\.text) == ["word1*"])
        #expect(book.codes[39_999].terms.map(\.text) == ["word40000*"])
        let group = book.codes[40_000 + 7]
        #expect(group.id == "\(stem)/group-7")
        #expect(group.terms.isEmpty)
        #expect(group.children.count == 100)
        #expect(group.children[1].id == "\(stem)/group-7/child-307")
        #expect(group.children[1].terms.map(\.text) == ["word40308*"])
        let parent = book.codes[40_300 + 99]
        #expect(parent.id == "\(stem)/parent-99")
        #expect(parent.children.count == 299)
        #expect(parent.children.last?.id == "\(stem)/parent-99/kid-99-298")
        #expect(parent.children.last?.terms.map(\.text) == ["word100000*"])
    }
}
