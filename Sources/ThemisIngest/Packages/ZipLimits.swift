/// Bounds on the zip packages Themis opens, so that a hostile file (a zip bomb,
/// a package of a million entries) is refused quickly and in bounded memory.
///
/// Sizes that headers declare are checked when the package is opened; what is
/// actually inflated is counted as it streams and checked again, so a header
/// that lies gains nothing.
public struct ZipLimits: Sendable {
    /// Most entries a package may list.
    public var maximumEntries: Int
    /// Most bytes all entries together may declare uncompressed.
    public var maximumTotalBytes: UInt64
    /// Most bytes one part may hold uncompressed.
    public var maximumPartBytes: UInt64
    /// Highest ratio of inflated to compressed bytes: for a part once it passes
    /// 1 MiB, and for everything inflated from the package against its size.
    /// 100:1, as Apache POI allows; no part of the shared fixtures or the samples passes 33:1.
    public var maximumCompressionRatio: UInt64

    public init(
        maximumEntries: Int = 10_000, maximumTotalBytes: UInt64 = 2 << 30,
        maximumPartBytes: UInt64 = 512 << 20, maximumCompressionRatio: UInt64 = 100
    ) {
        self.maximumEntries = maximumEntries
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumPartBytes = maximumPartBytes
        self.maximumCompressionRatio = maximumCompressionRatio
    }

    /// The limits used unless a caller sets others.
    public static let standard = ZipLimits()
}
