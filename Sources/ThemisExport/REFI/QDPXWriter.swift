import Foundation
import ThemisCodebook
import ThemisModel

/// Writes a REFI-QDA project (`.qdpx`): `project.qde` and the transcripts' plain
/// text as `sources/<GUID>.txt`, so that NVivo, ATLAS.ti, MAXQDA or QualCoder can
/// open Themis's codings.
///
/// Offsets are Unicode scalars into the plain text Themis ingests (LF line ends),
/// which is exactly the text written to `sources/`. One user per coder; each coded
/// segment becomes a `PlainTextSelection` per coder with a `Coding` per code; with
/// attributes, one case per speaker of a document with its attribute values.
public struct QDPXProject {
    /// One applied code.
    public struct Coding: Sendable {
        public var coder: String
        public var segment: String
        public var code: String
        public init(coder: String, segment: String, code: String) {
            self.coder = coder
            self.segment = segment
            self.code = code
        }
    }

    public var name: String
    public var transcripts: [Transcript]
    public var codings: [Coding]
    public var codebooks: [Codebook]
    public var attributes: AttributeRows?

    public init(name: String, transcripts: [Transcript], codings: [Coding], codebooks: [Codebook], attributes: AttributeRows?) {
        self.name = name
        self.transcripts = transcripts
        self.codings = codings
        self.codebooks = codebooks
        self.attributes = attributes
    }

    /// Problems that stop an export: codings of unknown segments or codes.
    public struct ExportError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `project.qde` XML and the source files, by path in the package.
    public func parts() throws(ExportError) -> [(path: String, text: String)] {
        var segments = [String: Segment]()
        for transcript in transcripts { for segment in transcript.segments { segments[segment.id] = segment } }
        let books = codebooks.isEmpty ? Self.codebooks(for: codings.map(\.code)) : codebooks
        let known = Set(books.flatMap(\.allCodes).map(\.id))
        for coding in codings {
            guard segments[coding.segment] != nil else {
                throw ExportError(description: "segment \(coding.segment) is not in the transcripts given (coded with another --unit?)")
            }
            guard known.contains(coding.code) else {
                throw ExportError(description: "code \(coding.code) is not in the codebooks given")
            }
        }
        var coders = [String]()
        for coding in codings where !coders.contains(coding.coder) { coders.append(coding.coder) }
        func user(_ coder: String) -> String { REFIIdentifiers.guid("user", coder) }
        func source(_ document: String) -> String { REFIIdentifiers.guid("source", document) }
        func selection(_ segment: String, _ coder: String) -> String { REFIIdentifiers.guid("selection", segment + "\u{0}" + coder) }
        let esc = XMLText.escape

        // Codings grouped: document -> segment (in order) -> coder -> codes.
        var bySegment = [String: [String: [String]]]()
        for coding in codings { bySegment[coding.segment, default: [:]][coding.coder, default: []].append(coding.code) }

        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"\(esc(name))\" origin=\"Themis \(esc(themisVersion))\""
        if let first = coders.first { xml += " creatingUserGUID=\"\(user(first))\"" }
        xml += ">\n"
        if !coders.isEmpty {
            xml += "  <Users>\n" + coders.map { "    <User guid=\"\(user($0))\" name=\"\(esc($0))\"/>\n" }.joined() + "  </Users>\n"
        }
        xml += "  <CodeBook>\n" + QDCWriter.codes(books, indent: "    ") + "  </CodeBook>\n"
        var sourceFiles = [(path: String, text: String)]()
        if let attributes, !attributes.names.isEmpty {
            xml += "  <Variables>\n" + attributes.names.map {
                "    <Variable guid=\"\(REFIIdentifiers.guid("variable", $0))\" name=\"\(esc($0))\" typeOfVariable=\"Text\"/>\n"
            }.joined() + "  </Variables>\n"
            var cases = ""
            for transcript in transcripts {
                var speakers = [String]()
                for segment in transcript.segments { if let s = segment.speaker, !speakers.contains(s) { speakers.append(s) } }
                for speaker in speakers {
                    guard let values = attributes.values(document: transcript.id, speaker: speaker) else { continue }
                    cases += "    <Case guid=\"\(REFIIdentifiers.guid("case", transcript.id + "\u{0}" + speaker))\" name=\"\(esc("\(speaker) (\(transcript.id))"))\">\n"
                    for (name, value) in zip(attributes.names, values) where !value.isEmpty {
                        cases += "      <VariableValue><VariableRef targetGUID=\"\(REFIIdentifiers.guid("variable", name))\"/><TextValue>\(esc(value))</TextValue></VariableValue>\n"
                    }
                    cases += "      <SourceRef targetGUID=\"\(source(transcript.id))\"/>\n"
                    for segment in transcript.segments where segment.speaker == speaker {
                        for coder in coders where bySegment[segment.id]?[coder] != nil {
                            cases += "      <SelectionRef targetGUID=\"\(selection(segment.id, coder))\"/>\n"
                        }
                    }
                    cases += "    </Case>\n"
                }
            }
            if !cases.isEmpty { xml += "  <Cases>\n" + cases + "  </Cases>\n" }
        }
        if !transcripts.isEmpty {
            xml += "  <Sources>\n"
            for transcript in transcripts {
                let guid = source(transcript.id)
                xml += "    <TextSource guid=\"\(guid)\" name=\"\(esc(transcript.id))\" plainTextPath=\"internal://\(guid).txt\">\n"
                for segment in transcript.segments {
                    guard let byCoder = bySegment[segment.id] else { continue }
                    for coder in coders {
                        guard let codes = byCoder[coder] else { continue }
                        xml += "      <PlainTextSelection guid=\"\(selection(segment.id, coder))\" name=\"\(esc(segment.id))\" "
                            + "startPosition=\"\(segment.start)\" endPosition=\"\(segment.end)\" creatingUser=\"\(user(coder))\">\n"
                        for code in Array(Set(codes)).sorted() {
                            xml += "        <Coding guid=\"\(REFIIdentifiers.guid("coding", segment.id + "\u{0}" + coder + "\u{0}" + code))\" creatingUser=\"\(user(coder))\">"
                                + "<CodeRef targetGUID=\"\(QDCWriter.guid(code))\"/></Coding>\n"
                        }
                        xml += "      </PlainTextSelection>\n"
                    }
                }
                xml += "    </TextSource>\n"
                sourceFiles.append(("sources/\(guid).txt", transcript.plainText))
            }
            xml += "  </Sources>\n"
        }
        xml += "</Project>\n"
        return [("project.qde", xml)] + sourceFiles
    }

