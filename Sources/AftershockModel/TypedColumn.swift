/// A table column read as one kind: numbers (NaN missing) or level codes (-1 missing).
enum TypedColumn: Sendable {
  case values([Double])
  case codes([Int32], levels: [String])

  /// The largest share of a column's present cells that may fail to read as numbers while the
  /// column still reads as numeric: a typo, an `inf` or a `1e400` among numbers is a bad cell
  /// to set aside, not a reason to read every number as a category of its own (each one rare,
  /// the whole column then worthless to the model).
  static let nonNumericShareLimit = 0.05

  /// The kind a column's values show (for training): numeric when its present cells are numbers
  /// (all of them, or all but at most `nonNumericShareLimit` of them), boolean when they are all
  /// yes/no words, categorical otherwise. A column with no present cell is numeric.
  static func inferredKind(_ column: DataTable.Column) -> ColumnKind {
    guard case .text(let text) = column else { return .numeric }
    var present = 0
    var numbers = 0
    var allBoolean = true
    for cell in text where !TableValue.isMissing(cell) {
      present += 1
      if TableValue.number(cell) != nil { numbers += 1 }
      if allBoolean, TableValue.boolean(cell) == nil { allBoolean = false }
    }
    if numbers == present { return .numeric }
    if allBoolean { return .boolean }
    if Double(present - numbers) <= nonNumericShareLimit * Double(present) { return .numeric }
    return .categorical
  }

  /// Reads a column as `kind`; cells that do not fit it (a word in a numeric column, a number
  /// other than 0/1 in a boolean one) read as missing and are listed by row (0-based).
  static func read(_ column: DataTable.Column, as kind: ColumnKind) -> (TypedColumn, misfits: [Int]) {
    var misfits: [Int] = []
    switch (kind, column) {
    case (.numeric, .numbers(let values)):
      return (.values(values), [])
    case (.numeric, .text(let text)):
      var numbers = [Double]()
      numbers.reserveCapacity(text.count)
      for (row, cell) in text.enumerated() {
        if TableValue.isMissing(cell) {
          numbers.append(.nan)
        } else if let value = TableValue.number(cell) {
          numbers.append(value)
        } else {
          numbers.append(.nan)
          misfits.append(row)
        }
      }
      return (.values(numbers), misfits)
    case (.boolean, .numbers(let values)):
      var numbers = values
      for (row, value) in values.enumerated() where !value.isNaN && value != 0 && value != 1 {
        numbers[row] = .nan
        misfits.append(row)
      }
      return (.values(numbers), misfits)
    case (.boolean, .text(let text)):
      var numbers = [Double]()
      numbers.reserveCapacity(text.count)
      for (row, cell) in text.enumerated() {
        if TableValue.isMissing(cell) {
          numbers.append(.nan)
        } else if let value = TableValue.boolean(cell) {
          numbers.append(value ? 1 : 0)
        } else {
          numbers.append(.nan)
          misfits.append(row)
        }
      }
      return (.values(numbers), misfits)
    case (.categorical, .text(let text)):
      return (codes(text), [])
    case (.categorical, .numbers(let values)):
      return (codes(values.map { TableValue.format($0) }), [])
    }
  }

  /// Reads a column as the kind the model was trained with.
  /// - Throws: `ModelError.columnKindChanged` naming the first cell that does not fit.
  static func reading(_ column: DataTable.Column, as kind: ColumnKind, name: String) throws
    -> TypedColumn
  {
    let (typed, misfits) = read(column, as: kind)
    if let row = misfits.first {
      throw ModelError.columnKindChanged(
        column: name, expected: kind.rawValue, row: row + 1, value: cellText(column, row: row))
    }
    return typed
  }

  /// A cell as the user wrote it (a number column's value as short text).
  static func cellText(_ column: DataTable.Column, row: Int) -> String {
    switch column {
    case .text(let text): return text[row]
    case .numbers(let values): return TableValue.format(values[row])
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
