import ArgumentParser
import Foundation
import ThemisCodebook

extension CodebookRenderer.Format: ExpressibleByArgument {}

/// `themis codebook`: check and show codebooks.
struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Check codebooks for problems, or show them as a tree, Markdown or YAML.",
        subcommands: [Check.self, Show.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem of codebooks with file:line:column; exit 2 if any.",
            discussion: """
                Reads Themis YAML codebooks, quanteda-style YAML dictionaries and LIWC .dic files.

                Examples:
                  themis codebook check codebooks/*.yaml
                  themis codebook check my-dictionary.dic
                """
        )

        @Argument(help: "Codebook files.")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                switch CodebookLoader.load(path: file) {
                case .success(let loaded):
                    loaded.warnings.forEach { print($0) }
                    let codes = loaded.codebook.allCodes
                    print("\(file): ok: \(loaded.codebook.id) \(loaded.codebook.version), \(codes.count) codes, "
                          + "\(codes.filter(\.hasRules).count) with rules")
                case .failure(let error):
                    failed = true
                    error.problems.forEach { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
                }
            }
            if failed { throw ExitCode(2) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a codebook as an indented tree, Markdown with definitions, or canonical YAML.",
            discussion: """
                Provisional codes are marked. --format yaml also converts a LIWC or quanteda
                dictionary into a Themis codebook.

                Examples:
                  themis codebook show codebooks/musiq-ar.yaml
                  themis codebook show codebooks/rho-anti-racism-principles.yaml --format md > principles.md
                  themis codebook show my-dictionary.dic --format yaml > my-codebook.yaml
                """
        )

        @Argument(help: "A codebook file.")
        var file: String

        @Option(help: "tree, md or yaml.")
        var format: CodebookRenderer.Format = .tree

        func run() throws {
            let book = try loadCodebooks([file])[0]
            print(CodebookRenderer.render(book, as: format), terminator: "")
        }
    }
}
