import Foundation
import Testing

@testable import AftershockModel

/// A tiny seeded generator for test data (64-bit LCG, top bits), so inputs are the same everywhere.
struct BoostTestRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
  mutating func unit() -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) / Double(1 << 53)
  }
}

func boostFeatures(_ columns: [[Double]], kinds: [BoostingFeatureKind]? = nil) throws -> BoostingFeatures {
  try BoostingFeatures(
    columns: columns, names: columns.indices.map { "f\($0)" }, kinds: kinds ?? columns.map { _ in .numeric })
}

/// One tree with a single split, as a probe of what the grower picks.
func singleSplitConfiguration() -> GradientBoostingConfiguration {
  var configuration = GradientBoostingConfiguration.scikitLearn
  configuration.maxIterations = 1
  configuration.maxLeafNodes = 2
  configuration.minSamplesLeaf = 5
  return configuration
}

/// A noisy table with numeric, categorical and missing values: 4 features, `rows` rows.
func boostMixedTable(rows: Int, seed: UInt64) throws -> (BoostingFeatures, [Bool]) {
  var random = BoostTestRandom(seed: seed)
  var columns = [[Double]](repeating: [], count: 4)
  var labels: [Bool] = []
  for _ in 0..<rows {
    let age = 18 + 60 * random.unit()
    let balance = random.unit() < 0.15 ? Double.nan : (random.unit() * 100).rounded()
    let region = Double(Int(random.unit() * 5))
    let noise = random.unit()
    let logit = 0.08 * (age - 45) + (balance.isNaN ? 1.0 : -0.01 * balance) + (region == 2 || region == 4 ? 1.2 : -0.4)
    labels.append(random.unit() < 1 / (1 + exp(-logit)))
    columns[0].append(age)
    columns[1].append(balance)
    columns[2].append(region)
    columns[3].append(noise)
  }
  return (try boostFeatures(columns, kinds: [.numeric, .numeric, .categorical, .numeric]), labels)
}

@Suite struct BoostTreeTests {
  @Test func stepFunctionIsSplitAtTheStep() throws {
    var random = BoostTestRandom(seed: 1)
    let x = (0..<200).map(Double.init)
    let noise = x.map { _ in random.unit() }
    let labels = x.map { $0 >= 120 }
    let model = try GradientBoostingClassifier(configuration: singleSplitConfiguration())
      .fit(boostFeatures([x, noise]), labels: labels)
    let root = model.trees[0].nodes[0]
    #expect(root.feature == 0)
    #expect(root.threshold == 119.5)
    let margins = try model.predictMargins(boostFeatures([[119, 119.5, 119.6, 120], [0.5, 0.5, 0.5, 0.5]]))
    #expect(margins[0] == margins[1])
    #expect(margins[2] == margins[3])
    #expect(margins[0] < margins[3])
  }

  @Test(arguments: [true, false])
  func missingValuesGoToTheLearnedSide(missingArePositive: Bool) throws {
    // Present rows are positive iff x >= 50; the 40 missing rows all share one outcome.
    let x = (0..<100).map(Double.init) + Array(repeating: Double.nan, count: 40)
    let labels = (0..<100).map { $0 >= 50 } + Array(repeating: missingArePositive, count: 40)
    let model = try GradientBoostingClassifier(configuration: singleSplitConfiguration())
      .fit(boostFeatures([x]), labels: labels)
    let root = model.trees[0].nodes[0]
    #expect(root.threshold == 49.5)
    #expect(root.missingGoesLeft == !missingArePositive)
    let margins = try model.predictMargins(boostFeatures([[.nan, 10, 90]]))
    if missingArePositive {
      #expect(margins[0] == margins[2] && margins[0] > margins[1])
    } else {
      #expect(margins[0] == margins[1] && margins[0] < margins[2])
    }
  }

  @Test func missingValuesUnseenInTrainingFollowTheLargerChild() throws {
    let x = (0..<100).map(Double.init)
    let labels = x.map { $0 >= 70 }
    let model = try GradientBoostingClassifier(configuration: singleSplitConfiguration())
      .fit(boostFeatures([x]), labels: labels)
    #expect(model.trees[0].nodes[0].missingGoesLeft)  // 70 rows left, 30 right
    let margins = try model.predictMargins(boostFeatures([[.nan, 0]]))
    #expect(margins[0] == margins[1])
  }

