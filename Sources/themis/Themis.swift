import ArgumentParser
import Foundation
import ThemisExport

/// The `themis` command: qualitative coding of interview and focus-group transcripts.
@main
struct Themis: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themis",
        abstract: "Code interview and focus-group transcripts against MUSIQ-AR and audit coder agreement.",
        discussion: """
            Themis reads transcripts (plain text, Word .docx and flat XML, WebVTT and SRT)
            into speaker-attributed segments, for coding against a codebook such as
            MUSIQ-AR: the Model for Understanding Success in Quality (also expanded as
            the Model for Improving Success in Quality, anti-racism) joined with the
            NHS Race and Health Observatory's seven anti-racism principles.

            Examples:
              themis ingest samples -o segments.jsonl
              themis ingest interviews/ --unit sentence --format csv > sentences.csv
              themis code samples --codebook codebooks/musiq-ar.yaml -o codings.csv
              themis codebook show codebooks/musiq-ar.yaml --format tree
            """,
        version: ThemisVersion.current,
        subcommands: [Ingest.self, Code.self, Matrix.self, Quotes.self, Report.self, Sheet.self, Agree.self, Train.self, Suggest.self, CodebookCommand.self, Export.self, Import.self]
    )

    /// Parses the command line and runs it. Bad flags exit with status 2, as do
    /// errors that stop a command before it writes anything.
    static func main() {
        TemporaryFiles.removeOnInterrupt()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("themis: \(failure.message)\n".utf8))
            Foundation.exit(failure.status)
        } catch {
            if exitCode(for: error) == .success { self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// An error that ends a command with a message and an exit status.
struct CommandFailure: Error {
    var message: String
    var status: Int32 = 2
}

enum ThemisVersion {
    static let current = "0.1.0"
}
