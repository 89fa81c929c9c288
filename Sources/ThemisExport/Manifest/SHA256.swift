import Crypto

/// SHA-256 (FIPS 180-4), for the run manifest's file fingerprints and REFI-QDA
/// identifiers. Backed by swift-crypto, which uses the processor's SHA
/// instructions where it has them.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// Adds bytes to the message.
    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
    }

    /// The digest as lowercase hexadecimal.
    public mutating func hexDigest() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        for byte in hasher.finalize() {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The digest of `bytes` as lowercase hexadecimal.
    public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.hexDigest()
    }
}
