/// A table's feature columns read once, with their inferred kinds, so that each fold of a
/// cross-validation can fit an encoder on its rows without re-parsing text.
struct PreparedTable: Sendable {
  var names: [String]
  var kinds: [ColumnKind]
  var typed: [TypedColumn]
  var rowCount: Int

  /// Reads every column except the excluded ones (matched case-insensitively).
  init(_ table: DataTable, excluding excluded: [String]) throws {
    let skip = Set(excluded.compactMap { table.index(ofColumn: $0) })
    names = []
    kinds = []
    typed = []
    rowCount = table.rowCount
    for (index, name) in table.columnNames.enumerated() where !skip.contains(index) {
      let (kind, column) = TypedColumn.inferring(table.columns[index])
      names.append(name)
      kinds.append(kind)
      typed.append(column)
    }
    guard !names.isEmpty else { throw ModelError.noFeatures }
  }
}
