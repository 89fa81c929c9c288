import Foundation
import ThemisAgreement

/// `themis agree --table`: reliability data as units x coders, any categories or values.
public enum ReliabilityTable {
    /// Reads the table at `path` and reports every statistic that applies.
    public static func report(path: String, measure: Measure, format: AgreementWriter.Format) throws(CodingFileError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CodingFileError(path: path, line: nil, message: "cannot read the file")
        }
        let rows = CSVReader.rows(text, separator: path.lowercased().hasSuffix(".tsv") ? "\t" : ",")
        guard let header = rows.first, header.fields.count >= 3 else {
            throw CodingFileError(path: path, line: 1, message: "the header needs a unit column and two or more coder columns")
        }
        let coders = Array(header.fields.dropFirst())
        var values = [[String?]]()
        var seen = [String: Int]()
        for row in rows.dropFirst() {
            let unit = row.fields.first ?? ""
            if let line = seen[unit] {
                throw CodingFileError(path: path, line: row.line, message: "unit '\(unit)' appears twice (first at line \(line))")
            }
            seen[unit] = row.line
            values.append(coders.indices.map { k -> String? in
                guard k + 1 < row.fields.count else { return nil }
                let cell = row.fields[k + 1]
                if cell.isEmpty { return nil }
                guard cell.utf8.first == 0x20 || cell.utf8.last == 0x20 || cell.utf8.first == 0x09 || cell.utf8.last == 0x09 else {
                    return cell
                }
                let trimmed = cell.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            })
        }
        let reliability = ReliabilityData(values: values)
        var statistics: [(String, Statistic)] = [
            ("krippendorff_alpha", KrippendorffAlpha.alpha(reliability, measure: measure)),
            ("percent_agreement", AgreementCoefficients.percentAgreement(reliability)),
            ("fleiss_kappa", AgreementCoefficients.fleissKappa(reliability)),
            ("gwet_ac1", AgreementCoefficients.gwetAC1(reliability)),
        ]
        if coders.count == 2 {
            let a = values.map { $0[0] }, b = values.map { $0[1] }
            statistics += [("cohen_kappa", AgreementCoefficients.cohenKappa(a, b)), ("scott_pi", AgreementCoefficients.scottPi(a, b))]
        } else {
            let reason = "defined for exactly two coders; this table has \(coders.count)"
            statistics += [("cohen_kappa", .undefined(reason)), ("scott_pi", .undefined(reason))]
        }
        statistics.append(("brennan_prediger", AgreementCoefficients.brennanPrediger(reliability)))
        let notes = statistics.compactMap { key, statistic in statistic.reason.map { "\(key): \($0)" } }
        if format == .md {
            var out = "# Reliability of \(path)\n\n\(values.count) units, \(coders.count) coders (\(coders.joined(separator: ", "))), "
                + "alpha at the \(measure.rawValue) level; the other coefficients treat values as nominal.\n\n| statistic | value |\n|---|---|\n"
            for (key, statistic) in statistics {
                out += "| \(key) | \(statistic.value.map { String(format3: $0) } ?? "n/a") |\n"
            }
            out += notes.isEmpty ? "" : "\n" + notes.map { "- \($0)\n" }.joined()
            return Array(out.utf8)
        }
        var out = [UInt8]()
        func raw(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        raw("{\"units\":\(values.count),\"coders\":[")
        for (k, coder) in coders.enumerated() { if k > 0 { raw(",") }; JSONText.appendString(coder, to: &out) }
        raw("],\"measure\":\"\(measure.rawValue)\"")
        for (key, statistic) in statistics {
            raw(",\"\(key)\":" + JSONText.formatExact(statistic.value))
        }
        raw(",\"notes\":[")
        for (k, note) in notes.enumerated() { if k > 0 { raw(",") }; JSONText.appendString(note, to: &out) }
        raw("]}\n")
        return out
    }
}
