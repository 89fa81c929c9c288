/// A problem found in a codebook file, with where it is.
public struct CodebookProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// The codebook cannot be used.
        case error
        /// The codebook works, but probably not as meant.
        case warning
    }

    public var path: String
    public var location: SourceLocation?
    public var message: String
    public var severity: Severity

    public init(path: String, location: SourceLocation?, message: String, severity: Severity = .error) {
        self.path = path
        self.location = location
        self.message = message
        self.severity = severity
    }

    /// `file:line:column: message`, as compilers print problems.
    public var description: String {
        let place = location.map { "\(path):\($0.line):\($0.column)" } ?? path
        return severity == .error ? "\(place): \(message)" : "\(place): warning: \(message)"
    }
}

/// A codebook that could not be loaded, with every problem found.
public struct CodebookLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [CodebookProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
