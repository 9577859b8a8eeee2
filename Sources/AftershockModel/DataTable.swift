/// A column-major table of named columns, as the trainer and the scorer read it.
///
/// Build it from a CSV reader's header and rows of strings (`init(header:rows:)` or
/// `init(header:)` then `appendRow(_:)`), or column by column with numbers
/// (`init(columnNames:columns:)`, as `AccountFeatureAccumulator` does). Blank cells
/// (and `NA`, `N/A`, `NaN`, `null`) are missing; in number columns, missing is `.nan`.
public struct DataTable: Sendable {
  /// The values of one column.
  public enum Column: Sendable, Equatable {
    /// Numbers, with `.nan` for a missing value.
    case numbers([Double])
    /// Text as read, with a blank string for a missing value.
    case text([String])

    /// Number of values.
    public var count: Int {
      switch self {
      case .numbers(let values): return values.count
      case .text(let values): return values.count
      }
    }
  }

  /// Column names in order.
  public private(set) var columnNames: [String]
  /// Column values, aligned with `columnNames`.
  public private(set) var columns: [Column]
  /// Number of rows.
  public private(set) var rowCount: Int
  /// The kind estimators read each column as, where it is fixed (by `parsingNumbers` on the
  /// whole table, or `fixingKind`) rather than inferred from the rows at hand; aligned with
  /// `columns`. Kept by `selectingRows`, so every fold of a cross-validation reads a column the
  /// same way, whichever of its values the fold happens to hold.
  var fixedKinds: [ColumnKind?]

  /// An empty table with the given header, to be filled with `appendRow(_:)`.
  /// - Throws: `ModelError.duplicateColumn` when a name repeats.
  public init(header: [String]) throws {
    try Self.checkUnique(header)
    columnNames = header
    columns = header.map { _ in .text([]) }
    rowCount = 0
    fixedKinds = header.map { _ in nil }
  }

  /// A table from a header and rows of strings (each row as wide as the header).
  /// - Throws: `ModelError.duplicateColumn`, `ModelError.rowWidthMismatch`.
  public init(header: [String], rows: [[String]]) throws {
    try self.init(header: header)
    var text = header.map { _ in [String]() }
    for index in text.indices { text[index].reserveCapacity(rows.count) }
    for (rowIndex, row) in rows.enumerated() {
      guard row.count == header.count else {
        throw ModelError.rowWidthMismatch(row: rowIndex + 1, expected: header.count, found: row.count)
      }
      for (columnIndex, field) in row.enumerated() { text[columnIndex].append(field) }
    }
    columns = text.map { .text($0) }
    rowCount = rows.count
  }

  /// A table from named columns of equal length.
  /// - Throws: `ModelError.duplicateColumn`, `ModelError.lengthMismatch`.
  public init(columnNames: [String], columns: [Column]) throws {
    try Self.checkUnique(columnNames)
    guard columnNames.count == columns.count else {
      throw ModelError.lengthMismatch(
        what: "columns", expected: columnNames.count, found: columns.count)
    }
    let count = columns.first?.count ?? 0
    for column in columns where column.count != count {
      throw ModelError.lengthMismatch(what: "a column", expected: count, found: column.count)
    }
    self.columnNames = columnNames
    self.columns = columns
    rowCount = count
    fixedKinds = columns.map { _ in nil }
  }

  /// Appends one row of strings, as wide as the header.
  /// - Throws: `ModelError.rowWidthMismatch`.
  public mutating func appendRow(_ fields: [String]) throws {
    guard fields.count == columnNames.count else {
      throw ModelError.rowWidthMismatch(
        row: rowCount + 1, expected: columnNames.count, found: fields.count)
    }
    for (index, field) in fields.enumerated() {
      switch columns[index] {
      case .text(var values):
        columns[index] = .text([])  // release the old reference so append stays in place
        values.append(field)
        columns[index] = .text(values)
      case .numbers(var values):
        columns[index] = .numbers([])
        values.append(TableValue.number(field) ?? .nan)
        columns[index] = .numbers(values)
      }
    }
    rowCount += 1
  }

