/// One node of a boosted regression tree (a leaf when `feature < 0`).
package struct BoostedTreeNode: Sendable, Equatable {
  /// Split feature, or -1 for a leaf.
  package var feature: Int32 = -1
  /// Whether the split tests category membership instead of a threshold.
  package var isCategorical = false
  /// Where missing values (NaN, and for categories any value that is not a code) go.
  package var missingGoesLeft = false
  /// Numeric split: bins `<= thresholdBin` go left.
  package var thresholdBin: UInt8 = 0
  /// Left child index.
  package var left: Int32 = -1
  /// Right child index.
  package var right: Int32 = -1
  /// Numeric split: values `<= threshold` go left.
  package var threshold: Double = 0
  /// Leaf value in margin units, shrinkage included (for split nodes, the value the node had as a leaf).
  package var value: Double = 0
  /// Hessian sum of the training rows that reached the node (TreeSHAP's cover).
  package var cover: Double = 0
  /// Number of training rows that reached the node.
  package var sampleCount: Int32 = 0
  /// Loss reduction of the split (0 for a leaf).
  package var gain: Double = 0
  /// Categorical split: the codes that go left, as a 256-bit set (bit 255 is the missing bin).
  package var categoriesLeft = SIMD4<UInt64>(repeating: 0)

  /// Whether the node is a leaf.
  package var isLeaf: Bool { feature < 0 }

  /// Whether a raw value goes to the left child.
  @inline(__always)
  package func goesLeft(value x: Double) -> Bool {
    if isCategorical {
      guard FeatureBins.isCategoryCode(x) else { return missingGoesLeft }
      return BoostedTreeNode.contains(categoriesLeft, Int(x))
    }
    if x.isNaN { return missingGoesLeft }
    return x <= threshold
  }

  /// Whether a bin code goes to the left child.
  @inline(__always)
  func goesLeft(bin: Int, missingBin: Int) -> Bool {
    if isCategorical { return BoostedTreeNode.contains(categoriesLeft, bin) }
    if bin == missingBin { return missingGoesLeft }
    return bin <= Int(thresholdBin)
  }

  @inline(__always)
  static func contains(_ set: SIMD4<UInt64>, _ bit: Int) -> Bool {
    (set[bit >> 6] >> UInt64(bit & 63)) & 1 == 1
  }
}

/// A fitted regression tree of a boosted ensemble, nodes in growth order from the root at 0.
package struct BoostedTree: Sendable, Equatable {
  /// The nodes; children always come after their parent.
  package var nodes: [BoostedTreeNode]

  /// Index of the leaf a row of raw values reaches.
  @inline(__always)
  func leafIndex(_ values: UnsafeBufferPointer<Double>, rowCount: Int, row: Int) -> Int {
    var index = 0
    while true {
      let node = nodes[index]
      if node.feature < 0 { return index }
      let x = values[Int(node.feature) * rowCount + row]
      index = Int(node.goesLeft(value: x) ? node.left : node.right)
    }
  }

  /// The tree's output for a row of bin codes.
  @inline(__always)
  func predictBinned(_ codes: UnsafeBufferPointer<UInt8>, rowCount: Int, row: Int, missingBins: [Int]) -> Double {
    var index = 0
    while true {
      let node = nodes[index]
      if node.feature < 0 { return node.value }
      let feature = Int(node.feature)
      let bin = Int(codes[feature * rowCount + row])
      index = Int(node.goesLeft(bin: bin, missingBin: missingBins[feature]) ? node.left : node.right)
    }
  }

  /// Largest depth of a leaf (a single leaf has depth 0).
  var depth: Int {
    var depths = [Int](repeating: 0, count: nodes.count)
    var deepest = 0
    for (index, node) in nodes.enumerated() where !node.isLeaf {
      depths[Int(node.left)] = depths[index] + 1
      depths[Int(node.right)] = depths[index] + 1
      deepest = max(deepest, depths[index] + 1)
    }
    return deepest
  }
}
