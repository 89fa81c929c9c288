import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisExport

/// The forms `codebook show` writes.
enum CodebookShowFormat: String, ExpressibleByArgument, CaseIterable {
    case tree, md, yaml, qdc
}

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
                Reads Themis YAML codebooks, quanteda-style YAML dictionaries, LIWC .dic files and
                REFI-QDA .qdc codebooks.

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
                switch loadCodebook(file) {
                case .success(let loaded):
                    loaded.warnings.forEach { print($0) }
                    let codes = loaded.codebook.allCodes
                    print("\(file): ok: \(loaded.codebook.id) \(loaded.codebook.version), \(codes.count) codes, "
                          + "\(codes.filter(\.hasRules).count) with rules")
                case .failure(let failure):
                    failed = true
                    failure.lines.forEach { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
                }
            }
            if failed { throw ExitCode(2) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a codebook as an indented tree, Markdown with definitions, or canonical YAML.",
            discussion: """
                Provisional codes are marked. --format yaml also converts a LIWC, quanteda or
                REFI-QDA codebook into a Themis codebook; --format qdc writes a REFI-QDA codebook
                (urn:QDA-XML:codebook:1.0, stable GUIDs) for NVivo, ATLAS.ti, MAXQDA or QualCoder.

                Examples:
                  themis codebook show codebooks/musiq-ar.yaml
                  themis codebook show codebooks/rho-anti-racism-principles.yaml --format md > principles.md
                  themis codebook show my-dictionary.dic --format yaml > my-codebook.yaml
                  themis codebook show codebooks/musiq-ar.yaml --format qdc > musiq-ar.qdc
                """
        )

        @Argument(help: "A codebook file.")
        var file: String

        @Option(help: "tree, md, yaml or qdc.")
        var format: CodebookShowFormat = .tree

        func run() throws {
            let book = try loadCodebooks([file])[0]
            switch format {
            case .qdc: print(QDCWriter.document([book], origin: "Themis \(ThemisVersion.current)"), terminator: "")
            case .tree: print(CodebookRenderer.render(book, as: .tree), terminator: "")
            case .md: print(CodebookRenderer.render(book, as: .md), terminator: "")
            case .yaml: print(CodebookRenderer.render(book, as: .yaml), terminator: "")
            }
        }
    }
}
