/// One subcommand of `aftershock`: its spec (options and help) and what it runs.
protocol Command {
  /// The options, arguments and help of the command.
  static var spec: CommandSpec { get }
  /// Runs the command with parsed arguments; returns the exit code (0 success, 1 failure).
  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32
}