    /// The package bytes.
    public func data() throws -> [UInt8] {
        try ZipWriter.archive(try parts())
    }

    private var themisVersion: String { "0.1.0" }

    /// A code tree for codings made without a codebook: one codebook per first path part.
    static func codebooks(for codes: [String]) -> [Codebook] {
        var roots = [String: [String]]()
        var order = [String]()
        for code in Set(codes).sorted() {
            let root = String(code.split(separator: "/").first ?? Substring(code))
            if roots[root] == nil { order.append(root) }
            roots[root, default: []].append(code)
        }
        func children(of parent: String, depth: Int, among codes: [String]) -> [Code] {
            var names = [String]()
            for code in codes where code.hasPrefix(parent + "/") {
                let rest = code.dropFirst(parent.count + 1)
                let name = String(rest.split(separator: "/").first ?? rest)
                if !names.contains(name) { names.append(name) }
            }
            return names.map { name in
                let id = parent + "/" + name
                return Code(id: id, name: name, children: children(of: id, depth: depth + 1, among: codes), depth: depth)
            }
        }
        return order.map { root in
            Codebook(id: root, name: root, version: "", codes: children(of: root, depth: 1, among: roots[root]!), path: "")
        }
    }
}

/// All attribute columns of a CSV `document[,speaker],NAME,...`.
public struct AttributeRows: Sendable {
    public var names: [String]
    private var rows = [String: [String]]()

    public init(path: String) throws(CodingFileError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CodingFileError(path: path, line: nil, message: "cannot read the attributes file")
        }
        let table = CSVReader.rows(text)
        guard let header = table.first, let documentColumn = header.fields.firstIndex(of: "document") else {
            throw CodingFileError(path: path, line: 1, message: "the attributes file needs a 'document' column")
        }
        let speakerColumn = header.fields.firstIndex(of: "speaker")
        let valueColumns = header.fields.indices.filter { $0 != documentColumn && $0 != speakerColumn }
        names = valueColumns.map { header.fields[$0] }
        for row in table.dropFirst() {
            func field(_ k: Int) -> String { k < row.fields.count ? row.fields[k] : "" }
            rows[field(documentColumn) + "\u{0}" + (speakerColumn.map(field) ?? "")] = valueColumns.map(field)
        }
    }

    /// A speaker's values, else the document's.
    public func values(document: String, speaker: String) -> [String]? {
        rows[document + "\u{0}" + speaker] ?? rows[document + "\u{0}"]
    }
}
