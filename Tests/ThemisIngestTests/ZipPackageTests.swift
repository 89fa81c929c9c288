import Foundation
import Testing
@testable import ThemisIngest

/// Zip packages that lie: sizes that overflow, directory records that share one
/// deflated stream, compressed sizes that under-state, checksums that do not
/// match. Each is refused with its reason, in bounded time and memory, by every
/// reader that opens packages (Word documents, workbooks, REFI-QDA projects).
struct ZipPackageTests {
    static let relationships = Array(DocxBuilder.relationships.utf8)
    static let document = Array(DocxBuilder.documentXML(body: "<w:p><w:r><w:t>P1: We had no analyst.</w:t></w:r></w:p>").utf8)

    /// Reads `bytes` as a `.docx`, returning the refusal's reason (nil when read).
    static func refusal(_ bytes: [UInt8], limits: ZipLimits = .standard) -> String? {
        do {
            _ = try TranscriptReader(limits: limits).read(bytes: bytes, format: .docx, id: "x")
            return nil
        } catch {
            return error.reason
        }
    }

    static func temporaryFile(_ bytes: [UInt8], suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("themis-zip-\(UUID().uuidString)\(suffix)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test("an honest forged package reads, so the refusals below are the lies'")
    func honestPackage() throws {
        let package = ZipForge.package([
            ZipForge.entry("_rels/.rels", Self.relationships),
            ZipForge.entry("word/document.xml", Self.document, method: 0),
        ])
        #expect(try TranscriptReader().read(bytes: package, format: .docx, id: "x").segments.count == 1)
    }

    @Test("ZIP64 sizes near 2^64 are refused without overflow, by Word, workbook and REFI-QDA readers")
    func zip64Overflow() throws {
        var huge = ZipForge.entry("word/media/a.bin", [1, 2, 3])
        huge.zip64 = true
        huge.uncompressedSize = UInt64.max - 10
        let package = ZipForge.package([ZipForge.entry("_rels/.rels", Self.relationships), huge,
                                        ZipForge.entry("word/document.xml", Self.document)])
        #expect(package.count < 1000)
        let reason = try #require(Self.refusal(package))
        #expect(reason.contains("uncompressed"), "\(reason)")

        let workbook = try Self.temporaryFile(package, suffix: ".xlsx")
        defer { try? FileManager.default.removeItem(at: workbook) }
        #expect(throws: IngestError.self) { try SpreadsheetReader.firstSheetRows(at: workbook) }
        let project = try Self.temporaryFile(package, suffix: ".qdpx")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(throws: IngestError.self) { try QDPXProjectFile.read(project) }
    }

    @Test("a ZIP64 size of one part alone over the limits is refused, not wrapped")
    func zip64SinglePart() {
        var part = ZipForge.entry("word/document.xml", Self.document)
        part.zip64 = true
        part.uncompressedSize = 1 << 63
        let reason = Self.refusal(ZipForge.package([ZipForge.entry("_rels/.rels", Self.relationships), part]))
        #expect(reason?.contains("uncompressed") == true, "\(reason ?? "read")")
    }

    @Test("directory records that all point at one deflated entry are refused as overlapping, before inflating")
    func overlappingEntries() throws {
        let payload = ZipForge.entry("sources/0.txt", [UInt8](repeating: 0x61, count: 900_000))
        var records = [ZipForge.Entry]()
        for k in 1..<1990 {
            var record = payload
            record.name = "sources/\(k).txt"
            record.pointsAt = UInt64(0)
            records.append(record)
        }
        let package = ZipForge.package([payload, ZipForge.entry("project.qde", Array("<Project/>".utf8))], extraRecords: records)
        let url = try Self.temporaryFile(package, suffix: ".qdpx")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try QDPXProjectFile.read(url)
            Issue.record("a package of overlapping entries was read")
        } catch {
            #expect(error.reason.contains("overlap"), "\(error.reason)")
        }
        let reason = Self.refusal(package)
        #expect(reason?.contains("overlap") == true, "\(reason ?? "read")")
    }

    @Test("a compressed size that under-states the stream stops at the ratio limit as it inflates")
    func understatedCompressedSize() throws {
        let body = [UInt8](repeating: 0x20, count: 40 << 20)
        var part = ZipForge.entry("word/document.xml", body)
        let real = part.data.count
        // Claim 1:50, well inside the limit, and pad the file so the claimed range exists.
        part.compressedSize = part.uncompressedSize / 50
        let package = ZipForge.package([ZipForge.entry("_rels/.rels", Self.relationships), part],
                                       padding: Int(part.compressedSize) - real)
        let reason = try #require(Self.refusal(package))
        #expect(reason.contains("compression ratio"), "\(reason)")
    }

    @Test("parts each under 1 MiB cannot together inflate past the ratio times the package's size")
    func packageRatio() throws {
        var entries = [ZipForge.entry("_rels/.rels", Self.relationships)]
        for k in 0..<40 {
            entries.append(ZipForge.entry("sources/\(k).txt", [UInt8](repeating: UInt8(0x61 + k % 20), count: 1_000_000)))
        }
        let bytes = ZipForge.package(entries)
        #expect(bytes.count < 100_000)
        let package = try ZipPackage(bytes: bytes, limits: .standard, kind: "test")
        do {
            for path in package.paths { _ = try package.part(path) }
            Issue.record("40 MB inflated from a package of \(bytes.count) bytes")
        } catch {
            #expect(error.reason.contains("times its size"), "\(error.reason)")
        }
    }

    @Test("a part whose bytes do not match its CRC-32 is refused, naming the part", arguments: [UInt16(0), 8])
    func checksumMismatch(method: UInt16) throws {
        var part = ZipForge.entry("word/document.xml", Self.document, method: method)
        part.crc ^= 0x0000_0100
        let reason = try #require(Self.refusal(ZipForge.package([ZipForge.entry("_rels/.rels", Self.relationships), part])))
        #expect(reason.contains("word/document.xml") && reason.contains("CRC-32"), "\(reason)")
    }

    @Test("a stored part corrupted on disk is refused by its CRC-32, not read as text")
    func corruptedStoredPart() throws {
        var package = ZipForge.package([ZipForge.entry("_rels/.rels", Self.relationships),
                                        ZipForge.entry("word/document.xml", Self.document, method: 0)])
        let needle = Array("analyst".utf8)
        let at = try #require((0..<(package.count - needle.count)).first { package[$0..<($0 + needle.count)].elementsEqual(needle) })
        package[at] = UInt8(ascii: "A")
        let reason = try #require(Self.refusal(package))
        #expect(reason.contains("CRC-32"), "\(reason)")
    }

    @Test("a deflated stream cut short inside its declared size is refused as truncated")
    func truncatedStream() throws {
        var part = ZipForge.entry("word/document.xml", Self.document)
        part.data.removeLast(part.data.count / 2)
        part.compressedSize = UInt64(part.data.count)
        let reason = try #require(Self.refusal(ZipForge.package([ZipForge.entry("_rels/.rels", Self.relationships), part])))
        #expect(reason.contains("truncated") || reason.contains("corrupt"), "\(reason)")
    }

    @Test("a directory entry pointing past the file or at no local header is refused")
    func strayOffsets() throws {
        var part = ZipForge.entry("word/document.xml", Self.document)
        part.pointsAt = 7
        let reason = try #require(Self.refusal(ZipForge.package([ZipForge.entry("_rels/.rels", Self.relationships), part])))
        #expect(reason.contains("overlap") || reason.contains("local header"), "\(reason)")
    }

    @Test("two entries of one name are refused: readers would disagree on which is meant")
    func duplicateNames() throws {
        let package = ZipForge.package([ZipForge.entry("_rels/.rels", Self.relationships),
                                        ZipForge.entry("word/document.xml", Self.document),
                                        ZipForge.entry("word/document.xml", Self.document)])
        let reason = try #require(Self.refusal(package))
        #expect(reason.contains("two entries"), "\(reason)")
    }
}
