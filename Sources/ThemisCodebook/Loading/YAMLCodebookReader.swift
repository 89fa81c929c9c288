import Yams

/// Reads and validates a Themis codebook in YAML, collecting every problem with its line and column.
struct YAMLCodebookReader {
    static let codebookKeys: Set<String> = ["id", "name", "version", "description", "references", "valence", "codes"]
    static let codeKeys: Set<String> = [
        "id", "name", "description", "include", "exclude", "examples", "color", "codes", "terms", "requires",
        "excludes", "near", "provisional", "polarity",
    ]
    static let valenceKeys: Set<String> = [
        "window", "barrier", "enabler", "negators", "counterfactuals", "advice", "mixed", "contrast", "default",
    ]
    static let nearKeys: Set<String> = ["a", "b", "within"]

    /// English negators used when a valence block gives none.
    static let defaultNegators = [
        "no", "not", "never", "without", "didn't", "did not", "wasn't", "weren't", "couldn't", "hardly", "barely",
        "absence of", "loss of", "lost",
    ]
    /// English counterfactuals used when a valence block gives none.
    static let defaultCounterfactuals = [
        "if only", "would have helped", "would've helped", "wish we'd had", "wish we had", "should have had",
        "needed more", "could have done with",
    ]

    let path: String
    private(set) var problems = [CodebookProblem]()
    private var seenIDs = [String: SourceLocation?]()
    /// Whether the codebook has a `valence` block, without which `polarity` means nothing.
    private var hasValence = false

    init(path: String) { self.path = path }

    /// Reads a codebook from the mapping at the root of the file.
    mutating func read(_ root: Node.Mapping) -> Codebook? {
        checkKeys(root, allowed: Self.codebookKeys, what: "codebook")
        let id = requiredString(root, "id", what: "codebook")
        if let id, !Slug.isValid(id) {
            problem(at: root["id"], "codebook id '\(id)' is not a slug (lowercase letters, digits and single hyphens)")
        }
        let name = requiredString(root, "name", what: "codebook")
        let version = string(root, "version") ?? ""
        let description = string(root, "description")
        let references = strings(root, "references")
        let valence = root["valence"].flatMap { readValence($0) }
        hasValence = root["valence"] != nil
        var codes = [Code]()
        if let codesNode = root["codes"] {
            codes = readCodes(codesNode, parentID: id ?? "?", ancestors: [], depth: 1)
            if codes.isEmpty, codesNode.sequence != nil { problem(at: codesNode, "codebook has no codes") }
        } else {
            problem(at: Node.mapping(root), "codebook has no 'codes' list")
        }
        guard let id, let name, problems.allSatisfy({ $0.severity != .error }) else { return nil }
        return Codebook(id: id, name: name, version: version, description: description, references: references,
                        valence: valence, codes: codes, path: path)
    }

    private mutating func readCodes(_ node: Node, parentID: String, ancestors: [String], depth: Int) -> [Code] {
        guard let sequence = node.sequence else {
            problem(at: node, "'codes' must be a list of codes")
            return []
        }
        return sequence.compactMap { readCode($0, parentID: parentID, ancestors: ancestors, depth: depth) }
    }

