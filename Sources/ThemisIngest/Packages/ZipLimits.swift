/// Bounds on the zip packages Themis opens, so that a hostile file (a zip bomb,
/// a package of a million entries) is refused quickly and in bounded memory.
public struct ZipLimits: Sendable {
    /// Most entries a package may list.
    public var maximumEntries: Int
    /// Most bytes all entries together may declare uncompressed.
    public var maximumTotalBytes: UInt64
    /// Most bytes the main document part may hold uncompressed.
    public var maximumPartBytes: UInt64
    /// Highest uncompressed-to-compressed ratio accepted for a part over 1 MiB.
    public var maximumCompressionRatio: UInt64

    public init(
        maximumEntries: Int = 10_000, maximumTotalBytes: UInt64 = 2 << 30,
        maximumPartBytes: UInt64 = 512 << 20, maximumCompressionRatio: UInt64 = 200
    ) {
        self.maximumEntries = maximumEntries
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumPartBytes = maximumPartBytes
        self.maximumCompressionRatio = maximumCompressionRatio
    }

    /// The limits used unless a caller sets others.
    public static let standard = ZipLimits()
}
