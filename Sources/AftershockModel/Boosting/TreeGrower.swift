import Dispatch

/// Gradient and hessian sums of the rows that fall in one histogram bin.
struct HistogramBin {
  var gradient: Double
  var hessian: Double
  var count: Double
}

/// The best split found for a node.
struct SplitCandidate {
  var gain: Double = 0
  var feature = -1
  var thresholdBin = 0
  var missingGoesLeft = false
  var isCategorical = false
  var categoriesLeft = SIMD4<UInt64>(repeating: 0)
  var leftGradient: Double = 0
  var leftHessian: Double = 0
  var leftCount: Double = 0

  var isValid: Bool { feature >= 0 }
}

/// Grows one regression tree leaf-wise (best-first) on binned features from gradients and hessians,
/// as LightGBM and scikit-learn's `TreeGrower` do: histograms per node, the smaller child built
/// from its rows and the larger one obtained by subtracting it from the parent's histogram.
///
/// A grower is reused across boosting iterations so its buffers are allocated once.
final class TreeGrower {
  /// A leaf of the tree being grown, with its rows `partition[start..<end]`.
  private struct OpenNode {
    var node: Int
    var start: Int
    var end: Int
    var depth: Int
    var gradient: Double
    var hessian: Double
    var count: Double
    var histogramSlot: Int
    var split: SplitCandidate
  }

  /// Where a finished leaf's rows sit in `partition`.
  struct LeafRows {
    var node: Int
    var start: Int
    var end: Int
  }

  private let codes: [UInt8]
  private let rowCount: Int
  private let bins: [FeatureBins]
  private let missingBins: [Int]
  private let offsets: [Int]
  private let binCounts: [Int]
  private let totalBins: Int
  private let configuration: GradientBoostingConfiguration
  private let categoricalSupport = 10.0
  private let maxCategoriesScanned = 32

  /// Row indices, grouped so that every node owns a contiguous range.
  private(set) var partition: [Int32]
  private var scratch: [Int32]
  private var ordered: [Double]
  private var slots: [UnsafeMutablePointer<HistogramBin>] = []
  private var freeSlots: [Int] = []

  init(codes: [UInt8], rowCount: Int, bins: [FeatureBins], configuration: GradientBoostingConfiguration) {
    self.codes = codes
    self.rowCount = rowCount
    self.bins = bins
    self.missingBins = bins.map(\.missingBin)
    var offsets: [Int] = []
    var total = 0
    for binning in bins {
      offsets.append(total)
      total += binning.nonMissingBinCount + 1
    }
    self.offsets = offsets
    self.binCounts = bins.map { $0.nonMissingBinCount + 1 }
    self.totalBins = total
    self.configuration = configuration
    self.partition = [Int32](repeating: 0, count: rowCount)
    self.scratch = [Int32](repeating: 0, count: rowCount)
    self.ordered = [Double](repeating: 0, count: 2 * rowCount)
  }

  deinit {
    for slot in slots { slot.deallocate() }
  }

  private func takeSlot() -> Int {
    if let slot = freeSlots.popLast() { return slot }
    slots.append(UnsafeMutablePointer<HistogramBin>.allocate(capacity: max(totalBins, 1)))
    return slots.count - 1
  }

