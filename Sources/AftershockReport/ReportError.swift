/// Why an output could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
  /// The file or folder could not be created or written.
  case cannotWrite(path: String, reason: String)
  /// The reader of standard output went away (e.g. `| head`); stop quietly.
  case brokenPipe

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    case .brokenPipe: return "output closed by the reader"
    }
  }
}
