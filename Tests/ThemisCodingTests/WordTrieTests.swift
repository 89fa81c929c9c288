import Foundation
import Testing
import ThemisCodebook
@testable import ThemisCoding

/// The byte-level word lookup against a plain dictionary reference: every
/// token of real text gets exactly the symbols a string-keyed lookup gives.
struct WordTrieTests {
    /// Walks `token` through `trie` and returns its word symbol and the prefix symbols met.
    private func lookUp(_ trie: WordTrie, _ token: String) -> (word: Int32, prefixes: [Int32]) {
        let tables = trie.tables
        var node = trie.root
        var prefixes = [Int32]()
        for byte in token.utf8 {
            let (next, endsPrefix) = tables.step(node, byte)
            node = next
            if node == WordTrie.dead { return (0, prefixes) }
            if endsPrefix { prefixes.append(tables.prefixSymbol(node)) }
        }
        return (tables.wordSymbol(node), prefixes)
    }

    @Test("Every word and prefix of the shipped codebooks, and every token of the samples, looks up as in a dictionary")
    func matchesDictionaryReference() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var words = [String: Int32](), prefixes = [String: Int32]()
        for name in ["musiq-ar", "rho-anti-racism-principles", "lan-programme"] {
            let book = try CodebookLoader.load(path: root.appendingPathComponent("codebooks/\(name).yaml").path).get().codebook
            for code in book.allCodes {
                for pattern in code.terms + code.requires + code.excludes + code.near.flatMap({ $0.a + $0.b }) {
                    for token in pattern.tokens where !token.isCaseSensitive {
                        if token.isPrefix {
                            prefixes[token.text] = prefixes[token.text] ?? Int32(prefixes.count + words.count + 1)
                        } else {
                            words[token.text] = words[token.text] ?? Int32(prefixes.count + words.count + 1)
                        }
                    }
                }
            }
        }
        #expect(words.count > 500 && prefixes.count > 100)
        let trie = WordTrie(words: words, prefixes: prefixes, foldsASCII: true)

        for (word, symbol) in words { #expect(lookUp(trie, word).word == symbol, "\(word)") }
        for (prefix, symbol) in prefixes { #expect(lookUp(trie, prefix).prefixes.last == symbol, "\(prefix)*") }

        // Tokens of the sample transcripts, in the case they were written in.
        var text = ""
        for folder in ["samples/interviews", "samples/focus-groups"] {
            let dir = root.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".txt") {
                text += (try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)) ?? ""
            }
        }
        let tokens = text.split { !$0.isASCII || !($0.isLetter || $0.isNumber) }.map(String.init)
        #expect(tokens.count > 5_000)
        var matched = 0
        for token in Set(tokens) {
            let folded = token.lowercased()
            let expectedPrefixes = prefixes.filter { folded.hasPrefix($0.key) }.sorted { $0.key.count < $1.key.count }.map(\.value)
            let found = lookUp(trie, token)
            #expect(found.word == (words[folded] ?? 0), "\(token)")
            #expect(found.prefixes == expectedPrefixes, "\(token)")
            if found.word != 0 { matched += 1 }
        }
        #expect(matched > 100)
    }

    @Test("Case-sensitive words step on their exact bytes; other bytes and capitals end the walk")
    func exactWords() {
        let trie = WordTrie(words: ["RHO": 1, "ICB": 2, "NHS": 3], prefixes: ["WRES": 4], foldsASCII: false)
        #expect(lookUp(trie, "RHO").word == 1)
        #expect(lookUp(trie, "rho").word == 0)
        #expect(lookUp(trie, "Rho").word == 0)
        #expect(lookUp(trie, "ICBs").word == 0)
        #expect(lookUp(trie, "WRESX").prefixes == [4])
        #expect(lookUp(trie, "NH").word == 0)
        #expect(WordTrie(words: [:], prefixes: [:], foldsASCII: true).isEmpty)
    }

    @Test("Tokens holding other scripts are folded as strings and still found")
    func foldedNonASCII() throws {
        let book = try codebook("""
            id: f
            name: F
            codes:
              - id: equipe
                name: Équipe
                terms: ["équipe", "naïve*"]
            """)
        var coder = CodingEngine(codebooks: [book]).makeCoder()
        let codings = coder.code(segment("L'ÉQUIPE was NAÏVETY itself; equipe too."))
        #expect(codings.map(\.code) == ["f/equipe"])
        #expect(codings.first?.matched == ["équipe", "naïve*"])
    }
}
