import Foundation
import ZIPFoundation

/// Writes zip packages deterministically: deflated entries in the order given,
/// all dated 1980-01-01. The package is built in memory, so no temporary file is
/// left behind or can be redirected; it reaches the disk through ``OutputFile``.
enum ZipWriter {
    static func archive(_ parts: [(path: String, text: String)]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        let fixedDate = Date(timeIntervalSince1970: 315_532_800)
        for part in parts {
            let bytes = Data(part.text.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                let start = Int(position)
                return bytes.subdata(in: start..<min(bytes.count, start + size))
            }
        }
        return [UInt8](archive.data ?? Data())
    }
}
