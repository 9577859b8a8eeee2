/// Why an operation of AftershockModel could not go on (record-level problems are data, not errors).
public enum ModelError: Error, CustomStringConvertible, Equatable {
  /// The table's header names the same column twice.
  case duplicateColumn(name: String)
  /// A row has a different number of fields than the header.
  case rowWidthMismatch(row: Int, expected: Int, found: Int)
  /// A column the caller or the model needs is not in the table.
  case missingColumn(name: String)
  /// A label cell is blank or not one of 0/1, true/false, yes/no.
  case invalidLabel(column: String, row: Int, value: String)
  /// The label has only one class, so no classifier can be fitted or ranked.
  case singleClass(column: String, value: Bool)
  /// There are no rows (or too few for the requested folds).
  case notEnoughRows(found: Int, needed: Int)
  /// A setting is outside its allowed range.
  case invalidConfiguration(setting: String, value: String, expected: String)
  /// No column is left to learn from once the label and id columns are set aside.
  case noFeatures
  /// A column's values no longer match the kind the model was trained with.
  case columnKindChanged(column: String, expected: String, row: Int, value: String)
  /// A cell does not read as the kind the rest of its column shows (a word among numbers), so no
  /// model is fitted on it; `count` cells of the column are like it (1-based row of the first).
  case cellDoesNotFit(column: String, expected: ColumnKind, row: Int, value: String, count: Int)
  /// Arrays that must line up (probabilities and labels) have different lengths.
  case lengthMismatch(what: String, expected: Int, found: Int)
  /// A probability given to a metric is NaN or infinite (1-based row).
  case invalidProbability(row: Int, value: Double)
  /// The model file could not be read, or is not an Aftershock churn model.
  case unreadableModel(path: String, reason: String)
  /// The model file has a version or kind this build cannot score.
  case unsupportedModel(path: String, format: String, version: Int, kind: String)
  /// The model file could not be written.
  case cannotWriteModel(path: String, reason: String)
  /// A categorical feature given to the trees holds a value that is not an integer code in 0..<255.
  case invalidCategory(feature: String, row: Int, value: Double)
  /// A numeric feature given to the trees is infinite (NaN marks a missing value).
  case infiniteValue(feature: String, row: Int)
  /// The features given to fitted trees differ from those they were trained on.
  case featureMismatch(expected: [String], found: [String])

  public var description: String {
    switch self {
    case .duplicateColumn(let name):
      return "column '\(name)' appears twice in the header"
    case .rowWidthMismatch(let row, let expected, let found):
      return "row \(row) has \(found) fields but the header has \(expected)"
    case .missingColumn(let name):
      return "column '\(name)' is missing from the table"
    case .invalidLabel(let column, let row, let value):
      return "label column '\(column)' row \(row) holds '\(value)', expected 0/1, true/false or yes/no "
        + "(name the churned value with --positive, e.g. --positive '\(value)' if that one means churned)"
    case .singleClass(let column, let value):
      return "label column '\(column)' holds only \(value ? "positive" : "negative") rows, need both classes"
    case .notEnoughRows(let found, let needed):
      return "the table has \(found) usable row\(found == 1 ? "" : "s"), need at least \(needed)"
    case .invalidConfiguration(let setting, let value, let expected):
      return "setting \(setting) is \(value), expected \(expected)"
    case .noFeatures:
      return "no feature column is left once the label and id columns are set aside"
    case .columnKindChanged(let column, let expected, let row, let value):
      return "column '\(column)' was \(expected) when the model was trained, but row \(row) holds '\(value)'"
    case .cellDoesNotFit(let column, let expected, let row, let value, let count):
      let kind = expected == .boolean ? "yes/no" : expected.rawValue
      let more = count > 1 ? " (and \(count - 1) more cell\(count == 2 ? "" : "s") like it)" : ""
      return
        "column '\(column)' is \(kind), but row \(row) holds '\(value)'\(more); fix or remove those rows before fitting"
    case .lengthMismatch(let what, let expected, let found):
      return "\(what) has \(found) values, expected \(expected)"
    case .invalidProbability(let row, let value):
      return "row \(row) has probability \(value), expected a finite number"
    case .unreadableModel(let path, let reason):
      return "cannot read model file \(path): \(reason)"
    case .unsupportedModel(let path, let format, let version, let kind):
      return "model file \(path) is \(format) version \(version) of kind '\(kind)', which this build cannot score"
    case .cannotWriteModel(let path, let reason):
      return "cannot write model file \(path): \(reason)"
    case .invalidCategory(let feature, let row, let value):
      return "categorical feature '\(feature)' row \(row) holds \(value), expected an integer code in 0..<255 or NaN"
    case .infiniteValue(let feature, let row):
      return "feature '\(feature)' row \(row) is infinite, expected a finite number or NaN for missing"
    case .featureMismatch(let expected, let found):
      return
        "the model was trained on features \(expected.joined(separator: ", ")) but was given \(found.joined(separator: ", "))"
    }
  }
}
