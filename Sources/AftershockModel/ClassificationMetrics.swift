import Foundation

/// Standard metrics for a binary classifier's probabilities against true labels.
///
/// Every function takes `probabilities[i]` (the predicted chance that row `i` is positive)
/// and `labels[i]` (`true` for positive), and throws `ModelError.lengthMismatch` when they
/// differ in length and `ModelError.invalidProbability` for a NaN or infinite probability (no
/// metric is defined for it, and it would land in no calibration bin). Ranking metrics return
/// `.nan` when only one class is present.
public enum ClassificationMetrics {
  /// The smallest probability distance from 0 or 1 that log-loss allows (scikit-learn's clip).
  public static let logLossClip = 1e-15

  /// Area under the ROC curve by the Mann–Whitney statistic, with tied scores given midranks.
  /// - Complexity: O(n log n).
  public static func rocAUC(_ probabilities: [Double], _ labels: [Bool]) throws -> Double {
    try checkInputs(probabilities, labels)
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { return .nan }
    let order = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] }
    var positiveRankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, probabilities[order[end + 1]] == probabilities[order[start]] {
        end += 1
      }
      // Ranks are 1-based; every member of the tie group gets the group's mean rank.
      let midrank = Double(start + end + 2) / 2
      for position in start...end where labels[order[position]] {
        positiveRankSum += midrank
      }
      start = end + 1
    }
    let p = Double(positives)
    return (positiveRankSum - p * (p + 1) / 2) / (p * Double(negatives))
  }

  /// Average precision: the sum over score thresholds of precision weighted by the gain in
  /// recall, with tied scores as one threshold (scikit-learn's `average_precision_score`).
  public static func averagePrecision(_ probabilities: [Double], _ labels: [Bool]) throws -> Double {
    try checkInputs(probabilities, labels)
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard positives > 0 else { return .nan }
    let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
    var truePositives = 0
    var taken = 0
    var previousRecall = 0.0
    var total = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, probabilities[order[end + 1]] == probabilities[order[start]] {
        end += 1
      }
      for position in start...end where labels[order[position]] { truePositives += 1 }
      taken = end + 1
      let recall = Double(truePositives) / Double(positives)
      let precision = Double(truePositives) / Double(taken)
      total += (recall - previousRecall) * precision
      previousRecall = recall
      start = end + 1
    }
    return total
  }

  /// Mean negative log-likelihood (natural log), probabilities clipped to [1e-15, 1 − 1e-15].
  public static func logLoss(_ probabilities: [Double], _ labels: [Bool]) throws -> Double {
    try checkInputs(probabilities, labels)
    guard !labels.isEmpty else { return .nan }
    var sum = 0.0
    for (probability, label) in zip(probabilities, labels) {
      let clipped = min(max(probability, logLossClip), 1 - logLossClip)
      sum -= label ? Foundation.log(clipped) : Foundation.log(1 - clipped)
    }
    return sum / Double(labels.count)
  }

  /// Brier score: the mean squared difference between probability and outcome (0 or 1).
  public static func brierScore(_ probabilities: [Double], _ labels: [Bool]) throws -> Double {
    try checkInputs(probabilities, labels)
    guard !labels.isEmpty else { return .nan }
    var sum = 0.0
    for (probability, label) in zip(probabilities, labels) {
      let difference = probability - (label ? 1 : 0)
      sum += difference * difference
    }
    return sum / Double(labels.count)
  }

  /// Share of rows whose prediction (positive when probability ≥ threshold) matches the label.
  public static func accuracy(
    _ probabilities: [Double], _ labels: [Bool], threshold: Double = 0.5
  ) throws -> Double {
    try confusion(probabilities, labels, threshold: threshold).accuracy
  }

  /// Counts of true/false positives/negatives, predicting positive when probability ≥ threshold.
  public static func confusion(
    _ probabilities: [Double], _ labels: [Bool], threshold: Double = 0.5
  ) throws -> ConfusionMatrix {
    try checkInputs(probabilities, labels)
    var matrix = ConfusionMatrix(threshold: threshold)
    for (probability, label) in zip(probabilities, labels) {
      switch (probability >= threshold, label) {
      case (true, true): matrix.truePositives += 1
      case (true, false): matrix.falsePositives += 1
      case (false, true): matrix.falseNegatives += 1
      case (false, false): matrix.trueNegatives += 1
      }
    }
    return matrix
  }

  /// Reliability table: `binCount` equal-width probability bins (the last one closed at 1),
  /// each with its row count, mean predicted probability and observed positive rate.
  public static func calibrationTable(
    _ probabilities: [Double], _ labels: [Bool], binCount: Int = 10
  ) throws -> [CalibrationBin] {
    try checkInputs(probabilities, labels)
    guard binCount > 0 else {
      throw ModelError.invalidConfiguration(
        setting: "binCount", value: String(binCount), expected: "at least 1")
    }
    var counts = [Int](repeating: 0, count: binCount)
    var predictedSums = [Double](repeating: 0, count: binCount)
    var positiveCounts = [Int](repeating: 0, count: binCount)
    for (probability, label) in zip(probabilities, labels) {
      let clamped = min(max(probability, 0), 1)
      let bin = min(Int(clamped * Double(binCount)), binCount - 1)
      counts[bin] += 1
      predictedSums[bin] += probability
      if label { positiveCounts[bin] += 1 }
    }
    return (0..<binCount).map { bin in
      CalibrationBin(
        lower: Double(bin) / Double(binCount), upper: Double(bin + 1) / Double(binCount),
        count: counts[bin],
        meanPredicted: counts[bin] > 0 ? predictedSums[bin] / Double(counts[bin]) : .nan,
        observedRate: counts[bin] > 0 ? Double(positiveCounts[bin]) / Double(counts[bin]) : .nan)
    }
  }

  /// Lift and recall among the `fraction` of rows with the highest risk (⌈fraction·n⌉ rows;
  /// ties at the cut are broken by row order).
  public static func lift(
    _ probabilities: [Double], _ labels: [Bool], topFraction fraction: Double = 0.1
  ) throws -> LiftAtTop {
    try checkInputs(probabilities, labels)
    guard fraction > 0, fraction <= 1 else {
      throw ModelError.invalidConfiguration(
        setting: "topFraction", value: String(fraction), expected: "a share in (0, 1]")
    }
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard !labels.isEmpty, positives > 0 else {
      return LiftAtTop(fraction: fraction, rowCount: 0, positives: 0, lift: .nan, recall: .nan)
    }
    let take = max(1, Int((fraction * Double(labels.count)).rounded(.up)))
    let order = probabilities.indices.sorted {
      probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1
    }
    var hits = 0
    for position in 0..<take where labels[order[position]] { hits += 1 }
    let baseRate = Double(positives) / Double(labels.count)
    return LiftAtTop(
      fraction: fraction, rowCount: take, positives: hits,
      lift: (Double(hits) / Double(take)) / baseRate, recall: Double(hits) / Double(positives))
  }

  /// Throws unless there is one finite probability per label.
  static func checkInputs(_ probabilities: [Double], _ labels: [Bool]) throws {
    guard probabilities.count == labels.count else {
      throw ModelError.lengthMismatch(
        what: "probabilities", expected: labels.count, found: probabilities.count)
    }
    if let row = probabilities.firstIndex(where: { !$0.isFinite }) {
      throw ModelError.invalidProbability(row: row + 1, value: probabilities[row])
    }
  }
}
