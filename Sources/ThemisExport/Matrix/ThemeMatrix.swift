import ThemisModel

/// A theme frequency matrix: codes by documents, speakers, valence, attribute
/// values or codes (co-occurrence), counting distinct segments, documents or speakers.
///
/// A row counts the units coded with its code or any code below it, so parents
/// show their whole subtree; `level` keeps the rows down to that depth (1 = top-level
/// codes). Cells are sets of unit ids, so memory follows the codings, not rows x columns.
///
/// A segment has one valence per row: the valences of its codings under the row's
/// code rolled up by `Valence.combined` (enabler + barrier = mixed, neutral yields),
/// so a row's valence columns partition its segments.
public struct ThemeMatrix: Sendable {
    /// What the columns are.
    public enum By: Sendable, Equatable {
        case document, speaker, valence, code
        case attribute(String)

        /// Parses `document`, `speaker`, `valence`, `code` or `attr:NAME`.
        public init?(_ text: String) {
            switch text {
            case "document": self = .document
            case "speaker": self = .speaker
            case "valence": self = .valence
            case "code": self = .code
            default:
                guard text.hasPrefix("attr:"), text.count > 5 else { return nil }
                self = .attribute(String(text.dropFirst(5)))
            }
        }

        public var label: String {
            switch self {
            case .document: return "document"
            case .speaker: return "speaker"
            case .valence: return "valence"
            case .code: return "code"
            case .attribute(let name): return "attr:\(name)"
            }
        }
    }

    /// What a cell counts: distinct segments, documents, or speakers (document + speaker).
    public enum Count: String, Sendable, CaseIterable { case segments, documents, speakers }

    /// Shares to add: of the row total, the column total, or the grand total.
    public enum Percent: String, Sendable, CaseIterable { case row, column, total }

    /// One coding as a matrix needs it.
    public struct Coding: Sendable {
        public var segment: String
        public var document: String
        public var speaker: String
        public var code: String
        /// `enabler`, `barrier`, `mixed`, `neutral`, or empty for none; any other label counts as none.
        public var valence: String
        public init(segment: String, document: String, speaker: String, code: String, valence: String) {
            self.segment = segment
            self.document = document
            self.speaker = speaker
            self.code = code
            self.valence = valence
        }
    }

    public var by: By
    public var count: Count
    public var rows: [String]
    public var columns: [String]
    /// Non-zero cells per row: column index -> distinct units. Sparse, so a
    /// matrix of many documents and codes costs what its codings cost.
    public var sparseCells: [[Int: Int]]
    /// Distinct units per row across all columns (not a sum).
    public var totals: [Int]
    /// Distinct units per column across all rows, and overall.
    public var columnTotals: [Int]
    public var grandTotal: Int

    /// Missing attribute values and codings without a speaker or valence go in this column.
    public static let missing = "(none)"