  /// Grows a tree on the given rows (all rows when `rows` is nil).
  ///
  /// - Returns: the tree (leaf values shrunk by the learning rate) and where each leaf's rows sit
  ///   in `partition`.
  func grow(gradients: [Double], hessians: [Double], rows: [Int32]?) -> (tree: BoostedTree, leaves: [LeafRows]) {
    let rootCount: Int
    if let rows {
      rootCount = rows.count
      partition.withUnsafeMutableBufferPointer { target in
        for (index, row) in rows.enumerated() { target[index] = row }
      }
    } else {
      rootCount = rowCount
      partition.withUnsafeMutableBufferPointer { target in
        for index in 0..<rowCount { target[index] = Int32(index) }
      }
    }
    freeSlots = Array(slots.indices.reversed())

    var nodes: [BoostedTreeNode] = []
    var leaves: [LeafRows] = []
    var open: [OpenNode] = []
    let maxLeaves = configuration.maxLeafNodes ?? Int.max
    let lambda = configuration.l2Regularization
    let learningRate = configuration.learningRate

    func leafValue(_ gradient: Double, _ hessian: Double) -> Double {
      -gradient / (hessian + lambda + 1e-15) * learningRate
    }
    func canSplit(count: Int, depth: Int) -> Bool {
      count >= 2 * configuration.minSamplesLeaf && depth < (configuration.maxDepth ?? Int.max)
    }

    // Root.
    var rootGradient = 0.0
    var rootHessian = 0.0
    partition.withUnsafeBufferPointer { part in
      for index in 0..<rootCount {
        let row = Int(part[index])
        rootGradient += gradients[row]
        rootHessian += hessians[row]
      }
    }
    nodes.append(
      BoostedTreeNode(
        value: leafValue(rootGradient, rootHessian), cover: rootHessian, sampleCount: Int32(rootCount)))
    var root = OpenNode(
      node: 0, start: 0, end: rootCount, depth: 0, gradient: rootGradient, hessian: rootHessian,
      count: Double(rootCount), histogramSlot: -1, split: SplitCandidate())
    if canSplit(count: rootCount, depth: 0) && maxLeaves > 1 {
      root.histogramSlot = takeSlot()
      buildHistogram(slot: root.histogramSlot, start: 0, end: rootCount, gradients: gradients, hessians: hessians)
      root.split = findBestSplit(
        slot: root.histogramSlot, gradient: rootGradient, hessian: rootHessian, count: Double(rootCount))
    }
    if root.split.isValid {
      open.append(root)
    } else {
      if root.histogramSlot >= 0 { freeSlots.append(root.histogramSlot) }
      leaves.append(LeafRows(node: 0, start: 0, end: rootCount))
    }

    var leafCount = 1
    while leafCount < maxLeaves, !open.isEmpty {
      // Best-first: the open leaf with the largest gain (first one on ties).
      var best = 0
      for index in 1..<open.count where open[index].split.gain > open[best].split.gain { best = index }
      let parent = open.remove(at: best)
      let split = parent.split
      let leftCount = partitionRows(parent, split: split)
      let rightCount = parent.end - parent.start - leftCount
      leafCount += 1

      let leftGradient = split.leftGradient
      let leftHessian = split.leftHessian
      let rightGradient = parent.gradient - leftGradient
      let rightHessian = parent.hessian - leftHessian
      let leftIndex = nodes.count
      let rightIndex = nodes.count + 1
      nodes[parent.node].feature = Int32(split.feature)
      nodes[parent.node].isCategorical = split.isCategorical
      nodes[parent.node].missingGoesLeft = split.missingGoesLeft
      nodes[parent.node].thresholdBin = UInt8(split.thresholdBin)
      nodes[parent.node].categoriesLeft = split.categoriesLeft
      nodes[parent.node].gain = split.gain
      nodes[parent.node].left = Int32(leftIndex)
      nodes[parent.node].right = Int32(rightIndex)
      if !split.isCategorical {
        let edges = bins[split.feature].thresholds
        // "Every present value left, missing right" has no edge: use the largest finite number
        // so the JSON form stays finite.
        nodes[parent.node].threshold =
          split.thresholdBin < edges.count ? edges[split.thresholdBin] : .greatestFiniteMagnitude
      }
      nodes.append(
        BoostedTreeNode(
          value: leafValue(leftGradient, leftHessian), cover: leftHessian, sampleCount: Int32(leftCount)))
      nodes.append(
        BoostedTreeNode(
          value: leafValue(rightGradient, rightHessian), cover: rightHessian, sampleCount: Int32(rightCount)))

      var left = OpenNode(
        node: leftIndex, start: parent.start, end: parent.start + leftCount, depth: parent.depth + 1,
        gradient: leftGradient, hessian: leftHessian, count: Double(leftCount), histogramSlot: -1,
        split: SplitCandidate())
      var right = OpenNode(
        node: rightIndex, start: parent.start + leftCount, end: parent.end, depth: parent.depth + 1,
        gradient: rightGradient, hessian: rightHessian, count: Double(rightCount), histogramSlot: -1,
        split: SplitCandidate())

      let budgetLeft = leafCount < maxLeaves
      let leftSplittable = budgetLeft && canSplit(count: leftCount, depth: left.depth)
      let rightSplittable = budgetLeft && canSplit(count: rightCount, depth: right.depth)
      if leftSplittable || rightSplittable {
        // Build the smaller child; the larger is the parent minus it (in the parent's buffer).
        let leftIsSmaller = leftCount <= rightCount
        let smallSlot = takeSlot()
        if leftIsSmaller {
          buildHistogram(slot: smallSlot, start: left.start, end: left.end, gradients: gradients, hessians: hessians)
          left.histogramSlot = smallSlot
          if rightSplittable {
            subtract(smallSlot, from: parent.histogramSlot)
            right.histogramSlot = parent.histogramSlot
          } else {
            freeSlots.append(parent.histogramSlot)
          }
        } else {
          buildHistogram(slot: smallSlot, start: right.start, end: right.end, gradients: gradients, hessians: hessians)
          right.histogramSlot = smallSlot
          if leftSplittable {
            subtract(smallSlot, from: parent.histogramSlot)
            left.histogramSlot = parent.histogramSlot
          } else {
            freeSlots.append(parent.histogramSlot)
          }
        }
        if leftSplittable {
          left.split = findBestSplit(
            slot: left.histogramSlot, gradient: leftGradient, hessian: leftHessian, count: left.count)
        }
        if rightSplittable {
          right.split = findBestSplit(
            slot: right.histogramSlot, gradient: rightGradient, hessian: rightHessian, count: right.count)
        }
      } else {
        freeSlots.append(parent.histogramSlot)
      }
      for child in [left, right] {
        if child.split.isValid {
          open.append(child)
        } else {
          if child.histogramSlot >= 0 { freeSlots.append(child.histogramSlot) }
          leaves.append(LeafRows(node: child.node, start: child.start, end: child.end))
        }
      }
    }
    for node in open { leaves.append(LeafRows(node: node.node, start: node.start, end: node.end)) }

    // Make every split node's cover exactly the sum of its children's (TreeSHAP's weights then
    // sum to one at every node, so contributions add up to the margin to rounding).
    for index in stride(from: nodes.count - 1, through: 0, by: -1) where !nodes[index].isLeaf {
      nodes[index].cover = nodes[Int(nodes[index].left)].cover + nodes[Int(nodes[index].right)].cover
    }
    return (BoostedTree(nodes: nodes), leaves)
  }

