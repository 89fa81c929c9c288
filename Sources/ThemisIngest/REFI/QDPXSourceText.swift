/// A source of a REFI-QDA project as `themis ingest` reads text: no byte-order
/// mark and LF line ends (a CR LF becomes one LF, a lone CR an LF); and the map
/// from the project's positions onto that text.
///
/// Positions are Unicode scalars (REFI-QDA 1.5 §10.2), but exporters differ in
/// what they count: most count both characters of a CR LF, ATLAS.ti counts one;
/// most count a leading byte-order mark, QualCoder writes one before text whose
/// positions start after it.
struct QDPXSourceText {
    /// How the exporter of a project counts positions.
    struct Counting: Sendable, Equatable {
        /// A CR LF is one position, not two.
        var lineEndAsOne: Bool
        /// A leading byte-order mark is a position.
        var byteOrderMark: Bool

        /// The counting of the exporter named by a project's `origin` attribute.
        init(origin: String?) {
            let origin = origin?.lowercased() ?? ""
            lineEndAsOne = origin.contains("atlas.ti")
            byteOrderMark = !origin.hasPrefix("qualcoder")
        }
    }

    /// The text, as ingest makes it.
    let text: String
    /// How many positions the source has in the project's counting.
    let length: Int
    /// The positions, in the project's counting, of the scalars the text drops, ascending.
    private let dropped: [Int]

    init(_ source: String, counting: Counting) {
        var scalars = Substring(source).unicodeScalars
        var dropped = [Int]()
        var position = 0
        if scalars.first == "\u{FEFF}" {
            scalars = scalars.dropFirst()
            if counting.byteOrderMark {
                dropped.append(0)
                position = 1
            }
        }
        var text = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" {
                // The CR of a CR LF: dropped, and a position unless the exporter counts CR LF as one.
                if !counting.lineEndAsOne {
                    dropped.append(position)
                    position += 1
                }
                continue
            }
            text.append(scalar == "\r" ? "\n" : scalar)
            position += 1
        }
        self.text = String(text)
        self.dropped = dropped
        length = position
    }

    /// The offset into ``text`` of `position` (from 0 through ``length``): each
    /// dropped scalar before it counts nothing. O(log n) in the dropped scalars.
    func offset(_ position: Int) -> Int {
        var low = 0, high = dropped.count
        while low < high {
            let mid = (low + high) / 2
            if dropped[mid] < position { low = mid + 1 } else { high = mid }
        }
        return position - low
    }
}
