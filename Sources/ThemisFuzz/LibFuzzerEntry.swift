#if THEMIS_LIBFUZZER
import Foundation
import ThemisFuzzing

/// libFuzzer's driver, linked in by `-sanitize=fuzzer`: it parses its flags from
/// `argv` and calls `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs a target under libFuzzer. A reader's broken promise is made a crash, so
/// that libFuzzer keeps the input.
enum LibFuzzerEntry {
    /// The target and the folder its inputs are written to, set once before the driver starts.
    nonisolated(unsafe) private static var target = FuzzTarget.text
    nonisolated(unsafe) private static var directory = URL(fileURLWithPath: "/")

    static func run(_ target: FuzzTarget, arguments: [String]) -> Never {
        Self.target = target
        directory = Options.temporaryDirectory()
        // libFuzzer ends the process with exit() rather than returning.
        atexit { try? FileManager.default.removeItem(at: LibFuzzerEntry.directory) }
        var argc = CInt(arguments.count)
        var pointers = arguments.map { strdup($0) } + [nil]
        let status = pointers.withUnsafeMutableBufferPointer { buffer -> CInt in
            var argv = buffer.baseAddress!
            return runDriver(&argc, &argv) { data, size in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                if let broken = LibFuzzerEntry.target.run(bytes, in: LibFuzzerEntry.directory) {
                    fatalError("\(LibFuzzerEntry.target.rawValue): \(broken)")
                }
                return 0
            }
        }
        exit(status)
    }
}
#endif
