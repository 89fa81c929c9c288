import Foundation
import ThemisCodebook

/// Reads a REFI-QDA project (`.qdpx`, or a bare `project.qde`): its codebook,
/// users, text sources and every coded text selection as a span coding.
///
/// Positions are Unicode scalars, as REFI-QDA 1.5 §10.2 defines them, and are
/// mapped onto the text Themis ingests (no byte-order mark, LF line ends) as the
/// project's exporter counts them (see ``QDPXSourceText``), so that spans line up
/// with `themis ingest` offsets.
public struct QDPXProjectFile: Sendable {
    /// A coded span of a source.
    public struct SpanCoding: Sendable, Equatable {
        public var document: String
        public var start: Int
        public var end: Int
        public var code: String
        public var coder: String

        public init(document: String, start: Int, end: Int, code: String, coder: String) {
            self.document = document
            self.start = start
            self.end = end
            self.code = code
            self.coder = coder
        }
    }

    public var codebook: Codebook
    public var codings: [SpanCoding]
    /// Each source's plain text (LF line ends), by document id.
    public var texts: [String: String]
    public var warnings: [String]
    /// What the import left out.
    public var discarded = Discarded()

    /// Reads the project at `url` (`.qdpx` zip or `.qde` XML).
    public static func read(_ url: URL, limits: ZipLimits = .standard) throws(IngestError) -> QDPXProjectFile {
        let project: [UInt8]
        let sources: QDPXSourceFiles
        if url.pathExtension.lowercased() == "qde" {
            project = try FileBytes.read(url)
            sources = QDPXSourceFiles(package: nil, projectURL: url, limits: limits)
        } else {
            let package = try ZipPackage(url: url, limits: limits, kind: "REFI-QDA project")
            guard let path = package.paths.first(where: { $0.lowercased() == "project.qde" }), let qde = try package.part(path) else {
                throw IngestError("no project.qde in the package")
            }
            project = qde
            sources = QDPXSourceFiles(package: package, projectURL: url, limits: limits)
        }
        var warnings = [String]()
        let tree = try QDCReader.codeTreeIfAny(project, warnings: &warnings)
        if tree == nil { warnings.append("no codebook: read with an empty one, so no coding is imported") }
        let nodes = tree ?? []
        let stem = url.deletingPathExtension().lastPathComponent
        let codebook = try QDCReader.codebook(from: nodes, fallbackID: Slug.make(from: stem), fallbackName: stem, path: url.path,
                                              warnings: &warnings)
        var guidToCode = [String: String]()
        var holders = [String: QDCReader.Node]()
        func map(_ nodes: [QDCReader.Node], _ codes: [Code]) {
            for (node, code) in zip(nodes, codes) {
                let key = guidKey(node.guid)
                if let first = holders[key] {
                    warnings.append("line \(node.line): codes '\(first.name)' (line \(first.line)) and '\(node.name)' have one GUID, \(key); "
                                    + "its codings go to '\(first.name)'")
                } else {
                    holders[key] = node
                    guidToCode[key] = code.id
                }
                map(node.children, code.children)
            }
        }
        if QDCReader.exportMarker(nodes) != nil {
            map(nodes[0].children, codebook.codes)
        } else {
            map(nodes, codebook.codes)
        }
        var file = try parse(project, sources: sources, codes: guidToCode)
        file.codebook = codebook
        file.warnings = warnings + file.warnings
        return file
    }

    /// A GUID as compared: without the braces the schema allows, in capitals.
    static func guidKey(_ guid: String) -> String {
        var key = Substring(guid.trimmingCharacters(in: .whitespaces))
        if key.hasPrefix("{"), key.hasSuffix("}"), key.count >= 2 { key = key.dropFirst().dropLast() }
        return key.uppercased()
    }

