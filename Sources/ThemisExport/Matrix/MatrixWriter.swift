import Foundation
/// Writes theme matrices: CSV, TSV, JSON (the spec's keys), Markdown, XLSX
/// (one sheet per matrix and a settings sheet) and a self-contained HTML heatmap.
public enum MatrixWriter {
    public enum Format: String, CaseIterable, Sendable {
        case csv, tsv, json, md, xlsx, html

        /// The format a file name's extension selects.
        public init?(fileName: String) {
            let lower = fileName.lowercased()
            for format in Format.allCases where lower.hasSuffix("." + format.rawValue) {
                self = format
                return
            }
            if lower.hasSuffix(".htm") { self = .html; return }
            return nil
        }
    }

    /// A code's name and definition, for labels and hover text.
    public typealias Labels = [String: (name: String, description: String?)]

    public static func render(
        _ matrix: ThemeMatrix, as format: Format, percent: ThemeMatrix.Percent? = nil, settings: [(String, String)] = [],
        labels: Labels = [:], title: String = "Theme matrix"
    ) throws -> [UInt8] {
        switch format {
        case .csv: return delimited(matrix, separator: UInt8(ascii: ","), percent: percent)
        case .tsv: return delimited(matrix, separator: 0x09, percent: percent)
        case .json: return json(matrix, percent: percent, settings: settings)
        case .md: return Array(markdown(matrix, percent: percent, title: title).utf8)
        case .xlsx: return try XLSXWorkbook(sheets: [sheet(matrix, percent: percent, name: "Matrix"), settingsSheet(settings)]).data()
        case .html:
            return Array(MatrixHTML.page(title: title, sections: [MatrixHTML.table(matrix, percent: percent, labels: labels, caption: title)],
                                         settings: settings).utf8)
        }
    }

    static func percentText(_ value: Double?) -> String? {
        value.map { String(format1: $0) }
    }

    static func delimited(_ matrix: ThemeMatrix, separator: UInt8, percent: ThemeMatrix.Percent?) -> [UInt8] {
        var out = [UInt8]()
        var header: [String?] = ["code"] + matrix.columns + ["total"]
        if percent != nil { header += matrix.columns.map { "\($0) %" } + ["total %"] }
        CSVText.appendRow(header, separator: separator, to: &out)
        for (r, code) in matrix.rows.enumerated() {
            var row: [String?] = [code] + matrix.row(r).map(String.init) + [String(matrix.totals[r])]
            if let percent {
                row += matrix.columns.indices.map { percentText(matrix.share(r, $0, mode: percent)) }
                row.append(percentText(matrix.share(r, nil, mode: percent)))
            }
            CSVText.appendRow(row, separator: separator, to: &out)
        }
        return out
    }

    static func json(_ matrix: ThemeMatrix, percent: ThemeMatrix.Percent?, settings: [(String, String)]) -> [UInt8] {
        var out = [UInt8]()
        func raw(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        func strings(_ values: [String]) {
            raw("[")
            for (k, value) in values.enumerated() {
                if k > 0 { raw(",") }
                JSONText.appendString(value, to: &out)
            }
            raw("]")
        }
        raw("{\"count\":\"\(matrix.count.rawValue)\",\"by\":")
        JSONText.appendString(matrix.by.label, to: &out)
        raw(",\"rows\":"); strings(matrix.rows)
        raw(",\"columns\":"); strings(matrix.columns)
        raw(",\"cells\":[")
        for r in matrix.rows.indices {
            raw(r == 0 ? "\n[" : ",\n[")
            raw(matrix.row(r).map(String.init).joined(separator: ","))
            raw("]")
        }
        raw("\n],\"totals\":[" + matrix.totals.map(String.init).joined(separator: ",") + "]")
        raw(",\"column_totals\":[" + matrix.columnTotals.map(String.init).joined(separator: ",") + "]")
        raw(",\"grand_total\":\(matrix.grandTotal)")
        if let percent {
            raw(",\"percent\":\"\(percent.rawValue)\",\"shares\":[")
            for r in matrix.rows.indices {
                raw(r == 0 ? "\n[" : ",\n[")
                raw(matrix.columns.indices.map { JSONText.format(matrix.share(r, $0, mode: percent)) }.joined(separator: ","))
                raw("]")
            }
            raw("\n]")
        }
        raw(",\"settings\":{")
        for (k, setting) in settings.enumerated() {
            if k > 0 { raw(",") }
            JSONText.appendString(setting.0, to: &out)
            raw(":")
            JSONText.appendString(setting.1, to: &out)
        }
        raw("}}\n")
        return out
    }

    static func cellText(_ matrix: ThemeMatrix, _ r: Int, _ c: Int?, percent: ThemeMatrix.Percent?) -> String {
        let value = c.map { matrix.cell(r, $0) } ?? matrix.totals[r]
        guard let percent, let share = matrix.share(r, c, mode: percent) else { return String(value) }
        return "\(value) (\(String(format1: share))%)"
    }

    static func markdown(_ matrix: ThemeMatrix, percent: ThemeMatrix.Percent?, title: String) -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var out = "## \(escape(title))\n\n"
        out += "| code | " + matrix.columns.map(escape).joined(separator: " | ") + " | total |\n"
        out += "|---|" + matrix.columns.map { _ in "---:|" }.joined() + "---:|\n"
        for (r, code) in matrix.rows.enumerated() {
            out += "| `\(code)` | " + matrix.columns.indices.map { cellText(matrix, r, $0, percent: percent) }.joined(separator: " | ")
                + " | \(cellText(matrix, r, nil, percent: percent)) |\n"
        }
        out += "\nCells count distinct \(matrix.count.rawValue); totals count distinct \(matrix.count.rawValue) across columns.\n"
        return out
    }

    /// A worksheet of the matrix: numbers as numbers, the header bold and frozen.
    public static func sheet(_ matrix: ThemeMatrix, percent: ThemeMatrix.Percent?, name: String) -> XLSXWorkbook.Sheet {
        var header: [XLSXWorkbook.Cell] = [.text("code")] + matrix.columns.map { .text($0) } + [.text("total")]
        if percent != nil { header += matrix.columns.map { .text("\($0) %") } + [.text("total %")] }
        var rows = [header]
        for (r, code) in matrix.rows.enumerated() {
            var row: [XLSXWorkbook.Cell] = [.text(code)] + matrix.row(r).map { .number(Double($0)) } + [.number(Double(matrix.totals[r]))]
            if let percent {
                row += matrix.columns.indices.map { c in matrix.share(r, c, mode: percent).map { .number(($0 * 10).rounded() / 10) } ?? .empty }
                row.append(matrix.share(r, nil, mode: percent).map { .number(($0 * 10).rounded() / 10) } ?? .empty)
            }
            rows.append(row)
        }
        return XLSXWorkbook.Sheet(name: name, rows: rows, widths: [48] + Array(repeating: 14, count: header.count - 1))
    }

    /// The run's settings as a worksheet.
    public static func settingsSheet(_ settings: [(String, String)]) -> XLSXWorkbook.Sheet {
        XLSXWorkbook.Sheet(name: "Settings", rows: [[.text("setting"), .text("value")]] + settings.map { [.text($0.0), .text($0.1)] },
                           widths: [24, 80])
    }
}
