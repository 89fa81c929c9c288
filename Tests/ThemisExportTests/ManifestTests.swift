import Foundation
import Testing
import ThemisExport

/// The run manifest: SHA-256 against published test vectors, and a stable JSON layout.
struct ManifestTests {
    @Test("SHA-256 matches the FIPS 180-4 examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test("SHA-256 of a million 'a's, fed in uneven pieces")
    func millionA() {
        var hasher = SHA256()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let count = min(piece, remaining)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
            remaining -= count
            piece = piece * 3 % 997 + 1
        }
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("the manifest sits beside the output and parses as JSON with its keys")
    func manifest() throws {
        #expect(RunManifest.path(for: "out/codings.csv") == "out/codings.manifest.json")
        #expect(RunManifest.path(for: "codings") == "codings.manifest.json")
        #expect(RunManifest.path(for: "a.b/codings") == "a.b/codings.manifest.json")
        let manifest = RunManifest(
            themisVersion: "0.1.0", command: "code",
            codebooks: [.init(id: "musiq-ar", version: "1.0.0", path: "codebooks/musiq-ar.yaml", sha256: "ab")],
            inputs: [.init(path: "samples/a.txt", document: "a", sha256: "cd", status: "coded")],
            settings: [("unit", "turn")], counts: [("codings", 3)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(manifest.json)) as? [String: Any])
        #expect(Set(object.keys) == ["themis_version", "command", "codebooks", "inputs", "settings", "counts"])
        #expect((object["counts"] as? [String: Int])?["codings"] == 3)
    }
}