    private static func parse(_ bytes: [UInt8], sources: QDPXSourceFiles, codes: [String: String]) throws(IngestError) -> QDPXProjectFile {
        try bytes.withUnsafeBufferPointer { buffer throws(IngestError) -> QDPXProjectFile in
            let reader = try XMLStreamReader(buffer: buffer)
            var sources = sources
            var counting = QDPXSourceText.Counting(origin: nil)
            var users = [String: String]()
            var codings = [SpanCoding]()
            var texts = [String: String]()
            var warnings = [String]()
            var document: String?
            var source: QDPXSourceText?
            var inlineText: String?
            var selection: (start: Int, end: Int, user: String?)?
            var codingUser: String?
            func load(_ text: String, for name: String) {
                source = QDPXSourceText(text, counting: counting)
                texts[name] = source?.text
            }
            func start(_ local: String) throws(IngestError) {
                switch local {
                case "User":
                    if let guid = reader.attribute("guid", namespace: nil) {
                        users[guidKey(guid)] = reader.attribute("name", namespace: nil) ?? reader.attribute("id", namespace: nil) ?? guidKey(guid)
                    }
                case "TextSource":
                    var name = reader.attribute("name", namespace: nil) ?? reader.attribute("guid", namespace: nil).map(guidKey) ?? "source"
                    for suffix in [".txt", ".docx", ".rtf", ".pdf"] where name.lowercased().hasSuffix(suffix) {
                        name = String(name.dropLast(suffix.count))
                    }
                    document = name
                    source = nil
                    if let path = reader.attribute("plainTextPath", namespace: nil) {
                        switch try sources.bytes(for: path) {
                        case .bytes(let bytes): load(String(decoding: bytes, as: UTF8.self), for: name)
                        case .missing(let reason): warnings.append("source '\(name)': \(reason); its spans are kept as given")
                        }
                    }
                case "PlainTextContent":
                    inlineText = ""
                case "PlainTextSelection":
                    guard let document else { return }
                    func position(_ name: String) -> Int? {
                        reader.attribute(name, namespace: nil).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                    }
                    let start = position("startPosition"), end = position("endPosition")
                    let problem: String? = switch (start, end) {
                    case (nil, _), (_, nil): "has no whole-number startPosition and endPosition"
                    case (let start?, _) where start < 0: "starts before the text"
                    case (let start?, let end?) where end < start: "ends before it starts"
                    case (_, let end?) where source.map({ end > $0.length }) ?? false:
                        "ends past the end of the text (\(source?.length ?? 0) positions)"
                    default: nil
                    }
                    guard let start, let end, problem == nil else {
                        let guid = reader.attribute("guid", namespace: nil) ?? "without a guid"
                        let positions = [start, end].map { $0.map(String.init) ?? "?" }.joined(separator: " to ")
                        warnings.append("source '\(document)': selection \(guid) (\(positions)) \(problem ?? ""); its codings are skipped")
                        return
                    }
                    selection = (source?.offset(start) ?? start, source?.offset(end) ?? end, reader.attribute("creatingUser", namespace: nil))
                case "Coding":
                    codingUser = reader.attribute("creatingUser", namespace: nil)
                case "CodeRef":
                    guard let (start, end, selectionUser) = selection, let document,
                          let target = reader.attribute("targetGUID", namespace: nil) else { return }
                    guard let code = codes[guidKey(target)] else {
                        warnings.append("a coding in '\(document)' names code \(target), which the codebook lacks; skipped")
                        return
                    }
                    let userGUID = (codingUser ?? selectionUser).map(guidKey)
                    let coder = userGUID.flatMap { users[$0] } ?? userGUID ?? "unknown"
                    codings.append(SpanCoding(document: document, start: start, end: end, code: code, coder: coder))
                default: break
                }
            }
            func end(_ local: String) {
                switch local {
                case "PlainTextContent":
                    if let text = inlineText, let document { load(text, for: document) }
                    inlineText = nil
                case "PlainTextSelection": selection = nil
                case "Coding": codingUser = nil
                case "TextSource": document = nil
                default: break
                }
            }
            var path = [String]()  // the open elements, outermost first
            var discarded = Discarded()
            var atRoot = true
            while try reader.advance() {
                guard let type = reader.nodeType else { continue }
                let local = reader.localNamePointer.map { String(cString: $0) } ?? ""
                switch type {
                case .element:
                    if atRoot {
                        atRoot = false
                        sources.basePath = reader.attribute("basePath", namespace: nil)
                        counting = QDPXSourceText.Counting(origin: reader.attribute("origin", namespace: nil))
                    }
                    discarded.count(local, under: path)
                    try start(local)
                    // An empty element has no end tag of its own.
                    if reader.isEmptyElement { end(local) } else { path.append(local) }
                case .endElement:
                    _ = path.popLast()
                    end(local)
                case .text, .cdata, .whitespace, .significantWhitespace:
                    if let value = reader.valuePointer { inlineText?.append(String(cString: value)) }
                case .documentType:
                    break
                }
            }
            return QDPXProjectFile(codebook: Codebook(id: "", name: "", version: "", codes: [], path: ""), codings: codings,
                                   texts: texts, warnings: warnings, discarded: discarded)
        }
    }
}
