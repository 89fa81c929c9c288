import ThemisAgreement

/// Writes an agreement audit as JSON (the spec's keys), Markdown, CSV or HTML.
public enum AgreementWriter {
    public enum Format: String, CaseIterable, Sendable {
        case json, md, csv, html

        /// The format a file name's extension selects.
        public init?(fileName: String) {
            let lower = fileName.lowercased()
            if lower.hasSuffix(".json") { self = .json } else if lower.hasSuffix(".md") { self = .md }
            else if lower.hasSuffix(".csv") { self = .csv } else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { self = .html }
            else { return nil }
        }
    }

    public static func render(_ audit: AgreementAudit, as format: Format) -> [UInt8] {
        switch format {
        case .json: return json(audit)
        case .md: return Array(markdown(audit).utf8)
        case .csv: return csv(audit)
        case .html: return Array(html(audit).utf8)
        }
    }

    // MARK: JSON

    static func json(_ audit: AgreementAudit) -> [UInt8] {
        var out = [UInt8]()
        func raw(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        func string(_ text: String) { JSONText.appendString(text, to: &out) }
        func statistics(_ stats: AgreementStatistics) {
            for (k, entry) in stats.named.enumerated() {
                raw(k == 0 ? "\"" : ",\"")
                raw(entry.key + "\":")
                raw(JSONText.formatExact(entry.statistic.value))
            }
        }
        func interval(_ key: String, _ value: (low: Double, high: Double)?) {
            guard let value else { return }
            raw(",\"\(key)\":[\(JSONText.formatExact(value.low)),\(JSONText.formatExact(value.high))]")
        }
        func valence(_ valence: ValenceAgreement?) {
            guard let valence else { return }
            raw(",\"valence_units\":\(valence.units),\"valence_agreement\":"); raw(JSONText.formatExact(valence.agreement.value))
            raw(",\"valence_kappa\":"); raw(JSONText.formatExact(valence.kappa.value))
        }
        func pairs(_ pairs: [PairStatistics]) {
            raw(",\"pairs\":[")
            for (p, pair) in pairs.enumerated() {
                if p > 0 { raw(",") }
                raw("{\"coders\":[")
                string(audit.coders[pair.coders.0]); raw(","); string(audit.coders[pair.coders.1])
                raw("],\"cohen_kappa\":"); raw(JSONText.formatExact(pair.cohenKappa.value))
                raw(",\"scott_pi\":"); raw(JSONText.formatExact(pair.scottPi.value))
                raw(",\"percent_agreement\":"); raw(JSONText.formatExact(pair.percentAgreement.value))
                valence(pair.valence)
                raw("}")
            }
            raw("]")
        }
        raw("{\"coders\":[")
        for (k, coder) in audit.coders.enumerated() { if k > 0 { raw(",") }; string(coder) }
        raw("],\"units\":\(audit.units),\"codes\":[")
        for (k, code) in audit.codes.enumerated() {
            raw(k == 0 ? "\n{" : ",\n{")
            raw("\"code\":"); string(code.code)
            raw(",\"units\":\(code.units),\"counts\":{")
            for (c, coder) in audit.coders.enumerated() {
                if c > 0 { raw(",") }
                string(coder)
                raw(":\(code.counts[c])")
            }
            raw("},")
            statistics(code.statistics)
            interval("alpha_ci95", code.alphaInterval)
            interval("kappa_ci95", code.kappaInterval)
            valence(code.valence)
            pairs(code.pairs)
            if !code.documents.isEmpty {
                raw(",\"documents\":[")
                for (d, document) in code.documents.enumerated() {
                    if d > 0 { raw(",") }
                    raw("{\"document\":"); string(document.document)
                    raw(",\"units\":\(document.units),")
                    statistics(document.statistics)
                    raw("}")
                }
                raw("]")
            }
            raw("}")
        }
        raw("\n],\"overall\":{\"pooled\":{")
        statistics(audit.pooled)
        valence(audit.pooledValence)
        pairs(audit.pooledPairs)
        raw("},\"mean\":{")
        statistics(audit.mean)
        raw("}}")
        if let goldCoder = audit.goldCoder {
            raw(",\"gold\":{\"coder\":"); string(goldCoder)
            raw(",\"codes\":[")
            for (k, row) in audit.gold.enumerated() {
                raw(k == 0 ? "\n{" : ",\n{")
                raw("\"code\":"); string(row.code)
                raw(",\"coder\":"); string(row.coder)
                let c = row.comparison
                raw(",\"tp\":\(c.truePositives),\"fp\":\(c.falsePositives),\"fn\":\(c.falseNegatives),\"precision\":")
                raw(JSONText.formatExact(c.precision.value))
                raw(",\"recall\":"); raw(JSONText.formatExact(c.recall.value))
                raw(",\"f1\":"); raw(JSONText.formatExact(c.f1.value))
                if let valence = row.valence {
                    raw(",\"valence_units\":\(valence.units),\"valence_accuracy\":"); raw(JSONText.formatExact(valence.accuracy.value))
                }
                raw("}")
            }
            raw("\n]")
            if !audit.goldValence.isEmpty {
                raw(",\"pooled\":[")
                for (k, row) in audit.goldValence.enumerated() {
                    raw(k == 0 ? "{\"coder\":" : ",{\"coder\":"); string(row.coder)
                    raw(",\"valence_units\":\(row.valence.units),\"valence_accuracy\":"); raw(JSONText.formatExact(row.valence.accuracy.value))
                    raw("}")
                }
                raw("]")
            }
            raw("}")
        }
        raw(",\"notes\":[")
        for (k, note) in audit.notes.enumerated() { raw(k == 0 ? "\n" : ",\n"); string(note) }
        raw(audit.notes.isEmpty ? "]}\n" : "\n]}\n")
        return out
    }

    // MARK: CSV

    static func csv(_ audit: AgreementAudit) -> [UInt8] {
        var out = [UInt8]()
        let keys = audit.pooled.named.map(\.key)
        CSVText.appendRow(["code", "units"] + audit.coders.map { "count_\($0)" } + keys, to: &out)
        for code in audit.codes {
            CSVText.appendRow([code.code, String(code.units)] + code.counts.map(String.init)
                              + code.statistics.named.map { $0.statistic.value.map { JSONText.formatExact($0) } }, to: &out)
        }
        for (label, stats) in [("overall (pooled)", audit.pooled), ("overall (mean)", audit.mean)] {
            CSVText.appendRow([label, ""] + audit.coders.map { _ in nil } + stats.named.map { $0.statistic.value.map { JSONText.formatExact($0) } },
                              to: &out)
        }
        return out
    }

    // MARK: Markdown and HTML

    /// Codes below the reliability thresholds first (alpha < 0.667 or undefined), then the rest, each in given order.
    static func ordered(_ audit: AgreementAudit) -> [AgreementAudit.CodeResult] {
        let short = audit.codes.filter { ($0.statistics.krippendorffAlpha.value ?? -1) < 0.667 }
        return short + audit.codes.filter { ($0.statistics.krippendorffAlpha.value ?? -1) >= 0.667 }
    }

    static func number(_ statistic: Statistic) -> String {
        statistic.value.map { String(format3: $0) } ?? "n/a"
    }

    static func markdown(_ audit: AgreementAudit) -> String {
        var out = "# Inter-coder agreement\n\n"
        out += "Coders: \(audit.coders.joined(separator: ", ")). Units: \(audit.units). Codes: \(audit.codes.count).\n\n"
        let kappaLabel = audit.coders.count == 2 ? "Cohen's kappa" : "Fleiss' kappa"
        out += "| | percent agreement | \(kappaLabel) | Krippendorff's alpha | Gwet's AC1 |\n|---|---|---|---|---|\n"
        for (label, stats) in [("Overall (pooled)", audit.pooled), ("Overall (mean of codes)", audit.mean)] {
            let kappa = audit.coders.count == 2 ? stats.cohenKappa : stats.fleissKappa
            out += "| \(label) | \(number(stats.percentAgreement)) | \(number(kappa))\(band(kappa, ReliabilityBands.landisKoch)) | "
                + "\(number(stats.krippendorffAlpha))\(band(stats.krippendorffAlpha, ReliabilityBands.krippendorff)) | \(number(stats.gwetAC1)) |\n"
        }
        let short = audit.codes.filter { ($0.statistics.krippendorffAlpha.value ?? -1) < 0.667 }
        out += "\n## Codes\n\n"
        out += short.isEmpty ? "Every code reaches Krippendorff's alpha 0.667.\n\n"
            : "\(short.count) of \(audit.codes.count) codes fall short of Krippendorff's alpha 0.667; they are listed first.\n\n"
        out += "| code | units | " + audit.coders.map { "\($0) n" }.joined(separator: " | ")
            + " | % agree | \(kappaLabel) | alpha | AC1 |\n|---|---|" + audit.coders.map { _ in "---|" }.joined() + "---|---|---|---|\n"
        for code in ordered(audit) {
            let stats = code.statistics
            let kappa = audit.coders.count == 2 ? stats.cohenKappa : stats.fleissKappa
            var alpha = number(stats.krippendorffAlpha) + band(stats.krippendorffAlpha, ReliabilityBands.krippendorff)
            if let ci = code.alphaInterval { alpha += " [\(String(format3: ci.low)), \(String(format3: ci.high))]" }
            out += "| `\(code.code)` | \(code.units) | " + code.counts.map(String.init).joined(separator: " | ")
                + " | \(number(stats.percentAgreement)) | \(number(kappa))\(band(kappa, ReliabilityBands.landisKoch)) | \(alpha) | \(number(stats.gwetAC1)) |\n"
        }
        if let gold = audit.goldCoder {
            out += "\n## Against \(gold)\n\n| code | coder | tp | fp | fn | precision | recall | F1 |\n|---|---|---|---|---|---|---|---|\n"
            for row in audit.gold {
                let c = row.comparison
                out += "| `\(row.code)` | \(row.coder) | \(c.truePositives) | \(c.falsePositives) | \(c.falseNegatives) | "
                    + "\(number(c.precision)) | \(number(c.recall)) | \(number(c.f1)) |\n"
            }
        }
        out += valenceMarkdown(audit)
        if audit.codes.contains(where: { !$0.documents.isEmpty }) {
            out += "\n## Per document\n\n| code | document | units | % agree | \(kappaLabel) | alpha |\n|---|---|---|---|---|---|\n"
            for code in ordered(audit) {
                for document in code.documents {
                    let stats = document.statistics
                    let kappa = audit.coders.count == 2 ? stats.cohenKappa : stats.fleissKappa
                    out += "| `\(code.code)` | \(document.document) | \(document.units) | \(number(stats.percentAgreement)) | "
                        + "\(number(kappa)) | \(number(stats.krippendorffAlpha)) |\n"
                }
            }
        }
        if !audit.notes.isEmpty { out += "\n## Notes\n\n" + audit.notes.map { "- \($0)\n" }.joined() }
        out += "\nBands: kappa after Landis and Koch (1977); alpha after Krippendorff (2004): below 0.667 unreliable, "
            + "0.667 to 0.800 tentative, 0.800 and above reliable.\n"
        return out
    }

    static func band(_ statistic: Statistic, _ label: (Double) -> String) -> String {
        statistic.value.map { " (\(label($0)))" } ?? ""
    }

    static func html(_ audit: AgreementAudit) -> String {
        let escape = XMLText.escape
        let kappaLabel = audit.coders.count == 2 ? "Cohen's kappa" : "Fleiss' kappa"
        var rows = ""
        for code in ordered(audit) {
            let stats = code.statistics
            let kappa = audit.coders.count == 2 ? stats.cohenKappa : stats.fleissKappa
            let alpha = stats.krippendorffAlpha.value
            let status = alpha == nil || alpha! < 0.667 ? "short" : alpha! < 0.8 ? "tentative" : "reliable"
            rows += "<tr class=\"\(status)\"><th scope=\"row\"><code>\(escape(code.code))</code></th><td>\(code.units)</td>"
                + code.counts.map { "<td>\($0)</td>" }.joined()
                + "<td>\(number(stats.percentAgreement))</td><td>\(number(kappa))\(escape(band(kappa, ReliabilityBands.landisKoch)))</td>"
                + "<td>\(number(stats.krippendorffAlpha))\(escape(band(stats.krippendorffAlpha, ReliabilityBands.krippendorff)))</td>"
                + "<td>\(number(stats.gwetAC1))</td></tr>\n"
        }
        let headers = audit.coders.map { "<th scope=\"col\">\(escape($0)) n</th>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Inter-coder agreement</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}
            th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}th[scope=row]{text-align:left}
            tr.short{background:#fde2e1}tr.tentative{background:#fff4d6}tr.reliable{background:#e3f4e1}</style></head>
            <body><h1>Inter-coder agreement</h1>
            <p>Coders: \(escape(audit.coders.joined(separator: ", "))). Units: \(audit.units).
            Pooled \(kappaLabel): \(number(audit.coders.count == 2 ? audit.pooled.cohenKappa : audit.pooled.fleissKappa));
            pooled Krippendorff's alpha: \(number(audit.pooled.krippendorffAlpha)).</p>
            <table><caption>Per code, codes below alpha 0.667 first</caption>
            <thead><tr><th scope="col">code</th><th scope="col">units</th>\(headers)<th scope="col">% agree</th><th scope="col">\(kappaLabel)</th><th scope="col">alpha</th><th scope="col">AC1</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            \(valenceHTML(audit))\(documentTable(audit, kappaLabel: kappaLabel))
            \(audit.notes.isEmpty ? "" : "<h2>Notes</h2><ul>" + audit.notes.map { "<li>\(escape($0))</li>" }.joined() + "</ul>")
            <p>Bands: kappa after Landis and Koch (1977); alpha after Krippendorff (2004).</p>
            </body></html>

            """
    }
}

extension AgreementWriter {
    /// The per-document breakdown as an HTML table, empty when there is none.
    static func documentTable(_ audit: AgreementAudit, kappaLabel: String) -> String {
        let escape = XMLText.escape
        guard audit.codes.contains(where: { !$0.documents.isEmpty }) else { return "" }
        var rows = ""
        for code in ordered(audit) {
            for document in code.documents {
                let stats = document.statistics
                let kappa = audit.coders.count == 2 ? stats.cohenKappa : stats.fleissKappa
                rows += "<tr><th scope=\"row\"><code>\(escape(code.code))</code></th><td>\(escape(document.document))</td><td>\(document.units)</td>"
                    + "<td>\(number(stats.percentAgreement))</td><td>\(number(kappa))</td><td>\(number(stats.krippendorffAlpha))</td></tr>\n"
            }
        }
        return "<h2>Per document</h2><table><thead><tr><th scope=\"col\">code</th><th scope=\"col\">document</th><th scope=\"col\">units</th>"
            + "<th scope=\"col\">% agree</th><th scope=\"col\">\(kappaLabel)</th><th scope=\"col\">alpha</th></tr></thead><tbody>\n\(rows)</tbody></table>"
    }
}
