extension QDPXProjectFile {
    /// What an import leaves out, counted so that it can be said (REFI-QDA 1.5 §7
    /// asks an importer to report what it discards): sources other than text and
    /// their selections, codings of whole sources, notes and references to them,
    /// sets, graphs, links, cases and variables.
    public struct Discarded: Sendable, Equatable {
        /// The kinds of source Themis does not read.
        public enum SourceKind: String, Sendable, CaseIterable {
            case pdf = "PDF", picture, audio, video

            /// The kind of a source element (`PDFSource`, ...).
            init?(element: String) {
                switch element {
                case "PDFSource": self = .pdf
                case "PictureSource": self = .picture
                case "AudioSource": self = .audio
                case "VideoSource": self = .video
                default: return nil
                }
            }
        }

        /// Sources of each kind left out.
        public var sources: [SourceKind: Int] = [:]
        /// Selections (and transcript selections) of the sources left out.
        public var selections: [SourceKind: Int] = [:]
        /// Codings of a whole source rather than of a selection.
        public var sourceCodings = 0
        public var notes = 0
        public var noteReferences = 0
        public var sets = 0
        public var graphs = 0
        public var links = 0
        public var cases = 0
        public var variables = 0

        public init() {}

        /// Elements whose own `<Coding>` children code the whole source.
        private static let sourceElements: Set<String> = ["TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource", "Representation"]

        /// Counts the element `element`, inside the elements `path` (outermost first), if the import leaves it out.
        mutating func count(_ element: String, under path: [String]) {
            if let kind = SourceKind(element: element) {
                sources[kind, default: 0] += 1
                return
            }
            let parent = path.last ?? ""
            switch element {
            case "PDFSelection", "PictureSelection", "AudioSelection", "VideoSelection", "TranscriptSelection", "PlainTextSelection":
                if let kind = path.lazy.compactMap(SourceKind.init(element:)).first { selections[kind, default: 0] += 1 }
            case "Coding" where Self.sourceElements.contains(parent): sourceCodings += 1
            case "Note" where parent == "Notes": notes += 1
            case "NoteRef": noteReferences += 1
            case "Set" where parent == "Sets": sets += 1
            case "Graph" where parent == "Graphs": graphs += 1
            case "Link" where parent == "Links": links += 1
            case "Case" where parent == "Cases": cases += 1
            case "Variable" where parent == "Variables": variables += 1
            default: break
            }
        }

        /// The non-zero counts, as `2 PDF sources (5 selections), 1 picture source, 3 notes`;
        /// nil when nothing was left out.
        public var summary: String? {
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            var parts = [String]()
            for kind in SourceKind.allCases {
                guard let n = sources[kind], n > 0 else { continue }
                let selected = selections[kind] ?? 0
                parts.append(count(n, "\(kind.rawValue) source") + (selected > 0 ? " (\(count(selected, "selection")))" : ""))
            }
            let others = [(sourceCodings, "coding of a whole source", "codings of whole sources"), (notes, "note", "notes"),
                          (noteReferences, "note reference", "note references"), (sets, "set", "sets"), (graphs, "graph", "graphs"),
                          (links, "link", "links"), (cases, "case", "cases"), (variables, "variable", "variables")]
            for (n, one, many) in others where n > 0 { parts.append("\(n) \(n == 1 ? one : many)") }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
    }
}
