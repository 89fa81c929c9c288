import Foundation
import ThemisAgreement
import ThemisCodebook
import ThemisModel

/// What is known of a unit for reports: where it is, who spoke, what was said.
public struct UnitInfo: Sendable {
    public var document: String
    public var segment: String
    public var speaker: String
    public var text: String
    public var role: String
    /// Offsets in Unicode scalars into the document's plain text, when known.
    public var start: Int? = nil
    public var end: Int? = nil
}

/// Coding files, units and codebooks turned into the judgements an audit compares.
public struct AgreementInputs {
    public var judgements: CodingJudgements
    /// Per unit of `judgements.units`.
    public var unitInfo: [UnitInfo]
    public var warnings: [String]

    /// Reads and checks everything; problems name the file and line.
    public static func load(
        files: [String], units unitsPath: String?, codebooks: [Codebook], coders coderList: String?, level: Int?,
        allSpeakers: Bool
    ) throws(CodingFileError) -> AgreementInputs {
        var warnings = [String]()
        let codingFiles = try files.map { (path: String) throws(CodingFileError) -> CodingFile in try CodingFile.read(path: path) }
        var entries = codingFiles.flatMap { file in file.entries.map { (entry: $0, path: file.path) } }
        var sheetUnits = codingFiles.flatMap { file in file.sheetUnits.map { (unit: $0, path: file.path) } }

        // Coders: in order of first appearance, or as asked.
        var coders = [String]()
        for coder in entries.map(\.entry.coder) + sheetUnits.map(\.unit.coder) where !coders.contains(coder) {
            coders.append(coder)
        }
        if let coderList {
            let asked = coderList.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            for coder in asked where !coders.contains(coder) {
                throw CodingFileError(path: "--coders", line: nil,
                                      message: "no codings by '\(coder)' (coders found: \(coders.joined(separator: ", ")))")
            }
            coders = asked
            entries = entries.filter { asked.contains($0.entry.coder) }
            sheetUnits = sheetUnits.filter { asked.contains($0.unit.coder) }
        }
        guard coders.count >= 2 else {
            throw CodingFileError(path: files.joined(separator: ", "), line: nil,
                                  message: "agreement needs two or more coders; found \(coders.isEmpty ? "none" : "only '\(coders[0])'")")
        }
        let coderIndex = Dictionary(uniqueKeysWithValues: coders.enumerated().map { ($1, $0) })

        // Units: the segments file, else the sheets' rows, else what was coded.
        var unitInfo = [UnitInfo]()
        var excluded = Set<String>()
        var known = Set<String>()
        var judged: [Set<Int>?] = Array(repeating: nil, count: coders.count)
        if let unitsPath {
            for unit in try readUnits(unitsPath) {
                known.insert(unit.segment)
                if !allSpeakers, let role = SpeakerRole(rawValue: unit.role), !role.isParticipant { excluded.insert(unit.segment) } else { unitInfo.append(unit) }
            }
        } else if !sheetUnits.isEmpty {
            var sheetText = [String: (document: String, speaker: String, text: String)]()
            for file in codingFiles { sheetText.merge(file.sheetText) { first, _ in first } }
            var seen = Set<String>()
            for (unit, _) in sheetUnits where seen.insert(unit.segment).inserted {
                let info = sheetText[unit.segment]
                unitInfo.append(UnitInfo(document: info?.document ?? documentID(unit.segment), segment: unit.segment,
                                         speaker: info?.speaker ?? "", text: info?.text ?? "", role: "participant"))
            }
            known = seen
        } else {
            var seen = Set<String>()
            let segments = entries.map(\.entry.segment).filter { seen.insert($0).inserted }
            unitInfo = segments.sorted(by: segmentOrder).map {
                UnitInfo(document: documentID($0), segment: $0, speaker: "", text: "", role: "participant")
            }
            known = seen
            warnings.append("no --units and no coding sheets: the units are the \(unitInfo.count) segments someone coded, so agreement on absence is unknown")
        }
        let unitIndex = Dictionary(unitInfo.enumerated().map { ($1.segment, $0) }, uniquingKeysWith: { first, _ in first })
        if !sheetUnits.isEmpty {
            var sheetCoders = Set<Int>()
            var rows = [Int: Set<Int>]()
            for (unit, path) in sheetUnits {
                guard let coder = coderIndex[unit.coder] else { continue }
                sheetCoders.insert(coder)
                if let index = unitIndex[unit.segment] {
                    rows[coder, default: []].insert(index)
                } else if !excluded.contains(unit.segment) {
                    throw CodingFileError(path: path, line: unit.line, message: "unknown segment '\(unit.segment)' (not among the units)")
                }
            }
            for coder in sheetCoders { judged[coder] = rows[coder] ?? [] }
        }

        // Codes: every codable code of the codebooks, else those seen; rolled up.
        func rolled(_ code: String) -> String { level.map { Code.rolledUp(code, level: $0) } ?? code }
        var codes = codebooks.codableCodeIDs(level: level)
        let validCodes = Set(codebooks.flatMap(\.allCodes).map(\.id))
        var applied = [String: [Set<Int>]]()
        // One valence per code, coder and unit: several (a code's children, or repeats) roll up.
        var valences = [String: [[Int: Valence]]]()
        var seenCodes = Set<String>()
        for (entry, path) in entries {
            if !validCodes.isEmpty, !validCodes.contains(entry.code) {
                throw CodingFileError(path: path, line: entry.line, message: "unknown code '\(entry.code)' (not in the codebooks)")
            }
            guard let unit = unitIndex[entry.segment] else {
                if excluded.contains(entry.segment) { continue }
                if unitsPath != nil, !known.contains(entry.segment) {
                    throw CodingFileError(path: path, line: entry.line, message: "unknown segment '\(entry.segment)' (not in \(unitsPath!))")
                }
                throw CodingFileError(path: path, line: entry.line, message: "segment '\(entry.segment)' is not among the units")
            }
            let code = rolled(entry.code), coder = coderIndex[entry.coder]!
            seenCodes.insert(code)
            applied[code, default: Array(repeating: [], count: coders.count)][coder].insert(unit)
            if let valence = entry.valence {
                let earlier = valences[code]?[coder][unit]
                valences[code, default: Array(repeating: [:], count: coders.count)][coder][unit] = earlier?.combined(with: valence) ?? valence
            }
        }
        if codebooks.isEmpty {
            // Without codebooks: every column of the sheets and every code seen.
            codes = seenCodes.union(codingFiles.flatMap(\.sheetCodes).map(rolled)).sorted()
        }
        return AgreementInputs(
            judgements: CodingJudgements(coders: coders, units: unitInfo.map(\.segment), codes: codes, applied: applied,
                                         judged: judged, valences: valences.mapValues { $0.map { $0.mapValues(\.rawValue) } }),
            unitInfo: unitInfo, warnings: warnings)
    }

