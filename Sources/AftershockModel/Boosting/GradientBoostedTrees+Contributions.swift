import Dispatch

extension GradientBoostedTrees {
  /// The expected margin over the training distribution: the baseline plus every tree's
  /// cover-weighted mean leaf value (TreeSHAP's φ₀).
  public var expectedMargin: Double {
    trees.reduce(baseline) { $0 + TreeSHAP.expectedValue($1) }
  }

  /// TreeSHAP contributions of every feature to every row's margin (log-odds units); each row's
  /// contributions plus `expectedValue` equal its margin. Rows are spread over all cores.
  ///
  /// - Complexity: O(rows × trees × leaves × depth²).
  public func contributions(_ features: BoostingFeatures) throws(ModelError) -> FeatureContributions {
    try checkFeatures(features)
    let rowCount = features.rowCount
    let width = featureNames.count
    var output = [Double](repeating: 0, count: rowCount * width)
    let chunkSize = 256
    let chunks = (rowCount + chunkSize - 1) / chunkSize
    let trees = self.trees
    features.values.withUnsafeBufferPointer { values in
      output.withUnsafeMutableBufferPointer { buffer in
        let shared = SharedOutput(values: values, output: buffer)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
          var explainers = trees.map { TreeSHAP(tree: $0) }
          let end = min(rowCount, (chunk + 1) * chunkSize)
          for row in (chunk * chunkSize)..<end {
            let phi = shared.output.baseAddress! + row * width
            for index in explainers.indices {
              explainers[index].accumulate(shared.values, rowCount: rowCount, row: row, into: phi)
            }
          }
        }
      }
    }
    return FeatureContributions(
      rowCount: rowCount, featureNames: featureNames, values: output, expectedValue: expectedMargin)
  }
}

/// Buffers shared by the workers of one contributions run; each worker writes only its own rows.
private struct SharedOutput: @unchecked Sendable {
  let values: UnsafeBufferPointer<Double>
  let output: UnsafeMutableBufferPointer<Double>
}
