/// Document-grouped folds for cross-validation: every unit of a document falls
/// in the same fold, so no fold is tested on talk its model was trained on.
public enum DocumentFolds {
    /// The fold (0 ..< `count`) of each unit, given each unit's document.
    /// Documents are dealt largest first (ties by name) to the fold holding the
    /// fewest units so far (ties to the lowest fold), which balances the folds
    /// and depends on nothing but the documents.
    public static func assign(_ unitDocuments: [String], count: Int) -> [Int] {
        precondition(count >= 2, "at least two folds")
        var sizes = [String: Int]()
        for document in unitDocuments { sizes[document, default: 0] += 1 }
        let order = sizes.keys.sorted { sizes[$0]! != sizes[$1]! ? sizes[$0]! > sizes[$1]! : $0 < $1 }
        var load = [Int](repeating: 0, count: count)
        var foldOf = [String: Int]()
        for document in order {
            let fold = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            foldOf[document] = fold
            load[fold] += sizes[document]!
        }
        return unitDocuments.map { foldOf[$0]! }
    }
}
