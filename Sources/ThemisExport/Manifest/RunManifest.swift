/// What produced a data file: the Themis version, codebooks, inputs, settings and
/// counts, written beside the output (`codings.csv` -> `codings.manifest.json`) so
/// that a reviewer can tell exactly how a file was made. No timestamps: the same
/// run gives the same manifest.
public struct RunManifest {
    public struct CodebookEntry {
        public var id: String
        public var version: String
        public var path: String
        public var sha256: String
        public init(id: String, version: String, path: String, sha256: String) {
            self.id = id
            self.version = version
            self.path = path
            self.sha256 = sha256
        }
    }

    public struct InputEntry {
        public var path: String
        public var document: String
        public var sha256: String?
        public var status: String
        public init(path: String, document: String, sha256: String?, status: String) {
            self.path = path
            self.document = document
            self.sha256 = sha256
            self.status = status
        }
    }

    public var themisVersion: String
    public var command: String
    public var codebooks: [CodebookEntry]
    public var inputs: [InputEntry]
    /// Settings that shape the output, in a fixed order.
    public var settings: [(String, String)]
    /// Counts, in a fixed order.
    public var counts: [(String, Int)]

    public init(themisVersion: String, command: String, codebooks: [CodebookEntry], inputs: [InputEntry],
                settings: [(String, String)], counts: [(String, Int)]) {
        self.themisVersion = themisVersion
        self.command = command
        self.codebooks = codebooks
        self.inputs = inputs
        self.settings = settings
        self.counts = counts
    }

    /// The manifest path for an output file: `out/codings.csv` -> `out/codings.manifest.json`.
    public static func path(for output: String) -> String {
        let slash = output.lastIndex(of: "/").map { output.index(after: $0) } ?? output.startIndex
        if let dot = output[slash...].lastIndex(of: "."), dot != slash {
            return String(output[..<dot]) + ".manifest.json"
        }
        return output + ".manifest.json"
    }

    /// The manifest as pretty-printed JSON with keys in a fixed order.
    public var json: [UInt8] {
        var out = [UInt8]()
        func raw(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        func string(_ text: String) { JSONText.appendString(text, to: &out) }
        raw("{\n  \"themis_version\": "); string(themisVersion)
        raw(",\n  \"command\": "); string(command)
        raw(",\n  \"codebooks\": [")
        for (k, book) in codebooks.enumerated() {
            raw(k == 0 ? "\n    {" : ",\n    {")
            raw("\"id\": "); string(book.id)
            raw(", \"version\": "); string(book.version)
            raw(", \"path\": "); string(book.path)
            raw(", \"sha256\": "); string(book.sha256)
            raw("}")
        }
        raw(codebooks.isEmpty ? "]" : "\n  ]")
        raw(",\n  \"inputs\": [")
        for (k, input) in inputs.enumerated() {
            raw(k == 0 ? "\n    {" : ",\n    {")
            raw("\"path\": "); string(input.path)
            raw(", \"document\": "); string(input.document)
            raw(", \"sha256\": "); JSONText.appendOptional(input.sha256, to: &out)
            raw(", \"status\": "); string(input.status)
            raw("}")
        }
        raw(inputs.isEmpty ? "]" : "\n  ]")
        raw(",\n  \"settings\": {")
        for (k, setting) in settings.enumerated() {
            raw(k == 0 ? "\n    " : ",\n    "); string(setting.0); raw(": "); string(setting.1)
        }
        raw(settings.isEmpty ? "}" : "\n  }")
        raw(",\n  \"counts\": {")
        for (k, count) in counts.enumerated() {
            raw(k == 0 ? "\n    " : ",\n    "); string(count.0); raw(": \(count.1)")
        }
        raw(counts.isEmpty ? "}" : "\n  }")
        raw("\n}\n")
        return out
    }
}
