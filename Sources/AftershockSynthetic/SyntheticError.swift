/// Why an operation of AftershockSynthetic could not go on (record-level problems are data, not errors).
public enum SyntheticError: Error, CustomStringConvertible {
  /// A catch-all with a message for the user; owners of this target replace it with precise cases.
  case failed(String)

  public var description: String {
    switch self {
    case .failed(let message): return message
    }
  }
}
