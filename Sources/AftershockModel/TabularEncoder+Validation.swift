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
      let column = table.columns[index]
      for row in TypedColumn.read(column, as: schema.kind).misfits {
        issues.append(
          CellIssue(row: row, column: schema.name, value: TypedColumn.cellText(column, row: row), expected: schema.kind)
        )
      }
    }
    return issues.sorted { $0.row != $1.row ? $0.row < $1.row : $0.column < $1.column }
  }
}

extension TabularEncoder {
  /// Why this encoder cannot encode tables, or nil when it can: what a damaged model file shows
  /// (a feature reading a column the encoder does not list, a level listed twice, a standard
  /// deviation that is not a positive finite number).
  var defect: String? {
    var schemas = [String: ColumnSchema]()
    for schema in columns {
      guard schemas.updateValue(schema, forKey: schema.name) == nil else {
        return "column '\(schema.name)' is listed twice"
      }
      guard schema.mean.isFinite, schema.standardDeviation.isFinite, schema.standardDeviation >= 0 else {
        return "column '\(schema.name)' has mean \(schema.mean) and standard deviation "
          + "\(schema.standardDeviation), expected finite numbers"
      }
      guard Set(schema.levels).count == schema.levels.count else {
        return "column '\(schema.name)' lists a level twice"
      }
    }
    for feature in features {
      guard let schema = schemas[feature.column] else {
        return "feature '\(feature.name)' reads column '\(feature.column)', which the encoder does not list"
      }
      let fitsKind: Bool
      switch feature.role {
      case .value: fitsKind = schema.kind != .categorical
      // Any column with blanks in training gets one: a blank plan or segment is a level of its own.
      case .missing: fitsKind = true
      case .level: fitsKind = schema.kind == .categorical && schema.levels.contains(feature.level ?? "")
      case .otherLevels: fitsKind = schema.kind == .categorical
      }
      guard fitsKind else {
        return "feature '\(feature.name)' (\(feature.role.rawValue)) does not fit \(schema.kind.rawValue) "
          + "column '\(schema.name)'"
      }
      // The encoder multiplies by 1 / standard deviation: that must be finite too.
      let deviation = feature.standardDeviation
      guard feature.mean.isFinite, deviation.isFinite, deviation > 0, (1 / deviation).isFinite else {
        return "feature '\(feature.name)' has mean \(feature.mean) and standard deviation \(deviation), "
          + "expected a finite mean and a positive finite standard deviation"
      }
    }
    return nil
  }
}
