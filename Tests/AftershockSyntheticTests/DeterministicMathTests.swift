import Foundation
import Testing

@testable import AftershockSynthetic

@Suite struct DeterministicMathTests {
  /// Our arithmetic-only functions against the C library's, within 4e-15 relative error.
  @Test func expAndLogAgreeWithTheCLibrary() {
    var random = SyntheticRandom(seed: 11)
    for _ in 0..<20_000 {
      let x = (random.uniform() - 0.5) * 80
      let expected = Foundation.exp(x)
      #expect(abs(DeterministicMath.exp(x) - expected) <= 4e-15 * expected, "exp(\(x))")
      let y = Foundation.exp((random.uniform() - 0.5) * 600)
      let expectedLog = Foundation.log(y)
      #expect(abs(DeterministicMath.log(y) - expectedLog) <= 4e-15 * max(1, abs(expectedLog)), "log(\(y))")
    }
    #expect(DeterministicMath.log(1) == 0)
    #expect(DeterministicMath.exp(0) == 1)
    #expect(abs(DeterministicMath.log1p(1e-12) - 1e-12) < 1e-24)
    // A subnormal (about 5e-320; a literal that small draws an underflow warning).
    let subnormal = Double.leastNonzeroMagnitude * 10_000
    #expect(subnormal < Double.leastNormalMagnitude)
    #expect(abs(DeterministicMath.log(subnormal) - Foundation.log(subnormal)) < 1e-12)
  }

  @Test func logisticAndTanhAreBoundedAndSymmetric() {
    #expect(DeterministicMath.logistic(0) == 0.5)
    #expect(abs(DeterministicMath.logistic(3) + DeterministicMath.logistic(-3) - 1) < 1e-15)
    #expect(DeterministicMath.logistic(-800) == 0)
    #expect(DeterministicMath.tanh(50) == 1)
    #expect(abs(DeterministicMath.tanh(0.5) - Foundation.tanh(0.5)) < 1e-15)
  }
}