    private mutating func readCode(_ node: Node, parentID: String, ancestors: [String], depth: Int) -> Code? {
        guard let mapping = node.mapping else {
            problem(at: node, "a code must be a mapping with at least an 'id'")
            return nil
        }
        checkKeys(mapping, allowed: Self.codeKeys, what: "code")
        guard let slug = requiredString(mapping, "id", what: "code") else { return nil }
        let location = mapping["id"]?.mark.map(Self.location)
        if !Slug.isValid(slug) {
            problem(at: mapping["id"], "code id '\(slug)' is not a slug (lowercase letters, digits and single hyphens)")
        }
        if let parent = ancestors.last(where: { $0 == slug }) {
            problem(at: mapping["id"], "code '\(slug)' shadows its parent '\(parent)': give the child its own id")
        }
        let id = "\(parentID)/\(slug)"
        if let first = seenIDs[id] {
            problem(at: mapping["id"], "duplicate code id '\(id)' (first defined at \(first.map { "\($0)" } ?? "?"))")
        } else {
            seenIDs[id] = location
        }
        let terms = patterns(mapping, "terms")
        let requires = patterns(mapping, "requires")
        let excludes = patterns(mapping, "excludes")
        let near = mapping["near"].map { readNear($0) } ?? []
        let children = mapping["codes"].map { readCodes($0, parentID: id, ancestors: ancestors + [slug], depth: depth + 1) } ?? []
        if terms.isEmpty, near.isEmpty, !requires.isEmpty || !excludes.isEmpty {
            problem(at: mapping["requires"] ?? mapping["excludes"],
                    "code '\(id)' has 'requires' or 'excludes' but no 'terms' or 'near' to apply them to")
        }
        if terms.isEmpty, near.isEmpty, children.isEmpty, mapping["terms"] == nil {
            problem(at: mapping["id"], "code '\(id)' has no terms, near rules or children: Themis never applies it",
                    severity: .warning)
        }
        var provisional = false
        if let node = mapping["provisional"] {
            if let value = node.bool { provisional = value } else { problem(at: node, "'provisional' must be true or false") }
        }
        var polarity: Polarity?
        if let node = mapping["polarity"] {
            if let text = node.string, let value = Polarity(rawValue: text) {
                polarity = value
                if !hasValence { problem(at: node, "'polarity' needs the codebook's 'valence' block", severity: .warning) }
            } else {
                problem(at: node, "'polarity' must be barrier or enabler")
            }
        }
        let color = string(mapping, "color")
        if let color, !Self.isColor(color) { problem(at: mapping["color"], "color '\(color)' is not #RRGGBB or #RGB") }
        return Code(
            id: id, name: string(mapping, "name") ?? slug, description: string(mapping, "description"),
            include: string(mapping, "include"), exclude: string(mapping, "exclude"),
            examples: strings(mapping, "examples"), color: color, provisional: provisional, polarity: polarity,
            terms: terms, requires: requires, excludes: excludes, near: near, children: children, depth: depth, location: location)
    }

    private mutating func readNear(_ node: Node) -> [NearRule] {
        guard let sequence = node.sequence else {
            problem(at: node, "'near' must be a list of {a: [...], b: [...], within: N}")
            return []
        }
        return sequence.compactMap { item in
            guard let mapping = item.mapping else {
                problem(at: item, "a near rule must be a mapping {a: [...], b: [...], within: N}")
                return nil
            }
            checkKeys(mapping, allowed: Self.nearKeys, what: "near rule")
            let a = patterns(mapping, "a"), b = patterns(mapping, "b")
            if mapping["a"] == nil || mapping["b"] == nil { problem(at: item, "a near rule needs both 'a' and 'b'") }
            guard let withinNode = mapping["within"] else {
                problem(at: item, "a near rule needs 'within' (the most tokens between a and b)")
                return nil
            }
            guard let within = withinNode.int, within >= 1 else {
                problem(at: withinNode, "'within' must be a whole number of tokens, at least 1")
                return nil
            }
            guard !a.isEmpty, !b.isEmpty else { return nil }
            return NearRule(a: a, b: b, within: within)
        }
    }

