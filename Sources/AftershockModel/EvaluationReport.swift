/// Every standard metric of one set of predictions against labels.
public struct EvaluationReport: Sendable, Equatable, Codable {
  /// Rows evaluated.
  public var rowCount: Int
  /// Positive rows among them.
  public var positiveCount: Int
  /// Area under the ROC curve (midranks for ties).
  public var rocAUC: Double
  /// Area under the precision–recall curve as average precision.
  public var averagePrecision: Double
  /// Mean clipped negative log-likelihood.
  public var logLoss: Double
  /// Mean squared error of the probabilities.
  public var brierScore: Double
  /// Accuracy at the confusion matrix's threshold.
  public var accuracy: Double
  /// Outcome counts at the threshold.
  public var confusion: ConfusionMatrix
  /// Ten-bin reliability table.
  public var calibration: [CalibrationBin]
  /// Lift and recall in the riskiest 10%.
  public var topDecile: LiftAtTop

  /// Computes every metric for `probabilities` against `labels`.
  /// - Throws: `ModelError.lengthMismatch` when the arrays differ in length,
  ///   `ModelError.invalidProbability` for a NaN or infinite probability.
  public init(probabilities: [Double], labels: [Bool], threshold: Double = 0.5) throws {
    rowCount = labels.count
    positiveCount = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    rocAUC = try ClassificationMetrics.rocAUC(probabilities, labels)
    averagePrecision = try ClassificationMetrics.averagePrecision(probabilities, labels)
    logLoss = try ClassificationMetrics.logLoss(probabilities, labels)
    brierScore = try ClassificationMetrics.brierScore(probabilities, labels)
    confusion = try ClassificationMetrics.confusion(probabilities, labels, threshold: threshold)
    accuracy = confusion.accuracy
    calibration = try ClassificationMetrics.calibrationTable(probabilities, labels)
    topDecile = try ClassificationMetrics.lift(probabilities, labels, topFraction: 0.1)
  }
}
