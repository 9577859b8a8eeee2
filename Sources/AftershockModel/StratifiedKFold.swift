/// Splits rows into k folds that each keep the overall share of positives (seeded shuffle).
public struct StratifiedKFold: Sendable, Equatable {
  /// Number of folds.
  public var foldCount: Int
  /// Seed of the shuffle.
  public var seed: UInt64

  /// A splitter with k folds and a seed.
  public init(foldCount: Int = 5, seed: UInt64 = 42) {
    self.foldCount = foldCount
    self.seed = seed
  }

  /// The held-out row indices of each fold (ascending); every row is in exactly one fold.
  /// - Throws: `ModelError.invalidConfiguration` when k < 2, `ModelError.notEnoughRows`
  ///   when a class has fewer rows than folds.
  public func testFolds(labels: [Bool]) throws -> [[Int]] {
    guard foldCount >= 2 else {
      throw ModelError.invalidConfiguration(
        setting: "folds", value: String(foldCount), expected: "at least 2")
    }
    var generator = SplitMix64(seed: seed)
    var positives = labels.indices.filter { labels[$0] }
    var negatives = labels.indices.filter { !labels[$0] }
    guard min(positives.count, negatives.count) >= foldCount else {
      throw ModelError.notEnoughRows(found: min(positives.count, negatives.count), needed: foldCount)
    }
    positives.shuffle(using: &generator)
    negatives.shuffle(using: &generator)
    var folds = [[Int]](repeating: [], count: foldCount)
    // Deal negatives continuing where positives stopped, so fold sizes differ by at most one.
    for (position, row) in (positives + negatives).enumerated() {
      folds[position % foldCount].append(row)
    }
    return folds.map { $0.sorted() }
  }
}
