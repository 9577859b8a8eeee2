extension DataTable {
  /// Columns that look like row identifiers: a different whole number, or a different text, on
  /// every row, none missing (a customer number, a row number, an e-mail address). Used as
  /// features they can only fit noise, or leak the order the file was written in; the churn
  /// commands warn about them. Tables under 20 rows say nothing. Columns in `excluding` (the
  /// label, a declared id) are skipped.
  public func identifierLikeColumns(excluding: Set<String> = []) -> [String] {
    guard rowCount >= 20 else { return [] }
    var found: [String] = []
    for (name, column) in zip(columnNames, columns) where !excluding.contains(name) {
      switch column {
      case .numbers(let values):
        guard values.allSatisfy({ $0.isFinite && $0.rounded() == $0 }) else { continue }
        if Set(values).count == values.count { found.append(name) }
      case .text(let values):
        guard !values.contains(where: \.isEmpty) else { continue }
        if Set(values).count == values.count { found.append(name) }
      }
    }
    return found
  }
}