  @Test func categoricalSplitGroupsCategoriesByTheirOutcome() throws {
    // Codes 1, 3 and 4 mostly churn, codes 0, 2 and 5 mostly stay; the codes carry no order.
    let churning: Set<Int> = [1, 3, 4]
    var codes: [Double] = []
    var labels: [Bool] = []
    for code in 0..<6 {
      for index in 0..<30 {
        codes.append(Double(code))
        labels.append(churning.contains(code) ? index % 10 != 0 : index % 10 == 0)
      }
    }
    let model = try GradientBoostingClassifier(configuration: singleSplitConfiguration())
      .fit(boostFeatures([codes], kinds: [.categorical]), labels: labels)
    let root = model.trees[0].nodes[0]
    #expect(root.isCategorical)
    let left = Set((0..<255).filter { BoostedTreeNode.contains(root.categoriesLeft, $0) })
    #expect(left == churning || left == [0, 2, 5])
    let margins = try model.predictMargins(boostFeatures([[0, 1, 2, 3, 4, 5]], kinds: [.categorical]))
    #expect(margins[1] > margins[0])
    for code in 0..<6 {
      #expect(margins[code] == (churning.contains(code) ? margins[1] : margins[0]), "code \(code)")
    }
  }

  @Test func leafValuesAreShrunkNewtonStepsWithL2() throws {
    let x = (0..<100).map(Double.init)
    let labels = x.map { ($0 >= 50) != (Int($0) % 10 == 5) }
    var configuration = singleSplitConfiguration()
    configuration.l2Regularization = 3
    configuration.learningRate = 0.25
    let model = try GradientBoostingClassifier(configuration: configuration).fit(boostFeatures([x]), labels: labels)
    let nodes = model.trees[0].nodes
    #expect(nodes[0].threshold == 49.5)
    let p = Double(labels.filter { $0 }.count) / 100
    #expect(abs(model.baseline - log(p / (1 - p))) < 1e-12)
    for (child, range) in [(Int(nodes[0].left), 0..<50), (Int(nodes[0].right), 50..<100)] {
      let gradient = range.reduce(0.0) { $0 + p - (labels[$1] ? 1 : 0) }
      let hessian = Double(range.count) * p * (1 - p)
      let expected = -gradient / (hessian + 3) * 0.25
      #expect(abs(nodes[child].value - expected) < 1e-12, "leaf \(child): \(nodes[child].value) vs \(expected)")
      #expect(abs(nodes[child].cover - hessian) < 1e-9)
    }
  }

  @Test(arguments: [1, 5])
  func sameSeedGivesTheSameTreesAndAnotherSeedDoesNot(ensembleFolds: Int) throws {
    let (features, labels) = try boostMixedTable(rows: 600, seed: 3)
    var configuration = GradientBoostingConfiguration()
    configuration.ensembleFolds = ensembleFolds
    configuration.maxIterations = 25
    configuration.rowSubsample = 0.6
    configuration.earlyStopping = .enabled
    configuration.seed = 42
    let first = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    let second = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    configuration.seed = 43
    let other = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    #expect(first == second)
    #expect(first.trees != other.trees)
  }

  @Test func parallelHistogramsGiveTheSameTrees() throws {
    let (features, labels) = try boostMixedTable(rows: 2_000, seed: 5)
    var serial = GradientBoostingConfiguration()
    serial.maxIterations = 10
    var parallel = serial
    parallel.parallelCellThreshold = 1
    let one = try GradientBoostingClassifier(configuration: serial).fit(features, labels: labels)
    let many = try GradientBoostingClassifier(configuration: parallel).fit(features, labels: labels)
    #expect(one.trees == many.trees)
  }

  @Test func earlyStoppingStopsWhenValidationLossStallsAndKeepsTheBestTrees() throws {
    // Labels independent of the features: validation loss cannot keep improving.
    var random = BoostTestRandom(seed: 9)
    let columns = (0..<3).map { _ in (0..<800).map { _ in random.unit() } }
    let labels = (0..<800).map { _ in random.unit() < 0.3 }
    var configuration = GradientBoostingConfiguration.scikitLearn
    configuration.maxIterations = 300
    configuration.earlyStopping = .enabled
    let model = try GradientBoostingClassifier(configuration: configuration).fit(boostFeatures(columns), labels: labels)
    #expect(model.summary.members.count == 1)
    let summary = model.summary.members[0]
    #expect(summary.stoppedEarly)
    #expect(summary.iterationsRun < 300)
    #expect(summary.validationLosses.count == summary.iterationsRun + 1)
    #expect(summary.validationRowCount == 80)
    let best = summary.validationLosses.indices.min { summary.validationLosses[$0] < summary.validationLosses[$1] }
    #expect(model.treeCount == best)
  }

  @Test func automaticEarlyStoppingIsOffForSmallTables() throws {
    let (features, labels) = try boostMixedTable(rows: 300, seed: 4)
    var configuration = GradientBoostingConfiguration.scikitLearn
    configuration.maxIterations = 7
    let model = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    #expect(model.summary.validationRowCount == 0)
    #expect(model.treeCount == 7)
  }

