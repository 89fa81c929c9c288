import Foundation
import Yams

/// Loads codebooks: Themis YAML, quanteda-style YAML dictionaries and LIWC `.dic` files.
public enum CodebookLoader {
    /// Loads the codebook at `path`, or every problem that stops it from loading.
    /// Warnings of a codebook that loads are returned with it.
    public static func load(path: String) -> Result<(codebook: Codebook, warnings: [CodebookProblem]), CodebookLoadError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(CodebookLoadError(problems: [CodebookProblem(path: path, location: nil, message: "cannot read the file")]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(CodebookLoadError(problems: [CodebookProblem(path: path, location: nil, message: "not UTF-8 text")]))
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if path.lowercased().hasSuffix(".dic") {
            var reader = LIWCDictionaryReader(path: path, id: Slug.make(from: stem), name: stem)
            return finish(reader.read(text), reader.problems)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(CodebookLoadError(problems: [yamlProblem(error, path: path)]))
        } catch {
            return .failure(CodebookLoadError(problems: [CodebookProblem(path: path, location: nil, message: "\(error)")]))
        }
        guard let mapping = root?.mapping else {
            let location = root?.mark.map(YAMLCodebookReader.location)
            return .failure(CodebookLoadError(problems: [CodebookProblem(
                path: path, location: location, message: "a codebook must be a YAML mapping (id, name, codes, ...)")]))
        }
        if mapping["codes"] != nil || mapping["id"] != nil {
            var reader = YAMLCodebookReader(path: path)
            return finish(reader.read(mapping), reader.problems)
        }
        var reader = QuantedaDictionaryReader(path: path, id: Slug.make(from: stem), name: stem)
        return finish(reader.read(mapping), reader.problems)
    }

    private static func finish(
        _ codebook: Codebook?, _ problems: [CodebookProblem]
    ) -> Result<(codebook: Codebook, warnings: [CodebookProblem]), CodebookLoadError> {
        if let codebook, !problems.contains(where: { $0.severity == .error }) {
            return .success((codebook, problems))
        }
        return .failure(CodebookLoadError(problems: problems))
    }

    private static func yamlProblem(_ error: YamlError, path: String) -> CodebookProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return CodebookProblem(path: path, location: YAMLCodebookReader.location(mark), message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return CodebookProblem(path: path, location: YAMLCodebookReader.location(context.mark),
                                   message: "duplicate key '\(duplicates.joined(separator: "', '"))' in one mapping")
        default:
            return CodebookProblem(path: path, location: nil, message: "YAML: \(error)")
        }
    }
}
