/// SplitMix64: a small, fast, seedable generator so that fits are reproducible on every platform.
struct BoostingRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-shift; bias below 2^-32 for our sizes).
  mutating func nextIndex(below bound: Int) -> Int {
    Int(((next() >> 32) &* UInt64(bound)) >> 32)
  }

  /// Shuffles in place (Fisher–Yates), the same way on every platform.
  mutating func shuffle<T>(_ array: inout [T]) {
    var index = array.count - 1
    while index > 0 {
      let other = nextIndex(below: index + 1)
      array.swapAt(index, other)
      index -= 1
    }
  }
}
