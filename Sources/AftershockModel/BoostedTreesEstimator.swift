import Foundation

/// Gradient-boosted trees on any table, behind the same `ChurnModel` as logistic regression:
/// the `TabularEncoder` learns the schema, numeric and boolean columns go to the trees as read
/// (NaN for missing), categorical columns as native categories (kept levels, then one code for
/// rare or unseen levels). Drivers come from TreeSHAP contributions per column.
public struct BoostedTreesEstimator: ChurnEstimator, Sendable, Equatable {
  /// Hyperparameters of the trees.
  public var trees: GradientBoostingConfiguration
  /// How columns are encoded (at most 254 levels per categorical column).
  public var encoder: TabularEncoder.Configuration
  /// Recalibrate on out-of-fold predictions.
  public var calibration: ProbabilityCalibration.Method?
  /// Folds and seed used for that recalibration.
  public var calibrationFolds: StratifiedKFold

  /// An estimator with the trees' default settings (`GradientBoostingConfiguration()`).
  public init(
    trees: GradientBoostingConfiguration = GradientBoostingConfiguration(),
    encoder: TabularEncoder.Configuration = .init(),
    calibration: ProbabilityCalibration.Method? = nil,
    calibrationFolds: StratifiedKFold = StratifiedKFold(foldCount: 3, seed: 7)
  ) {
    self.trees = trees
    self.encoder = encoder
    self.calibration = calibration
    self.calibrationFolds = calibrationFolds
  }

  /// Fits on every row of `table`, predicting `label`, ignoring `idColumn`.
  /// - Throws: `ModelError` (label, settings, or from the trees).
  public func fit(_ table: DataTable, label: String, idColumn: String? = nil) throws -> ChurnModel {
    guard encoder.maximumLevels <= 254 else {
      throw ModelError.invalidConfiguration(
        setting: "maximumLevels", value: String(encoder.maximumLevels), expected: "at most 254 for trees")
    }
    let labels = try table.labels(ofColumn: label)
    let labelName = table.columnNames[table.index(ofColumn: label)!]
    let idName = try idColumn.map { name -> String in
      guard let index = table.index(ofColumn: name) else { throw ModelError.missingColumn(name: name) }
      return table.columnNames[index]
    }
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard positives > 0, positives < labels.count else {
      throw ModelError.singleClass(column: labelName, value: positives > 0)
    }
    let prepared = try PreparedTable(table, excluding: [labelName] + (idName.map { [$0] } ?? []))
    let rows = Array(0..<table.rowCount)
    let schema = try TabularEncoder.fit(prepared, rows: rows, configuration: encoder)
    let features = try schema.boostingFeatures(prepared.typed, rows: rows)
    let fitted = try GradientBoostingClassifier(configuration: trees).fit(features, labels: labels)
    var model = ChurnModel(
      kind: .gbdt, labelColumn: labelName, idColumn: idName, trainedAt: Date(),
      trainingRows: labels.count, positiveRows: positives, encoder: schema, logistic: nil,
      calibration: nil, gbdt: fitted)
    if let method = calibration {
      var plain = self
      plain.calibration = nil
      let report = try CrossValidation(folds: calibrationFolds)
        .run(plain, on: table, label: labelName, idColumn: idName)
      model.calibration = try ProbabilityCalibration.fit(
        method: method, probabilities: report.outOfFoldProbabilities, labels: labels)
    }
    return model
  }
}
