/// Writes a codebook for people: an indented tree, Markdown with definitions,
/// or canonical Themis YAML (which also converts LIWC and quanteda dictionaries).
public enum CodebookRenderer {
    public enum Format: String, CaseIterable, Sendable {
        case tree, md, yaml
    }

    public static func render(_ book: Codebook, as format: Format) -> String {
        switch format {
        case .tree: return tree(book)
        case .md: return markdown(book)
        case .yaml: return yaml(book)
        }
    }

    static func tree(_ book: Codebook) -> String {
        var out = "\(book.id)  \(book.name)" + (book.version.isEmpty ? "" : " \(book.version)") + "\n"
        func visit(_ code: Code) {
            let indent = String(repeating: "  ", count: code.depth)
            let slug = code.id.split(separator: "/").last.map(String.init) ?? code.id
            var line = "\(indent)\(slug)  \(code.name)"
            if code.provisional { line += "  [provisional]" }
            if !code.hasRules, code.children.isEmpty { line += "  [no rules]" }
            out += line + "\n"
            code.children.forEach(visit)
        }
        book.codes.forEach(visit)
        return out
    }

    static func markdown(_ book: Codebook) -> String {
        var out = "# \(book.name)\n\n`\(book.id)`" + (book.version.isEmpty ? "" : " version \(book.version)") + "\n\n"
        if let description = book.description { out += description + "\n\n" }
        if let valence = book.valence {
            out += "Valence is read from cues within \(valence.window) tokens of a code's terms; a coding no cue decides is "
                + "\(valence.defaultValence?.rawValue ?? "neutral").\n\n"
        }
        for code in book.allCodes {
            out += String(repeating: "#", count: min(code.depth + 1, 6)) + " \(code.name)"
            out += code.provisional ? " (provisional)\n\n" : "\n\n"
            out += "`\(code.id)`\n\n"
            if let description = code.description { out += description + "\n\n" }
            if let include = code.include { out += "- **Use when:** \(include)\n" }
            if let exclude = code.exclude { out += "- **Do not use when:** \(exclude)\n" }
            for example in code.examples { out += "- **Example:** \u{201C}\(example)\u{201D}\n" }
            if let polarity = code.polarity { out += "- **Valence:** always \(polarity.rawValue)\n" }
            if !code.terms.isEmpty { out += "- **Terms:** " + code.terms.map { "`\($0.text)`" }.joined(separator: ", ") + "\n" }
            if !code.requires.isEmpty {
                out += "- **Requires one of:** " + code.requires.map { "`\($0.text)`" }.joined(separator: ", ") + "\n"
            }
            if !code.excludes.isEmpty {
                out += "- **Vetoed by:** " + code.excludes.map { "`\($0.text)`" }.joined(separator: ", ") + "\n"
            }
            for rule in code.near {
                out += "- **Near (within \(rule.within)):** " + rule.a.map { "`\($0.text)`" }.joined(separator: ", ")
                    + " with " + rule.b.map { "`\($0.text)`" }.joined(separator: ", ") + "\n"
            }
            out += "\n"
        }
        return out
    }

    static func yaml(_ book: Codebook) -> String {
        var out = "id: \(quote(book.id))\nname: \(quote(book.name))\n"
        if !book.version.isEmpty { out += "version: \(quote(book.version))\n" }
        if let description = book.description { out += "description: \(quote(description))\n" }
        if !book.references.isEmpty { out += "references:\n" + book.references.map { "  - \(quote($0))\n" }.joined() }
        if let valence = book.valence {
            out += "valence:\n  window: \(valence.window)\n"
            if let fallback = valence.defaultValence { out += "  default: \(fallback.rawValue)\n" }
            out += list("barrier", valence.barrier.map(\.text), indent: "  ")
            out += list("enabler", valence.enabler.map(\.text), indent: "  ")
            out += list("negators", valence.negators.map(\.text), indent: "  ")
            out += list("counterfactuals", valence.counterfactuals.map(\.text), indent: "  ")
            if !valence.advice.isEmpty { out += list("advice", valence.advice.map(\.text), indent: "  ") }
            if !valence.mixed.isEmpty { out += list("mixed", valence.mixed.map(\.text), indent: "  ") }
            if !valence.contrast.isEmpty { out += list("contrast", valence.contrast.map(\.text), indent: "  ") }
        }
        out += "codes:\n"
        func visit(_ code: Code, indent: String) {
            let slug = code.id.split(separator: "/").last.map(String.init) ?? code.id
            out += "\(indent)- id: \(quote(slug))\n"
            let inner = indent + "  "
            out += "\(inner)name: \(quote(code.name))\n"
            for (key, value) in [("description", code.description), ("include", code.include), ("exclude", code.exclude),
                                 ("color", code.color)] {
                if let value { out += "\(inner)\(key): \(quote(value))\n" }
            }
            if code.provisional { out += "\(inner)provisional: true\n" }
            if let polarity = code.polarity { out += "\(inner)polarity: \(polarity.rawValue)\n" }
            out += list("examples", code.examples, indent: inner)
            out += list("terms", code.terms.map(\.text), indent: inner)
            out += list("requires", code.requires.map(\.text), indent: inner)
            out += list("excludes", code.excludes.map(\.text), indent: inner)
            if !code.near.isEmpty {
                out += "\(inner)near:\n"
                for rule in code.near {
                    out += "\(inner)  - {a: [\(rule.a.map { quote($0.text) }.joined(separator: ", "))], "
                        + "b: [\(rule.b.map { quote($0.text) }.joined(separator: ", "))], within: \(rule.within)}\n"
                }
            }
            if !code.children.isEmpty {
                out += "\(inner)codes:\n"
                code.children.forEach { visit($0, indent: inner + "  ") }
            }
        }
        book.codes.forEach { visit($0, indent: "  ") }
        return out
    }

    private static func list(_ key: String, _ items: [String], indent: String) -> String {
        guard !items.isEmpty else { return "" }
        return "\(indent)\(key): [" + items.map(quote).joined(separator: ", ") + "]\n"
    }

    /// A double-quoted YAML scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
