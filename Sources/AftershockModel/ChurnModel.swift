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

  /// How this model's probabilities for the rows of `table` move with its estimation error, to
  /// turn it into variances of sums of probabilities: for logistic regression, by the delta
  /// method over its coefficients' covariance; for boosted trees averaged over folds, by the
  /// delete-a-group jackknife over those members (each grown without one fold; a calibration
  /// map is applied to each member's probabilities). Nil when the model gives neither (a
  /// calibrated logistic model, L-BFGS fits, a single-member tree model, older files), so
  /// callers can say the error is left out.
  public func predictionSensitivity(_ table: DataTable) throws -> PredictionSensitivity? {
    if kind == .gbdt {
      guard let gbdt else { return nil }
      let features = try encoder.boostingFeatures(try encoder.read(table), rows: Array(0..<table.rowCount))
      guard let members = try gbdt.memberMargins(features) else { return nil }
      let replicates = members.map { margins in
        margins.map { margin -> Double in
          let p = 1 / (1 + exp(-margin))
          return calibration?.calibrate(p) ?? p
        }
      }
      return PredictionSensitivity(replicates: replicates)
    }
    guard kind == .logistic, calibration == nil, let logistic, let covariance = logistic.covariance else { return nil }
    let matrix = try encoder.standardizedMatrix(table)
    guard covariance.count == (matrix.columnCount + 1) * (matrix.columnCount + 1) else { return nil }
    let slopes = logistic.logOdds(matrix).map { value -> Double in
      let p = 1 / (1 + exp(-value))
      return p * (1 - p)
    }
    return PredictionSensitivity(matrix: matrix, slopes: slopes, covariance: covariance)
  }

  /// Metrics of this model's predictions on a labelled table.
  /// - Parameters:
  ///   - table: the rows to score, with their label column.
  ///   - label: the label column; the training label column when nil.
  ///   - threshold: the probability at or above which a row is predicted positive (accuracy and
  ///     the confusion matrix).
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
  func scoreRows(_ table: DataTable, baseline: RiskScorer.Baseline, withContributions: Bool = true) throws -> ScoredRows
  {
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

/// A churn model's probabilities for some rows as functions of its estimation error: the
/// variance that error adds to any weighted sum of those probabilities.
///
/// Two kinds: a logistic model's delta method (gradient g = Σᵢ wᵢ pᵢ (1 − pᵢ) x̃ᵢ over its
/// coefficients, variance gᵀ C g), and a jackknife over replicate models (an averaged tree
/// model's members, each fitted without one of G folds): the "gradient" is then the weighted
/// sum under each replicate, θ_g = Σᵢ wᵢ pᵢ⁽ᵍ⁾, and the variance (G − 1)/G Σ_g (θ_g − θ̄)².
/// Either way gradients of the same model for different rows add, for sums over several tables.
public struct PredictionSensitivity: Sendable {
  enum Storage: Sendable {
    /// The standardised rows, pᵢ (1 − pᵢ) (the derivative of each probability with respect to
    /// its log-odds), and the coefficients' covariance (intercept first).
    case delta(matrix: FeatureMatrix, slopes: [Double], covariance: [Double])
    /// `[replicate][row]` probabilities.
    case jackknife(replicates: [[Double]])
  }

  let storage: Storage

  init(matrix: FeatureMatrix, slopes: [Double], covariance: [Double]) {
    storage = .delta(matrix: matrix, slopes: slopes, covariance: covariance)
  }

  /// Replicate probabilities, `[replicate][row]` (at least two replicates).
  public init(replicates: [[Double]]) {
    storage = .jackknife(replicates: replicates)
  }

  /// How the variance is estimated, for reports: "delta method" or "jackknife over N members".
  public var method: String {
    switch storage {
    case .delta: return "delta method"
    case .jackknife(let replicates): return "jackknife over \(replicates.count) members"
    }
  }

  /// The variance of Σᵢ wᵢ pᵢ from the model's estimation error. `weights` has one entry per
  /// row (zeros skip a row).
  public func variance(weights: [Double]) -> Double {
    variance(ofGradient: gradient(weights: weights))
  }

  /// How Σᵢ wᵢ pᵢ moves with the model's estimation error: over the coefficients (intercept
  /// first) for the delta method, one value per replicate for the jackknife.
  public func gradient(weights: [Double]) -> [Double] {
    switch storage {
    case .delta(let matrix, let slopes, _):
      let n = matrix.rowCount
      let d = matrix.columnCount + 1
      var g = [Double](repeating: 0, count: d)
      for i in 0..<min(n, weights.count) where weights[i] != 0 {
        let s = weights[i] * slopes[i]
        g[0] += s
        for j in 0..<(d - 1) { g[j + 1] += s * matrix.values[j * n + i] }
      }
      return g
    case .jackknife(let replicates):
      return replicates.map { probabilities in
        var sum = 0.0
        for i in 0..<min(probabilities.count, weights.count) where weights[i] != 0 {
          sum += weights[i] * probabilities[i]
        }
        return sum
      }
    }
  }

  /// The variance for a gradient of this model (gᵀ C g, or the jackknife's spread of the
  /// replicate sums).
  public func variance(ofGradient g: [Double]) -> Double {
    switch storage {
    case .delta(let matrix, _, let covariance):
      let d = matrix.columnCount + 1
      guard g.count == d else { return 0 }
      var variance = 0.0
      for a in 0..<d {
        var row = 0.0
        for b in 0..<d { row += covariance[a * d + b] * g[b] }
        variance += g[a] * row
      }
      return max(0, variance)
    case .jackknife(let replicates):
      let count = Double(replicates.count)
      guard replicates.count >= 2, g.count == replicates.count else { return 0 }
      let mean = g.reduce(0, +) / count
      return (count - 1) / count * g.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }
  }
}