  // MARK: Histograms

  private func buildHistogram(slot: Int, start: Int, end: Int, gradients: [Double], hessians: [Double]) {
    let histogram = slots[slot]
    histogram.initialize(repeating: HistogramBin(gradient: 0, hessian: 0, count: 0), count: totalBins)
    let count = end - start
    let featureCount = bins.count
    partition.withUnsafeBufferPointer { part in
      ordered.withUnsafeMutableBufferPointer { orderedBuffer in
        gradients.withUnsafeBufferPointer { g in
          hessians.withUnsafeBufferPointer { h in
            for k in 0..<count {
              let row = Int(part[start + k])
              orderedBuffer[2 * k] = g[row]
              orderedBuffer[2 * k + 1] = h[row]
            }
          }
        }
      }
    }
    partition.withUnsafeBufferPointer { part in
      ordered.withUnsafeBufferPointer { orderedBuffer in
        codes.withUnsafeBufferPointer { codeBuffer in
          let rows = UnsafeBufferPointer(rebasing: part[start..<end])
          let work = HistogramWork(
            rows: rows, ordered: orderedBuffer, codes: codeBuffer, rowCount: rowCount, histogram: histogram)
          if count * featureCount >= configuration.parallelCellThreshold && featureCount > 1 {
            let offsets = self.offsets
            let binCounts = self.binCounts
            DispatchQueue.concurrentPerform(iterations: featureCount) { feature in
              work.accumulate(feature: feature, offset: offsets[feature], binCount: binCounts[feature])
            }
          } else {
            for feature in 0..<featureCount {
              work.accumulate(feature: feature, offset: offsets[feature], binCount: binCounts[feature])
            }
          }
        }
      }
    }
  }

