/// A small, fast, seedable random generator (SplitMix64) so Monte Carlo results are reproducible.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Starts the sequence from `seed`.
  package init(seed: UInt64) { state = seed }

  /// Returns the next 64 random bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform draw in [0, 1) with 53 random bits.
  package mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }
}
