import Foundation

/// A fitted churn classifier with the encoder it reads tables through; saved as JSON.
///
/// The model file holds `format`, `version`, `kind` (`logistic`; `gbdt` from the boosting
/// trainer), the training date, label and id columns, the encoder (columns, kinds, levels,
/// means and standard deviations), the kind's parameters and an optional calibration map.
public struct ChurnModel: Sendable, Equatable {
  /// Which algorithm produced the model.
  public enum Kind: String, Codable, Sendable, Equatable {
    /// L2-regularised logistic regression (`LogisticParameters`).
    case logistic
    /// Gradient-boosted trees (written by the boosting trainer).
    case gbdt
  }

  /// The `format` value of every model file.
  public static let fileFormat = "aftershock-churn-model"
  /// The newest file version this build reads and the one it writes.
  public static let fileVersion = 1

  /// Algorithm.
  public var kind: Kind
  /// Label column of the training table.
  public var labelColumn: String
  /// Id column of the training table, ignored as a feature and used to name scored rows.
  public var idColumn: String?
  /// When the model was fitted.
  public var trainedAt: Date
  /// Rows in the training table.
  public var trainingRows: Int
  /// Positive rows in the training table.
  public var positiveRows: Int
  /// How tables are turned into features.
  public var encoder: TabularEncoder
  /// Coefficients when `kind == .logistic`.
  public var logistic: LogisticParameters?
  /// Optional map from raw to calibrated probability, learned out of fold.
  public var calibration: ProbabilityCalibration?
  /// Trees when `kind == .gbdt`.
  public var gbdt: GradientBoostedTrees?

  /// A model from its parts.
  public init(
    kind: Kind, labelColumn: String, idColumn: String?, trainedAt: Date, trainingRows: Int,
    positiveRows: Int, encoder: TabularEncoder, logistic: LogisticParameters?,
    calibration: ProbabilityCalibration?, gbdt: GradientBoostedTrees? = nil
  ) {
    self.kind = kind
    self.labelColumn = labelColumn
    self.idColumn = idColumn
    self.trainedAt = trainedAt
    self.trainingRows = trainingRows
    self.positiveRows = positiveRows
    self.encoder = encoder
    self.logistic = logistic
    self.calibration = calibration
    self.gbdt = gbdt
  }

  /// Probability of churn for every row of `table` (extra columns, such as the label, are ignored).
  /// - Throws: `ModelError.missingColumn` / `.columnKindChanged` naming the column that changed.
  public func predictProbabilities(_ table: DataTable) throws -> [Double] {
    try scoreRows(table, baseline: .training, withContributions: false).probabilities
  }

  /// Metrics of this model's predictions on a labelled table.
  /// - Parameter label: the label column; the training label column when nil.
  public func evaluate(_ table: DataTable, label: String? = nil, threshold: Double = 0.5) throws
    -> EvaluationReport
  {
    let labels = try table.labels(ofColumn: label ?? labelColumn)
    return try EvaluationReport(
      probabilities: predictProbabilities(table), labels: labels, threshold: threshold)
  }

  /// Coefficients by encoded feature name, per standard deviation of the feature.
  public var standardizedCoefficients: [String: Double] {
    Dictionary(
      (logistic?.coefficients ?? []).map { ($0.feature, $0.weight) }, uniquingKeysWith: { a, _ in a })
  }

  /// Coefficients by encoded feature name, per unit of the feature as read (log-odds per unit;
  /// for indicators, per switch from 0 to 1), and the matching intercept.
  public var coefficientsInOriginalUnits: (intercept: Double, coefficients: [String: Double]) {
    guard let logistic else { return (.nan, [:]) }
    var intercept = logistic.intercept
    var result = [String: Double]()
    for (feature, coefficient) in zip(encoder.features, logistic.coefficients) {
      let perUnit = coefficient.weight / feature.standardDeviation
      result[feature.name] = perUnit
      intercept -= perUnit * feature.mean
    }
    return (intercept, result)
  }

  /// Probabilities plus, per input column, each row's contribution to the log-odds relative
  /// to the baseline's average (standardised space), used for drivers.
  /// - Parameter withContributions: false when only probabilities are needed (skips TreeSHAP and
  ///   the per-column contributions; `contributions` is then empty).
  func scoreRows(_ table: DataTable, baseline: RiskScorer.Baseline, withContributions: Bool = true) throws -> ScoredRows {
    let typed = try encoder.read(table)
    let rows = Array(0..<table.rowCount)
    switch kind {
    case .logistic:
      guard let logistic else {
        throw ModelError.unreadableModel(path: "(memory)", reason: "logistic model without coefficients")
      }
      let matrix = encoder.standardizedMatrix(typed, rows: rows)
      let eta = logistic.logOdds(matrix)
      var probabilities = eta.map(sigmoid)
      if let calibration { probabilities = probabilities.map(calibration.calibrate) }
      guard withContributions else {
        return ScoredRows(typed: typed, probabilities: probabilities, width: encoder.columns.count, contributions: [])
      }
      // contribution = β_j · (z_ij − mean_i z_ij), summed over the features of each column.
      let columnIndex = Dictionary(
        uniqueKeysWithValues: encoder.columns.enumerated().map { ($1.name, $0) })
      let width = encoder.columns.count
      var contributions = [Double](repeating: 0, count: rows.count * width)
      for (featureIndex, feature) in encoder.features.enumerated() {
        let weight = logistic.coefficients[featureIndex].weight
        let column = matrix.column(featureIndex)
        // Training baseline: standardised features average 0 over the training rows.
        let mean =
          baseline == .training || rows.isEmpty ? 0 : column.reduce(0, +) / Double(rows.count)
        let target = columnIndex[feature.column]!
        for (row, value) in zip(rows, column) {
          contributions[row * width + target] += weight * (value - mean)
        }
      }
      return ScoredRows(
        typed: typed, probabilities: probabilities, width: width, contributions: contributions)
    case .gbdt:
      guard let gbdt else {
        throw ModelError.unreadableModel(path: "(memory)", reason: "gbdt model without trees")
      }
      let features = try encoder.boostingFeatures(typed, rows: rows)
      let margins = try gbdt.predictMargins(features)
      var probabilities = margins.map(sigmoid)
      if let calibration { probabilities = probabilities.map(calibration.calibrate) }
      guard withContributions else {
        return ScoredRows(typed: typed, probabilities: probabilities, width: encoder.columns.count, contributions: [])
      }
      let shap = try gbdt.contributions(features)
      // TreeSHAP values are measured against the training expectation; for the portfolio
      // baseline, centre each column on the scored rows' mean.
      let width = encoder.columns.count
      var contributions = shap.values  // row-major, one column per encoder column
      if baseline == .portfolio, !rows.isEmpty {
        for column in 0..<width {
          var sum = 0.0
          for row in 0..<rows.count { sum += contributions[row * width + column] }
          let mean = sum / Double(rows.count)
          for row in 0..<rows.count { contributions[row * width + column] -= mean }
        }
      }
      return ScoredRows(
        typed: typed, probabilities: probabilities, width: width, contributions: contributions)
    }
  }
}

/// A scored table: columns as read, probabilities and per-column contributions per row.
struct ScoredRows {
  var typed: [TypedColumn]
  var probabilities: [Double]
  /// Number of encoder columns.
  var width: Int
  /// Row-major `contributions[row * width + column]`, columns in the encoder's order.
  var contributions: [Double]

  /// One row's contributions, one per encoder column.
  func contributions(ofRow row: Int) -> ArraySlice<Double> {
    contributions[(row * width)..<((row + 1) * width)]
  }
}
