import Testing
import Yams
@testable import ThemisIngest

/// The front-matter shortcut for `name: value` lines must read exactly what the
/// YAML parser reads, and hand everything else to the parser.
struct FrontMatterTests {
    /// The attributes the YAML parser gives for `lines`, or nil when it rejects them.
    private func parsed(_ lines: [String]) -> [(name: String, value: String)]? {
        let node: Node?
        do { node = try Yams.compose(yaml: lines.joined(separator: "\n") + "\n") } catch { return nil }
        guard let node else { return [] }
        guard let mapping = node.mapping else { return nil }
        return mapping.compactMap { key, value in key.string.flatMap { name in value.scalar.map { (name, $0.string) } } }
    }

    private func shortcut(_ lines: [String]) -> [(name: String, value: String)]? {
        let text = PlainText(utf8: Array((lines.joined(separator: "\n") + "\n").utf8))
        return FrontMatter.simpleAttributes(text, lines: 0..<lines.count)
    }

    private func same(_ a: [(name: String, value: String)]?, _ b: [(name: String, value: String)]?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    @Test func samplesTakeTheShortcutAndReadAsYAMLDoes() throws {
        let files = TestPaths.files(under: TestPaths.samples, suffixes: [".txt"])
        var withFrontMatter = 0
        for file in files {
            let text = String(decoding: try TestPaths.bytes(file), as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.first == "---", let closing = lines.dropFirst().firstIndex(of: "---") else { continue }
            withFrontMatter += 1
            let block = Array(lines[1..<closing])
            let fast = try #require(shortcut(block), "\(file.lastPathComponent) should take the shortcut")
            #expect(same(fast, parsed(block)), "\(file.lastPathComponent)")
        }
        #expect(withFrontMatter >= 3)
    }

    @Test func whatYAMLReadsOtherwiseGoesToTheParser() {
        let declined = [
            "site: 'Site A'", "site: \"A\"", "tags: [a, b]", "site: a: b", "site: A # note", "  site: A",
            "site:", "site: &x A", "site: *x", "site: |", "site: >", "- A", "site: A\tB", "? site",
            "site: Siân", "site: {a: 1}", "site: A:", "<<: A", "site: !!str A", "site: %A", "site: @A",
        ]
        for line in declined {
            #expect(shortcut([line]) == nil, "\(line)")
        }
        #expect(shortcut(["site: A", "site: B"]) == nil, "a repeated name is an error for the parser to report")
    }

    /// Seeded random lines over an alphabet rich in YAML's special characters:
    /// whenever the shortcut answers, the parser answers the same.
    @Test func randomLinesAgreeWithTheParser() {
        let alphabet = Array("ab Z09:-#'\"[]{},&*!|>%@`?~=.<_/()".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var taken = 0
        for _ in 0..<4000 {
            var lines = [String]()
            for _ in 0..<(1 + next(3)) {
                var bytes = [UInt8]()
                for _ in 0..<(1 + next(5)) { bytes.append(alphabet[next(4) == 0 ? next(alphabet.count) : next(3)]) }
                bytes += Array(": ".utf8)
                for _ in 0..<(1 + next(8)) { bytes.append(alphabet[next(3) == 0 ? next(alphabet.count) : next(4)]) }
                lines.append(String(decoding: bytes, as: UTF8.self))
            }
            guard let fast = shortcut(lines) else { continue }
            taken += 1
            #expect(same(fast, parsed(lines)), "\(lines)")
        }
        #expect(taken > 500, "the generator should exercise the shortcut")
    }
}
