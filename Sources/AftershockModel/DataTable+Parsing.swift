extension DataTable {
  /// A copy where every text column whose present cells all read as numbers holds numbers
  /// (blanks as NaN), as a CSV reader with type inference would give; other columns are kept.
  public func parsingNumbers(excluding excluded: [String] = []) -> DataTable {
    let skip = Set(excluded.compactMap { index(ofColumn: $0) })
    var copy = self
    for (index, column) in columns.enumerated() where !skip.contains(index) {
      guard case .text = column else { continue }
      if case (.numeric, .values(let values)) = TypedColumn.inferring(column) {
        copy.replaceColumn(at: index, with: .numbers(values))
      }
    }
    return copy
  }
}
