import Yams

/// Reads a quanteda-style YAML dictionary as a codebook: nested keys are codes,
/// lists of glob patterns (`econom*`) are their terms.
struct QuantedaDictionaryReader {
    let path: String
    let id: String
    let name: String
    private(set) var problems = [CodebookProblem]()

    init(path: String, id: String, name: String) {
        self.path = path
        self.id = id
        self.name = name
    }

    mutating func read(_ root: Node.Mapping) -> Codebook? {
        let codes = readCodes(root, parentID: id, depth: 1)
        if codes.isEmpty { problems.append(CodebookProblem(path: path, location: nil, message: "dictionary has no keys")) }
        return Codebook(id: id, name: name, version: "", codes: codes, path: path)
    }

    private mutating func readCodes(_ mapping: Node.Mapping, parentID: String, depth: Int) -> [Code] {
        var codes = [Code]()
        var seen = Set<String>()
        for (key, value) in mapping {
            guard let keyName = key.string else { continue }
            let slug = Slug.make(from: keyName)
            let location = key.mark.map(YAMLCodebookReader.location)
            if !seen.insert(slug).inserted {
                problems.append(CodebookProblem(path: path, location: location,
                                                message: "key '\(keyName)' gives the same code id '\(slug)' as an earlier key"))
                continue
            }
            var code = Code(id: "\(parentID)/\(slug)", name: keyName, depth: depth, location: location)
            if let nested = value.mapping {
                code.children = readCodes(nested, parentID: code.id, depth: depth + 1)
            } else if let list = value.sequence {
                code.terms = list.compactMap { pattern($0) }
            } else if value.scalar != nil {
                code.terms = [value].compactMap { pattern($0) }
            }
            codes.append(code)
        }
        return codes
    }

    private mutating func pattern(_ node: Node) -> Pattern? {
        guard let text = node.scalar?.string else {
            problems.append(CodebookProblem(path: path, location: node.mark.map(YAMLCodebookReader.location),
                                            message: "dictionary values must be patterns or nested keys"))
            return nil
        }
        if text.contains("?") {
            problems.append(CodebookProblem(path: path, location: node.mark.map(YAMLCodebookReader.location),
                                            message: "glob '\(text)': '?' wildcards are not supported; use a trailing '*'"))
            return nil
        }
        switch Pattern.parse(text) {
        case .success(let pattern):
            return pattern
        case .failure(let error):
            problems.append(CodebookProblem(path: path, location: node.mark.map(YAMLCodebookReader.location),
                                            message: error.description))
            return nil
        }
    }
}
