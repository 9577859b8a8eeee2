/// Exact per-feature contributions of a tree ensemble: Lundberg, Erion & Lee (2018),
/// "Consistent Individualized Feature Attribution for Tree Ensembles", Algorithm 2
/// (polynomial-time TreeSHAP with EXTEND / UNWIND over the unique feature path), conditioned on
/// the training cover (hessian sums) of every node.
///
/// The recursion follows the reference implementation in the `shap` package (`tree_shap_recursive`).
struct TreeSHAP {
  private struct PathElement {
    var feature: Int
    var zeroFraction: Double
    var oneFraction: Double
    var weight: Double
  }

  private let tree: BoostedTree
  private var path: [PathElement]
  /// `reciprocals[k] == 1 / k`, so the inner loops multiply instead of divide.
  private let reciprocals: [Double]

  init(tree: BoostedTree) {
    self.tree = tree
    let depth = tree.depth + 2
    path = [PathElement](
      repeating: PathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0),
      count: (depth + 1) * (depth + 2) / 2)
    reciprocals = (0...(depth + 1)).map { $0 == 0 ? 0 : 1 / Double($0) }
  }

  /// The tree's expected output: leaf values weighted by the share of cover reaching them.
  static func expectedValue(_ tree: BoostedTree) -> Double {
    func walk(_ index: Int) -> Double {
      let node = tree.nodes[index]
      if node.isLeaf { return node.value }
      let left = tree.nodes[Int(node.left)]
      let right = tree.nodes[Int(node.right)]
      return (left.cover * walk(Int(node.left)) + right.cover * walk(Int(node.right))) / node.cover
    }
    return walk(0)
  }

  /// Adds one row's contributions to `phi` (one slot per feature).
  mutating func accumulate(
    _ values: UnsafeBufferPointer<Double>, rowCount: Int, row: Int, into phi: UnsafeMutablePointer<Double>
  ) {
    if tree.nodes.count == 1 { return }
    let tree = self.tree
    let reciprocals = self.reciprocals
    tree.nodes.withUnsafeBufferPointer { nodes in
      reciprocals.withUnsafeBufferPointer { inverse in
        path.withUnsafeMutableBufferPointer { buffer in
          Self.recurse(
            nodes: nodes, inverse: inverse.baseAddress!, node: 0, values: values, rowCount: rowCount, row: row,
            phi: phi, path: buffer.baseAddress!, uniqueDepth: 0, zeroFraction: 1, oneFraction: 1, feature: -1)
        }
      }
    }
  }

  private static func recurse(
    nodes: UnsafeBufferPointer<BoostedTreeNode>, inverse: UnsafePointer<Double>, node index: Int,
    values: UnsafeBufferPointer<Double>, rowCount: Int, row: Int,
    phi: UnsafeMutablePointer<Double>, path parentPath: UnsafeMutablePointer<PathElement>,
    uniqueDepth depthIn: Int, zeroFraction: Double, oneFraction: Double, feature: Int
  ) {
    var uniqueDepth = depthIn
    // This node's path lives just after the parent's, so the parent's stays intact.
    let path = parentPath + uniqueDepth
    if uniqueDepth > 0 { path.update(from: parentPath, count: uniqueDepth) }
    extend(path, uniqueDepth, zeroFraction, oneFraction, feature, inverse)

    let node = nodes[index]
    if node.isLeaf {
      if uniqueDepth == 0 { return }
      for i in 1...uniqueDepth {
        let weight = unwoundSum(path, uniqueDepth, i, inverse)
        let element = path[i]
        phi[element.feature] += weight * (element.oneFraction - element.zeroFraction) * node.value
      }
      return
    }

    let splitFeature = Int(node.feature)
    let x = values[splitFeature * rowCount + row]
    let hot = Int(node.goesLeft(value: x) ? node.left : node.right)
    let cold = Int(hot == Int(node.left) ? node.right : node.left)
    let hotZero = nodes[hot].cover / node.cover
    let coldZero = nodes[cold].cover / node.cover
    var incomingZero = 1.0
    var incomingOne = 1.0

    // A feature met before on this path is unwound so it appears once.
    var pathIndex = 0
    while pathIndex <= uniqueDepth {
      if path[pathIndex].feature == splitFeature { break }
      pathIndex += 1
    }
    if pathIndex != uniqueDepth + 1 {
      incomingZero = path[pathIndex].zeroFraction
      incomingOne = path[pathIndex].oneFraction
      unwind(path, uniqueDepth, pathIndex, inverse)
      uniqueDepth -= 1
    }
    recurse(
      nodes: nodes, inverse: inverse, node: hot, values: values, rowCount: rowCount, row: row, phi: phi, path: path,
      uniqueDepth: uniqueDepth + 1, zeroFraction: hotZero * incomingZero, oneFraction: incomingOne,
      feature: splitFeature)
    recurse(
      nodes: nodes, inverse: inverse, node: cold, values: values, rowCount: rowCount, row: row, phi: phi, path: path,
      uniqueDepth: uniqueDepth + 1, zeroFraction: coldZero * incomingZero, oneFraction: 0,
      feature: splitFeature)
  }

  private static func extend(
    _ path: UnsafeMutablePointer<PathElement>, _ uniqueDepth: Int, _ zeroFraction: Double,
    _ oneFraction: Double, _ feature: Int, _ inverse: UnsafePointer<Double>
  ) {
    path[uniqueDepth] = PathElement(
      feature: feature, zeroFraction: zeroFraction, oneFraction: oneFraction, weight: uniqueDepth == 0 ? 1 : 0)
    let inverseScale = inverse[uniqueDepth + 1]
    var i = uniqueDepth - 1
    while i >= 0 {
      path[i + 1].weight += oneFraction * path[i].weight * Double(i + 1) * inverseScale
      path[i].weight = zeroFraction * path[i].weight * Double(uniqueDepth - i) * inverseScale
      i -= 1
    }
  }

  private static func unwind(
    _ path: UnsafeMutablePointer<PathElement>, _ uniqueDepth: Int, _ pathIndex: Int, _ inverse: UnsafePointer<Double>
  ) {
    let oneFraction = path[pathIndex].oneFraction
    let zeroFraction = path[pathIndex].zeroFraction
    var nextOnePortion = path[uniqueDepth].weight
    let scale = Double(uniqueDepth + 1)
    var i = uniqueDepth - 1
    while i >= 0 {
      if oneFraction != 0 {
        let held = path[i].weight
        path[i].weight = nextOnePortion * scale * inverse[i + 1] / oneFraction
        nextOnePortion = held - path[i].weight * zeroFraction * Double(uniqueDepth - i) * inverse[uniqueDepth + 1]
      } else {
        path[i].weight = path[i].weight * scale * inverse[uniqueDepth - i] / zeroFraction
      }
      i -= 1
    }
    for j in pathIndex..<uniqueDepth {
      path[j].feature = path[j + 1].feature
      path[j].zeroFraction = path[j + 1].zeroFraction
      path[j].oneFraction = path[j + 1].oneFraction
    }
  }

  private static func unwoundSum(
    _ path: UnsafeMutablePointer<PathElement>, _ uniqueDepth: Int, _ pathIndex: Int, _ inverse: UnsafePointer<Double>
  ) -> Double {
    let oneFraction = path[pathIndex].oneFraction
    let zeroFraction = path[pathIndex].zeroFraction
    var nextOnePortion = path[uniqueDepth].weight
    let scale = Double(uniqueDepth + 1)
    let inverseScale = inverse[uniqueDepth + 1]
    var total = 0.0
    var i = uniqueDepth - 1
    if oneFraction != 0 {
      let scaleOverOne = scale / oneFraction
      let zeroOverScale = zeroFraction * inverseScale
      while i >= 0 {
        let share = nextOnePortion * scaleOverOne * inverse[i + 1]
        total += share
        nextOnePortion = path[i].weight - share * zeroOverScale * Double(uniqueDepth - i)
        i -= 1
      }
    } else if zeroFraction != 0 {
      let scaleOverZero = scale / zeroFraction
      while i >= 0 {
        total += path[i].weight * scaleOverZero * inverse[uniqueDepth - i]
        i -= 1
      }
    }
    return total
  }
}