    /// Builds the matrix.
    /// - Parameters:
    ///   - rows: the row codes in order (every code of the codebooks), or nil for the codes seen.
    ///   - valence: count a segment in a row (or code column) only when its rolled-up valence there is this one.
    ///   - attributes: for `.attribute`, the value for a (document, speaker), falling back to the document.
    public static func build(
        codings: [Coding], by: By, count: Count, rows rowCodes: [String]?, level: Int?, rowPrefix: String?,
        columnPrefix: String?, valence: String?, attributes: ((String, String) -> String?)? = nil
    ) -> ThemeMatrix {
        func depth(_ code: String) -> Int { code.split(separator: "/").count - 1 }
        func rolled(_ code: String) -> String {
            guard let level else { return code }
            let parts = code.split(separator: "/")
            return parts.count > level + 1 ? parts.prefix(level + 1).joined(separator: "/") : code
        }
        var rows = rowCodes ?? Array(Set(codings.map { rolled($0.code) })).sorted()
        if let level { rows = rows.filter { depth($0) <= level } }
        var columnCodes = rows
        if let columnPrefix, by == .code { columnCodes = columnCodes.filter { $0.hasPrefix(columnPrefix) } }
        if let rowPrefix { rows = rows.filter { $0.hasPrefix(rowPrefix) } }
        let rowIndex = Dictionary(rows.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let columnCodeIndex = Dictionary(columnCodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

        /// The rows (or code columns) a coded code counts in: itself and its ancestors.
        var ancestry = [String: (rows: [Int], columns: [Int])]()
        func targets(_ code: String) -> (rows: [Int], columns: [Int]) {
            if let known = ancestry[code] { return known }
            var prefixes = [String]()
            var parts = code.split(separator: "/").map(String.init)
            while !parts.isEmpty {
                prefixes.append(parts.joined(separator: "/"))
                parts.removeLast()
            }
            let result = (prefixes.compactMap { rowIndex[$0] }, prefixes.compactMap { columnCodeIndex[$0] })
            ancestry[code] = result
            return result
        }

        var unitIDs = [String: Int]()
        func unit(_ coding: Coding) -> Int {
            let key: String
            switch count {
            case .segments: key = coding.segment
            case .documents: key = coding.document
            case .speakers: key = coding.document + "\u{0}" + coding.speaker
            }
            if let id = unitIDs[key] { return id }
            unitIDs[key] = unitIDs.count
            return unitIDs.count - 1
        }

        var columnNames = [String]()
        var columnIndex = [String: Int]()
        func column(_ name: String) -> Int {
            if let index = columnIndex[name] { return index }
            columnIndex[name] = columnNames.count
            columnNames.append(name)
            return columnNames.count - 1
        }
        if by == .code {
            for code in columnCodes { _ = column(code) }
        } else if by == .valence {
            for name in ["enabler", "barrier", "mixed", "neutral"] { _ = column(name) }
        }

        var cellUnits = [Int: [Int: Set<Int>]]()
        var rowUnits = [Int: Set<Int>]()
        var columnUnits = [Int: Set<Int>]()
        var allUnits = Set<Int>()
        func add(_ row: Int, _ column: Int, _ unit: Int) {
            cellUnits[row, default: [:]][column, default: []].insert(unit)
            columnUnits[column, default: []].insert(unit)
        }
        // Each segment counts once in each row (and code column) it reaches, with one
        // valence there: that of the codings under it, rolled up by `Valence.combined`.
        var bySegment = [String: [Coding]]()
        var segmentOrder = [String]()
        for coding in codings {
            if bySegment[coding.segment] == nil { segmentOrder.append(coding.segment) }
            bySegment[coding.segment, default: []].append(coding)
        }
        for segment in segmentOrder {
            let group = bySegment[segment]!
            var rowValences = [Int: [Valence]](), columnValences = [Int: [Valence]]()
            for coding in group {
                let t = targets(coding.code)
                let own = Valence(rawValue: coding.valence).map { [$0] } ?? []
                for r in t.rows { rowValences[r, default: []] += own }
                if by == .code { for c in t.columns { columnValences[c, default: []] += own } }
            }
            /// The rolled-up valence of each row or column, those without `valence` left out.
            func kept(_ valences: [Int: [Valence]]) -> [(index: Int, valence: String)] {
                valences.map { ($0.key, Valence.combined($0.value)?.rawValue ?? "") }.filter { valence == nil || $0.valence == valence }
            }
            let rowsHit = kept(rowValences)
            guard !rowsHit.isEmpty else { continue }
            let u = unit(group[0])
            allUnits.insert(u)
            let codeColumns = kept(columnValences).map(\.index)
            for (r, rowValence) in rowsHit {
                rowUnits[r, default: []].insert(u)
                switch by {
                case .code: for c in codeColumns { add(r, c, u) }
                case .document: add(r, column(group[0].document), u)
                case .speaker: add(r, column(group[0].speaker.isEmpty ? missing : group[0].speaker), u)
                case .valence: add(r, column(rowValence.isEmpty ? missing : rowValence), u)
                case .attribute: add(r, column(attributes?(group[0].document, group[0].speaker) ?? missing), u)
                }
            }
        }

        // Order the columns: codes and valence as set up, others sorted.
        var order = Array(columnNames.indices)
        if by != .code, by != .valence {
            order.sort { columnNames[$0].utf8.lexicographicallyPrecedes(columnNames[$1].utf8) }
        } else if by == .valence {
            order = order.filter { $0 < 4 || columnUnits[$0] != nil }
        }
        // Without codebook rows, the codes seen are those seen with the valence asked for.
        var shown = Array(rows.indices)
        if rowCodes == nil, valence != nil {
            shown = shown.filter { rowUnits[$0] != nil }
            if by == .code { order = order.filter { columnUnits[$0] != nil } }
        }
        var position = [Int](repeating: 0, count: columnNames.count)
        for (k, c) in order.enumerated() { position[c] = k }
        let cells = shown.map { r -> [Int: Int] in
            var row = [Int: Int]()
            for (c, units) in cellUnits[r] ?? [:] { row[position[c]] = units.count }
            return row
        }
        return ThemeMatrix(
            by: by, count: count, rows: shown.map { rows[$0] }, columns: order.map { columnNames[$0] }, sparseCells: cells,
            totals: shown.map { rowUnits[$0]?.count ?? 0 }, columnTotals: order.map { columnUnits[$0]?.count ?? 0 },
            grandTotal: allUnits.count)
    }

    /// Distinct units in a cell.
    public func cell(_ row: Int, _ column: Int) -> Int { sparseCells[row][column] ?? 0 }

    /// One row of cells, dense.
    public func row(_ row: Int) -> [Int] { columns.indices.map { cell(row, $0) } }

    /// All cells, dense: `cells[row][column]`. For small matrices; writers go row by row.
    public var cells: [[Int]] { rows.indices.map(row) }

    /// The share of a cell, in percent, for `mode`; nil when the denominator is 0.
    public func share(_ row: Int, _ column: Int?, mode: Percent) -> Double? {
        let value = column.map { cell(row, $0) } ?? totals[row]
        let denominator: Int
        switch mode {
        case .row: denominator = totals[row]
        case .column: denominator = column.map { columnTotals[$0] } ?? grandTotal
        case .total: denominator = grandTotal
        }
        return denominator == 0 ? nil : 100 * Double(value) / Double(denominator)
    }
}
