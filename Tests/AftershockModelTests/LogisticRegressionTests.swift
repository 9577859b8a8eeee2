import Foundation
import Testing

@testable import AftershockModel

struct LogisticRegressionTests {
  /// All levels kept (tiny table), so the encoding equals one-hot + StandardScaler.
  let tinyEncoder = TabularEncoder.Configuration(minimumLevelCount: 1)

  /// Reference: scikit-learn `LogisticRegression(C=1, tol=1e-12)` on the same standardised
  /// design (x1, x2 mean-filled, x2 missing indicator, colour one-hot, active), computed once
  /// and pinned. Tolerance 1e-6 (both solvers converge far tighter).
  @Test func coefficientsMatchScikitLearnOnMixedTable() throws {
    let model = try LogisticRegression(.init(encoder: tinyEncoder)).fit(TestTables.mixed(), label: "y")
    let expected: [(String, Double)] = [
      ("x1", 0.10038733), ("x2", 0.07305529), ("x2 (missing)", -0.26069286),
      ("color=red", -0.02085407), ("color=blue", -0.14028575), ("color=green", 0.16206711),
      ("active", -0.07934816),
    ]
    let logistic = try #require(model.logistic)
    #expect(logistic.coefficients.map(\.feature) == expected.map(\.0))
    for (coefficient, (name, value)) in zip(logistic.coefficients, expected) {
      #expect(abs(coefficient.weight - value) < 1e-6, "\(name): \(coefficient.weight) vs \(value)")
    }
    #expect(abs(logistic.intercept - -0.00104917) < 1e-6)
    #expect(logistic.diagnostics.converged)
    #expect(model.encoder.columns.map(\.kind) == [.numeric, .numeric, .categorical, .boolean])
  }

  /// Same reference, reached by L-BFGS instead of Newton; tolerance 1e-5.
  @Test func lbfgsReachesTheSameCoefficients() throws {
    let newton = try LogisticRegression(.init(solver: .newton, encoder: tinyEncoder)).fit(
      TestTables.mixed(), label: "y")
    let lbfgs = try LogisticRegression(.init(solver: .lbfgs, encoder: tinyEncoder)).fit(TestTables.mixed(), label: "y")
    let a = try #require(newton.logistic)
    let b = try #require(lbfgs.logistic)
    #expect(a.diagnostics.solver == .newton && b.diagnostics.solver == .lbfgs)
    #expect(b.diagnostics.converged)
    #expect(abs(b.intercept - -0.00104917) < 1e-5)
    for (x, y) in zip(a.coefficients, b.coefficients) {
      #expect(abs(x.weight - y.weight) < 1e-5, "\(x.feature)")
    }
  }

  /// Reference: scikit-learn `LogisticRegression(C=2, class_weight="balanced", tol=1e-12)`
  /// on two standardised columns; pinned, tolerance 1e-6.
  @Test func balancedClassWeightsMatchScikitLearn() throws {
    let table = try DataTable(
      columnNames: ["a", "b", "y"],
      columns: [
        .numbers([0.2, 1.4, 2.2, 0.9, 3.1, 1.8, 2.7, 0.4, 1.1, 3.5, 2.0, 0.7]),
        .numbers([5.0, 3.0, 4.0, 6.0, 1.0, 2.0, 2.5, 4.4, 3.3, 0.5, 5.5, 2.2]),
        .text(["no", "no", "yes", "no", "yes", "no", "no", "no", "no", "yes", "no", "no"]),
      ])
    let model = try LogisticRegression(.init(regularization: 0.5, classWeight: .balanced))
      .fit(table, label: "y")
    let logistic = try #require(model.logistic)
    #expect(abs(logistic.coefficients[0].weight - 1.65645284) < 1e-6)
    #expect(abs(logistic.coefficients[1].weight - -0.23831063) < 1e-6)
    #expect(abs(logistic.intercept - -0.79190379) < 1e-6)
  }

  @Test func separableDataStaysFiniteAndConvergesWithPenalty() throws {
    let table = try DataTable(
      header: ["x", "y"], rows: [["1", "0"], ["2", "0"], ["3", "0"], ["4", "1"], ["5", "1"], ["6", "1"]])
    let model = try LogisticRegression().fit(table, label: "y")
    let logistic = try #require(model.logistic)
    #expect(logistic.diagnostics.converged)
    #expect(logistic.coefficients[0].weight.isFinite && logistic.coefficients[0].weight > 0)
    let probabilities = try model.predictProbabilities(table)
    #expect(probabilities[0] < 0.5 && probabilities[5] > 0.5)
  }