  private func subtract(_ small: Int, from parent: Int) {
    let smallBins = slots[small]
    let parentBins = slots[parent]
    for index in 0..<totalBins {
      parentBins[index].gradient -= smallBins[index].gradient
      parentBins[index].hessian -= smallBins[index].hessian
      parentBins[index].count -= smallBins[index].count
    }
  }

  // MARK: Partition

  /// Reorders the parent's rows so that left rows come first (stable); returns the left count.
  ///
  /// Branch-free: every row is written to both outputs and only the matching cursor advances,
  /// with the direction of each of the 256 bin codes looked up in a table.
  private func partitionRows(_ parent: OpenNode, split: SplitCandidate) -> Int {
    let feature = split.feature
    let missingBin = missingBins[feature]
    var node = BoostedTreeNode()
    node.isCategorical = split.isCategorical
    node.missingGoesLeft = split.missingGoesLeft
    node.thresholdBin = UInt8(split.thresholdBin)
    node.categoriesLeft = split.categoriesLeft
    var leftCount = 0
    var rightCount = 0
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { table in
      for bin in 0..<256 { table[bin] = node.goesLeft(bin: bin, missingBin: missingBin) ? 1 : 0 }
      partition.withUnsafeMutableBufferPointer { part in
        scratch.withUnsafeMutableBufferPointer { spare in
          codes.withUnsafeBufferPointer { codeBuffer in
            let column = codeBuffer.baseAddress! + feature * rowCount
            let left = part.baseAddress! + parent.start
            let right = spare.baseAddress!
            for k in parent.start..<parent.end {
              let row = part[k]
              let goesLeft = table[Int(column[Int(row)])]
              left[leftCount] = row
              right[rightCount] = row
              leftCount += goesLeft
              rightCount += 1 - goesLeft
            }
            for k in 0..<rightCount { left[leftCount + k] = right[k] }
          }
        }
      }
    }
    return leftCount
  }

  // MARK: Split finding

  private func findBestSplit(slot: Int, gradient: Double, hessian: Double, count: Double) -> SplitCandidate {
    var best = SplitCandidate()
    let histogram = slots[slot]
    let lambda = configuration.l2Regularization
    let parentScore = gradient * gradient / (hessian + lambda + 1e-15)
    for feature in bins.indices {
      let bins = UnsafeBufferPointer(
        start: histogram + offsets[feature], count: self.bins[feature].nonMissingBinCount + 1)
      if self.bins[feature].kind == .categorical {
        findCategoricalSplit(
          feature: feature, bins: bins, gradient: gradient, hessian: hessian, count: count,
          parentScore: parentScore, best: &best)
      } else {
        findNumericSplit(
          feature: feature, bins: bins, gradient: gradient, hessian: hessian, count: count,
          parentScore: parentScore, best: &best)
      }
    }
    return best
  }

  /// `GL²/(HL+λ) + GR²/(HR+λ)` with one division (the numeric scans' hot spot).
  @inline(__always)
  private func splitScore(
    _ leftGradient: Double, _ leftHessian: Double, _ rightGradient: Double, _ rightHessian: Double
  )
    -> Double
  {
    let lambda = configuration.l2Regularization + 1e-15
    let left = leftHessian + lambda
    let right = rightHessian + lambda
    return (leftGradient * leftGradient * right + rightGradient * rightGradient * left) / (left * right)
  }

  @inline(__always)
  private func score(_ gradient: Double, _ hessian: Double) -> Double {
    gradient * gradient / (hessian + configuration.l2Regularization + 1e-15)
  }

