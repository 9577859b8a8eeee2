extension ClassificationMetrics {
  /// How much one score's ROC AUC exceeds another's on the same rows, with the standard error of
  /// that difference.
  public struct AUCDifference: Sendable, Equatable {
    /// AUC of the first scores minus AUC of the second.
    public var difference: Double
    /// Standard error of `difference` (DeLong's paired estimate).
    public var standardError: Double
  }

  /// The paired difference of two ROC AUCs and its standard error by DeLong, DeLong & Clarke-Pearson
  /// (1988), "Comparing the areas under two or more correlated ROC curves", computed from midranks
  /// as Sun & Xu (2014) do (ties count one half, as in `rocAUC`).
  /// - Throws: `ModelError.lengthMismatch` when the arrays differ in length,
  ///   `ModelError.invalidProbability` for a NaN or infinite score.
  public static func pairedAUCDifference(_ first: [Double], _ second: [Double], _ labels: [Bool]) throws
    -> AUCDifference
  {
    try checkInputs(first, labels)
    try checkInputs(second, labels)
    let positives = labels.indices.filter { labels[$0] }
    let negatives = labels.indices.filter { !labels[$0] }
    guard positives.count > 1, negatives.count > 1 else { return AUCDifference(difference: .nan, standardError: .nan) }
    let m = Double(positives.count)
    let n = Double(negatives.count)

    // Per row, the share of the other class it beats: V10 for positives, V01 for negatives.
    func components(_ scores: [Double]) -> (positive: [Double], negative: [Double]) {
      let all = midranks(labels.indices.map { scores[$0] })
      let amongPositives = midranks(positives.map { scores[$0] })
      let amongNegatives = midranks(negatives.map { scores[$0] })
      let positive = positives.indices.map { (all[positives[$0]] - amongPositives[$0]) / n }
      let negative = negatives.indices.map { 1 - (all[negatives[$0]] - amongNegatives[$0]) / m }
      return (positive, negative)
    }
    let a = components(first)
    let b = components(second)
    // The difference's components; its variance is var(V10)/m + var(V01)/n.
    let positiveDifference = zip(a.positive, b.positive).map { $0 - $1 }
    let negativeDifference = zip(a.negative, b.negative).map { $0 - $1 }
    let difference = positiveDifference.reduce(0, +) / m
    let variance = sampleVariance(positiveDifference) / m + sampleVariance(negativeDifference) / n
    return AUCDifference(difference: difference, standardError: variance.squareRoot())
  }

  /// 1-based ranks, tied values sharing their mean rank.
  private static func midranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
      let midrank = Double(start + end + 2) / 2
      for position in start...end { ranks[order[position]] = midrank }
      start = end + 1
    }
    return ranks
  }

  /// Unbiased sample variance (n − 1 in the denominator).
  private static func sampleVariance(_ values: [Double]) -> Double {
    let mean = values.reduce(0, +) / Double(values.count)
    return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
  }
}
