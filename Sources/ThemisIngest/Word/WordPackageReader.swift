/// Reads the main document part of a `.docx` package into memory, within ``ZipLimits``.
enum WordPackageReader {
    /// The bytes of the main document part of the package in `bytes`, found through `_rels/.rels`.
    static func mainDocument(of bytes: [UInt8], limits: ZipLimits) throws(IngestError) -> [UInt8] {
        let package = try ZipPackage(bytes: bytes, limits: limits, kind: "Word document")
        let mainPath = try package.relationshipTargets(in: "_rels/.rels", typeSuffix: "/officeDocument", base: "")
            .first?.target ?? "word/document.xml"
        guard let main = try package.part(mainPath) else {
            throw IngestError("no Word main document (\(mainPath)) in the package")
        }
        return main
    }
}
