/// A mistake in how a command was called; the CLI prints it with a hint and exits with 2.
struct UsageError: Error, CustomStringConvertible, Equatable {
  /// The command's name (`run`, `sentiment train`), or empty for the top level.
  var command: String
  /// One sentence saying what is wrong.
  var message: String

  var description: String {
    let prefix = command.isEmpty ? "aftershock" : "aftershock \(command)"
    return "\(prefix): error: \(message)\nhint: see 'aftershock \(command.isEmpty ? "" : command + " ")--help'"
  }
}