  private func findNumericSplit(
    feature: Int, bins: UnsafeBufferPointer<HistogramBin>, gradient: Double, hessian: Double, count: Double,
    parentScore: Double, best: inout SplitCandidate
  ) {
    let binCount = bins.count - 1
    let missing = bins[binCount]
    let minCount = Double(configuration.minSamplesLeaf)
    let minHessian = configuration.minHessianSum
    let hasMissing = missing.count > 0

    // Pass 1: missing values go right; with missing values, also try "all present left, missing right".
    var leftGradient = 0.0
    var leftHessian = 0.0
    var leftCount = 0.0
    let lastBin = binCount - 1 + (hasMissing ? 1 : 0)
    var bin = 0
    while bin < lastBin {
      defer { bin += 1 }
      // An empty bin gives the same partition as the bin before it (kept on ties).
      if bins[bin].count == 0 { continue }
      leftGradient += bins[bin].gradient
      leftHessian += bins[bin].hessian
      leftCount += bins[bin].count
      if leftCount < minCount || leftHessian < minHessian { continue }
      let rightCount = count - leftCount
      let rightHessian = hessian - leftHessian
      if rightCount < minCount || rightHessian < minHessian { break }
      let gain = splitScore(leftGradient, leftHessian, gradient - leftGradient, rightHessian) - parentScore
      if gain > best.gain {
        best = SplitCandidate(
          gain: gain, feature: feature, thresholdBin: bin,
          missingGoesLeft: hasMissing ? false : leftCount >= rightCount,
          leftGradient: leftGradient, leftHessian: leftHessian, leftCount: leftCount)
      }
    }
    guard hasMissing else { return }
    // Pass 2: missing values go left with bins 0...bin, scanned from the top bin down as
    // scikit-learn does (so ties keep the higher threshold, as there).
    var rightGradient = 0.0
    var rightHessian = 0.0
    var rightCount = 0.0
    bin = binCount - 2
    while bin >= 0 {
      defer { bin -= 1 }
      let moved = bins[bin + 1]
      // An empty bin gives the same partition as the bin above it (kept on ties).
      if moved.count == 0 { continue }
      rightGradient += moved.gradient
      rightHessian += moved.hessian
      rightCount += moved.count
      if rightCount < minCount || rightHessian < minHessian { continue }
      let leftCount = count - rightCount
      let leftHessian = hessian - rightHessian
      if leftCount < minCount || leftHessian < minHessian { break }
      let gain = splitScore(gradient - rightGradient, leftHessian, rightGradient, rightHessian) - parentScore
      if gain > best.gain {
        best = SplitCandidate(
          gain: gain, feature: feature, thresholdBin: bin, missingGoesLeft: true,
          leftGradient: gradient - rightGradient, leftHessian: leftHessian, leftCount: leftCount)
      }
    }
  }

  /// LightGBM's categorical split as scikit-learn implements it: categories with enough hessian
  /// support (missing is one more category) sorted by `G / (H + 10)`, then scanned from both
  /// ends up to the middle (at most 32 categories), the scanned ones going left.
  private func findCategoricalSplit(
    feature: Int, bins: UnsafeBufferPointer<HistogramBin>, gradient: Double, hessian: Double, count: Double,
    parentScore: Double, best: inout SplitCandidate
  ) {
    let supportFactor = count / hessian
    var used: [(bin: Int, value: Double)] = []
    for bin in 0..<bins.count where bins[bin].count > 0 && bins[bin].hessian * supportFactor >= categoricalSupport {
      used.append((bin, bins[bin].gradient / (bins[bin].hessian + categoricalSupport)))
    }
    guard used.count > 1 else { return }
    used.sort { $0.value < $1.value || ($0.value == $1.value && $0.bin < $1.bin) }
    let minCount = Double(configuration.minSamplesLeaf)
    let minHessian = configuration.minHessianSum
    let missingBin = bins.count - 1
    for direction in [1, -1] {
      let middle = min(maxCategoriesScanned, direction == 1 ? (used.count + 1) / 2 : (used.count + 1) / 2 - 1)
      var leftGradient = 0.0
      var leftHessian = 0.0
      var leftCount = 0.0
      var set = SIMD4<UInt64>(repeating: 0)
      for step in 0..<max(0, middle) {
        let bin = used[direction == 1 ? step : used.count - 1 - step].bin
        set[bin >> 6] |= 1 << UInt64(bin & 63)
        leftGradient += bins[bin].gradient
        leftHessian += bins[bin].hessian
        leftCount += bins[bin].count
        if leftCount < minCount || leftHessian < minHessian { continue }
        let rightCount = count - leftCount
        let rightHessian = hessian - leftHessian
        if rightCount < minCount || rightHessian < minHessian { break }
        let gain = score(leftGradient, leftHessian) + score(gradient - leftGradient, rightHessian) - parentScore
        if gain > best.gain {
          best = SplitCandidate(
            gain: gain, feature: feature, thresholdBin: 0,
            missingGoesLeft: BoostedTreeNode.contains(set, missingBin), isCategorical: true, categoriesLeft: set,
            leftGradient: leftGradient, leftHessian: leftHessian, leftCount: leftCount)
        }
      }
    }
  }
}

