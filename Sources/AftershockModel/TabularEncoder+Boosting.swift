extension TabularEncoder {
  /// One tree feature per input column: numbers as read (NaN missing), categorical columns as
  /// codes (kept levels 0..<k, rare or unseen levels k, missing NaN).
  func boostingFeatures(_ typed: [TypedColumn], rows: [Int]) throws -> BoostingFeatures {
    var values = [Double]()
    values.reserveCapacity(rows.count * columns.count)
    var kinds = [BoostingFeatureKind]()
    for (position, schema) in columns.enumerated() {
      switch typed[position] {
      case .values(let raw):
        kinds.append(.numeric)
        for row in rows { values.append(raw[row]) }
      case .codes(let codes, let levelNames):
        kinds.append(.categorical)
        let levelIndex = Dictionary(uniqueKeysWithValues: schema.levels.enumerated().map { ($1, $0) })
        let mapped = levelNames.map { Double(levelIndex[$0] ?? schema.levels.count) }
        for row in rows {
          let code = Int(codes[row])
          values.append(code < 0 ? .nan : mapped[code])
        }
      }
    }
    return try BoostingFeatures(rowCount: rows.count, names: columns.map(\.name), kinds: kinds, values: values)
  }
}
