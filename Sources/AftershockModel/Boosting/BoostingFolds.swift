/// Stratified row splits (cross-validation folds, early-stopping hold-out) drawn with a seed.
package enum BoostingFolds {
  /// A fold number in `0..<foldCount` for every row, each class spread evenly across folds.
  package static func stratifiedFolds(labels: [Bool], foldCount: Int, seed: UInt64) -> [Int] {
    var generator = SplitMix64(seed: seed)
    var folds = [Int](repeating: 0, count: labels.count)
    var offset = 0
    for cls in [false, true] {
      var rows = labels.indices.filter { labels[$0] == cls }
      generator.shuffle(&rows)
      for (position, row) in rows.enumerated() { folds[row] = (position + offset) % foldCount }
      offset += rows.count
    }
    return folds
  }

  /// Rows split into training and held-out parts, with about `fraction` of each class held out.
  package static func stratifiedHoldout(labels: [Bool], fraction: Double, seed: UInt64) -> (
    training: [Int], holdout: [Int]
  ) {
    var generator = SplitMix64(seed: seed)
    var training: [Int] = []
    var holdout: [Int] = []
    for cls in [false, true] {
      var rows = labels.indices.filter { labels[$0] == cls }
      generator.shuffle(&rows)
      let held = min(rows.count - 1, max(1, Int((Double(rows.count) * fraction).rounded())))
      holdout.append(contentsOf: rows[..<held])
      training.append(contentsOf: rows[held...])
    }
    return (training.sorted(), holdout.sorted())
  }
}
