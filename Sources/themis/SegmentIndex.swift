import Foundation
import ThemisIngest
import ThemisModel

/// Segments of transcripts by id, and the order of their documents.
struct SegmentIndex {
    var segments = [String: Segment]()
    /// Each document's plain text.
    var plainTexts = [String: String]()
    var documentOrder = [String: Int]()
    var failures = 0
    var isEmpty: Bool { segments.isEmpty }

    /// Reads the transcripts of `collection` (empty when none were given).
    init(_ collection: InputCollection, unit: SegmentUnit) {
        guard !collection.inputs.isEmpty || !collection.problems.isEmpty else { return }
        let progress = ProgressBar(total: 0, label: "", quiet: true)
        var reported = FileFailures(progress: progress)
        for problem in collection.problems { reported.report(problem.path, problem.reason) }
        TranscriptBatch(inputs: collection.inputs, reader: TranscriptReader(unit: unit), jobs: ProcessInfo.processInfo.activeProcessorCount)
            .run { input, result in
                switch result {
                case .success(let transcript):
                    reported.warn(input.displayPath, transcript.warnings)
                    documentOrder[transcript.id] = documentOrder.count
                    plainTexts[transcript.id] = transcript.plainText
                    for segment in transcript.segments { segments[segment.id] = segment }
                case .failure(let error):
                    reported.report(input.displayPath, error.reason, line: error.line)
                }
            }
        failures = reported.count
    }
}
