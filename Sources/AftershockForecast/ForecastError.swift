/// Why an operation of AftershockForecast could not go on (record-level problems are data, not errors).
public enum ForecastError: Error, Equatable, CustomStringConvertible {
  /// An estimator was given no observations (or none that it can use).
  case emptyInput(what: String)
  /// Parallel inputs (e.g. durations and event flags) have different lengths.
  case mismatchedLengths(what: String, expected: Int, actual: Int)
  /// One input value is out of its domain; `index` is its zero-based position.
  case invalidValue(field: String, index: Int, value: String, expected: String)
  /// A numerical fit stopped before it converged.
  case fitDidNotConverge(model: String, iterations: Int, detail: String)

  public var description: String {
    switch self {
    case .emptyInput(let what):
      return "no \(what) to work with"
    case .mismatchedLengths(let what, let expected, let actual):
      return "\(what) has \(actual) values but \(expected) were expected"
    case .invalidValue(let field, let index, let value, let expected):
      return "\(field) at position \(index) is '\(value)' but \(expected) was expected"
    case .fitDidNotConverge(let model, let iterations, let detail):
      return "the \(model) fit did not converge after \(iterations) iterations (\(detail))"
    }
  }
}
