/// A table column read as one kind: numbers (NaN missing) or level codes (-1 missing).
enum TypedColumn: Sendable {
  case values([Double])
  case codes([Int32], levels: [String])

  /// Reads a column, choosing its kind from the values (for training).
  static func inferring(_ column: DataTable.Column) -> (ColumnKind, TypedColumn) {
    switch column {
    case .numbers(let values):
      return (.numeric, .values(values))
    case .text(let text):
      var numbers = [Double]()
      numbers.reserveCapacity(text.count)
      var allNumeric = true
      for cell in text {
        if TableValue.isMissing(cell) {
          numbers.append(.nan)
        } else if let value = TableValue.number(cell) {
          numbers.append(value)
        } else {
          allNumeric = false
          break
        }
      }
      if allNumeric { return (.numeric, .values(numbers)) }
      var booleans = [Double]()
      booleans.reserveCapacity(text.count)
      var allBoolean = true
      for cell in text {
        if TableValue.isMissing(cell) {
          booleans.append(.nan)
        } else if let value = TableValue.boolean(cell) {
          booleans.append(value ? 1 : 0)
        } else {
          allBoolean = false
          break
        }
      }
      if allBoolean { return (.boolean, .values(booleans)) }
      return (.categorical, codes(text))
    }
  }

  /// Reads a column as the kind the model was trained with.
  /// - Throws: `ModelError.columnKindChanged` naming the first cell that does not fit.
  static func reading(_ column: DataTable.Column, as kind: ColumnKind, name: String) throws
    -> TypedColumn
  {
    switch (kind, column) {
    case (.numeric, .numbers(let values)):
      return .values(values)
    case (.numeric, .text(let text)):
      var numbers = [Double]()
      numbers.reserveCapacity(text.count)
      for (row, cell) in text.enumerated() {
        if TableValue.isMissing(cell) {
          numbers.append(.nan)
        } else if let value = TableValue.number(cell) {
          numbers.append(value)
        } else {
          throw ModelError.columnKindChanged(column: name, expected: "numeric", row: row + 1, value: cell)
        }
      }
      return .values(numbers)
    case (.boolean, .numbers(let values)):
      for (row, value) in values.enumerated() where !value.isNaN && value != 0 && value != 1 {
        throw ModelError.columnKindChanged(
          column: name, expected: "boolean", row: row + 1, value: TableValue.format(value))
      }
      return .values(values)
    case (.boolean, .text(let text)):
      var numbers = [Double]()
      numbers.reserveCapacity(text.count)
      for (row, cell) in text.enumerated() {
        if TableValue.isMissing(cell) {
          numbers.append(.nan)
        } else if let value = TableValue.boolean(cell) {
          numbers.append(value ? 1 : 0)
        } else {
          throw ModelError.columnKindChanged(column: name, expected: "boolean", row: row + 1, value: cell)
        }
      }
      return .values(numbers)
    case (.categorical, .text(let text)):
      return codes(text)
    case (.categorical, .numbers(let values)):
      return codes(values.map { TableValue.format($0) })
    }
  }

  /// Interns text cells into level codes; missing cells get -1.
  private static func codes(_ text: [String]) -> TypedColumn {
    var index = [String: Int32]()
    var levels = [String]()
    var codes = [Int32]()
    codes.reserveCapacity(text.count)
    for cell in text {
      if TableValue.isMissing(cell) {
        codes.append(-1)
        continue
      }
      if let code = index[cell] {
        codes.append(code)
      } else {
        let code = Int32(levels.count)
        index[cell] = code
        levels.append(cell)
        codes.append(code)
      }
    }
    return .codes(codes, levels: levels)
  }
}
