import ArgumentParser
import Foundation
import ThemisCodebook
import ThemisCoding
import ThemisExport
import ThemisIngest
import ThemisLearning
import ThemisModel

/// `themis report`: ingest, code and write one HTML report of the findings tables.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ingest, code and write an HTML report: domains by enabler and barrier, domains by principle, codes by document and group, top quotes.",
        discussion: """
            The tables a MUSIQ-AR evaluation reports, in one self-contained HTML file:
            the domains of the codebook with valence (MUSIQ-AR) by enabler, barrier, mixed and
            neutral; those domains by the principles of the other codebooks; codes by document;
            codes by stakeholder group (with --attributes); and the top quotes per domain.

            Example:
              themis report samples --codebook codebooks/musiq-ar.yaml \\
                  --codebook codebooks/rho-anti-racism-principles.yaml --codebook codebooks/lan-programme.yaml \\
                  --attributes samples/attributes.csv -o report.html
            """
    )

    @Argument(help: "Transcript files or folders.")
    var paths: [String]

    @Option(name: .customLong("codebook"), help: "Codebooks; repeat for several.")
    var codebooks: [String]

    @Option(help: "CSV of document[,speaker] attributes (such as samples/attributes.csv).")
    var attributes: String?

    @Option(help: "The attribute that names participant groups.")
    var groupBy: String = "stakeholder_group"

    @Option(help: "Segment unit: turn, paragraph or sentence.")
    var unit: SegmentUnit = .turn

    @Option(help: "Read a participant's answer with the interviewer's question before it (question), or on its own (none).")
    var context: CodingContext = .question

    @Option(help: "Code with a model from `themis train` (the rules as its features).")
    var model: String?

    @Option(help: "Quotes per domain and valence.")
    var quotes: Int = 2

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String

    @Option(help: "Documents to code in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress bar.")
    var quiet = false

    func run() throws {
        let collection = try collectInputs(paths)
        try refuseOverwritingInputs([("-o", output)], inputs: codebooks + (attributes.map { [$0] } ?? []) + (model.map { [$0] } ?? [])
                                    + collection.inputs.map(\.url.path))
        let books = try loadCodebooks(codebooks)
        let models = try model.map { path in try Code.modelCoders(path, codebooks: books, context: self.context, explain: false) }
        let lookup: AttributeLookup?
        do {
            lookup = try attributes.map { (path: String) throws(CodingFileError) -> AttributeLookup in try AttributeLookup(path: path, name: groupBy) }
        } catch {
            throw CommandFailure(message: error.description)
        }
        let engine = CodingEngine(codebooks: books)
        let coders = SegmentCoderPool(engine: engine)
        let progress = ProgressBar(total: collection.inputs.count, label: "report", quiet: quiet)
        var failures = FileFailures(progress: progress)
        for problem in collection.problems { failures.report(problem.path, problem.reason) }

        var codings = [Coding]()
        var segments = [String: Segment]()
        var documentOrder = [String: Int]()
        var participantSegments = 0
        var done = 0
        let batch = TranscriptBatch(inputs: collection.inputs, reader: TranscriptReader(unit: unit), jobs: jobs)
        let context = self.context
        batch.run(transform: { _, transcript in
            let coded = models.map { pool in pool.withCoder { $0.code(transcript: transcript.segments, allSpeakers: false) } }
                ?? coders.withCoder { $0.code(transcript: transcript.segments, context: context, allSpeakers: false) }
            return (coded.count, coded.filter { !$0.codings.isEmpty }, transcript.warnings)
        }) { input, result in
            done += 1
            progress.update(done)
            switch result {
            case .success(let (count, coded, warnings)):
                failures.warn(input.displayPath, warnings)
                documentOrder[input.id] = documentOrder.count
                participantSegments += count
                for (segment, segmentCodings) in coded {
                    segments[segment.id] = segment
                    codings += segmentCodings
                }
            case .failure(let error):
                failures.report(input.displayPath, error.reason, line: error.line)
            }
        }
        progress.finish()

        let matrixCodings = codings.map {
            ThemeMatrix.Coding(segment: $0.segment, document: $0.document, speaker: $0.speaker ?? "", code: $0.code,
                               valence: $0.valence?.rawValue ?? "")
        }
        let allCodes = books.flatMap(\.allCodes).map(\.id)
        let labels = Dictionary(books.flatMap(\.allCodes).map { ($0.id, (name: $0.name, description: $0.description)) },
                                uniquingKeysWith: { a, _ in a })
        func matrix(_ by: ThemeMatrix.By, count: ThemeMatrix.Count = .segments, rows: String? = nil, columns: String? = nil,
                    attributes: ((String, String) -> String?)? = nil) -> ThemeMatrix {
            ThemeMatrix.build(codings: matrixCodings, by: by, count: count, rows: allCodes, level: 1, rowPrefix: rows,
                              columnPrefix: columns, valence: nil, attributes: attributes)
        }

        var sections = [String]()
        sections.append("""
            <section><h2>Summary</h2><p>\(documentOrder.count) transcripts, \(participantSegments) participant segments (\(unit.rawValue)s), \
            \(Set(codings.map(\.segment)).count) of them coded, \(codings.count) codings against \
            \(books.map { MatrixHTML.escape("\($0.name) \($0.version)") }.joined(separator: ", ")). Counts are distinct segments \
            unless a table says otherwise; rows are top-level codes, each counting the codes below it. Coding is automatic: \
            a first pass for researchers to review.</p></section>
            """)
        let domainBooks = books.filter { $0.valence != nil }
        for book in domainBooks {
            sections.append(MatrixHTML.table(matrix(.valence, rows: book.id + "/"), percent: .row, labels: labels,
                                             caption: "\(book.name) domains by enabler and barrier",
                                             note: "Each cell: segments and their share of the domain's segments. A segment has one "
                                                 + "valence per domain: its factors' valences rolled up (enabler and barrier make mixed; "
                                                 + "neutral yields to any other), so each row's shares add up to 100%."))
            for other in books where other.id != book.id && other.valence == nil {
                sections.append(MatrixHTML.table(matrix(.code, rows: book.id + "/", columns: other.id + "/"), percent: nil,
                                                 labels: labels, caption: "\(book.name) domains by \(other.name)",
                                                 note: "Segments coded with both the domain and the column's code."))
            }
        }
        sections.append(MatrixHTML.table(matrix(.document), percent: nil, labels: labels, caption: "Codes by document"))
        if let lookup {
            sections.append(MatrixHTML.table(matrix(.attribute(groupBy), count: .speakers, attributes: { lookup.value(document: $0, speaker: $1) }),
                                             percent: .column, labels: labels, caption: "Codes by \(groupBy.replacingOccurrences(of: "_", with: " "))",
                                             note: "Distinct speakers, and their share of the group's speakers with any coding."))
        }
        for book in domainBooks {
            var quoteSection = "<section><h2>Top quotes per \(MatrixHTML.escape(book.name)) domain</h2>\n"
            for domain in book.codes {
                // A segment is quoted under the domain's valence on it, rolled up as in the tables,
                // through its coding with the most matches.
                var domainCodings = [String: [Coding]]()
                for coding in codings where coding.code.hasPrefix(domain.id + "/") || coding.code == domain.id {
                    domainCodings[coding.segment, default: []].append(coding)
                }
                var picked = [QuoteList.Quote]()
                for valence in [Valence.enabler, .barrier] {
                    let ranked = domainCodings.values.filter { Valence.combined($0.compactMap(\.valence)) == valence }
                        .map { $0.max { $0.matched.count < $1.matched.count }! }.sorted {
                            if $0.matched.count != $1.matched.count { return $0.matched.count > $1.matched.count }
                            let a = documentOrder[$0.document] ?? 0, b = documentOrder[$1.document] ?? 0
                            return a != b ? a < b : (segments[$0.segment]?.index ?? 0) < (segments[$1.segment]?.index ?? 0)
                        }
                    for coding in ranked.prefix(quotes) {
                        guard let segment = segments[coding.segment] else { continue }
                        picked.append(QuoteList.Quote(code: domain.id, document: segment.document, segment: segment.id,
                                                      index: segment.index, speaker: segment.speaker ?? "", time: segment.time,
                                                      valence: valence.rawValue, text: segment.text,
                                                      matched: coding.matched.joined(separator: "; ")))
                    }
                }
                quoteSection += picked.isEmpty ? "<h3>\(MatrixHTML.escape(domain.name))</h3><p>No enabler or barrier quotes.</p>\n"
                    : QuoteList(picked, documentOrder: [:]).html(labels: labels)
            }
            sections.append(quoteSection + "</section>\n")
        }
        var settings: [(String, String)] = [("themis version", ThemisVersion.current), ("transcripts", paths.joined(separator: ", ")),
                                            ("unit", unit.rawValue), ("context", context.rawValue),
                                            ("codebooks", zip(codebooks, books).map { "\($0) (\($1.id) \($1.version))" }.joined(separator: ", "))]
        if let attributes { settings.append(("attributes", "\(attributes) (groups: \(groupBy))")) }
        if let model { settings.append(("model", "\(model) (codes learned from human coding, the rules as features)")) }
        let out = try openOutput(output)
        try out.write(MatrixHTML.page(title: "MUSIQ-AR coding report", sections: sections, settings: settings))
        try out.commit()
        try failures.finish(total: collection.inputs.count + collection.problems.count)
    }
}
