/// A column-major numeric matrix for gradient boosting: one column per feature, NaN marks a missing value.
///
/// The storage layout is `values[feature * rowCount + row]`, the same as `FeatureMatrix.values`,
/// so a dense encoded matrix can be handed over without copying column by column.
public struct BoostingFeatures: Sendable, Equatable {
  /// Number of rows.
  public let rowCount: Int
  /// Feature names, one per column.
  public let names: [String]
  /// How each column is read.
  public let kinds: [BoostingFeatureKind]
  /// Column-major values: `values[feature * rowCount + row]`.
  public let values: [Double]

  /// Number of feature columns.
  public var featureCount: Int { names.count }

  /// A matrix from flat column-major values.
  public init(rowCount: Int, names: [String], kinds: [BoostingFeatureKind], values: [Double]) throws(ModelError) {
    guard kinds.count == names.count else {
      throw .lengthMismatch(what: "feature kinds", expected: names.count, found: kinds.count)
    }
    guard values.count == rowCount * names.count else {
      throw .lengthMismatch(what: "matrix values", expected: rowCount * names.count, found: values.count)
    }
    self.rowCount = rowCount
    self.names = names
    self.kinds = kinds
    self.values = values
  }

  /// A matrix from one array per feature column.
  public init(columns: [[Double]], names: [String], kinds: [BoostingFeatureKind]) throws(ModelError) {
    guard columns.count == names.count else {
      throw .lengthMismatch(what: "feature columns", expected: names.count, found: columns.count)
    }
    let rows = columns.first?.count ?? 0
    var flat: [Double] = []
    flat.reserveCapacity(rows * columns.count)
    for (index, column) in columns.enumerated() {
      guard column.count == rows else {
        throw .lengthMismatch(what: "column '\(names[index])'", expected: rows, found: column.count)
      }
      flat.append(contentsOf: column)
    }
    try self.init(rowCount: rows, names: names, kinds: kinds, values: flat)
  }

  /// A matrix from single-precision columns (widened to `Double`).
  public init(floatColumns: [[Float]], names: [String], kinds: [BoostingFeatureKind]) throws(ModelError) {
    try self.init(columns: floatColumns.map { $0.map(Double.init) }, names: names, kinds: kinds)
  }

  /// The value at a row and feature.
  public subscript(row: Int, feature: Int) -> Double { values[feature * rowCount + row] }

  /// The rows at the given indices, in that order.
  package func selectingRows(_ rows: [Int]) -> BoostingFeatures {
    var flat = [Double](repeating: 0, count: rows.count * featureCount)
    values.withUnsafeBufferPointer { source in
      for feature in 0..<featureCount {
        let base = feature * rowCount
        let target = feature * rows.count
        for (position, row) in rows.enumerated() { flat[target + position] = source[base + row] }
      }
    }
    return BoostingFeatures(validatedRowCount: rows.count, names: names, kinds: kinds, values: flat)
  }

  private init(validatedRowCount: Int, names: [String], kinds: [BoostingFeatureKind], values: [Double]) {
    self.rowCount = validatedRowCount
    self.names = names
    self.kinds = kinds
    self.values = values
  }
}
