/// Why gradient boosting could not fit, score, read or write a model.
public enum BoostingError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A setting is outside its allowed range.
  case invalidConfiguration(setting: String, value: String, expected: String)
  /// Arrays that must line up (columns, labels, kinds, names) have different lengths.
  case lengthMismatch(what: String, expected: Int, found: Int)
  /// The labels hold only one class, so no classifier can be fitted.
  case singleClass(positive: Bool)
  /// There are too few rows for the requested fit.
  case notEnoughRows(found: Int, needed: Int)
  /// A categorical column holds a value that is not an integer code in 0..<255.
  case invalidCategory(feature: String, row: Int, value: Double)
  /// A numeric value is infinite (NaN marks a missing value; infinities are not allowed).
  case infiniteValue(feature: String, row: Int)
  /// The features given to a fitted model differ from those it was trained on.
  case featureMismatch(expected: [String], found: [String])
  /// The model JSON could not be read or is not a gradient-boosted model.
  case unreadableModel(reason: String)
  /// The model JSON has a kind or version this build cannot score.
  case unsupportedModel(kind: String, version: Int)
  /// The model file could not be written.
  case cannotWriteModel(path: String, reason: String)

  public var description: String {
    switch self {
    case .invalidConfiguration(let setting, let value, let expected):
      return "setting \(setting) is \(value), expected \(expected)"
    case .lengthMismatch(let what, let expected, let found):
      return "\(what) has \(found) values, expected \(expected)"
    case .singleClass(let positive):
      return "the labels hold only \(positive ? "positive" : "negative") rows, need both classes"
    case .notEnoughRows(let found, let needed):
      return "the table has \(found) rows, need at least \(needed)"
    case .invalidCategory(let feature, let row, let value):
      return "categorical feature '\(feature)' row \(row) holds \(value), expected an integer code in 0..<255 or NaN"
    case .infiniteValue(let feature, let row):
      return "feature '\(feature)' row \(row) is infinite, expected a finite number or NaN for missing"
    case .featureMismatch(let expected, let found):
      return "the model was trained on features \(expected.joined(separator: ", ")) but was given \(found.joined(separator: ", "))"
    case .unreadableModel(let reason):
      return "cannot read the gradient-boosted model: \(reason)"
    case .unsupportedModel(let kind, let version):
      return "the model is of kind '\(kind)' version \(version), which this build cannot score as gbdt"
    case .cannotWriteModel(let path, let reason):
      return "cannot write model file \(path): \(reason)"
    }
  }
}
