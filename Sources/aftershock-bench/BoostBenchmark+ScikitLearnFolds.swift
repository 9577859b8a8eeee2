/// scikit-learn's `StratifiedKFold(n_splits, shuffle=True, random_state=seed)` reproduced exactly
/// (numpy's legacy `RandomState` Mersenne Twister and its `shuffle`), so the benchmark scores the
/// very folds `Scripts/gbdt_sklearn.py` uses and the two AUCs are compared on the same rows.
enum ScikitLearnFolds {
  /// Test-fold number of every row.
  static func stratifiedKFold(labels: [Bool], splits: Int, seed: UInt32) -> [Int] {
    guard let first = labels.first else { return [] }
    // Classes are numbered in order of first appearance (np.unique on first indices).
    let encoded = labels.map { $0 == first ? 0 : 1 }
    let classCount = Set(encoded).count
    let sorted = encoded.sorted()
    // allocation[i][k] = count of class k in sorted[i::splits]
    var allocation = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: splits)
    for (index, cls) in sorted.enumerated() { allocation[index % splits][cls] += 1 }
    var twister = MersenneTwister(seed: seed)
    var folds = [Int](repeating: 0, count: labels.count)
    for cls in 0..<classCount {
      var foldsForClass: [Int] = []
      for fold in 0..<splits {
        foldsForClass.append(contentsOf: repeatElement(fold, count: allocation[fold][cls]))
      }
      // RandomState.shuffle: Fisher–Yates from the end with random_interval.
      var i = foldsForClass.count - 1
      while i >= 1 {
        foldsForClass.swapAt(i, twister.interval(upTo: UInt32(i)))
        i -= 1
      }
      var position = 0
      for row in encoded.indices where encoded[row] == cls {
        folds[row] = foldsForClass[position]
        position += 1
      }
    }
    return folds
  }

  /// MT19937 seeded as numpy's `RandomState(seed)` (init_genrand).
  struct MersenneTwister {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 624

    init(seed: UInt32) {
      state[0] = seed
      for position in 1..<624 {
        let previous = state[position - 1]
        state[position] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(position)
      }
    }

    mutating func next() -> UInt32 {
      if index >= 624 {
        for k in 0..<624 {
          let y = (state[k] & 0x8000_0000) | (state[(k + 1) % 624] & 0x7FFF_FFFF)
          state[k] = state[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 1 ? 0x9908_B0DF : 0)
        }
        index = 0
      }
      var y = state[index]
      index += 1
      y ^= y >> 11
      y ^= (y << 7) & 0x9D2C_5680
      y ^= (y << 15) & 0xEFC6_0000
      y ^= y >> 18
      return y
    }

    /// numpy's `random_interval(max)`: a uniform integer in 0...max by masked rejection.
    mutating func interval(upTo max: UInt32) -> Int {
      if max == 0 { return 0 }
      var mask = max
      mask |= mask >> 1
      mask |= mask >> 2
      mask |= mask >> 4
      mask |= mask >> 8
      mask |= mask >> 16
      var value = next() & mask
      while value > max { value = next() & mask }
      return Int(value)
    }
  }
}
