import Foundation

/// Reads the main document part of a `.docx` package into memory, within ``ZipLimits``.
enum WordPackageReader {
    /// The bytes of the package's main document part, found through `_rels/.rels`.
    static func mainDocument(at url: URL, limits: ZipLimits) throws(IngestError) -> [UInt8] {
        let package = try ZipPackage(url: url, limits: limits, kind: "Word document")
        let mainPath = try package.relationshipTargets(in: "_rels/.rels", typeSuffix: "/officeDocument", base: "")
            .first?.target ?? "word/document.xml"
        guard let main = try package.part(mainPath) else {
            throw IngestError("no Word main document (\(mainPath)) in the package")
        }
        return main
    }
}