  @Test func separableDataWithoutPenaltyReportsNoConvergence() throws {
    let table = try DataTable(
      header: ["x", "y"], rows: [["1", "0"], ["2", "0"], ["3", "0"], ["4", "1"], ["5", "1"], ["6", "1"]])
    let model = try LogisticRegression(.init(regularization: 0, maximumIterations: 30)).fit(table, label: "y")
    let logistic = try #require(model.logistic)
    #expect(!logistic.diagnostics.converged)
    #expect(logistic.diagnostics.separationSuspected)
    #expect(logistic.coefficients[0].weight.isFinite)
    #expect(logistic.diagnostics.iterations <= 30)
  }

  /// A feature that separates the classes is learned the same whatever its scale: at ±1e155 its
  /// sum of squares overflows a Double, yet its weight and the fit equal those at ±1e100
  /// (tolerance 1e-9) and the model ranks the rows perfectly.
  @Test func hugeFeatureIsLearnedLikeTheSameFeatureAtModerateScale() throws {
    func fit(scale: Double) throws -> (ChurnModel, DataTable) {
      let x = (0..<40).map { $0 % 2 == 0 ? -scale : scale }
      let y = (0..<40).map { $0 % 2 == 0 ? "0" : "1" }
      let table = try DataTable(columnNames: ["x", "y"], columns: [.numbers(x), .text(y)])
      return (try LogisticRegression().fit(table, label: "y"), table)
    }
    let (moderate, _) = try fit(scale: 1e100)
    let (huge, hugeTable) = try fit(scale: 1e155)
    let weight = try #require(huge.logistic?.coefficients.first?.weight)
    let reference = try #require(moderate.logistic?.coefficients.first?.weight)
    #expect(weight > 1 && abs(weight - reference) < 1e-9, "1e155: \(weight), 1e100: \(reference)")
    #expect(huge.logistic?.diagnostics.iterations == moderate.logistic?.diagnostics.iterations)
    #expect(abs(huge.encoder.features[0].standardDeviation / 1e155 - 1) < 1e-12)
    let report = try huge.evaluate(hugeTable)
    #expect(report.rocAUC == 1)
  }

  /// A scored row with finite but huge values (1e308 in two features whose weights have
  /// opposite signs) gets a probability in [0, 1], not NaN (+∞ − ∞), and the metrics run; each
  /// value reads as the end of the training range it passes.
  @Test func hugeValuesInAScoredRowGiveAProbabilityNotNaN() throws {
    let model = try LogisticRegression().fit(TestTables.narrowOpposed(rows: 400, seed: 3), label: "y")
    let weights = model.standardizedCoefficients
    #expect((weights["x"] ?? 0) > 0 && (weights["z"] ?? 0) < 0, "\(weights)")
    let scored = try DataTable(
      columnNames: ["x", "z", "y"],
      columns: [
        .numbers([1e308, -1e308, 1e308, 0]), .numbers([1e308, 1e308, -1e308, 0]), .text(["1", "0", "1", "0"]),
      ])
    let probabilities = try model.predictProbabilities(scored)
    #expect(probabilities.allSatisfy { (0...1).contains($0) }, "\(probabilities)")
    #expect(probabilities[1] < probabilities[3] && probabilities[3] < probabilities[2], "\(probabilities)")
    let report = try model.evaluate(scored)
    #expect(report.rowCount == 4 && report.calibration.reduce(0) { $0 + $1.count } == 4)
  }

  @Test func perfectlyCollinearColumnsAreSolvedWithDamping() throws {
    // b = 2a exactly: the unpenalised Hessian is singular.
    let a = (0..<40).map { Double($0 % 7) }
    let y = (0..<40).map { $0 % 3 == 0 ? "yes" : "no" }
    let table = try DataTable(
      columnNames: ["a", "b", "y"], columns: [.numbers(a), .numbers(a.map { $0 * 2 }), .text(y)])
    let model = try LogisticRegression(.init(regularization: 0)).fit(table, label: "y")
    let logistic = try #require(model.logistic)
    #expect(logistic.coefficients.allSatisfy { $0.weight.isFinite })
    #expect(logistic.diagnostics.dampedSteps > 0)
  }