  @Test func averagedModelsEachStopEarlyOnTheFoldTheyDidNotSee() throws {
    // Labels independent of the features: every member's validation loss stalls within a few trees.
    var random = BoostTestRandom(seed: 10)
    let columns = (0..<3).map { _ in (0..<1_000).map { _ in random.unit() } }
    let labels = (0..<1_000).map { _ in random.unit() < 0.3 }
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 300
    let model = try GradientBoostingClassifier(configuration: configuration).fit(boostFeatures(columns), labels: labels)
    let members = model.summary.members
    #expect(members.count == 5)
    #expect(members.allSatisfy { $0.stoppedEarly && $0.iterationsRun < 300 })
    // Every row is held out by exactly one member and grows the trees of the other four.
    #expect(members.reduce(0) { $0 + $1.validationRowCount } == 1_000)
    #expect(members.allSatisfy { $0.trainingRowCount + $0.validationRowCount == 1_000 })
    #expect(members.allSatisfy { abs($0.validationRowCount - 200) <= 1 })
    for member in members {
      let best = member.validationLosses.indices.min { member.validationLosses[$0] < member.validationLosses[$1] }
      #expect(member.treesKept == best)
    }
    #expect(model.treeCount == model.summary.treesKept)
    // On noise the averaged model stays near the base rate.
    let probabilities = try model.predictProbabilities(boostFeatures(columns))
    #expect(probabilities.allSatisfy { abs($0 - 0.3) < 0.15 })
  }

  @Test func averagedModelIsTheMeanOfSingleModelsGrownOnTheSameFolds() throws {
    // Integer features, each value in both folds, so a single model fitted on one fold bins them
    // on the same edges as the ensemble (fitted on all rows) and grows the same trees.
    var random = BoostTestRandom(seed: 8)
    var columns = [[Double]](repeating: [], count: 3)
    var labels: [Bool] = []
    for _ in 0..<600 {
      let usage = Double(Int(random.unit() * 20))
      let seats = Double(Int(random.unit() * 10))
      let plan = Double(Int(random.unit() * 4))
      columns[0].append(usage)
      columns[1].append(seats)
      columns[2].append(plan)
      labels.append(random.unit() < 1 / (1 + exp(-(0.2 * (usage - 10) + (plan == 1 ? 1 : -0.3)))))
    }
    let features = try boostFeatures(columns, kinds: [.numeric, .numeric, .categorical])
    var configuration = GradientBoostingConfiguration()
    configuration.ensembleFolds = 2
    configuration.maxIterations = 40
    configuration.seed = 5
    let model = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)

    let folds = BoostingFolds.stratifiedFolds(
      labels: labels, foldCount: 2, seed: configuration.seed ^ GradientBoostingClassifier.splitSalt)
    var mean = [Double](repeating: 0, count: labels.count)
    for (member, summary) in model.summary.members.enumerated() {
      let rows = labels.indices.filter { folds[$0] != member }
      var single = configuration
      single.ensembleFolds = 1
      single.earlyStopping = .disabled
      single.maxIterations = summary.treesKept
      let alone = try GradientBoostingClassifier(configuration: single)
        .fit(features.selectingRows(rows), labels: rows.map { labels[$0] })
      #expect(alone.treeCount == summary.treesKept)
      for (row, margin) in try alone.predictMargins(features).enumerated() { mean[row] += margin / 2 }
    }
    let margins = try model.predictMargins(features)
    let worst = zip(margins, mean).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst < 1e-9, "largest difference from the mean of the members: \(worst)")
  }

  @Test func fewerMembersWhenTheSmallerClassIsTiny() throws {
    let x = (0..<60).map(Double.init)
    let threePositives = x.map { $0 >= 57 }
    let three = try GradientBoostingClassifier().fit(boostFeatures([x]), labels: threePositives)
    #expect(three.summary.members.count == 3)
    let onePositive = x.map { $0 >= 59 }
    let one = try GradientBoostingClassifier().fit(boostFeatures([x]), labels: onePositive)
    #expect(one.summary.members.count == 1)
  }

  @Test func treesRespectLeafAndDepthLimits() throws {
    let (features, labels) = try boostMixedTable(rows: 1_000, seed: 6)
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 5
    configuration.maxLeafNodes = nil
    configuration.maxDepth = 2
    let shallow = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    #expect(shallow.trees.allSatisfy { $0.depth <= 2 && $0.nodes.filter(\.isLeaf).count <= 4 })
    configuration.maxDepth = nil
    configuration.maxLeafNodes = 5
    configuration.minSamplesLeaf = 30
    let narrow = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    #expect(narrow.trees.allSatisfy { $0.nodes.filter(\.isLeaf).count <= 5 })
    #expect(narrow.trees.allSatisfy { $0.nodes.filter(\.isLeaf).allSatisfy { $0.sampleCount >= 30 } })
  }

  @Test func badInputsThrowClearErrors() throws {
    let x = (0..<50).map(Double.init)
    #expect(throws: ModelError.singleClass(column: "labels", value: false)) {
      try GradientBoostingClassifier().fit(boostFeatures([x]), labels: x.map { _ in false })
    }
    var codes = x.map { Double(Int($0) % 3) }
    codes[7] = 2.5
    #expect(throws: ModelError.invalidCategory(feature: "f0", row: 7, value: 2.5)) {
      try GradientBoostingClassifier().fit(boostFeatures([codes], kinds: [.categorical]), labels: x.map { $0 > 20 })
    }
    var configuration = GradientBoostingConfiguration()
    configuration.learningRate = 0
    #expect(
      throws: ModelError.invalidConfiguration(
        setting: "learningRate", value: "0.0", expected: "a finite number above 0")
    ) {
      try GradientBoostingClassifier(configuration: configuration).fit(boostFeatures([x]), labels: x.map { $0 > 20 })
    }
    let model = try GradientBoostingClassifier(configuration: singleSplitConfiguration())
      .fit(boostFeatures([x]), labels: x.map { $0 > 20 })
    let renamed = try BoostingFeatures(columns: [x], names: ["other"], kinds: [.numeric])
    #expect(throws: ModelError.featureMismatch(expected: ["f0"], found: ["other"])) {
      try model.predictMargins(renamed)
    }
    #expect(
      ModelError.featureMismatch(expected: ["f0"], found: ["other"]).description
        == "the model was trained on features f0 but was given other")
  }
}

