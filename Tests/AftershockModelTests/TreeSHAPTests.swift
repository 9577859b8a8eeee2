import Foundation
import Testing

@testable import AftershockModel

@Suite struct TreeSHAPTests {
  @Test func contributionsPlusExpectedValueEqualTheMarginForEveryRow() throws {
    let (training, labels) = try boostMixedTable(rows: 1_200, seed: 11)
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 40
    let model = try GradientBoostingClassifier(configuration: configuration).fit(training, labels: labels)
    let (test, _) = try boostMixedTable(rows: 500, seed: 12)
    for features in [training, test] {
      let contributions = try model.contributions(features)
      let margins = try model.predictMargins(features)
      for row in 0..<features.rowCount {
        let total = contributions.row(row).reduce(contributions.expectedValue, +)
        // Tolerance: 1e-9 relative to the margin (absolute below |margin| = 1).
        #expect(abs(total - margins[row]) <= 1e-9 * max(1, abs(margins[row])), "row \(row)")
      }
    }
  }

  @Test func singleSplitTreeGivesTheHandComputedValues() throws {
    // One split at x <= 29.5: 30 rows left, 70 right; every hessian is p(1-p), so cover ∝ rows.
    let x = (0..<100).map(Double.init)
    let other = x.map { Double(Int($0) % 7) }
    let labels = x.map { ($0 >= 30) != (Int($0) % 10 == 5) }
    let model = try GradientBoostingClassifier(configuration: singleSplitConfiguration())
      .fit(boostFeatures([x, other]), labels: labels)
    let nodes = model.trees[0].nodes
    #expect(nodes[0].feature == 0 && nodes[0].threshold == 29.5)
    let leftValue = nodes[Int(nodes[0].left)].value
    let rightValue = nodes[Int(nodes[0].right)].value
    let mean = (30 * leftValue + 70 * rightValue) / 100
    let contributions = try model.contributions(boostFeatures([[3, 80], [1, 1]]))
    #expect(abs(contributions.expectedValue - (model.baseline + mean)) < 1e-12)
    #expect(abs(contributions[0, 0] - (leftValue - mean)) < 1e-12)
    #expect(abs(contributions[1, 0] - (rightValue - mean)) < 1e-12)
    #expect(contributions[0, 1] == 0 && contributions[1, 1] == 0)
  }

  @Test func matchesBruteForceShapleyValuesOnSmallTrees() throws {
    // Exact Shapley values of E[f(x) | x_S] (cover-weighted, Lundberg et al. Algorithm 1),
    // summed over all 2^(M-1) coalitions: an independent check of the path algorithm,
    // including features used more than once on a path.
    let (features, labels) = try boostMixedTable(rows: 800, seed: 21)
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 6
    configuration.maxLeafNodes = 12
    let model = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    let featureCount = features.featureCount
    let contributions = try model.contributions(features)

    func expectation(_ tree: BoostedTree, _ row: [Double], known: Set<Int>, node: Int = 0) -> Double {
      let current = tree.nodes[node]
      if current.isLeaf { return current.value }
      let left = Int(current.left)
      let right = Int(current.right)
      if known.contains(Int(current.feature)) {
        return expectation(
          tree, row, known: known, node: current.goesLeft(value: row[Int(current.feature)]) ? left : right)
      }
      return
        (tree.nodes[left].cover * expectation(tree, row, known: known, node: left)
        + tree.nodes[right].cover * expectation(tree, row, known: known, node: right)) / current.cover
    }
    func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }

    for row in stride(from: 0, to: features.rowCount, by: 37) {
      let values = (0..<featureCount).map { features[row, $0] }
      for feature in 0..<featureCount {
        let others = (0..<featureCount).filter { $0 != feature }
        var phi = 0.0
        for mask in 0..<(1 << others.count) {
          let coalition = Set(others.indices.filter { mask & (1 << $0) != 0 }.map { others[$0] })
          let weight =
            factorial(coalition.count) * factorial(featureCount - coalition.count - 1) / factorial(featureCount)
          for tree in model.trees {
            phi +=
              weight
              * (expectation(tree, values, known: coalition.union([feature]))
                - expectation(tree, values, known: coalition))
          }
        }
        #expect(abs(contributions[row, feature] - phi) < 1e-10, "row \(row) feature \(feature)")
      }
    }
  }

  @Test func globalImportanceIsTheMeanAbsoluteContribution() throws {
    let (features, labels) = try boostMixedTable(rows: 600, seed: 8)
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 20
    let model = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    let contributions = try model.contributions(features)
    let importance = contributions.meanAbsolute()
    for feature in 0..<features.featureCount {
      let mean =
        (0..<features.rowCount).reduce(0.0) { $0 + abs(contributions[$1, feature]) } / Double(features.rowCount)
      #expect(abs(importance[feature] - mean) < 1e-12)
    }
    // The pure-noise column (3) matters least; the gain importance sums to one.
    #expect(importance[3] < importance[0] && importance[3] < importance[2])
    #expect(abs(model.gainImportance().reduce(0, +) - 1) < 1e-12)
  }
}
