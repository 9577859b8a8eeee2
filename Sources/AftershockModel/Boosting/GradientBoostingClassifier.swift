import Dispatch
import Foundation

/// Histogram gradient-boosted trees for binary classification (log-loss, Newton leaves, leaf-wise
/// growth), in the manner of LightGBM and scikit-learn's `HistGradientBoostingClassifier`; by
/// default the mean of five cross-fitted, early-stopped models (`GradientBoostingConfiguration`).
///
/// ```swift
/// let model = try GradientBoostingClassifier().fit(features, labels: churned)
/// let risk = try model.predictProbabilities(features)
/// ```
public struct GradientBoostingClassifier: Sendable {
  /// The hyperparameters.
  public var configuration: GradientBoostingConfiguration

  /// An estimator with the given hyperparameters (the library's defaults when omitted).
  public init(configuration: GradientBoostingConfiguration = GradientBoostingConfiguration()) {
    self.configuration = configuration
  }

  /// Fits the trees on the rows of `features` with their labels (`true` = positive class).
  ///
  /// - Throws: `ModelError` when a setting is out of range, the labels do not line up with the
  ///   rows or hold a single class, or a value cannot be binned.
  public func fit(_ features: BoostingFeatures, labels: [Bool]) throws(ModelError) -> GradientBoostedTrees {
    try configuration.validate()
    guard labels.count == features.rowCount else {
      throw .lengthMismatch(what: "labels", expected: features.rowCount, found: labels.count)
    }
    guard features.rowCount >= 2 else { throw .notEnoughRows(found: features.rowCount, needed: 2) }
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard positives > 0, positives < labels.count else { throw .singleClass(column: "labels", value: positives > 0) }

    let smallerClass = min(positives, labels.count - positives)
    let memberCount = min(configuration.ensembleFolds, smallerClass)
    if memberCount >= 2 { return try fitEnsemble(features, labels: labels, memberCount: memberCount) }

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
        labels: labels, fraction: configuration.validationFraction, seed: configuration.seed ^ Self.splitSalt)
      trainingRows = split.training
      validationRows = split.holdout
    }
    var bins: [FeatureBins] = []
    for feature in 0..<features.featureCount {
      bins.append(try FeatureBins.fit(features, feature: feature, rows: trainingRows, maxBins: configuration.maxBins))
    }
    let member = Self.boost(
      codes: FeatureBins.transform(features, bins: bins, rows: trainingRows),
      labels: (trainingRows ?? Array(0..<features.rowCount)).map { labels[$0] ? 1 : 0 },
      validationCodes: stopsEarly ? FeatureBins.transform(features, bins: bins, rows: validationRows) : [],
      validationLabels: validationRows.map { labels[$0] ? 1 : 0 },
      bins: bins, configuration: configuration, seed: configuration.seed)
    return GradientBoostedTrees(
      featureNames: features.names, featureKinds: features.kinds, bins: bins, baseline: member.baseline,
      trees: member.trees, configuration: configuration,
      summary: BoostingTrainingSummary(members: [member.summary]))
  }

  /// Seed salt of the early-stopping split and of the ensemble's folds.
  static let splitSalt: UInt64 = 0x5EED_0F_5A11D

  /// `memberCount` models, each grown on all stratified folds but one and stopped early on that
  /// one (in parallel), merged into one model: the mean baseline, and every tree with its leaf
  /// values divided by `memberCount`, so margins are the members' mean margin.
  ///
  /// Bins are fitted once on all rows (no labels involved), so every member's trees split on the
  /// same edges and the merged model stays one binning plus a list of trees.
  private func fitEnsemble(
    _ features: BoostingFeatures, labels: [Bool], memberCount: Int
  ) throws(ModelError) -> GradientBoostedTrees {
    var bins: [FeatureBins] = []
    for feature in 0..<features.featureCount {
      bins.append(try FeatureBins.fit(features, feature: feature, rows: nil, maxBins: configuration.maxBins))
    }
    let codes = FeatureBins.transform(features, bins: bins, rows: nil)
    let folds = BoostingFolds.stratifiedFolds(
      labels: labels, foldCount: memberCount, seed: configuration.seed ^ Self.splitSalt)
    let configuration = self.configuration
    let results = MemberResults(count: memberCount)
    let frozenBins = bins
    let work: @Sendable (Int) -> Void = { member in
      let training = folds.indices.filter { folds[$0] != member }
      let validation = folds.indices.filter { folds[$0] == member }
      let fitted = Self.boost(
        codes: Self.gather(codes, rowCount: labels.count, featureCount: frozenBins.count, rows: training),
        labels: training.map { labels[$0] ? 1 : 0 },
        validationCodes: Self.gather(codes, rowCount: labels.count, featureCount: frozenBins.count, rows: validation),
        validationLabels: validation.map { labels[$0] ? 1 : 0 },
        bins: frozenBins, configuration: configuration,
        seed: configuration.seed &+ UInt64(member + 1) &* 0x9E37_79B9_7F4A_7C15)
      results.store(member, fitted)
    }
    DispatchQueue.concurrentPerform(iterations: memberCount, execute: work)

    let members = results.all()
    let scale = 1 / Double(memberCount)
    var trees: [BoostedTree] = []
    for member in members {
      for var tree in member.trees {
        for index in tree.nodes.indices { tree.nodes[index].value *= scale }
        trees.append(tree)
      }
    }
    return GradientBoostedTrees(
      featureNames: features.names, featureKinds: features.kinds, bins: bins,
      baseline: members.reduce(0) { $0 + $1.baseline } * scale, trees: trees, configuration: configuration,
      summary: BoostingTrainingSummary(members: members.map(\.summary)))
  }

  /// The codes of some rows, column-major like `codes` (which holds `rowCount` rows).
  private static func gather(_ codes: [UInt8], rowCount: Int, featureCount: Int, rows: [Int]) -> [UInt8] {
    var gathered = [UInt8](repeating: 0, count: rows.count * featureCount)
    codes.withUnsafeBufferPointer { source in
      gathered.withUnsafeMutableBufferPointer { target in
        for feature in 0..<featureCount {
          let from = feature * rowCount
          let to = feature * rows.count
          for (position, row) in rows.enumerated() { target[to + position] = source[from + row] }
        }
      }
    }
    return gathered
  }

  /// One boosted model on binned rows (column-major codes); stops early on the validation rows
  /// when there are any, keeping the trees up to the best validation loss.
  private static func boost(
    codes trainingCodes: [UInt8], labels trainingLabels: [Double], validationCodes: [UInt8],
    validationLabels: [Double], bins: [FeatureBins], configuration: GradientBoostingConfiguration, seed: UInt64
  ) -> BoostedMember {
    let missingBins = bins.map(\.missingBin)
    let rowCount = trainingLabels.count
    let validationCount = validationLabels.count
    let stopsEarly = validationCount > 0

    let positiveShare = min(max(trainingLabels.reduce(0, +) / Double(rowCount), 1e-15), 1 - 1e-15)
    let baseline = log(positiveShare / (1 - positiveShare))
    var margins = [Double](repeating: baseline, count: rowCount)
    var validationMargins = [Double](repeating: baseline, count: validationCount)
    var gradients = [Double](repeating: 0, count: rowCount)
    var hessians = [Double](repeating: 0, count: rowCount)
    var validationLosses: [Double] = stopsEarly ? [logLoss(validationMargins, validationLabels)] : []
    var generator = SplitMix64(seed: seed)
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
        validationLosses.append(logLoss(validationMargins, validationLabels))
        if shouldStop(validationLosses, patience: configuration.patience, tolerance: configuration.tolerance) {
          stoppedEarly = true
          break
        }
      }
    }
    var keptTrees = trees.count
    if stopsEarly, let bestLoss = validationLosses.min(), let best = validationLosses.firstIndex(of: bestLoss) {
      keptTrees = best  // Loss index i is the loss after i trees.
    }
    let summary = BoostingTrainingSummary.Member(
      iterationsRun: trees.count, treesKept: keptTrees, stoppedEarly: stoppedEarly,
      trainingRowCount: rowCount, validationRowCount: validationCount, validationLosses: validationLosses)
    return BoostedMember(baseline: baseline, trees: Array(trees.prefix(keptTrees)), summary: summary)
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

/// One boosted model before it is merged into the fitted ensemble.
private struct BoostedMember: Sendable {
  var baseline: Double
  var trees: [BoostedTree]
  var summary: BoostingTrainingSummary.Member
}

/// Members fitted on several threads, one slot each, guarded by a lock.
private final class MemberResults: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [BoostedMember?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ index: Int, _ member: BoostedMember) {
    lock.lock()
    slots[index] = member
    lock.unlock()
  }

  /// Every member in order (each slot is filled once `concurrentPerform` returns).
  func all() -> [BoostedMember] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
