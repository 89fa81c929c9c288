import Yams

/// YAML front matter: a `---` block at the top of a plain-text transcript that
/// gives document attributes (`site: Site A`, `interviewer: Dr Lee`).
struct FrontMatter {
    /// Attributes in the order written; lists are joined with `; `.
    var attributes: [(name: String, value: String)]
    /// Index of the first line after the block.
    var bodyLine: Int

    /// Keys whose values name the speakers who are interviewers.
    static let interviewerKeys: Set<String> = ["interviewer", "interviewers", "facilitator", "facilitators", "moderator"]

    /// Reads front matter from the first lines of `text`, if it opens with `---`.
    /// A block that never closes within 200 lines is not front matter.
    static func read(_ text: PlainText) throws(IngestError) -> FrontMatter? {
        guard let first = text.lines.first, lineText(text, first) == "---" else { return nil }
        guard let closing = text.lines.indices.dropFirst().prefix(200).first(where: {
            let line = lineText(text, text.lines[$0])
            return line == "---" || line == "..."
        }) else { return nil }
        if let attributes = simpleAttributes(text, lines: 1..<closing) {
            return FrontMatter(attributes: attributes, bodyLine: closing + 1)
        }
        let yaml = String(decoding: text.utf8[text.lines[1].start..<text.lines[closing].start], as: UTF8.self)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw IngestError("front matter is not valid YAML: \(Self.describe(error))", line: Self.line(of: error).map { $0 + 1 })
        } catch {
            throw IngestError("front matter is not valid YAML: \(error)", line: 2)
        }
        var attributes = [(name: String, value: String)]()
        if let node {
            guard let mapping = node.mapping else {
                throw IngestError("front matter must be a YAML mapping of attribute names to values", line: 2)
            }
            var budget = maximumRenderedNodes
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                attributes.append((name, try render(value, budget: &budget)))
            }
        }
        return FrontMatter(attributes: attributes, bodyLine: closing + 1)
    }

    /// The attributes of a block whose every line is `name: value` in printable
    /// ASCII, both plain YAML scalars that cannot mean anything but their text;
    /// nil for anything else (quotes, lists, comments, indentation, repeated
    /// names), which goes to the YAML parser. Most transcripts' front matter is
    /// this simple, and a batch of thousands then never starts the parser.
    static func simpleAttributes(_ text: PlainText, lines: Range<Int>) -> [(name: String, value: String)]? {
        var attributes = [(name: String, value: String)]()
        for index in lines {
            let line = text.lines[index]
            guard let (name, value) = text.utf8.withUnsafeBufferPointer({
                simpleAttribute(UnsafeBufferPointer(rebasing: $0[line.start..<line.end]))
            }) else { return nil }
            if attributes.contains(where: { $0.name == name }) { return nil }
            attributes.append((name, value))
        }
        return attributes
    }

    /// `name: value` from one line, or nil unless both are plain scalars of
    /// printable ASCII with nothing YAML would read otherwise.
    private static func simpleAttribute(_ line: UnsafeBufferPointer<UInt8>) -> (String, String)? {
        guard line.first != 0x20, let colon = line.firstIndex(of: UInt8(ascii: ":")), colon + 1 < line.count,
              line[colon + 1] == 0x20 else { return nil }
        guard let name = plainScalar(UnsafeBufferPointer(rebasing: line[..<colon])),
              let value = plainScalar(UnsafeBufferPointer(rebasing: line[(colon + 1)...])) else { return nil }
        return (name, value)
    }

    /// The trimmed text of `bytes` when it is a plain YAML scalar that means
    /// just its text: printable ASCII, not empty, not indented, no indicator
    /// first, no `: ` or ` #` inside, no `:` last.
    private static func plainScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end else { return nil }
        let indicators: [UInt8] = Array("-?:,[]{}#&*!|>'\"%@`<=~".utf8)
        if indicators.contains(bytes[start]) { return nil }
        if bytes[end - 1] == UInt8(ascii: ":") { return nil }
        for k in start..<end {
            let byte = bytes[k]
            guard byte >= 0x20, byte < 0x7F else { return nil }
            if k > start, byte == UInt8(ascii: "#"), bytes[k - 1] == 0x20 { return nil }
            if byte == UInt8(ascii: ":"), k + 1 < end, bytes[k + 1] == 0x20 { return nil }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Lowercased speaker names that the attributes declare as interviewers.
    var interviewers: Set<String> {
        var names = Set<String>()
        for (name, value) in attributes where Self.interviewerKeys.contains(name.lowercased()) {
            for part in value.split(separator: ";") {
                names.insert(String(part).trimmingSpaces.lowercased())
            }
        }
        return names
    }

    /// Most YAML nodes rendered in all, so that aliases nested inside aliases
    /// (a "billion laughs" in YAML) cannot expand without end.
    static let maximumRenderedNodes = 10_000

    private static func render(_ node: Node, budget: inout Int) throws(IngestError) -> String {
        budget -= 1
        if budget < 0 {
            throw IngestError("front matter expands to more than \(maximumRenderedNodes) values (nested aliases?)", line: 2)
        }
        switch node {
        case .scalar(let scalar):
            return scalar.string
        case .sequence(let sequence):
            var parts = [String]()
            for item in sequence { parts.append(try render(item, budget: &budget)) }
            return parts.joined(separator: "; ")
        case .mapping(let mapping):
            var parts = [String]()
            for (key, value) in mapping { parts.append("\(key.string ?? ""): \(try render(value, budget: &budget))") }
            return parts.joined(separator: "; ")
        case .alias:
            return ""
        }
    }

    private static func lineText(_ text: PlainText, _ line: TextLine) -> String {
        String(decoding: text.utf8[line.start..<line.end], as: UTF8.self).trimmingSpaces
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
