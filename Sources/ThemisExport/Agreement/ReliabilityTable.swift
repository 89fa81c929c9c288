import Foundation
import ThemisAgreement

/// `themis agree --table`: reliability data as units x coders, any categories or values.
public enum ReliabilityTable {
    /// Reads the table at `path` and reports every statistic that applies.
    public static func report(path: String, measure: Measure, format: AgreementWriter.Format) throws(CodingFileError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CodingFileError(path: path, line: nil, message: "cannot read the file")
        }
        let separator: UInt8 = path.lowercased().hasSuffix(".tsv") ? 0x09 : UInt8(ascii: ",")
        let (coders, reliability) = try table(text, separator: separator, path: path, measure: measure)
        let gwet = AgreementCoefficients.gwetForm(reliability)
        var statistics: [(String, Statistic)] = [
            ("krippendorff_alpha", KrippendorffAlpha.alpha(reliability, measure: measure)),
            ("percent_agreement", gwet.percentAgreement),
            ("fleiss_kappa", gwet.fleissKappa),
            ("gwet_ac1", gwet.gwetAC1),
        ]
        if coders.count == 2 {
            let values = reliability.values
            let a = values.map { $0[0] }, b = values.map { $0[1] }
            statistics += [("cohen_kappa", AgreementCoefficients.cohenKappa(a, b)), ("scott_pi", AgreementCoefficients.scottPi(a, b))]
        } else {
            let reason = "defined for exactly two coders; this table has \(coders.count)"
            statistics += [("cohen_kappa", .undefined(reason)), ("scott_pi", .undefined(reason))]
        }
        statistics.append(("brennan_prediger", gwet.brennanPrediger))
        let notes = statistics.compactMap { key, statistic in statistic.reason.map { "\(key): \($0)" } }
        if format == .md {
            var out = "# Reliability of \(path)\n\n\(reliability.unitCount) units, \(coders.count) coders (\(coders.joined(separator: ", "))), "
                + "alpha at the \(measure.rawValue) level; the other coefficients treat values as nominal.\n\n| statistic | value |\n|---|---|\n"
            for (key, statistic) in statistics {
                out += "| \(key) | \(statistic.value.map { String(format3: $0) } ?? "n/a") |\n"
            }
            out += notes.isEmpty ? "" : "\n" + notes.map { "- \($0)\n" }.joined()
            return Array(out.utf8)
        }
        var out = [UInt8]()
        func raw(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        raw("{\"units\":\(reliability.unitCount),\"coders\":[")
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

    /// The coders and the encoded values of a table. Cells are read from bytes and
    /// encoded as they are read, so a million rows cost no String per cell; a file
    /// with quoted fields goes through the general CSV reader. A row wider than the
    /// header, or (for any measure but nominal) a value that reads as a number but
    /// is not finite, is refused with its line.
    static func table(_ text: String, separator: UInt8, path: String, measure: Measure)
        throws(CodingFileError) -> ([String], ReliabilityData) {
        var text = text
        var failure: CodingFileError?
        let result = text.withUTF8 { bytes -> ([String], ReliabilityData)? in
            let n = bytes.count
            var headerEnd = 0
            while headerEnd < n, bytes[headerEnd] != 0x0A { headerEnd += 1 }
            let header = CSVReader.rows(bytes: UnsafeBufferPointer(rebasing: bytes[..<headerEnd]), separator: separator).first?.fields ?? []
            guard header.count >= 3 else {
                failure = CodingFileError(path: path, line: 1, message: "the header needs a unit column and two or more coder columns")
                return nil
            }
            let coders = Array(header.dropFirst())
            let width = coders.count
            var categories = [String]()
            var firstLines = [Int]()
            var named = [String: Int32]()
            var short = [Int32](repeating: -1, count: 1 << 16)  // one- or two-byte ASCII labels
            var codes = [Int32]()
            var seen = [String: Int]()
            var i = headerEnd + 1, line = 1
            func intern(_ label: String) -> Int32 {
                if let known = named[label] { return known }
                let code = Int32(categories.count)
                named[label] = code
                categories.append(label)
                firstLines.append(line)
                return code
            }
            /// The cell's bounds without surrounding blanks (and a CR before the line end)
            /// or a spreadsheet's text mark (see ``CSVText``).
            func trimmed(_ start: Int, _ end: Int) -> (Int, Int) {
                var s = start, e = end
                while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
                while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D { e -= 1 }
                if CSVText.isMarked(bytes[s..<e]) { s += 1 }
                return (s, e)
            }
            func category(_ start: Int, _ end: Int) -> Int32 {
                let (s, e) = trimmed(start, end)
                if s == e { return -1 }
                let key = e - s <= 2 && bytes[s] < 0x80 && bytes[e - 1] < 0x80 ? Int(bytes[s]) << 8 | (e - s == 2 ? Int(bytes[s + 1]) : 0) : -1
                if key >= 0, short[key] >= 0 { return short[key] }
                let code = intern(String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self))
                if key >= 0 { short[key] = code }
                return code
            }
            func tooWide(_ cells: Int) -> CodingFileError {
                CodingFileError(path: path, line: line, message: "\(cells) cells, but the header has \(width + 1) columns")
            }
            while i < n {
                line += 1
                var lineEnd = i
                while lineEnd < n, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer { i = lineEnd + 1 }
                if bytes[i..<lineEnd].contains(UInt8(ascii: "\"")) {
                    let row = CSVReader.rows(bytes: UnsafeBufferPointer(rebasing: bytes[i..<lineEnd]), separator: separator).first?.fields ?? []
                    guard let unit = row.first else { continue }
                    if row.count > width + 1, row[(width + 1)...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                        failure = tooWide(row.count)
                        return nil
                    }
                    if let first = seen[unit] {
                        failure = CodingFileError(path: path, line: line, message: "unit '\(unit)' appears twice (first at line \(first))")
                        return nil
                    }
                    seen[unit] = line
                    for k in 0..<width {
                        let cell = k + 1 < row.count ? row[k + 1].trimmingCharacters(in: .whitespaces) : ""
                        codes.append(cell.isEmpty ? -1 : intern(cell))
                    }
                    continue
                }
                if lineEnd == i || (lineEnd == i + 1 && bytes[i] == 0x0D) { continue }
                var fieldStart = i, column = 0
                var unit = ""
                var cells = 0
                var overflow = false
                var j = i
                while j <= lineEnd {
                    if j == lineEnd || bytes[j] == separator {
                        if column == 0 {
                            let start = CSVText.isMarked(bytes[fieldStart..<j]) ? fieldStart + 1 : fieldStart
                            unit = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
                        } else if column <= width {
                            codes.append(category(fieldStart, j))
                            cells += 1
                        } else {
                            let (s, e) = trimmed(fieldStart, j)
                            if s < e { overflow = true }
                        }
                        column += 1
                        fieldStart = j + 1
                    }
                    j += 1
                }
                if overflow {
                    failure = tooWide(column)
                    return nil
                }
                while cells < width { codes.append(-1); cells += 1 }
                if let first = seen[unit] {
                    failure = CodingFileError(path: path, line: line, message: "unit '\(unit)' appears twice (first at line \(first))")
                    return nil
                }
                seen[unit] = line
            }
            if measure != .nominal, let bad = categories.indices.first(where: { Double(categories[$0])?.isFinite == false }) {
                failure = CodingFileError(path: path, line: firstLines[bad],
                                          message: "'\(categories[bad])' is not a finite number (\(measure.rawValue) alpha needs finite values)")
                return nil
            }
            return (coders, ReliabilityData(categories: categories, coderCount: width, codes: codes))
        }
        if let failure { throw failure }
        return result!
    }
}
