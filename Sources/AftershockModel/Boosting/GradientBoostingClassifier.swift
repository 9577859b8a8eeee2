import Foundation

/// Histogram gradient-boosted trees for binary classification (log-loss, Newton leaves, leaf-wise
/// growth), in the manner of LightGBM and scikit-learn's `HistGradientBoostingClassifier`.
///
/// ```swift
/// let model = try GradientBoostingClassifier().fit(features, labels: churned)
/// let risk = try model.predictProbabilities(features)
/// ```
public struct GradientBoostingClassifier: Sendable {
  /// The hyperparameters.
  public var configuration: GradientBoostingConfiguration

  /// An estimator with the given hyperparameters (scikit-learn's defaults when omitted).
  public init(configuration: GradientBoostingConfiguration = GradientBoostingConfiguration()) {
    self.configuration = configuration
  }

  /// Fits the trees on the rows of `features` with their labels (`true` = positive class).
  ///
  /// - Throws: `BoostingError` when a setting is out of range, the labels do not line up with the
  ///   rows or hold a single class, or a value cannot be binned.
  public func fit(_ features: BoostingFeatures, labels: [Bool]) throws(BoostingError) -> GradientBoostedTrees {
    try configuration.validate()
    guard labels.count == features.rowCount else {
      throw .lengthMismatch(what: "labels", expected: features.rowCount, found: labels.count)
    }
    guard features.rowCount >= 2 else { throw .notEnoughRows(found: features.rowCount, needed: 2) }
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard positives > 0, positives < labels.count else { throw .singleClass(positive: positives > 0) }

    let stopsEarly: Bool
    switch configuration.earlyStopping {
    case .enabled: stopsEarly = true
    case .disabled: stopsEarly = false
    case .automatic: stopsEarly = features.rowCount > 10_000
    }
    var trainingRows: [Int]? = nil
    var validationRows: [Int] = []
    if stopsEarly {
      let split = BoostingFolds.stratifiedHoldout(
        labels: labels, fraction: configuration.validationFraction, seed: configuration.seed ^ 0x5EED_0F_5A11D)
      trainingRows = split.training
      validationRows = split.holdout
    }

    var bins: [FeatureBins] = []
    for feature in 0..<features.featureCount {
      bins.append(try FeatureBins.fit(features, feature: feature, rows: trainingRows, maxBins: configuration.maxBins))
    }
    let missingBins = bins.map(\.missingBin)
    let trainingCodes = FeatureBins.transform(features, bins: bins, rows: trainingRows)
    let validationCodes = stopsEarly ? FeatureBins.transform(features, bins: bins, rows: validationRows) : []
    let trainingLabels: [Double] = (trainingRows ?? Array(0..<features.rowCount)).map { labels[$0] ? 1 : 0 }
    let validationLabels: [Double] = validationRows.map { labels[$0] ? 1 : 0 }
    let rowCount = trainingLabels.count
    let validationCount = validationLabels.count

    let positiveShare = min(max(trainingLabels.reduce(0, +) / Double(rowCount), 1e-15), 1 - 1e-15)
    let baseline = log(positiveShare / (1 - positiveShare))
    var margins = [Double](repeating: baseline, count: rowCount)
    var validationMargins = [Double](repeating: baseline, count: validationCount)
    var gradients = [Double](repeating: 0, count: rowCount)
    var hessians = [Double](repeating: 0, count: rowCount)
    var validationLosses: [Double] = stopsEarly ? [Self.logLoss(validationMargins, validationLabels)] : []
    var generator = SplitMix64(seed: configuration.seed)
    var rowPool = (0..<rowCount).map { Int32($0) }
    let subsampleCount = max(1, Int((Double(rowCount) * configuration.rowSubsample).rounded(.down)))
    let subsamples = subsampleCount < rowCount

    let grower = TreeGrower(codes: trainingCodes, rowCount: rowCount, bins: bins, configuration: configuration)
    var trees: [BoostedTree] = []
    var stoppedEarly = false
    for _ in 0..<configuration.maxIterations {
      for row in 0..<rowCount {
        let probability = 1 / (1 + exp(-margins[row]))
        gradients[row] = probability - trainingLabels[row]
        hessians[row] = probability * (1 - probability)
      }
      var rows: [Int32]? = nil
      if subsamples {
        // Partial Fisher–Yates: the first `subsampleCount` entries become the sample.
        for index in 0..<subsampleCount {
          let other = index + generator.nextIndex(below: rowCount - index)
          rowPool.swapAt(index, other)
        }
        rows = rowPool[..<subsampleCount].sorted()
      }
      let (tree, leaves) = grower.grow(gradients: gradients, hessians: hessians, rows: rows)
      if tree.nodes.count == 1 { break }  // No split improves the loss any more.
      if subsamples {
        trainingCodes.withUnsafeBufferPointer { codes in
          for row in 0..<rowCount {
            margins[row] += tree.predictBinned(codes, rowCount: rowCount, row: row, missingBins: missingBins)
          }
        }
      } else {
        grower.partition.withUnsafeBufferPointer { part in
          for leaf in leaves {
            let value = tree.nodes[leaf.node].value
            for k in leaf.start..<leaf.end { margins[Int(part[k])] += value }
          }
        }
      }
      trees.append(tree)
      if stopsEarly {
        validationCodes.withUnsafeBufferPointer { codes in
          for row in 0..<validationCount {
            validationMargins[row] += tree.predictBinned(
              codes, rowCount: validationCount, row: row, missingBins: missingBins)
          }
        }
        validationLosses.append(Self.logLoss(validationMargins, validationLabels))
        if Self.shouldStop(validationLosses, patience: configuration.patience, tolerance: configuration.tolerance) {
          stoppedEarly = true
          break
        }
      }
    }
    var keptTrees = trees.count
    if stopsEarly, let bestLoss = validationLosses.min(), let best = validationLosses.firstIndex(of: bestLoss) {
      keptTrees = best  // Loss index i is the loss after i trees.
    }
    let summary = BoostingTrainingSummary(
      iterationsRun: trees.count, treesKept: keptTrees, stoppedEarly: stoppedEarly,
      trainingRowCount: rowCount, validationRowCount: validationCount, validationLosses: validationLosses)
    return GradientBoostedTrees(
      featureNames: features.names, featureKinds: features.kinds, bins: bins, baseline: baseline,
      trees: Array(trees.prefix(keptTrees)), configuration: configuration, summary: summary)
  }

  /// Mean log-loss of margins against 0/1 labels, computed stably as softplus(m) - y·m.
  static func logLoss(_ margins: [Double], _ labels: [Double]) -> Double {
    var total = 0.0
    for (margin, label) in zip(margins, labels) {
      let softplus = margin > 0 ? margin + log1p(exp(-margin)) : log1p(exp(margin))
      total += softplus - label * margin
    }
    return total / Double(max(1, margins.count))
  }

  /// scikit-learn's rule: stop when none of the last `patience` losses beat the one before them by `tolerance`.
  static func shouldStop(_ losses: [Double], patience: Int, tolerance: Double) -> Bool {
    guard losses.count > patience else { return false }
    let reference = losses[losses.count - patience - 1]
    return !losses.suffix(patience).contains { $0 < reference - tolerance }
  }
}
