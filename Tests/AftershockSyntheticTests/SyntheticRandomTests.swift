import Foundation
import Testing

@testable import AftershockSynthetic

@Suite struct SyntheticRandomTests {
  @Test func splitMix64MatchesTheReferenceStream() {
    // Reference values: Vigna's splitmix64.c from state 0 (also computed by an independent Python port).
    var state: UInt64 = 0
    #expect(SyntheticRandom.splitMix64(&state) == 0xE220_A839_7B1D_CDAF)
    #expect(SyntheticRandom.splitMix64(&state) == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func xoshiroMatchesAnIndependentPort() {
    // First outputs of xoshiro256** seeded by SplitMix64(42), from a Python port of the reference C code.
    var random = SyntheticRandom(seed: 42)
    #expect(random.next() == 0x1578_0B2E_0C2E_C716)
    #expect(random.next() == 0x6104_D986_6D11_3A7E)
    #expect(random.next() == 0xAE17_5332_39E4_99A1)
  }

  @Test func streamsOfNeighbouringAccountsDiffer() {
    var first = SyntheticRandom(seed: 42, stream: 1)
    var second = SyntheticRandom(seed: 42, stream: 2)
    #expect(first.next() != second.next())
  }

  /// Sample moments of each draw against the distribution's; tolerances are about 5 standard errors.
  @Test func drawsHaveTheirDocumentedMoments() {
    let seed: UInt64 = 7
    var random = SyntheticRandom(seed: seed)
    let count = 40_000
    func moments(_ draw: (inout SyntheticRandom) -> Double) -> (mean: Double, variance: Double) {
      var sum = 0.0
      var squares = 0.0
      for _ in 0..<count {
        let value = draw(&random)
        sum += value
        squares += value * value
      }
      let mean = sum / Double(count)
      return (mean, squares / Double(count) - mean * mean)
    }
    let uniform = moments { $0.uniform() }
    #expect(abs(uniform.mean - 0.5) < 0.008, "seed \(seed)")
    let normal = moments { $0.normal(mean: 2, standardDeviation: 3) }
    #expect(abs(normal.mean - 2) < 0.08 && abs(normal.variance - 9) < 0.35, "seed \(seed): \(normal)")
    let poisson = moments { Double($0.poisson(mean: 2.5)) }
    #expect(abs(poisson.mean - 2.5) < 0.04 && abs(poisson.variance - 2.5) < 0.12, "seed \(seed): \(poisson)")
    let largePoisson = moments { Double($0.poisson(mean: 60)) }
    #expect(abs(largePoisson.mean - 60) < 0.25, "seed \(seed): \(largePoisson)")
    let beta = moments { $0.beta(2, 5) }  // mean 2/7, variance 10/392
    #expect(abs(beta.mean - 2.0 / 7) < 0.004 && abs(beta.variance - 10.0 / 392) < 0.001, "seed \(seed): \(beta)")
    let smallBeta = moments { $0.beta(0.5, 0.5) }  // arcsine: mean 1/2, variance 1/8
    #expect(abs(smallBeta.mean - 0.5) < 0.01 && abs(smallBeta.variance - 0.125) < 0.004, "seed \(seed)")
    let logNormal = moments { DeterministicMath.log($0.logNormal(median: 100, sigma: 0.5)) }
    #expect(abs(logNormal.mean - DeterministicMath.log(100)) < 0.01, "seed \(seed): \(logNormal)")
  }

  @Test func belowCoversItsRangeEvenly() {
    var random = SyntheticRandom(seed: 3)
    var counts = [Int](repeating: 0, count: 7)
    for _ in 0..<70_000 { counts[random.below(7)] += 1 }
    for count in counts { #expect(abs(count - 10_000) < 500, "\(counts)") }
  }
}
