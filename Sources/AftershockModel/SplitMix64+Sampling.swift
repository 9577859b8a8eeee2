extension SplitMix64 {
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
