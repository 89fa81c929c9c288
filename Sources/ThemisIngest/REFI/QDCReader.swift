import Foundation
import ThemisCodebook

/// Reads REFI-QDA codebooks (`.qdc`), and the `<CodeBook>` of a project, into
/// Themis codebooks: the hierarchy, names, colours and descriptions. Codes carry
/// no rules, so they serve sheets, matrices and agreement, not auto-coding.
///
/// Lenient with what exporters write: the `urn:QDA-XML:codebook:1:0` namespace
/// (NVivo for Mac) or none at all gives a warning; an empty `<Sets/>` is fine.
public enum QDCReader {
    /// A code as read: its GUID, name, colour, description and children.
    public struct Node: Sendable {
        public var guid: String
        public var name: String
        public var color: String?
        public var description: String?
        public var isCodable: Bool
        public var children: [Node]
        /// The line of its `<Code>` element.
        public var line: Int
    }

    static let namespaces: Set<String> = ["urn:QDA-XML:codebook:1.0", "urn:QDA-XML:project:1.0"]

    /// Reads the `.qdc` at `url` as a codebook; `warnings` collects leniencies.
    public static func codebook(at url: URL, warnings: inout [String]) throws(IngestError) -> Codebook {
        let bytes = try FileBytes.read(url)
        let nodes = try codeTree(bytes, warnings: &warnings)
        let stem = url.deletingPathExtension().lastPathComponent
        return try codebook(from: nodes, fallbackID: Slug.make(from: stem), fallbackName: stem, path: url.path, warnings: &warnings)
    }

    /// Builds a codebook from a code tree. A Themis export (top-level codes described
    /// as `Themis codebook: ID`, codes as `Themis id: ID`) gets its ids back; other
    /// trees get ids from slugged names under `fallbackID`. Names that slug alike
    /// get `-2`, `-3` in document order, with a warning; two codes with one
    /// `Themis id` are refused.
    public static func codebook(
        from nodes: [Node], fallbackID: String, fallbackName: String, path: String, warnings: inout [String]
    ) throws(IngestError) -> Codebook {
        if let marker = exportMarker(nodes), let description = nodes[0].description {
            let parts = marker.split(separator: " ")
            let id = String(parts.first ?? Substring(fallbackID))
            let body = description.components(separatedBy: "\n\nThemis codebook: ").first
            var ids = try CodeIDs(nodes[0].children)
            let codes = nodes[0].children.map { code($0, parent: id, depth: 1, ids: &ids) }
            warnings += ids.warnings
            return Codebook(id: id, name: nodes[0].name, version: parts.count > 1 ? String(parts[1]) : "",
                            description: body == description ? nil : body, codes: codes, path: path)
        }
        var ids = try CodeIDs(nodes)
        let codes = nodes.map { code($0, parent: fallbackID, depth: 1, ids: &ids) }
        warnings += ids.warnings
        return Codebook(id: fallbackID, name: fallbackName, version: "", codes: codes, path: path)
    }

    /// The `Themis codebook: ID VERSION` line that marks a Themis export's one top-level code.
    static func exportMarker(_ nodes: [Node]) -> String? {
        guard nodes.count == 1, let description = nodes[0].description else { return nil }
        return line(description, prefix: "Themis codebook: ")
    }

    /// The ids given so far, so that each code gets its own.
    private struct CodeIDs {
        /// Each id given, with the name and line of its code.
        var given = [String: (name: String, line: Int)]()
        /// Ids from `Themis id` lines, with the name and line of their code; slugged names give way to them.
        let explicit: [String: (name: String, line: Int)]
        /// The next suffix to try for an id made from a name.
        var nextSuffix = [String: Int]()
        var warnings = [String]()

        /// Collects the `Themis id` lines of `nodes`, refusing one that two codes share.
        init(_ nodes: [Node]) throws(IngestError) {
            var seen = [String: Node]()
            var pending = nodes
            while let node = pending.popLast() {
                pending += node.children
                guard let id = QDCReader.themisID(node.description) else { continue }
                if let other = seen[id] {
                    let (first, second) = other.line <= node.line ? (other, node) : (node, other)
                    throw IngestError("'\(second.name)' has the Themis id \(id), as '\(first.name)' (line \(first.line)) has", line: second.line)
                }
                seen[id] = node
            }
            explicit = seen.mapValues { ($0.name, $0.line) }
        }

        /// The id of `node`: its `Themis id`, else `base` made unique with a suffix.
        mutating func id(for node: Node, explicit themisID: String?, base: String) -> String {
            var id = themisID ?? base
            if themisID == nil, let holder = given[base] ?? explicit[base] {
                var suffix = nextSuffix[base] ?? 2
                repeat {
                    id = "\(base)-\(suffix)"
                    suffix += 1
                } while given[id] != nil || explicit[id] != nil
                nextSuffix[base] = suffix
                warnings.append("line \(node.line): codes '\(holder.name)' (line \(holder.line)) and '\(node.name)' would both have the id \(base); "
                                + "'\(node.name)' is \(id)")
            }
            given[id] = (node.name, node.line)
            return id
        }
    }