@Suite struct BoostFoldsTests {
  @Test func stratifiedFoldsShuffleAndBalanceClasses() {
    let labels = (0..<1_000).map { $0 % 5 == 0 }
    let folds = BoostingFolds.stratifiedFolds(labels: labels, foldCount: 5, seed: 3)
    for fold in 0..<5 {
      let rows = folds.indices.filter { folds[$0] == fold }
      #expect(rows.count == 200)
      #expect(rows.filter { labels[$0] }.count == 40)
    }
    // Shuffled: not simply every fifth row of each class, and another seed differs.
    #expect(folds != BoostingFolds.stratifiedFolds(labels: labels, foldCount: 5, seed: 4))
    #expect(Set(folds[0..<25]).count > 1)
  }
}

@Suite struct BoostReferenceTests {
  /// The repository root, found by walking up from this file to the folder holding Package.swift.
  static func repositoryRoot() -> URL {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
      folder = folder.deletingLastPathComponent()
    }
    return folder
  }

  @Test func treesMatchScikitLearnOnTheReferenceTable() throws {
    // Fixture written by Scripts/gbdt_reference_fixture.py: scikit-learn's HGB probabilities after
    // 1 and after 20 iterations (native categorical, defaults otherwise).
    let url = Self.repositoryRoot().appendingPathComponent("Tests/Fixtures/boost-sklearn-reference.csv")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
    var columns = [[Double]](repeating: [], count: 3)
    var labels: [Bool] = []
    var afterTwenty: [Double] = []
    var afterOne: [Double] = []
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      for column in 0..<3 { columns[column].append(fields[column].isEmpty ? .nan : Double(fields[column]) ?? .nan) }
      labels.append(fields[3] == "1")
      afterTwenty.append(Double(fields[4]) ?? .nan)
      afterOne.append(Double(fields[5]) ?? .nan)
    }
    #expect(labels.count == 400)
    let features = try BoostingFeatures(
      columns: columns, names: ["age", "plan", "usage"], kinds: [.numeric, .categorical, .numeric])
    var configuration = GradientBoostingConfiguration.scikitLearn
    configuration.earlyStopping = .disabled

    // One tree: the same 16-leaf tree, so the same probabilities to rounding.
    configuration.maxIterations = 1
    let one = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    let oneWorst = zip(try one.predictProbabilities(features), afterOne).map { abs($0 - $1) }.max() ?? .infinity
    #expect(oneWorst < 1e-7, "one tree: largest difference from scikit-learn \(oneWorst)")

    // Twenty trees: scikit-learn keeps gradients in float32, so near-tied splits can go the other
    // way later on; the fits stay close (measured: mean |Δp| 0.012, log-loss 0.4833 vs 0.4842).
    configuration.maxIterations = 20
    let twenty = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    let probabilities = try twenty.predictProbabilities(features)
    let meanDifference = zip(probabilities, afterTwenty).map { abs($0 - $1) }.reduce(0, +) / 400
    #expect(meanDifference < 0.02)
    let ours = try ClassificationMetrics.logLoss(probabilities, labels)
    let theirs = try ClassificationMetrics.logLoss(afterTwenty, labels)
    #expect(abs(ours - theirs) < 0.005, "log-loss \(ours) vs scikit-learn \(theirs)")
  }
}
