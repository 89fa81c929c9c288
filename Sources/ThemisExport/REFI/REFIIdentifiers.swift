/// Stable REFI-QDA GUIDs: derived from what they name (a code id, a coder, a
/// document), so that re-exports do not churn. A UUID of version 8 (RFC 9562)
/// built from SHA-256 of `themis:` + the kind + the name.
public enum REFIIdentifiers {
    public static func guid(_ kind: String, _ name: String) -> String {
        var bytes = Array(SHA256.hexBytes("themis:\(kind):\(name)").prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        let hex = bytes.map { byte -> String in
            let text = String(byte, radix: 16, uppercase: true)
            return text.count == 1 ? "0" + text : text
        }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}

extension SHA256 {
    /// The raw digest bytes of `text`'s UTF-8.
    static func hexBytes(_ text: String) -> [UInt8] {
        let hex = Array(SHA256.hex(Array(text.utf8)).utf8)
        return stride(from: 0, to: hex.count, by: 2).map { k in
            func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
            return nibble(hex[k]) << 4 | nibble(hex[k + 1])
        }
    }
}