    /// The `Themis id` lines of descriptions, or slugs of names, as code ids.
    private static func code(_ node: Node, parent: String, depth: Int, ids: inout CodeIDs) -> Code {
        var description = node.description
        var include: String?, exclude: String?
        var provisional = false
        if let text = node.description {
            var kept = [String]()
            for paragraph in text.components(separatedBy: "\n\n") {
                if paragraph.hasPrefix("Themis id: ") { continue }
                if paragraph.hasPrefix("Use when: ") { include = String(paragraph.dropFirst(10)); continue }
                if paragraph.hasPrefix("Do not use when: ") { exclude = String(paragraph.dropFirst(17)); continue }
                if paragraph.hasPrefix("Provisional: ") { provisional = true; continue }
                kept.append(paragraph)
            }
            description = kept.isEmpty ? nil : kept.joined(separator: "\n\n")
        }
        let id = ids.id(for: node, explicit: themisID(node.description), base: "\(parent)/\(Slug.make(from: node.name))")
        return Code(id: id, name: node.name, description: description, include: include, exclude: exclude,
                    color: node.color, provisional: provisional,
                    children: node.children.map { code($0, parent: id, depth: depth + 1, ids: &ids) }, depth: depth)
    }

    /// The id of a `Themis id: ID` line of a description, unless blank.
    private static func themisID(_ description: String?) -> String? {
        guard let id = description.flatMap({ line($0, prefix: "Themis id: ") })?.trimmingCharacters(in: .whitespaces) else { return nil }
        return id.isEmpty ? nil : id
    }

    private static func line(_ text: String, prefix: String) -> String? {
        text.components(separatedBy: "\n").last { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// The `<Code>` tree under the first `<Codes>` of a codebook or project document.
    /// A `<Code>` inside a `<Description>` (which holds text only) is refused with its line.
    public static func codeTree(_ bytes: [UInt8], warnings: inout [String]) throws(IngestError) -> [Node] {
        guard let nodes = try codeTreeIfAny(bytes, warnings: &warnings) else {
            throw IngestError("no <Codes> element: not a REFI-QDA codebook")
        }
        return nodes
    }

    /// The `<Code>` tree, or nil when the document has no `<Codes>` (a project without a codebook).
    static func codeTreeIfAny(_ bytes: [UInt8], warnings: inout [String]) throws(IngestError) -> [Node]? {
        try bytes.withUnsafeBufferPointer { buffer throws(IngestError) -> [Node]? in
            let reader = try XMLStreamReader(buffer: buffer)
            var stack = [Node]()
            var roots = [Node]()
            var inCodes = false, done = false, checkedNamespace = false
            var inDescription = false
            while !done, try reader.advance() {
                guard let type = reader.nodeType else { continue }
                let local = reader.localNamePointer.map { String(cString: $0) } ?? ""
                switch type {
                case .element:
                    if !checkedNamespace {
                        checkedNamespace = true
                        let namespace = reader.namespacePointer.map { String(cString: $0) } ?? ""
                        if !namespaces.contains(namespace) {
                            warnings.append(namespace.isEmpty ? "no REFI-QDA namespace; read as urn:QDA-XML:codebook:1.0"
                                : "namespace '\(namespace)' is not urn:QDA-XML:codebook:1.0; read as if it were")
                        }
                    }
                    if local == "Codes", !inCodes {
                        inCodes = true
                        if reader.isEmptyElement { done = true }
                    } else if inCodes, local == "Code" {
                        if inDescription, let owner = stack.last {
                            throw IngestError("a <Code> inside the <Description> of '\(owner.name)': a description holds text only",
                                              line: reader.line)
                        }
                        let node = Node(
                            guid: reader.attribute("guid", namespace: nil) ?? "", name: reader.attribute("name", namespace: nil) ?? "",
                            color: reader.attribute("color", namespace: nil), description: nil,
                            isCodable: reader.attribute("isCodable", namespace: nil) != "false", children: [], line: reader.line)
                        if reader.isEmptyElement { attach(node, to: &stack, roots: &roots) } else { stack.append(node) }
                    } else if inCodes, local == "Description", !stack.isEmpty, !reader.isEmptyElement {
                        inDescription = true
                        stack[stack.count - 1].description = ""
                    }
                case .endElement:
                    if local == "Description" { inDescription = false }
                    if inCodes, local == "Code", let node = stack.popLast() { attach(node, to: &stack, roots: &roots) }
                    if inCodes, local == "Codes", stack.isEmpty { done = true }
                case .text, .cdata, .whitespace, .significantWhitespace:
                    if inDescription, !stack.isEmpty, let value = reader.valuePointer {
                        stack[stack.count - 1].description?.append(String(cString: value))
                    }
                case .documentType:
                    break
                }
            }
            return inCodes ? roots : nil
        }
    }

    private static func attach(_ node: Node, to stack: inout [Node], roots: inout [Node]) {
        if stack.isEmpty { roots.append(node) } else { stack[stack.count - 1].children.append(node) }
    }
}
