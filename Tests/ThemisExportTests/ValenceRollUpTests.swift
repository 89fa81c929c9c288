import Testing
import ThemisModel

/// The roll-up rule shared by `agree --level`, `matrix` and `report`: one valence
/// per segment and code, whatever valences its codings carry.
struct ValenceRollUpTests {
    /// Every pair, written out from the rule: enabler + barrier = mixed, mixed with
    /// anything = mixed, neutral yields to any other valence.
    @Test("each pair of valences combines as the rule says", arguments: [
        (Valence.enabler, Valence.enabler, Valence.enabler), (.enabler, .barrier, .mixed), (.enabler, .mixed, .mixed),
        (.enabler, .neutral, .enabler),
        (.barrier, .enabler, .mixed), (.barrier, .barrier, .barrier), (.barrier, .mixed, .mixed), (.barrier, .neutral, .barrier),
        (.mixed, .enabler, .mixed), (.mixed, .barrier, .mixed), (.mixed, .mixed, .mixed), (.mixed, .neutral, .mixed),
        (.neutral, .enabler, .enabler), (.neutral, .barrier, .barrier), (.neutral, .mixed, .mixed), (.neutral, .neutral, .neutral),
    ])
    func pairs(a: Valence, b: Valence, expected: Valence) {
        #expect(a.combined(with: b) == expected)
        #expect(Valence.combined([a, b]) == expected)
    }

    @Test("a list rolls up the same in any order; no valences give none")
    func lists() {
        #expect(Valence.combined([Valence]()) == nil)
        #expect(Valence.combined([.neutral]) == .neutral)
        #expect(Valence.combined([.neutral, .neutral, .neutral]) == .neutral)
        #expect(Valence.combined([.neutral, .enabler, .neutral, .enabler]) == .enabler)
        #expect(Valence.combined([.barrier, .neutral, .barrier]) == .barrier)
        let mixed: [Valence] = [.neutral, .enabler, .neutral, .barrier]
        for rotation in mixed.indices {
            let rotated = Array(mixed[rotation...] + mixed[..<rotation])
            #expect(Valence.combined(rotated) == .mixed)
            #expect(Valence.combined(rotated.reversed()) == .mixed)
        }
    }
}
