/// Why the sample generator could not run (it has no record-level problems: it makes the records).
public enum SyntheticError: Error, CustomStringConvertible, Equatable {
  /// A configuration value is out of its range.
  case invalidConfiguration(field: String, value: String, expected: String)
  /// A date is not a real `YYYY-MM-DD` day.
  case invalidDate(value: String)
  /// An output file or folder could not be written.
  case cannotWrite(path: String, reason: String)
  /// The output folder already holds files of the sample's names (someone's exports, perhaps), and
  /// replacing them was not asked for.
  case wouldReplace(directory: String, files: [String])

  public var description: String {
    switch self {
    case .invalidConfiguration(let field, let value, let expected):
      return "invalid \(field) \(value): expected \(expected)"
    case .invalidDate(let value):
      return "invalid date '\(value)': expected a real day written YYYY-MM-DD"
    case .cannotWrite(let path, let reason):
      return "cannot write \(path): \(reason)"
    case .wouldReplace(let directory, let files):
      let list = files.count > 1 ? files.dropLast().joined(separator: ", ") + " and " + files.last! : files.joined()
      return "\(directory) already holds \(list), which the sample would replace; give --force to replace "
        + (files.count > 1 ? "them" : "it") + ", or another --out"
    }
  }
}
