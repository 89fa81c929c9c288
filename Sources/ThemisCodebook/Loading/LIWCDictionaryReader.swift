import Foundation

/// Reads a LIWC `.dic` dictionary as a codebook.
///
/// Between two `%` lines, categories `N<TAB>name`; then entries
/// `word<TAB>N<TAB>N...` where a word may end in `*`. A category name written
/// `parent/child`, or indented deeper than the category above it (by leading
/// white space or extra tabs after the number), nests under that parent.
struct LIWCDictionaryReader {
    let path: String
    let id: String
    let name: String
    private(set) var problems = [CodebookProblem]()

    init(path: String, id: String, name: String) {
        self.path = path
        self.id = id
        self.name = name
    }

    private struct Category {
        var number: String
        var path: [String]
        var line: Int
        var terms = [Pattern]()
    }

    mutating func read(_ text: String) -> Codebook? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var index = 0
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
        guard index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) == "%" else {
            problem(line: index + 1, "a LIWC dictionary starts with a line holding '%'")
            return nil
        }
        index += 1
        var categories = [Category]()
        var byNumber = [String: Int]()
        var stack = [(indent: Int, path: [String])]()
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != "%" {
            let line = lines[index]
            defer { index += 1 }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            // Depth shows as indentation before the number or extra tabs after it.
            let leading = line.prefix { $0 == "\t" || $0 == " " }.count
            let afterNumber = line.drop { $0 == "\t" || $0 == " " }.drop { $0.isNumber }
            let indent = leading + max(0, afterNumber.prefix { $0 == "\t" }.count - 1)
            guard fields.count >= 2, fields[0].allSatisfy(\.isNumber) else {
                problem(line: index + 1, "a category line is a number and a name: '\(line)'")
                continue
            }
            let name = String(fields[1])
            var path = name.split(separator: "/").map(String.init)
            if path.count == 1 {
                while let last = stack.last, last.indent >= indent { stack.removeLast() }
                path = (stack.last?.path ?? []) + path
                stack.append((indent, path))
            }
            if byNumber[String(fields[0])] != nil {
                problem(line: index + 1, "category number \(fields[0]) is defined twice")
                continue
            }
            byNumber[String(fields[0])] = categories.count
            categories.append(Category(number: String(fields[0]), path: path, line: index + 1))
        }
        guard index < lines.count else {
            problem(line: lines.count, "the category list is not closed by a second '%' line")
            return nil
        }
        index += 1
        while index < lines.count {
            let line = lines[index]
            defer { index += 1 }
            var fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            if fields.isEmpty { continue }
            var numbers = [String]()
            while let last = fields.last, fields.count > 1, last.allSatisfy(\.isNumber) {
                numbers.insert(last, at: 0)
                fields.removeLast()
            }
            if fields.last.map({ $0.contains("/") || $0.contains("(") }) == true {
                problem(line: index + 1, "conditional categories ('\(fields.last!)') are not supported; entry skipped",
                        severity: .warning)
                continue
            }
            guard !numbers.isEmpty else {
                problem(line: index + 1, "entry '\(line)' names no category")
                continue
            }
            let word = fields.joined(separator: " ")
            let pattern: Pattern
            switch Pattern.parse(word) {
            case .success(let parsed): pattern = parsed
            case .failure(let error):
                problem(line: index + 1, error.description)
                continue
            }
            for number in numbers {
                guard let category = byNumber[number] else {
                    problem(line: index + 1, "entry '\(word)' names category \(number), which is not defined")
                    continue
                }
                categories[category].terms.append(pattern)
            }
        }
        return Codebook(id: id, name: name, version: "", codes: tree(categories), path: path)
    }

    /// Builds the code tree from category paths, creating parents named only in a path.
    /// Children are found by name through a dictionary, so the cost is linear in the
    /// number of path parts.
    private func tree(_ categories: [Category]) -> [Code] {
        final class Node {
            var name: String
            var line: Int?
            var terms = [Pattern]()
            var children = [Node]()
            var childByName = [String: Node]()
            init(name: String) { self.name = name }
        }
        let root = Node(name: "")
        for category in categories {
            var node = root
            for part in category.path {
                if let child = node.childByName[part] {
                    node = child
                } else {
                    let child = Node(name: part)
                    node.children.append(child)
                    node.childByName[part] = child
                    node = child
                }
            }
            node.line = category.line
            node.terms += category.terms
        }
        func build(_ node: Node, parentID: String, depth: Int) -> Code {
            let id = "\(parentID)/\(Slug.make(from: node.name))"
            return Code(id: id, name: node.name, terms: node.terms,
                        children: node.children.map { build($0, parentID: id, depth: depth + 1) },
                        depth: depth, location: node.line.map { SourceLocation(line: $0, column: 1) })
        }
        return root.children.map { build($0, parentID: id, depth: 1) }
    }

    private mutating func problem(line: Int, _ message: String, severity: CodebookProblem.Severity = .error) {
        problems.append(CodebookProblem(path: path, location: SourceLocation(line: line, column: 1), message: message,
                                        severity: severity))
    }
}
