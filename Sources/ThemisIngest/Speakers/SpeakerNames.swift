import Foundation
import ThemisModel

/// What a speaker label's wording says about the speaker.
enum SpeakerNames {
    /// Labels that mark the person asking the questions.
    static let interviewerWords: Set<String> = [
        "interviewer", "facilitator", "co-facilitator", "cofacilitator", "moderator", "int", "i", "q", "researcher",
    ]

    /// Labels that mark a participant by role rather than by name.
    static let participantWords: Set<String> = [
        "participant", "respondent", "interviewee", "speaker", "p", "r", "a", "patient",
    ]

    /// Titles that make `Dr Okafor` a label on its own.
    static let titles: Set<String> = [
        "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "miss", "prof", "prof.", "professor", "sister",
        "nurse", "midwife", "cllr",
    ]

    /// Words that, numbered, head a list or a section rather than name a speaker
    /// (`Link 1:`, `Step 2:`, `Cycle 3:`).
    static let structuralWords: Set<String> = [
        "appendix", "box", "chapter", "cycle", "day", "figure", "fig", "item", "level", "link", "month", "note",
        "option", "page", "part", "pdsa", "phase", "point", "question", "round", "section", "session", "slide",
        "stage", "step", "table", "theme", "version", "week", "year",
    ]

    /// The role a label gives its speaker: interviewer words (optionally numbered,
    /// `Interviewer 2`) and the names listed in `interviewers` are interviewers.
    static func role(of speaker: String?, interviewers: Set<String>) -> SpeakerRole {
        guard let speaker else { return .participant }
        if !interviewers.isEmpty, interviewers.contains(speaker.lowercased()) { return .interviewer }
        return facts(speaker).isInterviewerWord ? .interviewer : .participant
    }

    /// `Interviewer`, `P3`, `FG2-P4`, `Dr Okafor`, `Midwife 2`, `Speaker 1`: forms
    /// that are labels wherever they appear before a colon.
    static func isKnownForm(_ name: String) -> Bool { facts(name).isKnownForm }

    /// What a label's wording says about it, worked out once per distinct name.
    struct Facts {
        var isKnownForm: Bool
        var isPlausibleName: Bool
        var isHeaderName: Bool
        var isInterviewerWord: Bool
    }

    /// Facts of the names seen so far, shared by the reading threads (a label
    /// recurs on every turn of its speaker, and is worked out with string splits).
    /// Guarded by ``knownLock``.
    nonisolated(unsafe) private static var known = [String: Facts]()
    /// A pthread mutex, which ThreadSanitizer sees; it cannot see the futex under
    /// Synchronization's `Mutex` on Linux, and reports every access behind one as a race.
    private static let knownLock = NSLock()

    static func facts(_ name: String) -> Facts {
        if let facts = knownLock.withLock({ known[name] }) { return facts }
        let facts = Facts(
            isKnownForm: knownForm(name), isPlausibleName: SpeakerLabelParser.plausibleName(name),
            isHeaderName: SpeakerLabelParser.headerName(name), isInterviewerWord: interviewerWords.contains(baseWord(name.lowercased())))
        knownLock.withLock {
            if known.count >= 100_000 { known.removeAll() }
            known[name] = facts
        }
        return facts
    }

    /// Works out ``isKnownForm(_:)``; ``facts(_:)`` keeps the answer.
    static func knownForm(_ name: String) -> Bool {
        let key = name.lowercased()
        let base = baseWord(key)
        if interviewerWords.contains(base) || participantWords.contains(base) { return true }
        if isCode(name) { return true }
        let words = key.split(separator: " ")
        if words.count >= 2, words.count <= 4, titles.contains(String(words[0])) { return true }
        // A capitalised role with a number: `Midwife 2`, `Senior Leader 1`; not `Step 2`.
        if words.count >= 2, words.count <= 4, words.last!.allSatisfy(\.isNumber),
           name.unicodeScalars.first!.properties.isUppercase, !structuralWords.contains(String(words[words.count - 2])) {
            return true
        }
        return false
    }

    /// The label without a trailing number: `interviewer 2` -> `interviewer`.
    private static func baseWord(_ key: String) -> String {
        var words = key.split(separator: " ")
        if words.count == 2, (1...3).contains(words[1].count), words[1].allSatisfy(\.isNumber) || words[1].count == 1 {
            words.removeLast()
        }
        return words.count == 1 ? String(words[0]) : key
    }

    /// Participant codes: capitals followed by digits, joined by `-` or `_` (`P3`, `R12`, `FG2-P4`, `HCP_07`).
    static func isCode(_ name: String) -> Bool {
        let parts = name.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard !name.contains(" "), !parts.isEmpty, parts.count <= 4 else { return false }
        return parts.allSatisfy { part in
            let scalars = Array(part.unicodeScalars)
            guard let firstDigit = scalars.firstIndex(where: { ("0"..."9").contains($0) }) else { return false }
            let letters = scalars[..<firstDigit], digits = scalars[firstDigit...]
            return (1...4).contains(letters.count) && letters.allSatisfy { ("A"..."Z").contains($0) }
                && digits.allSatisfy { ("0"..."9").contains($0) }
        }
    }
}
