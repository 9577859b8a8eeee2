import Foundation

/// L2-regularised logistic regression on any table: encodes columns with `TabularEncoder`,
/// fits by Newton/IRLS, and returns a `ChurnModel` (calibrated by construction; optionally
/// recalibrated on out-of-fold predictions).
public struct LogisticRegression: ChurnEstimator, Sendable, Equatable {
  /// How the coefficients are found.
  public enum Solver: String, Codable, Sendable, Equatable {
    /// Newton (IRLS) with a Cholesky solve: O(n·p²) per step, a handful of steps.
    case newton
    /// Limited-memory BFGS: O(n·p) per step, more steps; for wide tables.
    case lbfgs
    /// Newton up to `automaticNewtonLimit` encoded features, L-BFGS beyond.
    case automatic
  }

  /// Widest encoded table that `.automatic` still fits by Newton's method.
  public static let automaticNewtonLimit = 250

  /// Hyperparameters; no logic runs until `fit`.
  public struct Configuration: Sendable, Equatable {
    /// L2 penalty λ on the standardised coefficients (scikit-learn's C = 1/λ); 0 disables it.
    public var regularization: Double
    /// Row weighting by class.
    public var classWeight: ClassWeight
    /// Optimiser.
    public var solver: Solver
    /// Iteration budget (Newton steps; L-BFGS gets ten times as many).
    public var maximumIterations: Int
    /// Converged when every gradient component is at most this times the number of rows.
    public var tolerance: Double
    /// How columns are encoded.
    public var encoder: TabularEncoder.Configuration
    /// Recalibrate on out-of-fold predictions (useful with `classWeight: .balanced`).
    public var calibration: ProbabilityCalibration.Method?
    /// Folds and seed used for that recalibration.
    public var calibrationFolds: StratifiedKFold

    /// A configuration with scikit-learn's defaults (C = 1, unweighted).
    public init(
      regularization: Double = 1, classWeight: ClassWeight = .none, solver: Solver = .automatic,
      maximumIterations: Int = 100,
      tolerance: Double = 1e-9, encoder: TabularEncoder.Configuration = .init(),
      calibration: ProbabilityCalibration.Method? = nil,
      calibrationFolds: StratifiedKFold = StratifiedKFold(foldCount: 3, seed: 7)
    ) {
      self.regularization = regularization
      self.classWeight = classWeight
      self.solver = solver
      self.maximumIterations = maximumIterations
      self.tolerance = tolerance
      self.encoder = encoder
      self.calibration = calibration
      self.calibrationFolds = calibrationFolds
    }
  }

  /// The hyperparameters.
  public var configuration: Configuration

  /// An estimator with the given hyperparameters.
  public init(_ configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Fits on every row of `table`, predicting `label` (0/1, true/false, yes/no), ignoring
  /// `idColumn`; every other column is a feature.
  /// - Throws: `ModelError` for a missing or invalid label, a single class, bad settings.
  public func fit(_ table: DataTable, label: String, idColumn: String? = nil) throws -> ChurnModel {
    try validate()
    let labels = try table.labels(ofColumn: label)
    let labelName = table.columnNames[table.index(ofColumn: label)!]
    let idName = try idColumn.map { name -> String in
      guard let index = table.index(ofColumn: name) else { throw ModelError.missingColumn(name: name) }
      return table.columnNames[index]
    }
    guard labels.count >= 2 else { throw ModelError.notEnoughRows(found: labels.count, needed: 2) }
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard positives > 0, positives < labels.count else {
      throw ModelError.singleClass(column: labelName, value: positives > 0)
    }
    let prepared = try PreparedTable(table, excluding: [labelName] + (idName.map { [$0] } ?? []))
    let rows = Array(0..<table.rowCount)
    let (encoder, parameters) = try fit(prepared, rows: rows, labels: labels)
    var model = ChurnModel(
      kind: .logistic, labelColumn: labelName, idColumn: idName, trainedAt: Date(),
      trainingRows: labels.count, positiveRows: positives, encoder: encoder,
      logistic: parameters, calibration: nil)
    if let method = configuration.calibration {
      var plain = self
      plain.configuration.calibration = nil
      let report = try CrossValidation(folds: configuration.calibrationFolds)
        .run(plain, on: table, label: labelName, idColumn: idName)
      model.calibration = try ProbabilityCalibration.fit(
        method: method, probabilities: report.outOfFoldProbabilities, labels: labels)
    }
    return model
  }

  /// Fits the encoder and the coefficients on some rows of a prepared table.
  func fit(_ prepared: PreparedTable, rows: [Int], labels: [Bool]) throws
    -> (TabularEncoder, LogisticParameters)
  {
    let encoder = try TabularEncoder.fit(prepared, rows: rows, configuration: configuration.encoder)
    let matrix = encoder.standardizedMatrix(prepared.typed, rows: rows)
    let rowLabels = rows.map { labels[$0] }
    let weights = configuration.classWeight.weights(for: rowLabels)
    let useNewton: Bool
    switch configuration.solver {
    case .newton: useNewton = true
    case .lbfgs: useNewton = false
    case .automatic: useNewton = matrix.columnCount <= Self.automaticNewtonLimit
    }
    let solution =
      useNewton
      ? NewtonLogisticSolver(
        regularization: configuration.regularization,
        maximumIterations: configuration.maximumIterations, tolerance: configuration.tolerance
      ).solve(matrix, labels: rowLabels, weights: weights)
      : LBFGSLogisticSolver(
        regularization: configuration.regularization,
        maximumIterations: configuration.maximumIterations * 10, tolerance: configuration.tolerance
      ).solve(matrix, labels: rowLabels, weights: weights)
    let parameters = LogisticParameters(
      intercept: solution.intercept,
      coefficients: zip(encoder.featureNames, solution.coefficients).map {
        FeatureWeight(feature: $0, weight: $1)
      },
      regularization: configuration.regularization, classWeight: configuration.classWeight,
      diagnostics: FitDiagnostics(
        solver: useNewton ? .newton : .lbfgs, iterations: solution.iterations, gradientNorm: solution.gradientNorm,
        objective: solution.objective, converged: solution.converged,
        separationSuspected: solution.separationSuspected, dampedSteps: solution.dampedSteps),
      covariance: solution.covariance)
    return (encoder, parameters)
  }

  /// Stratified k-fold cross-validation of this estimator on `table`.
  public func crossValidate(
    _ table: DataTable, label: String, idColumn: String? = nil, folds: Int = 5, seed: UInt64 = 42
  ) throws -> CrossValidationReport {
    try CrossValidation(folds: StratifiedKFold(foldCount: folds, seed: seed))
      .run(self, on: table, label: label, idColumn: idColumn)
  }

  private func validate() throws {
    let settings = configuration
    guard settings.regularization >= 0, settings.regularization.isFinite else {
      throw ModelError.invalidConfiguration(
        setting: "regularization", value: String(settings.regularization), expected: "a finite number ≥ 0")
    }
    guard settings.maximumIterations >= 1 else {
      throw ModelError.invalidConfiguration(
        setting: "maximumIterations", value: String(settings.maximumIterations), expected: "at least 1")
    }
    guard settings.tolerance > 0 else {
      throw ModelError.invalidConfiguration(
        setting: "tolerance", value: String(settings.tolerance), expected: "a number > 0")
    }
  }
}