    /// Reads the segments `themis ingest` wrote (JSON Lines or CSV).
    public static func readUnits(_ path: String) throws(CodingFileError) -> [UnitInfo] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CodingFileError(path: path, line: nil, message: "cannot read the units file")
        }
        var units = [UnitInfo]()
        if path.lowercased().hasSuffix(".csv") {
            let rows = CSVReader.rows(text)
            guard let header = rows.first, let segment = header.fields.firstIndex(of: "segment") else {
                throw CodingFileError(path: path, line: 1, message: "no 'segment' column")
            }
            func column(_ name: String) -> Int? { header.fields.firstIndex(of: name) }
            for row in rows.dropFirst() {
                func value(_ index: Int?) -> String { index.map { $0 < row.fields.count ? row.fields[$0] : "" } ?? "" }
                units.append(UnitInfo(document: value(column("document")), segment: value(segment),
                                      speaker: value(column("speaker")), text: value(column("text")), role: value(column("role")),
                                      start: Int(value(column("start"))), end: Int(value(column("end")))))
            }
            return units
        }
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let segment = object["segment"] as? String else {
                throw CodingFileError(path: path, line: offset + 1, message: "not a segment record")
            }
            units.append(UnitInfo(document: object["document"] as? String ?? documentID(segment), segment: segment,
                                  speaker: object["speaker"] as? String ?? "", text: object["text"] as? String ?? "",
                                  role: object["role"] as? String ?? "participant",
                                  start: object["start"] as? Int, end: object["end"] as? Int))
        }
        return units
    }

    /// The document of a segment id `DOCUMENT#N`.
    static func documentID(_ segment: String) -> String {
        segment.lastIndex(of: "#").map { String(segment[..<$0]) } ?? segment
    }

    /// Document order, then segment number.
    static func segmentOrder(_ a: String, _ b: String) -> Bool {
        let (da, db) = (documentID(a), documentID(b))
        if da != db { return da < db }
        let na = Int(a[a.index(after: a.lastIndex(of: "#") ?? a.startIndex)...]) ?? 0
        let nb = Int(b[b.index(after: b.lastIndex(of: "#") ?? b.startIndex)...]) ?? 0
        return na < nb
    }
}

/// The disagreements CSV: every unit and code where coders differ.
public enum DisagreementTable {
    public static func csv(_ judgements: CodingJudgements, units: [UnitInfo]) -> [UInt8] {
        var out = [UInt8]()
        CSVText.appendRow(["document", "segment", "speaker", "text", "code"] + judgements.coders, to: &out)
        for code in judgements.codes {
            let data = judgements.reliabilityData(code: code)
            for (index, values) in data.values.enumerated() {
                let present = values.compactMap { $0 }
                guard present.count >= 2, Set(present).count > 1 else { continue }
                let unit = units[index]
                CSVText.appendRow([unit.document, unit.segment, unit.speaker, unit.text, code] + values, to: &out)
            }
        }
        return out
    }
}
