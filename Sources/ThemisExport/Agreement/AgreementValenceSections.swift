import ThemisAgreement

/// The valence sections of the Markdown and HTML agreement reports: agreement on
/// valence per code and pooled, per coder pair with three or more coders, and each
/// coder's valence accuracy against the gold coder. None when no code's codings carry valence.
extension AgreementWriter {
    /// One valence table; a row's first cell is its code, nil for all codes pooled.
    struct ValenceTable {
        var heading: String
        var note: String
        var headers: [String]
        var rows: [(code: String?, cells: [String])]
    }

    static let pooledLabel = "Overall (pooled)"

    static let valenceExplanation = "Where two coders both applied a code to a unit and both gave a valence (enabler, barrier, "
        + "mixed, neutral). Each coder's valences of a unit under one code roll up to one: enabler and barrier make mixed, "
        + "mixed stays mixed, and neutral yields to any other valence."

    /// The valence tables of `audit`: per code and pooled, by coder pair with three or more
    /// coders, and against the gold coder; none when no code's codings carry valence.
    static func valenceTables(_ audit: AgreementAudit) -> [ValenceTable] {
        guard let pooled = audit.pooledValence else { return [] }
        let two = audit.coders.count == 2
        func cells(_ valence: ValenceAgreement) -> [String] {
            [String(valence.units), number(valence.agreement), number(valence.kappa) + band(valence.kappa, ReliabilityBands.landisKoch)]
        }
        let coded = audit.codes.filter { $0.valence != nil }
        var tables = [ValenceTable(
            heading: "Valence",
            note: valenceExplanation + (two ? "" : " Kappa over all coders is Fleiss'; each pair's Cohen's kappa follows."),
            headers: ["code", "shared codings", "% agree", two ? "Cohen's kappa" : "Fleiss' kappa"],
            rows: [(nil, cells(pooled))] + coded.map { ($0.code, cells($0.valence!)) })]
        if !two {
            func pairRows(_ code: String?, _ pairs: [PairStatistics]) -> [(code: String?, cells: [String])] {
                pairs.compactMap { pair in
                    pair.valence.map { (code, ["\(audit.coders[pair.coders.0]), \(audit.coders[pair.coders.1])"] + cells($0)) }
                }
            }
            tables.append(ValenceTable(
                heading: "Valence by coder pair", note: "Cohen's kappa of each pair over the units both gave a valence.",
                headers: ["code", "coders", "shared codings", "% agree", "Cohen's kappa"],
                rows: pairRows(nil, audit.pooledPairs) + coded.flatMap { pairRows($0.code, $0.pairs) }))
        }
        if let gold = audit.goldCoder, !audit.goldValence.isEmpty {
            func cells(_ coder: String, _ valence: ValenceAccuracy) -> [String] { [coder, String(valence.units), number(valence.accuracy)] }
            tables.append(ValenceTable(
                heading: "Valence against \(gold)",
                note: "The share of the codings both gave a valence where the coder's valence is \(gold)'s.",
                headers: ["code", "coder", "shared codings", "accuracy"],
                rows: audit.goldValence.map { (nil, cells($0.coder, $0.valence)) }
                    + audit.gold.compactMap { row in row.valence.map { (row.code, cells(row.coder, $0)) } }))
        }
        return tables
    }

    /// The valence sections in Markdown.
    static func valenceMarkdown(_ audit: AgreementAudit) -> String {
        valenceTables(audit).map { table in
            "\n## \(table.heading)\n\n\(table.note)\n\n| " + table.headers.joined(separator: " | ") + " |\n|"
                + table.headers.map { _ in "---|" }.joined() + "\n"
                + table.rows.map { row in
                    "| \(row.code.map { "`\($0)`" } ?? pooledLabel) | " + row.cells.joined(separator: " | ") + " |\n"
                }.joined()
        }.joined()
    }

    /// The valence sections in HTML.
    static func valenceHTML(_ audit: AgreementAudit) -> String {
        let escape = XMLText.escape
        return valenceTables(audit).map { table in
            "<h2>\(escape(table.heading))</h2><p>\(escape(table.note))</p>\n<table><thead><tr>"
                + table.headers.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
                + table.rows.map { row in
                    "<tr><th scope=\"row\">\(row.code.map { "<code>\(escape($0))</code>" } ?? pooledLabel)</th>"
                        + row.cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
                }.joined() + "</tbody></table>\n"
        }.joined()
    }
}
