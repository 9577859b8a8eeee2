extension DataTable {
  /// A copy where each column's kind is fixed as the whole table shows it (so that every subset
  /// of its rows, a cross-validation fold, reads it the same way) and every numeric text column
  /// holds numbers (blanks as NaN), as a CSV reader with type inference would give. A column
  /// whose kind is already fixed keeps it; a numeric column with cells that are not numbers
  /// (`cellIssues(excluding:)`) stays text, so that fitting names them rather than reading them
  /// as missing.
  public func parsingNumbers(excluding excluded: [String] = []) -> DataTable {
    let skip = Set(excluded.compactMap { index(ofColumn: $0) })
    var copy = self
    for (index, column) in columns.enumerated() where !skip.contains(index) {
      let kind = fixedKinds[index] ?? TypedColumn.inferredKind(column)
      copy.fixedKinds[index] = kind
      guard kind == .numeric, case .text = column else { continue }
      let (typed, misfits) = TypedColumn.read(column, as: .numeric)
      if misfits.isEmpty, case .values(let values) = typed {
        copy.replaceColumn(at: index, with: .numbers(values))
      }
    }
    return copy
  }

  /// Cells that do not read as the kind their column has: the few words, infinities or numbers
  /// out of range (`abc`, `inf`, `1e400`) in a column whose other cells are numbers (at most
  /// `5%` of its present cells), or cells that do not fit a kind fixed with `fixingKind`. A
  /// caller sets these rows aside (with `selectingRows`) before fitting, which refuses them.
  /// Columns in `excluded` (the label, an id) are skipped. Sorted by row (0-based), then column.
  public func cellIssues(excluding excluded: [String] = []) -> [CellIssue] {
    let skip = Set(excluded.compactMap { index(ofColumn: $0) })
    var issues: [CellIssue] = []
    for (index, column) in columns.enumerated() where !skip.contains(index) {
      let kind = fixedKinds[index] ?? TypedColumn.inferredKind(column)
      for row in TypedColumn.read(column, as: kind).misfits {
        issues.append(
          CellIssue(row: row, column: columnNames[index], value: TypedColumn.cellText(column, row: row), expected: kind)
        )
      }
    }
    return issues.sorted { $0.row != $1.row ? $0.row < $1.row : $0.column < $1.column }
  }
}
