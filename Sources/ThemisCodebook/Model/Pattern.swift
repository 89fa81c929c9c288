/// A codebook pattern: word tokens matched in sequence. A token ending in `*`
/// matches any word it begins; a token of two or more capitals (`RHO`) matches
/// only that capitalised word.
public struct Pattern: Sendable, Hashable, CustomStringConvertible {
    /// One token of a pattern.
    public struct Token: Sendable, Hashable {
        /// The folded text, or the exact text for a case-sensitive token.
        public var text: String
        public var isPrefix: Bool
        public var isCaseSensitive: Bool
    }

    /// The pattern as written in the codebook.
    public var text: String
    public var tokens: [Token]

    /// Parses `text`; returns nil with a reason when it holds no word or misplaces `*`.
    public static func parse(_ text: String) -> Result<Pattern, PatternError> {
        var tokens = [Token]()
        var folder = TextFolder()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if Tokenizer.isWordScalar(scalars[i]) {
                var j = i
                var word = String.UnicodeScalarView()
                while j < scalars.count, Tokenizer.isWordScalar(scalars[j]) {
                    word.append(scalars[j])
                    j += 1
                }
                let original = String(word)
                let isPrefix = j < scalars.count && scalars[j] == "*"
                if isPrefix { j += 1 }
                if j < scalars.count, Tokenizer.isWordScalar(scalars[j]) {
                    return .failure(PatternError("'*' may only end a word in pattern \"\(text)\""))
                }
                let caseSensitive = Tokenizer.isAcronym(original)
                tokens.append(Token(text: caseSensitive ? original : folder.fold(original), isPrefix: isPrefix,
                                    isCaseSensitive: caseSensitive))
                i = j
            } else if scalars[i] == "*" {
                return .failure(PatternError("'*' may only end a word in pattern \"\(text)\""))
            } else {
                i += 1
            }
        }
        if tokens.isEmpty { return .failure(PatternError("pattern \"\(text)\" has no words")) }
        if let short = tokens.first(where: { $0.isPrefix && $0.text.unicodeScalars.count < 3 }) {
            return .failure(PatternError("prefix '\(short.text)*' in \"\(text)\" is too short (at least 3 letters)"))
        }
        return .success(Pattern(text: text, tokens: tokens))
    }

    public var description: String { text }
}

/// Why a pattern cannot be used.
public struct PatternError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
