/// Why an output could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
  /// The file or folder could not be created or written.
  case cannotWrite(path: String, reason: String)
  /// The reader of standard output went away (e.g. `| head`); stop quietly.
  case brokenPipe
  /// Two tables or charts of one report would be written to the same file.
  case duplicateName(String)

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    case .brokenPipe: return "output closed by the reader"
    case .duplicateName(let name): return "two parts of the report would both be written to \(name)"
    }
  }
}
