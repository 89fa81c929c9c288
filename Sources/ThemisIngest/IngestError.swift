/// Why a transcript file could not be read. The message names the reason; the
/// caller prefixes the file path.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A short statement of what is wrong with the file.
    public var reason: String
    /// The 1-based line of the file the problem was found on, when known.
    public var line: Int?

    public init(_ reason: String, line: Int? = nil) {
        self.reason = reason
        self.line = line
    }

    public var description: String {
        if let line { return "line \(line): \(reason)" }
        return reason
    }
}
