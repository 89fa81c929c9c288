import Foundation

/// The one tokenizer of Themis: words are maximal runs of letters, digits and
/// combining marks; everything else, `-` and `'` included, separates words.
public enum Tokenizer {
    /// True for the scalars words are made of.
    @inline(__always)
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A)
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// True for a word of two or more letters written all in capitals (`RHO`, `ICB`),
    /// which a pattern matches case-sensitively.
    public static func isAcronym(_ word: String) -> Bool {
        var letters = 0
        for scalar in word.unicodeScalars {
            if scalar.properties.isLowercase { return false }
            if scalar.properties.isUppercase { letters += 1 }
        }
        return letters >= 2
    }
}

/// Case and diacritic folding of words: `Équipe` -> `equipe`. Caches non-ASCII scalars.
public struct TextFolder {
    private var cache = [UInt32: String]()

    public init() {}

    /// The folded form of `word`.
    public mutating func fold(_ word: String) -> String {
        var ascii = true
        for byte in word.utf8 where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return word.lowercased() }
        var result = ""
        for scalar in word.unicodeScalars {
            if scalar.value < 0x80 {
                result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if let folded = cache[scalar.value] {
                result += folded
            } else {
                let folded = Self.foldScalar(scalar)
                cache[scalar.value] = folded
                result += folded
            }
        }
        return result
    }

    /// Lowercases a scalar and removes its diacritics (canonical decomposition without combining marks).
    private static func foldScalar(_ scalar: Unicode.Scalar) -> String {
        let lower = scalar.properties.lowercaseMapping
        var out = String.UnicodeScalarView()
        for s in lower.unicodeScalars {
            for d in decomposition(of: s) {
                switch d.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: continue
                default: out.append(d)
                }
            }
        }
        return String(out)
    }

    /// The canonical decomposition (NFD) of a scalar.
    private static func decomposition(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
    }
}
