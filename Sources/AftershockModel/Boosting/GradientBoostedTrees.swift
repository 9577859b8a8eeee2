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
