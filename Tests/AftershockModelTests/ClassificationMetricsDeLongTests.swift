import Foundation
import Testing

@testable import AftershockModel

/// `ClassificationMetrics.pairedAUCDifference` (DeLong's paired standard error).
struct ClassificationMetricsDeLongTests {
  @Test func handWorkedExample() throws {
    // AUCs 3/4 and 1. Components of the difference: positives [0, -1/2], negatives [-1/2, 0];
    // each sample variance is 1/8, so the variance is 1/8 / 2 + 1/8 / 2 = 1/8.
    let labels = [true, true, false, false]
    let result = try ClassificationMetrics.pairedAUCDifference([0.9, 0.4, 0.5, 0.1], [0.8, 0.7, 0.3, 0.2], labels)
    #expect(abs(result.difference + 0.25) < 1e-15)
    #expect(abs(result.standardError - (1.0 / 8).squareRoot()) < 1e-15)
  }

  @Test func midranksAgreeWithThePairwiseDefinitionWithTies() throws {
    // DeLong et al. (1988) define the components pairwise: V10(x) = mean over negatives y of
    // psi(x, y), psi = 1 if x > y, 1/2 if tied, 0 otherwise; checked against that, O(m n).
    var random = BoostTestRandom(seed: 21)
    let labels = (0..<300).map { _ in random.unit() < 0.3 }
    let first = labels.map { (($0 ? 0.6 : 0.4) + random.unit()).rounded(toPlaces: 1) }
    let second = zip(first, labels).map { ($0 + 0.5 * random.unit() + ($1 ? 0.1 : 0)).rounded(toPlaces: 1) }
    let positives = labels.indices.filter { labels[$0] }
    let negatives = labels.indices.filter { !labels[$0] }
    func psi(_ x: Double, _ y: Double) -> Double { x > y ? 1 : (x == y ? 0.5 : 0) }
    func components(_ s: [Double]) -> ([Double], [Double]) {
      (
        positives.map { i in negatives.reduce(0) { $0 + psi(s[i], s[$1]) } / Double(negatives.count) },
        negatives.map { j in positives.reduce(0) { $0 + psi(s[$1], s[j]) } / Double(positives.count) }
      )
    }
    func variance(_ v: [Double]) -> Double {
      let mean = v.reduce(0, +) / Double(v.count)
      return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
    }
    let (a10, a01) = components(first)
    let (b10, b01) = components(second)
    let d10 = zip(a10, b10).map { $0 - $1 }
    let d01 = zip(a01, b01).map { $0 - $1 }
    let expectedSE = (variance(d10) / Double(positives.count) + variance(d01) / Double(negatives.count)).squareRoot()

    let result = try ClassificationMetrics.pairedAUCDifference(first, second, labels)
    let aucDifference = try ClassificationMetrics.rocAUC(first, labels) - ClassificationMetrics.rocAUC(second, labels)
    #expect(abs(result.difference - aucDifference) < 1e-12)
    #expect(abs(result.standardError - expectedSE) < 1e-12, "\(result.standardError) vs \(expectedSE)")
  }

  @Test func identicalScoresDifferByZeroWithZeroError() throws {
    let labels = [true, false, true, false, false]
    let scores = [0.9, 0.2, 0.6, 0.6, 0.1]
    let result = try ClassificationMetrics.pairedAUCDifference(scores, scores, labels)
    #expect(result.difference == 0 && result.standardError == 0)
  }
}

extension Double {
  fileprivate func rounded(toPlaces places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (self * scale).rounded() / scale
  }
}
