/// A codebook: a tree of codes with the rules that apply them, and optional
/// valence cues that tag codings as enablers or barriers.
public struct Codebook: Sendable {
    /// The slug that prefixes every code id.
    public var id: String
    public var name: String
    public var version: String
    public var description: String?
    /// Sources the codebook was built from.
    public var references: [String]
    public var valence: ValenceRules?
    /// The top-level codes, each with its children.
    public var codes: [Code]
    /// The file the codebook was read from.
    public var path: String

    public init(id: String, name: String, version: String, description: String? = nil, references: [String] = [],
                valence: ValenceRules? = nil, codes: [Code], path: String) {
        self.id = id
        self.name = name
        self.version = version
        self.description = description
        self.references = references
        self.valence = valence
        self.codes = codes
        self.path = path
    }

    /// Every code, parents before children, in the order written.
    public var allCodes: [Code] {
        var result = [Code]()
        func visit(_ code: Code) {
            result.append(code)
            code.children.forEach(visit)
        }
        codes.forEach(visit)
        return result
    }
}

/// A node of a codebook.
public struct Code: Sendable {
    /// The full id: `CODEBOOK/PARENT/CHILD`.
    public var id: String
    public var name: String
    public var description: String?
    public var include: String?
    public var exclude: String?
    public var examples: [String]
    public var color: String?
    /// Marks a code whose wording is not yet confirmed by its source.
    public var provisional: Bool
    /// The one direction a code can take ("institutional racism" can only hinder):
    /// its codings get this valence whatever the cues say. Nil for codes that can go either way.
    public var polarity: Polarity?
    /// Any one of these codes a segment.
    public var terms: [Pattern]
    /// When given, one of these must also occur.
    public var requires: [Pattern]
    /// Any of these vetoes the code.
    public var excludes: [Pattern]
    /// Pairs of patterns that code a segment when they occur close together.
    public var near: [NearRule]
    public var children: [Code]
    /// Depth in the tree: 1 for top-level codes.
    public var depth: Int
    /// Where the code is defined.
    public var location: SourceLocation?

    public init(id: String, name: String, description: String? = nil, include: String? = nil, exclude: String? = nil,
                examples: [String] = [], color: String? = nil, provisional: Bool = false, polarity: Polarity? = nil,
                terms: [Pattern] = [],
                requires: [Pattern] = [], excludes: [Pattern] = [], near: [NearRule] = [], children: [Code] = [],
                depth: Int, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.include = include
        self.exclude = exclude
        self.examples = examples
        self.color = color
        self.provisional = provisional
        self.polarity = polarity
        self.terms = terms
        self.requires = requires
        self.excludes = excludes
        self.near = near
        self.children = children
        self.depth = depth
        self.location = location
    }

    /// True when the code has rules of its own; a code without is applied only through its children.
    public var hasRules: Bool { !terms.isEmpty || !near.isEmpty }

    /// The id rolled up to `level` (1 = top-level code): `musiq-ar/infrastructure/ethnicity-data` at level 1
    /// is `musiq-ar/infrastructure`.
    public static func rolledUp(_ id: String, level: Int) -> String {
        let parts = id.split(separator: "/")
        guard parts.count > level + 1 else { return id }
        return parts.prefix(level + 1).joined(separator: "/")
    }
}

/// The direction a code's codings always take.
public enum Polarity: String, Sendable {
    case barrier
    case enabler
}

/// Two lists of patterns that code a segment when one of each occurs within `within` tokens.
public struct NearRule: Sendable {
    public var a: [Pattern]
    public var b: [Pattern]
    public var within: Int

    public init(a: [Pattern], b: [Pattern], within: Int) {
        self.a = a
        self.b = b
        self.within = within
    }
}

/// The cues that tag a codebook's codings as enablers or barriers.
public struct ValenceRules: Sendable {
    /// Tokens either side of the matched term in which cues count.
    public var window: Int
    public var barrier: [Pattern]
    public var enabler: [Pattern]
    /// Words that turn a following enabler cue (within 3 tokens) into a barrier: "no buy-in".
    public var negators: [Pattern]
    /// Phrases that make the coding a barrier: "if only we'd had", "would have helped".
    public var counterfactuals: [Pattern]
    /// Phrases that, in the interviewer's question, ask for advice ("what would
    /// you tell another team?"): the answer's codings are enablers, or barriers
    /// where the answer speaks with regret (a counterfactual).
    public var advice: [Pattern]
    /// Verdicts that go both ways ("mixed", "partly", "yes and no"): near a
    /// term, or opening the answer, they make the coding mixed.
    public var mixed: [Pattern]
    /// Words that turn to the other side ("but", "however"): in a term's
    /// sentence and window they make a one-way reading there `mixed`.
    public var contrast: [Pattern]
    /// The valence of a coding no cue decides (in the segment or its
    /// question); nil for `neutral`. Evaluation interviews dwell on what got
    /// in the way, so a domain named without a cue is more often a barrier.
    public var defaultValence: Polarity?

    public init(window: Int, barrier: [Pattern], enabler: [Pattern], negators: [Pattern], counterfactuals: [Pattern],
                advice: [Pattern] = [], mixed: [Pattern] = [], contrast: [Pattern] = [], defaultValence: Polarity? = nil) {
        self.window = window
        self.barrier = barrier
        self.enabler = enabler
        self.negators = negators
        self.counterfactuals = counterfactuals
        self.advice = advice
        self.mixed = mixed
        self.contrast = contrast
        self.defaultValence = defaultValence
    }

    /// How many tokens before an enabler cue a negator may stand.
    public static let negationReach = 3
}

/// A line and column in a codebook file, both from 1.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

extension Sequence<Codebook> {
    /// The ids of every code a coder can apply (one with rules, or a leaf),
    /// rolled up to `level` (nil: as they are), once each in codebook order.
    public func codableCodeIDs(level: Int?) -> [String] {
        var ids = [String](), seen = Set<String>()
        for book in self {
            for code in book.allCodes where code.hasRules || code.children.isEmpty {
                let id = level.map { Code.rolledUp(code.id, level: $0) } ?? code.id
                if seen.insert(id).inserted { ids.append(id) }
            }
        }
        return ids
    }
}