    private mutating func readValence(_ node: Node) -> ValenceRules? {
        guard let mapping = node.mapping else {
            problem(at: node, "'valence' must be a mapping with window, barrier and enabler")
            return nil
        }
        checkKeys(mapping, allowed: Self.valenceKeys, what: "valence")
        var window = 8
        if let windowNode = mapping["window"] {
            if let value = windowNode.int, value >= 1 { window = value } else {
                problem(at: windowNode, "'window' must be a whole number of tokens, at least 1")
            }
        }
        let barrier = patterns(mapping, "barrier"), enabler = patterns(mapping, "enabler")
        if barrier.isEmpty, enabler.isEmpty { problem(at: node, "'valence' needs 'barrier' or 'enabler' cues") }
        let negators = mapping["negators"] != nil ? patterns(mapping, "negators") : Self.defaultPatterns(Self.defaultNegators)
        let counterfactuals = mapping["counterfactuals"] != nil
            ? patterns(mapping, "counterfactuals") : Self.defaultPatterns(Self.defaultCounterfactuals)
        let advice = patterns(mapping, "advice")
        let mixed = patterns(mapping, "mixed")
        let contrast = patterns(mapping, "contrast")
        var defaultValence: Polarity?
        if let node = mapping["default"] {
            if let text = node.string, text == "neutral" || Polarity(rawValue: text) != nil {
                defaultValence = Polarity(rawValue: text)
            } else {
                problem(at: node, "'default' must be barrier, enabler or neutral")
            }
        }
        return ValenceRules(window: window, barrier: barrier, enabler: enabler, negators: negators,
                            counterfactuals: counterfactuals, advice: advice, mixed: mixed, contrast: contrast,
                            defaultValence: defaultValence)
    }

    private static func defaultPatterns(_ texts: [String]) -> [Pattern] {
        texts.compactMap { try? Pattern.parse($0).get() }
    }

    // MARK: - Values

    private mutating func patterns(_ mapping: Node.Mapping, _ key: String) -> [Pattern] {
        guard let node = mapping[key] else { return [] }
        guard let sequence = node.sequence else {
            problem(at: node, "'\(key)' must be a list of patterns")
            return []
        }
        if sequence.count == 0 { problem(at: node, "'\(key)' is an empty list") }
        var result = [Pattern]()
        for item in sequence {
            guard let text = item.scalar?.string, item.scalar != nil else {
                problem(at: item, "each entry of '\(key)' must be a pattern string")
                continue
            }
            if text.allSatisfy(\.isWhitespace) {
                problem(at: item, "empty pattern in '\(key)'")
                continue
            }
            switch Pattern.parse(text) {
            case .success(let pattern): result.append(pattern)
            case .failure(let error): problem(at: item, error.description)
            }
        }
        return result
    }

    private mutating func requiredString(_ mapping: Node.Mapping, _ key: String, what: String) -> String? {
        guard mapping[key] != nil else {
            problem(at: Node.mapping(mapping), "\(what) has no '\(key)'")
            return nil
        }
        return string(mapping, key)
    }

    private mutating func string(_ mapping: Node.Mapping, _ key: String) -> String? {
        guard let node = mapping[key] else { return nil }
        guard let scalar = node.scalar else {
            problem(at: node, "'\(key)' must be text")
            return nil
        }
        return scalar.string
    }

    private mutating func strings(_ mapping: Node.Mapping, _ key: String) -> [String] {
        guard let node = mapping[key] else { return [] }
        guard let sequence = node.sequence else {
            problem(at: node, "'\(key)' must be a list")
            return []
        }
        return sequence.compactMap { item in
            if let text = item.scalar?.string { return text }
            problem(at: item, "each entry of '\(key)' must be text")
            return nil
        }
    }

    private mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, what: String) {
        for (key, _) in mapping {
            guard let name = key.string else {
                problem(at: key, "keys must be text")
                continue
            }
            if !allowed.contains(name) {
                problem(at: key, "unknown key '\(name)' in \(what) (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    private mutating func problem(at node: Node?, _ message: String, severity: CodebookProblem.Severity = .error) {
        problems.append(CodebookProblem(path: path, location: node?.mark.map(Self.location), message: message,
                                        severity: severity))
    }

    static func location(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line, column: mark.column) }

    private static func isColor(_ text: String) -> Bool {
        let hex = text.dropFirst()
        return text.hasPrefix("#") && (hex.count == 6 || hex.count == 3) && hex.allSatisfy(\.isHexDigit)
    }
}

/// Code and codebook ids: lowercase letters and digits in words joined by single hyphens.
public enum Slug {
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A slug made from a name: `Senior buy-in` -> `senior-buy-in`.
    public static func make(from name: String) -> String {
        var folder = TextFolder()
        var slug = ""
        var pendingHyphen = false
        for scalar in folder.fold(name).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "code" : slug
    }
}
