import Foundation
import Testing

@testable import AftershockModel

/// The boosted-trees kind of `ChurnModel`: fitted through the shared encoder, saved in the
/// same model file, scored with worded drivers from TreeSHAP.
struct ChurnModelGBDTTests {
  private var smallTrees: GradientBoostingConfiguration {
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 15
    return configuration
  }

  @Test func boostedModelSavesLoadsAndScoresIdentically() throws {
    let (table, _) = try TestTables.simulated(rows: 300, seed: 12)
    let model = try BoostedTreesEstimator(trees: smallTrees).fit(table, label: "label")
    #expect(model.kind == .gbdt)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aftershock-gbdt-\(UUID().uuidString).json"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try model.save(to: path)
    let loaded = try ChurnModel.load(from: path)
    #expect(loaded.kind == .gbdt)
    #expect(loaded.gbdt == model.gbdt)
    #expect(try loaded.predictProbabilities(table) == model.predictProbabilities(table))
    let json = try String(contentsOfFile: path, encoding: .utf8)
    #expect(json.contains("\"kind\" : \"gbdt\""))
  }

  /// A tree model averaged over five folds gives a delete-a-group jackknife of its members:
  /// each member's margins average to the model's, and the variance of a weighted sum is
  /// (G − 1)/G times the members' squared spread around their mean.
  @Test func averagedTreesGiveAJackknifeOverTheirMembers() throws {
    let (table, _) = try TestTables.simulated(rows: 400, seed: 21)
    let model = try BoostedTreesEstimator(trees: smallTrees).fit(table, label: "label")
    let gbdt = try #require(model.gbdt)
    let features = try model.encoder.boostingFeatures(try model.encoder.read(table), rows: Array(0..<table.rowCount))
    let members = try #require(try gbdt.memberMargins(features))
    #expect(members.count == 5)
    let margins = try gbdt.predictMargins(features)
    for row in [0, 17, 399] {
      let mean = members.reduce(0) { $0 + $1[row] } / 5
      #expect(abs(mean - margins[row]) < 1e-9, "row \(row)")
    }
    #expect(members[0] != members[1], "members grown on different folds differ")

    let sensitivity = try #require(try model.predictionSensitivity(table))
    #expect(sensitivity.method == "jackknife over 5 members")
    let weights = (0..<400).map { $0 % 3 == 0 ? 1.0 : 0 }
    let sums = members.map { m in zip(m, weights).reduce(0) { $0 + $1.1 / (1 + exp(-$1.0)) } }
    let mean = sums.reduce(0, +) / 5
    let expected = 4.0 / 5 * sums.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    #expect(expected > 0)
    #expect(abs(sensitivity.variance(weights: weights) - expected) < 1e-9 * max(1, expected))
    // Gradients of two row sets add to the gradient of their union.
    let other = weights.map { 1 - $0 }
    let sum = zip(sensitivity.gradient(weights: weights), sensitivity.gradient(weights: other)).map { $0 + $1 }
    #expect(
      abs(sensitivity.variance(ofGradient: sum) - sensitivity.variance(weights: Array(repeating: 1, count: 400))) < 1e-9
    )

