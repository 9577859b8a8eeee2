extension TabularEncoder {
  /// The table's columns as gradient-boosting features, one feature per input column so that
  /// TreeSHAP contributions come back per original column (no one-hot groups to map back).
  ///
  /// Numbers and booleans are read as numbers; a categorical column becomes integer codes in the
  /// order of its kept `levels`, with rare and unseen levels sharing the next code (the
  /// "(other)" level of the one-hot encoding) and missing cells NaN.
  /// - Throws: `ModelError.missingColumn` / `.columnKindChanged` naming the column that changed.
  public func boostingFeatures(_ table: DataTable) throws -> BoostingFeatures {
    let typed = try read(table)
    let rowCount = table.rowCount
    var values = [Double]()
    values.reserveCapacity(rowCount * columns.count)
    var kinds = [BoostingFeatureKind]()
    for (position, schema) in columns.enumerated() {
      switch typed[position] {
      case .values(let raw):
        kinds.append(.numeric)
        values.append(contentsOf: raw)
      case .codes(let codes, let levelNames):
        kinds.append(.categorical)
        // Codes must stay below 255 for the trees; levels past 253 join "(other)".
        let other = min(schema.levels.count, 254)
        let levelIndex = Dictionary(
          schema.levels.enumerated().map { ($1, min($0, other)) }, uniquingKeysWith: { first, _ in first })
        let mapped = levelNames.map { Double(levelIndex[$0] ?? other) }
        for code in codes { values.append(code < 0 ? .nan : mapped[Int(code)]) }
      }
    }
    return try BoostingFeatures(
      rowCount: rowCount, names: columns.map(\.name), kinds: kinds, values: values)
  }
}
