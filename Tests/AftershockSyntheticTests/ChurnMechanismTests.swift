import AftershockSynthetic
import Foundation
import Testing

/// The documented churn equation is learnable from the truth file: a plain logistic regression
/// (Newton–Raphson, written here independently of the generator) recovers every sign.
@Suite struct ChurnMechanismTests {
  @Test func fittedLogisticRegressionRecoversEverySign() throws {
    let sample = try GeneratedSample.load()
    let names = ChurnMechanism.coefficients.map(\.feature)
    let rows = sample.accountsTruth.map { row in [1.0] + names.map { Double(row[$0] ?? "") ?? .nan } }
    let outcomes = sample.accountsTruth.map { $0["churned_outcome"] == "true" ? 1.0 : 0.0 }
    let weights = Self.fitLogistic(rows, outcomes, iterations: 12)
    for (index, coefficient) in ChurnMechanism.coefficients.enumerated() {
      let fitted = weights[index + 1]
      #expect(
        (fitted > 0) == (coefficient.value > 0),
        "\(coefficient.feature): fitted \(fitted), generating coefficient \(coefficient.value)")
    }
    // The fitted model ranks accounts almost as well as the true probabilities (ROC AUC within 0.02).
    let fittedScores = rows.map { row in zip(row, weights).reduce(0) { $0 + $1.0 * $1.1 } }
    let trueScores = sample.accountsTruth.map { Double($0["churn_probability"] ?? "") ?? .nan }
    let fittedAUC = Self.rocAUC(fittedScores, outcomes)
    let trueAUC = Self.rocAUC(trueScores, outcomes)
    #expect(abs(trueAUC - fittedAUC) < 0.02, "AUC fitted \(fittedAUC) vs true \(trueAUC)")
    #expect(trueAUC > 0.75, "the mechanism separates churners from stayers (AUC \(trueAUC))")
  }

  /// Newton–Raphson for logistic regression (unpenalised), solving each step by Gaussian elimination.
  static func fitLogistic(_ rows: [[Double]], _ outcomes: [Double], iterations: Int) -> [Double] {
    let width = rows[0].count
    var weights = [Double](repeating: 0, count: width)
    for _ in 0..<iterations {
      var gradient = [Double](repeating: 0, count: width)
      var hessian = [[Double]](repeating: [Double](repeating: 0, count: width), count: width)
      for (row, outcome) in zip(rows, outcomes) {
        let logit = zip(row, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let probability = 1 / (1 + exp(-logit))
        let variance = probability * (1 - probability)
        for i in 0..<width {
          gradient[i] += (outcome - probability) * row[i]
          for j in 0..<width { hessian[i][j] += variance * row[i] * row[j] }
        }
      }
      let step = solve(hessian, gradient)
      for i in 0..<width { weights[i] += step[i] }
    }
    return weights
  }

  static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
    var a = matrix
    var b = vector
    let n = b.count
    for column in 0..<n {
      let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) } ?? column
      a.swapAt(column, pivot)
      b.swapAt(column, pivot)
      for row in (column + 1)..<n {
        let factor = a[row][column] / a[column][column]
        for k in column..<n { a[row][k] -= factor * a[column][k] }
        b[row] -= factor * b[column]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
      var sum = b[row]
      for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
      x[row] = sum / a[row][row]
    }
    return x
  }

  /// ROC AUC as the Mann–Whitney statistic (ties count one half).
  static func rocAUC(_ scores: [Double], _ outcomes: [Double]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSumPositive = 0.0
    var index = 0
    while index < order.count {
      var end = index
      while end + 1 < order.count && scores[order[end + 1]] == scores[order[index]] { end += 1 }
      let averageRank = Double(index + end) / 2 + 1
      for k in index...end where outcomes[order[k]] == 1 { rankSumPositive += averageRank }
      index = end + 1
    }
    let positives = outcomes.reduce(0, +)
    let negatives = Double(outcomes.count) - positives
    return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives)
  }
}
