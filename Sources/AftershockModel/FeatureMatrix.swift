/// A dense column-major matrix of numbers with named columns (NaN may mark a missing value).
public struct FeatureMatrix: Sendable, Equatable {
  /// Number of rows.
  public var rowCount: Int
  /// Column names, one per matrix column.
  public var featureNames: [String]
  /// Values, column after column: `values[column * rowCount + row]`.
  public var values: [Double]

  /// Number of columns.
  public var columnCount: Int { featureNames.count }

  /// A matrix from column-major values.
  public init(rowCount: Int, featureNames: [String], values: [Double]) {
    precondition(values.count == rowCount * featureNames.count, "matrix size mismatch")
    self.rowCount = rowCount
    self.featureNames = featureNames
    self.values = values
  }

  /// The value at a row and column.
  public subscript(row: Int, column: Int) -> Double {
    get { values[column * rowCount + row] }
    set { values[column * rowCount + row] = newValue }
  }

  /// The values of one column.
  public func column(_ column: Int) -> ArraySlice<Double> {
    values[(column * rowCount)..<((column + 1) * rowCount)]
  }
}
