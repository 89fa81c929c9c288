/// Self-contained HTML for theme matrices: accessible tables with a colour scale
/// (heatmap), a legend, code names and definitions on hover, and the settings.
/// No scripts, fonts or images from elsewhere, so it renders the same offline.
public enum MatrixHTML {
    /// Text escaped for HTML.
    public static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// A background colour for a share of the row's largest value: white to deep blue.
    static func colour(_ value: Int, max: Int) -> (background: String, text: String) {
        guard max > 0, value > 0 else { return ("#ffffff", "#222222") }
        let t = Double(value) / Double(max)
        let r = Int(247 - t * (247 - 8)), g = Int(251 - t * (251 - 69)), b = Int(255 - t * (255 - 148))
        func hex(_ v: Int) -> String { let s = String(v, radix: 16); return s.count == 1 ? "0" + s : s }
        return ("#\(hex(r))\(hex(g))\(hex(b))", t > 0.55 ? "#ffffff" : "#222222")
    }

    /// One matrix as a table section.
    public static func table(_ matrix: ThemeMatrix, percent: ThemeMatrix.Percent?, labels: MatrixWriter.Labels, caption: String,
                             note: String? = nil) -> String {
        let maximum = matrix.sparseCells.flatMap(\.values).max() ?? 0
        func label(_ code: String) -> String {
            guard let entry = labels[code] else { return "<code>\(escape(code))</code>" }
            let hover = escape(entry.name + (entry.description.map { ": " + $0 } ?? ""))
            return "<span title=\"\(hover)\">\(escape(entry.name))</span> <code>\(escape(code))</code>"
        }
        var html = "<section><h2>\(escape(caption))</h2>\n"
        if let note { html += "<p>\(escape(note))</p>\n" }
        html += "<div class=\"scroll\"><table><caption>\(escape(caption)): distinct \(matrix.count.rawValue) per cell</caption>\n<thead><tr><th scope=\"col\">code</th>"
        for column in matrix.columns {
            html += "<th scope=\"col\">" + (matrix.by == .code ? label(column) : escape(column)) + "</th>"
        }
        html += "<th scope=\"col\">total</th></tr></thead>\n<tbody>\n"
        for (r, code) in matrix.rows.enumerated() {
            html += "<tr><th scope=\"row\">\(label(code))</th>"
            for c in matrix.columns.indices {
                let value = matrix.cell(r, c)
                let (background, text) = colour(value, max: maximum)
                html += "<td style=\"background:\(background);color:\(text)\">\(escape(MatrixWriter.cellText(matrix, r, c, percent: percent)))</td>"
            }
            html += "<td class=\"total\">\(escape(MatrixWriter.cellText(matrix, r, nil, percent: percent)))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        html += "<p class=\"legend\">Colour: " + [0, maximum / 2, maximum].map { v in
            let (background, text) = colour(v, max: maximum)
            return "<span style=\"background:\(background);color:\(text)\">\(v)</span>"
        }.joined(separator: " ") + " (darker = more). Totals count distinct \(matrix.count.rawValue), not a sum.</p></section>\n"
        return html
    }

    /// A whole page from sections.
    public static func page(title: String, sections: [String], settings: [(String, String)]) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5rem;color:#222;line-height:1.4}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
            .scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem}
            caption{text-align:left;font-weight:bold;padding:.3rem 0}
            th,td{border:1px solid #d0d7de;padding:.25rem .5rem}td{text-align:right;min-width:3rem}
            th[scope=row]{text-align:left;font-weight:normal;max-width:28rem}th[scope=col]{vertical-align:bottom}
            td.total{font-weight:bold;background:#f6f8fa}code{font-size:.75rem;color:#57606a}
            .legend span{display:inline-block;padding:0 .5rem;border:1px solid #d0d7de}
            blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid #0969da;background:#f6f8fa}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}
            </style></head><body>
            <h1>\(escape(title))</h1>

            """
        html += sections.joined(separator: "\n")
        if !settings.isEmpty {
            html += "<section><h2>Settings</h2><dl>" + settings.map { "<dt>\(escape($0.0))</dt><dd>\(escape($0.1))</dd>" }.joined()
                + "</dl></section>\n"
        }
        return html + "</body></html>\n"
    }
}
