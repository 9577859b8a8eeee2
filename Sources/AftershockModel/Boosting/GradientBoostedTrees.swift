import Dispatch
import Foundation

/// A fitted gradient-boosted tree ensemble for binary classification: margins, probabilities,
/// TreeSHAP contributions and JSON persistence.
public struct GradientBoostedTrees: Sendable, Equatable {
  /// Names of the features the model was trained on, in column order.
  public let featureNames: [String]
  /// Kinds of those features.
  public let featureKinds: [BoostingFeatureKind]
  /// Log-odds of the positive class before any tree.
  public let baseline: Double
  /// The hyperparameters used to fit.
  public let configuration: GradientBoostingConfiguration
  /// What happened during the fit.
  public let summary: BoostingTrainingSummary
  let bins: [FeatureBins]
  package let trees: [BoostedTree]

  init(
    featureNames: [String], featureKinds: [BoostingFeatureKind], bins: [FeatureBins], baseline: Double,
    trees: [BoostedTree], configuration: GradientBoostingConfiguration, summary: BoostingTrainingSummary
  ) {
    self.featureNames = featureNames
    self.featureKinds = featureKinds
    self.bins = bins
    self.baseline = baseline
    self.trees = trees
    self.configuration = configuration
    self.summary = summary
  }

  /// Number of trees.
  public var treeCount: Int { trees.count }

  /// Throws unless `features` has the training columns, in order.
  func checkFeatures(_ features: BoostingFeatures) throws(ModelError) {
    guard features.names == featureNames else {
      throw .featureMismatch(expected: featureNames, found: features.names)
    }
  }

  /// Raw scores (log-odds of the positive class), one per row.
  public func predictMargins(_ features: BoostingFeatures) throws(ModelError) -> [Double] {
    try checkFeatures(features)
    let rowCount = features.rowCount
    var margins = [Double](repeating: baseline, count: rowCount)
    features.values.withUnsafeBufferPointer { values in
      for tree in trees {
        for row in 0..<rowCount {
          margins[row] += tree.nodes[tree.leafIndex(values, rowCount: rowCount, row: row)].value
        }
      }
    }
    return margins
  }

  /// Each averaged member's margins (log-odds), `[member][row]`, or nil for a model of one
  /// member (or a file whose summary does not account for its trees). The trees are stored in
  /// member order with their values divided by the member count; a member's margin is the
  /// model's baseline (the members' mean) plus its own trees' values times the member count, so
  /// the members' mean margin is `predictMargins`'. Each member was grown on all folds but one:
  /// delete-a-group jackknife replicates of the model.
  public func memberMargins(_ features: BoostingFeatures) throws(ModelError) -> [[Double]]? {
    let counts = summary.members.map(\.treesKept)
    guard counts.count >= 2, counts.reduce(0, +) == trees.count else { return nil }
    try checkFeatures(features)
    let rowCount = features.rowCount
    let scale = Double(counts.count)
    var result: [[Double]] = []
    var next = 0
    features.values.withUnsafeBufferPointer { values in
      for count in counts {
        var sums = [Double](repeating: 0, count: rowCount)
        for tree in trees[next..<(next + count)] {
          for row in 0..<rowCount {
            sums[row] += tree.nodes[tree.leafIndex(values, rowCount: rowCount, row: row)].value
          }
        }
        next += count
        result.append(sums.map { baseline + scale * $0 })
      }
    }
    return result
  }

  /// Probabilities of the positive class, one per row.
  public func predictProbabilities(_ features: BoostingFeatures) throws(ModelError) -> [Double] {
    try predictMargins(features).map { 1 / (1 + exp(-$0)) }
  }

  /// Total split gain per feature, normalised to sum to 1 (a data-free global importance).
  public func gainImportance() -> [Double] {
    var totals = [Double](repeating: 0, count: featureNames.count)
    for tree in trees {
      for node in tree.nodes where !node.isLeaf { totals[Int(node.feature)] += node.gain }
    }
    let sum = totals.reduce(0, +)
    return sum > 0 ? totals.map { $0 / sum } : totals
  }
}
