/// Reads coding files into the codings a matrix counts.
public enum MatrixInputs {
    /// Every coding of `files` (long codings), optionally only one coder's.
    public static func codings(files: [String], coder: String?) throws(CodingFileError) -> [ThemeMatrix.Coding] {
        var result = [ThemeMatrix.Coding]()
        for path in files {
            let file = try CodingFile.read(path: path)
            guard file.kind == .long else {
                throw CodingFileError(path: path, line: 1, message: "a matrix needs long codings (segment, code, ...), not a coding sheet")
            }
            for entry in file.entries where coder == nil || entry.coder == coder {
                result.append(ThemeMatrix.Coding(segment: entry.segment, document: entry.document, speaker: entry.speaker,
                                                 code: entry.code, valence: entry.valence?.rawValue ?? ""))
            }
        }
        return result
    }
}