  @Test func recoversTrueCoefficientsOfSimulatedData() throws {
    let (table, _) = try TestTables.simulated(rows: 20_000, seed: 11)
    let model = try LogisticRegression(.init(regularization: 1e-6)).fit(table, label: "label")
    let (_, perUnit) = model.coefficientsInOriginalUnits
    // Sampling error of each coefficient is about 0.03 at this size; tolerance 0.1.
    #expect(abs(perUnit["a"]! - 1.5) < 0.1)
    #expect(abs(perUnit["b"]! - -0.8) < 0.1)
    // One-hot is full rank with the intercept only through the penalty; compare differences.
    #expect(abs(perUnit["tier=gold"]! - perUnit["tier=silver"]! - 0.7) < 0.15)
    #expect(abs(perUnit["tier=silver"]! - perUnit["tier=bronze"]!) < 0.15)
  }

  @Test func labelWordsAndIdColumnAreHandled() throws {
    let table = try DataTable(
      header: ["id", "x", "left"],
      rows: [
        ["a", "1", "No"], ["b", "2", "no"], ["c", "3", "YES"], ["d", "4", "yes"], ["e", "2.5", "true"],
        ["f", "1.5", "false"],
      ])
    let model = try LogisticRegression().fit(table, label: "LEFT", idColumn: "id")
    #expect(model.encoder.columns.map(\.name) == ["x"])
    #expect(model.labelColumn == "left")
    #expect(model.positiveRows == 3)
  }

  @Test func badLabelNamesRowAndValue() throws {
    let table = try DataTable(header: ["x", "y"], rows: [["1", "0"], ["2", "maybe"], ["3", "1"]])
    #expect(throws: ModelError.invalidLabel(column: "y", row: 2, value: "maybe")) {
      try LogisticRegression().fit(table, label: "y")
    }
  }

  @Test func singleClassIsRefused() throws {
    let table = try DataTable(header: ["x", "y"], rows: [["1", "1"], ["2", "1"]])
    #expect(throws: ModelError.singleClass(column: "y", value: true)) {
      try LogisticRegression().fit(table, label: "y")
    }
  }

  @Test func negativeRegularizationIsRefused() throws {
    #expect(throws: ModelError.self) {
      try LogisticRegression(.init(regularization: -1)).fit(TestTables.mixed(), label: "y")
    }
  }

  /// With one yes/no feature and no penalty the fit reproduces each group's churn share, and the
  /// model's estimation error in that share is the binomial variance p(1 − p)/n of the group:
  /// the covariance the fit reports, carried through `PredictionSensitivity`, must say so.
  @Test func estimationErrorOfAGroupShareIsItsBinomialVariance() throws {
    var rows: [[String]] = []
    for i in 0..<40 { rows.append(["no", i < 10 ? "1" : "0"]) }  // 10 of 40 churn
    for i in 0..<60 { rows.append(["yes", i < 36 ? "1" : "0"]) }  // 36 of 60 churn
    let table = try DataTable(header: ["hit", "y"], rows: rows)
    let model = try LogisticRegression(.init(regularization: 0, encoder: tinyEncoder)).fit(table, label: "y")
    let covariance = try #require(model.logistic?.covariance)
    #expect(covariance.count == 4 || covariance.count == 9, "intercept plus the encoded columns")
    let sensitivity = try #require(try model.predictionSensitivity(table))
    let probabilities = try model.predictProbabilities(table)
    #expect(abs(probabilities[0] - 0.25) < 1e-6 && abs(probabilities[40] - 0.6) < 1e-6)
    var first = [Double](repeating: 0, count: 100)
    first[0] = 1
    var second = [Double](repeating: 0, count: 100)
    second[40] = 1
    #expect(abs(sensitivity.variance(weights: first) - 0.25 * 0.75 / 40) < 1e-6)
    #expect(abs(sensitivity.variance(weights: second) - 0.6 * 0.4 / 60) < 1e-6)
    // Two rows of one group move together: the error of their sum is four times one row's.
    var both = first
    both[1] = 1
    #expect(abs(sensitivity.variance(weights: both) - 4 * 0.25 * 0.75 / 40) < 1e-6)
    // Saved and loaded, the model keeps it.
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("logistic-\(UUID()).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try model.save(to: path)
    #expect(try ChurnModel.load(from: path).logistic?.covariance == covariance)
  }
}
