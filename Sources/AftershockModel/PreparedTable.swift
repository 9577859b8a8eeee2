/// A table's feature columns read once, with their inferred kinds, so that each fold of a
/// cross-validation can fit an encoder on its rows without re-parsing text.
struct PreparedTable: Sendable {
  var names: [String]
  var kinds: [ColumnKind]
  var typed: [TypedColumn]
  var rowCount: Int

  /// Reads every column except the excluded ones (matched case-insensitively), each as its fixed
  /// kind (`DataTable.parsingNumbers`, `fixingKind`) or else as the kind its values show.
  /// - Throws: `ModelError.cellDoesNotFit` for a cell that does not read as its column's kind
  ///   (`DataTable.cellIssues(excluding:)` lists them all); `ModelError.noFeatures`.
  init(_ table: DataTable, excluding excluded: [String]) throws {
    let skip = Set(excluded.compactMap { table.index(ofColumn: $0) })
    names = []
    kinds = []
    typed = []
    rowCount = table.rowCount
    for (index, name) in table.columnNames.enumerated() where !skip.contains(index) {
      let column = table.columns[index]
      let kind = table.fixedKinds[index] ?? TypedColumn.inferredKind(column)
      let (values, misfits) = TypedColumn.read(column, as: kind)
      if let row = misfits.first {
        throw ModelError.cellDoesNotFit(
          column: name, expected: kind, row: row + 1, value: TypedColumn.cellText(column, row: row),
          count: misfits.count)
      }
      names.append(name)
      kinds.append(kind)
      typed.append(values)
    }
    guard !names.isEmpty else { throw ModelError.noFeatures }
  }
}