    // One member: no replicates, no estimate (callers say the error is left out).
    var single = smallTrees
    single.ensembleFolds = 1
    let lone = try BoostedTreesEstimator(trees: single).fit(table, label: "label")
    #expect(try lone.predictionSensitivity(table) == nil)
  }

  @Test func jackknifeVarianceOfHandMadeReplicates() {
    let sensitivity = PredictionSensitivity(replicates: [[0.1, 0.2], [0.3, 0.2], [0.2, 0.2]])
    // Sums 0.3, 0.5, 0.4: mean 0.4, squared spread 0.02, times (3 − 1)/3.
    #expect(abs(sensitivity.variance(weights: [1, 1]) - 0.02 * 2 / 3) < 1e-12)
    #expect(sensitivity.variance(weights: [0, 1]) < 1e-30, "the replicates agree on the second row")
    #expect(sensitivity.method == "jackknife over 3 members")
  }

  @Test func boostedModelRanksSimulatedChurnNearTheTruth() throws {
    let (table, truth) = try TestTables.simulated(rows: 1_200, seed: 13)
    let labels = try table.labels(ofColumn: "label")
    let report = try CrossValidation(folds: StratifiedKFold(foldCount: 3, seed: 2))
      .run(BoostedTreesEstimator(trees: smallTrees), on: table, label: "label")
    let trueAUC = try ClassificationMetrics.rocAUC(truth, labels)
    // Trees approximate the linear truth less tightly than logistic regression: 0.04.
    #expect(abs(report.pooled.rocAUC - trueAUC) < 0.04, "seed 13: cv \(report.pooled.rocAUC), truth \(trueAUC)")
  }

  @Test func boostedDriversAreWordedPerColumn() throws {
    let (table, _) = try TestTables.simulated(rows: 400, seed: 14)
    let model = try BoostedTreesEstimator(trees: smallTrees).fit(table, label: "label")
    let risks = try RiskScorer().score(table, with: model)
    let atRisk = try #require(risks.first { $0.tier == .high })
    #expect(!atRisk.drivers.isEmpty && atRisk.drivers.count <= 3)
    #expect(atRisk.drivers.allSatisfy { $0.raisesRisk })
    #expect(atRisk.drivers.allSatisfy { ["a", "b", "tier"].contains($0.column) })
  }

  @Test func scoringTextInANumericColumnFailsForTreesToo() throws {
    let (table, _) = try TestTables.simulated(rows: 200, seed: 15)
    let model = try BoostedTreesEstimator(trees: smallTrees).fit(table, label: "label")
    let bad = try DataTable(header: ["a", "b", "tier"], rows: [["x", "1", "gold"]])
    #expect(throws: ModelError.columnKindChanged(column: "a", expected: "numeric", row: 1, value: "x")) {
      try model.predictProbabilities(bad)
    }
  }
}

struct AutomaticChurnEstimatorTests {
  @Test func linearTruthChoosesLogistic() throws {
    let (table, _) = try TestTables.simulated(rows: 900, seed: 16)
    var trees = GradientBoostingConfiguration()
    trees.maxIterations = 15
    let automatic = AutomaticChurnEstimator(
      boostedTrees: BoostedTreesEstimator(trees: trees), folds: StratifiedKFold(foldCount: 3, seed: 1))
    let selection = try automatic.select(table, label: "label")
    #expect(
      selection.chosen == .logistic,
      "seed 16: logistic \(selection.logistic.pooled.rocAUC), trees \(selection.boostedTrees.pooled.rocAUC)")
    #expect(try automatic.fit(table, label: "label").kind == .logistic)
  }

  @Test func treesNeedALeadBeyondTheMarginAndOneStandardError() {
    let automatic = AutomaticChurnEstimator()
    func lead(_ difference: Double, _ standardError: Double) -> ChurnModel.Kind {
      automatic.choice(treesLeadBy: .init(difference: difference, standardError: standardError))
    }
    #expect(lead(0.02, 0.012) == .gbdt)
    #expect(lead(0.008, 0.012) == .logistic)  // beyond the margin, within the noise
    #expect(lead(0.004, 0.001) == .logistic)  // beyond the noise, within the margin
    #expect(lead(-0.03, 0.01) == .logistic)
  }

  @Test func interactionTruthChoosesTrees() throws {
    // Churn only when both x and y are high: no linear model can rank that well.
    var generator = SplitMix64(seed: 17)
    var x = [Double]()
    var y = [Double]()
    var label = [Double]()
    for _ in 0..<900 {
      let a = Double(generator.next() % 1000) / 1000
      let b = Double(generator.next() % 1000) / 1000
      x.append(a)
      y.append(b)
      let p = (a > 0.5) == (b > 0.5) ? 0.85 : 0.1
      label.append(Double(generator.next() % 1000) / 1000 < p ? 1 : 0)
    }
    let table = try DataTable(columnNames: ["x", "y", "churn"], columns: [.numbers(x), .numbers(y), .numbers(label)])
    var trees = GradientBoostingConfiguration()
    trees.maxIterations = 15
    let selection = try AutomaticChurnEstimator(
      boostedTrees: BoostedTreesEstimator(trees: trees), folds: StratifiedKFold(foldCount: 3, seed: 1)
    ).select(table, label: "churn")
    #expect(
      abs(selection.difference.difference - (selection.boostedTrees.pooled.rocAUC - selection.logistic.pooled.rocAUC))
        < 1e-12)
    #expect(selection.difference.standardError > 0 && selection.difference.standardError < 0.05)
    #expect(
      selection.chosen == .gbdt,
      "seed 17: logistic \(selection.logistic.pooled.rocAUC), trees \(selection.boostedTrees.pooled.rocAUC)")
  }
}
