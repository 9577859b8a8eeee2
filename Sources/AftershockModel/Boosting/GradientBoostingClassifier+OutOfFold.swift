extension GradientBoostingClassifier {
  /// Out-of-fold margins (log-odds): every row scored by a model fitted on the other folds
  /// (stratified, drawn with `seed`). Use them to fit a `PlattCalibrator` or, through the
  /// logistic function, an `IsotonicCalibrator`, and to measure honest AUC and calibration.
  public func outOfFoldMargins(
    _ features: BoostingFeatures, labels: [Bool], foldCount: Int = 5, seed: UInt64 = 0
  ) throws(BoostingError) -> [Double] {
    guard labels.count == features.rowCount else {
      throw .lengthMismatch(what: "labels", expected: features.rowCount, found: labels.count)
    }
    guard foldCount >= 2 else {
      throw .invalidConfiguration(setting: "foldCount", value: "\(foldCount)", expected: "at least 2")
    }
    guard features.rowCount >= 2 * foldCount else {
      throw .notEnoughRows(found: features.rowCount, needed: 2 * foldCount)
    }
    let folds = BoostingFolds.stratifiedFolds(labels: labels, foldCount: foldCount, seed: seed)
    var margins = [Double](repeating: .nan, count: labels.count)
    for fold in 0..<foldCount {
      let trainRows = folds.indices.filter { folds[$0] != fold }
      let testRows = folds.indices.filter { folds[$0] == fold }
      let model = try fit(features.selectingRows(trainRows), labels: trainRows.map { labels[$0] })
      let predicted = try model.predictMargins(features.selectingRows(testRows))
      for (position, row) in testRows.enumerated() { margins[row] = predicted[position] }
    }
    return margins
  }
}