/// The shared, read-only inputs of one histogram build; each feature writes its own bins.
private struct HistogramWork: @unchecked Sendable {
  let rows: UnsafeBufferPointer<Int32>
  let ordered: UnsafeBufferPointer<Double>
  let codes: UnsafeBufferPointer<UInt8>
  let rowCount: Int
  let histogram: UnsafeMutablePointer<HistogramBin>

  @inline(__always)
  func accumulate(feature: Int, offset: Int, binCount: Int) {
    let column = codes.baseAddress! + feature * rowCount
    let bins = histogram + offset
    let g = ordered.baseAddress!
    let rowIndex = rows.baseAddress!
    let count = rows.count
    if binCount > Self.replicatedBinLimit {
      for k in 0..<count {
        let bin = Int(column[Int(rowIndex[k])])
        bins[bin].gradient += g[2 * k]
        bins[bin].hessian += g[2 * k + 1]
        bins[bin].count += 1
      }
      return
    }
    // Few bins: consecutive rows often hit the same bin, and each update would wait for the
    // previous store. Four interleaved copies break that chain; they are summed at the end.
    withUnsafeTemporaryAllocation(of: HistogramBin.self, capacity: 4 * binCount) { copies in
      let base = copies.baseAddress!
      base.initialize(repeating: HistogramBin(gradient: 0, hessian: 0, count: 0), count: 4 * binCount)
      let h1 = base + binCount
      let h2 = base + 2 * binCount
      let h3 = base + 3 * binCount
      var k = 0
      while k + 4 <= count {
        let b0 = Int(column[Int(rowIndex[k])])
        let b1 = Int(column[Int(rowIndex[k + 1])])
        let b2 = Int(column[Int(rowIndex[k + 2])])
        let b3 = Int(column[Int(rowIndex[k + 3])])
        base[b0].gradient += g[2 * k]
        base[b0].hessian += g[2 * k + 1]
        base[b0].count += 1
        h1[b1].gradient += g[2 * k + 2]
        h1[b1].hessian += g[2 * k + 3]
        h1[b1].count += 1
        h2[b2].gradient += g[2 * k + 4]
        h2[b2].hessian += g[2 * k + 5]
        h2[b2].count += 1
        h3[b3].gradient += g[2 * k + 6]
        h3[b3].hessian += g[2 * k + 7]
        h3[b3].count += 1
        k += 4
      }
      while k < count {
        let bin = Int(column[Int(rowIndex[k])])
        base[bin].gradient += g[2 * k]
        base[bin].hessian += g[2 * k + 1]
        base[bin].count += 1
        k += 1
      }
      for bin in 0..<binCount {
        bins[bin].gradient = (base[bin].gradient + h1[bin].gradient) + (h2[bin].gradient + h3[bin].gradient)
        bins[bin].hessian = (base[bin].hessian + h1[bin].hessian) + (h2[bin].hessian + h3[bin].hessian)
        bins[bin].count = (base[bin].count + h1[bin].count) + (h2[bin].count + h3[bin].count)
      }
    }
  }

  /// Features with at most this many bins (missing included) use the four-copy histogram.
  static let replicatedBinLimit = 64
}