  /// Adds a column at the end.
  /// - Throws: `ModelError.duplicateColumn`, `ModelError.lengthMismatch`.
  public mutating func appendColumn(named name: String, _ column: Column) throws {
    guard index(ofColumn: name, caseInsensitive: false) == nil else {
      throw ModelError.duplicateColumn(name: name)
    }
    if !columns.isEmpty, column.count != rowCount {
      throw ModelError.lengthMismatch(what: "column '\(name)'", expected: rowCount, found: column.count)
    }
    columnNames.append(name)
    columns.append(column)
    fixedKinds.append(nil)
    rowCount = column.count
  }

  /// Replaces one column's values (same length).
  mutating func replaceColumn(at index: Int, with column: Column) {
    precondition(column.count == rowCount, "column length mismatch")
    columns[index] = column
  }

  /// A copy whose column `name` estimators read as `kind`, whatever its values: a text column
  /// of codes (plan `1`, `2`, `gold`) read as categories, in every subset of the rows.
  /// - Throws: `ModelError.missingColumn`.
  public func fixingKind(ofColumn name: String, as kind: ColumnKind) throws -> DataTable {
    guard let index = index(ofColumn: name) else { throw ModelError.missingColumn(name: name) }
    var copy = self
    copy.fixedKinds[index] = kind
    return copy
  }

  /// The kind estimators read column `name` as when it is fixed, nil when they infer it.
  public func fixedKind(ofColumn name: String) -> ColumnKind? {
    index(ofColumn: name).flatMap { fixedKinds[$0] }
  }

  /// Position of the column with this name: an exact match, else the only case-insensitive one.
  public func index(ofColumn name: String, caseInsensitive: Bool = true) -> Int? {
    if let exact = columnNames.firstIndex(of: name) { return exact }
    guard caseInsensitive else { return nil }
    let lowered = name.lowercased()
    let matches = columnNames.indices.filter { columnNames[$0].lowercased() == lowered }
    return matches.count == 1 ? matches[0] : nil
  }

  /// The column with this name (matched as `index(ofColumn:)` does).
  /// - Throws: `ModelError.missingColumn`.
  public func column(named name: String) throws -> Column {
    guard let index = index(ofColumn: name) else { throw ModelError.missingColumn(name: name) }
    return columns[index]
  }

  /// A table of only the given rows, in the given order.
  public func selectingRows(_ rows: [Int]) -> DataTable {
    var copy = self
    copy.columns = columns.map { column in
      switch column {
      case .numbers(let values): return .numbers(rows.map { values[$0] })
      case .text(let values): return .text(rows.map { values[$0] })
      }
    }
    copy.rowCount = rows.count
    return copy
  }

  /// A table without the named columns (names that are absent are ignored).
  public func droppingColumns(_ names: [String]) -> DataTable {
    let drop = Set(names.compactMap { index(ofColumn: $0) })
    var copy = self
    copy.columnNames = columnNames.indices.filter { !drop.contains($0) }.map { columnNames[$0] }
    copy.columns = columns.indices.filter { !drop.contains($0) }.map { columns[$0] }
    copy.fixedKinds = fixedKinds.indices.filter { !drop.contains($0) }.map { fixedKinds[$0] }
    return copy
  }

  /// The labels of a column holding 0/1, true/false, yes/no (or y/n, t/f), case-insensitive.
  /// - Throws: `ModelError.missingColumn`, `ModelError.invalidLabel` naming the first bad row.
  public func labels(ofColumn name: String) throws -> [Bool] {
    guard let index = index(ofColumn: name) else { throw ModelError.missingColumn(name: name) }
    let columnName = columnNames[index]
    switch columns[index] {
    case .numbers(let values):
      return try values.enumerated().map { row, value in
        if value == 1 { return true }
        if value == 0 { return false }
        throw ModelError.invalidLabel(
          column: columnName, row: row + 1, value: value.isNaN ? "" : TableValue.format(value))
      }
    case .text(let values):
      return try values.enumerated().map { row, value in
        guard let label = TableValue.boolean(value) else {
          throw ModelError.invalidLabel(column: columnName, row: row + 1, value: value)
        }
        return label
      }
    }
  }

  private static func checkUnique(_ names: [String]) throws {
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      throw ModelError.duplicateColumn(name: name)
    }
  }
}
