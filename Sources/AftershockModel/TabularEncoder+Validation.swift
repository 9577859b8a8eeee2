extension TabularEncoder {
  /// Cells of `table` that do not read as their column's training kind (text in a numeric
  /// column, a word that is not yes/no in a boolean one), so that the caller can quarantine
  /// those rows and score the rest with `DataTable.selectingRows`.
  /// - Throws: `ModelError.missingColumn` when a trained column is absent altogether.
  public func cellIssues(in table: DataTable) throws -> [CellIssue] {
    var issues = [CellIssue]()
    for schema in columns {
      guard let index = table.index(ofColumn: schema.name) else {
        throw ModelError.missingColumn(name: schema.name)
      }
      switch (schema.kind, table.columns[index]) {
      case (.numeric, .text(let cells)):
        for (row, cell) in cells.enumerated()
        where !TableValue.isMissing(cell) && TableValue.number(cell) == nil {
          issues.append(CellIssue(row: row, column: schema.name, value: cell, expected: .numeric))
        }
      case (.boolean, .text(let cells)):
        for (row, cell) in cells.enumerated()
        where !TableValue.isMissing(cell) && TableValue.boolean(cell) == nil {
          issues.append(CellIssue(row: row, column: schema.name, value: cell, expected: .boolean))
        }
      case (.boolean, .numbers(let values)):
        for (row, value) in values.enumerated() where !value.isNaN && value != 0 && value != 1 {
          issues.append(
            CellIssue(row: row, column: schema.name, value: TableValue.format(value), expected: .boolean))
        }
      case (.numeric, .numbers), (.categorical, _):
        break
      }
    }
    return issues.sorted { $0.row != $1.row ? $0.row < $1.row : $0.column < $1.column }
  }
}
