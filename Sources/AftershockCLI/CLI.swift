import AftershockPipeline
import AftershockReport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Entry point of the `aftershock` command: dispatches to subcommands, maps errors to exit codes.
public enum CLI {
  /// The subcommands, by the words that name them.
  nonisolated(unsafe) static let commands: [String: any Command.Type] = Dictionary(
    uniqueKeysWithValues: registered.map { ($0.spec.name, $0) })

  nonisolated(unsafe) static let registered: [any Command.Type] = [
    RunCommand.self,
    MergeCommand.self,
    AtRiskCommand.self,
    ReportCommand.self,
    ForecastCommand.self,
    ValidateCommand.self,
    ScoreCommand.self,
    SentimentCommand.self,
    SentimentTrainCommand.self,
    SentimentEvalCommand.self,
    SentimentCrossValidateCommand.self,
    ChurnCommand.self,
    ChurnTrainCommand.self,
    ChurnEvalCommand.self,
    ChurnCrossValidateCommand.self,
    GenerateCommand.self,
  ]

  /// The version printed by `--version`.
  public static let version = "0.1.0"

  /// Runs the command line (without the program name) and returns the process exit code.
  ///
  /// Exit codes: 0 success, 1 the run failed, 2 bad usage. A closed standard output
  /// (`| head`) ends the command quietly with 0; standard error failing changes nothing.
  public static func main(_ arguments: [String]) -> Int32 {
    Console.reserveStandardDescriptors()
    signal(SIGPIPE, SIG_IGN)
    let console = Console()
    let code = run(arguments, console: console)
    do {
      try console.flush()
    } catch {
      return error == .brokenPipe ? code : exitCode(for: error, command: "", console: console)
    }
    return code
  }

  static func run(_ arguments: [String], console: Console) -> Int32 {
    guard let first = arguments.first else {
      console.diagnostic(topLevelHelp)
      return 2
    }
    if first == "-h" || first == "--help" || first == "help" {
      let found = arguments.count > 1 ? lookUp(Array(arguments.dropFirst())) : nil
      return printOrFail(found?.type.spec.helpText ?? topLevelHelp, console: console)
    }
    if first == "--version" {
      return printOrFail("aftershock \(version)\n", console: console)
    }
    guard let found = lookUp(arguments) else {
      let known = registered.map { $0.spec.name }
      var message = "unknown command '\(first)'"
      if let close = known.min(by: { editDistance($0, first) < editDistance($1, first) }),
        editDistance(close, first) <= 2
      {
        message += "; did you mean '\(close)'?"
      }
      console.diagnostic(UsageError(command: "", message: message).description)
      return 2
    }
    let command = found.type
    let spec = command.spec
    do {
      var parsed = try spec.parse(Array(arguments.dropFirst(found.consumed)))
      parsed.command = spec.name
      if parsed.wantsHelp {
        return printOrFail(spec.helpText, command: spec.name, console: console)
      }
      let code = try command.run(parsed, console: console)
      console.endProgress()
      // Flushed here, so that a failed write is reported under the command's name.
      try flushIgnoringBrokenPipe(console)
      return code
    } catch {
      console.endProgress()
      return exitCode(for: error, command: spec.name, console: console)
    }
  }

  /// Flushes standard output; a reader that has gone (`| head`) is not a failure.
  static func flushIgnoringBrokenPipe(_ console: Console) throws(ReportError) {
    do {
      try console.flush()
    } catch {
      if error != .brokenPipe { throw error }
    }
  }

  /// Writes text to standard output; a closed pipe is not a failure.
  static func printOrFail(_ text: String, command: String = "", console: Console) -> Int32 {
    do {
      try console.write(text)
      try console.flush()
      return 0
    } catch {
      return exitCode(for: error, command: command, console: console)
    }
  }

  /// Prints an error the way its kind asks for and returns the exit code.
  static func exitCode(for error: any Error, command: String, console: Console) -> Int32 {
    if let usage = error as? UsageError {
      console.diagnostic(usage.description)
      return 2
    }
    if let report = error as? ReportError, report == .brokenPipe {
      return 0
    }
    console.diagnostic(
      "\(command.isEmpty ? "aftershock" : "aftershock \(command)"): error: \(ErrorText.sentence(error))")
    return 1
  }

  /// Finds the command named by the first one or two words; returns it and how many words it used.
  static func lookUp(_ arguments: [String]) -> (type: any Command.Type, consumed: Int)? {
    if arguments.count >= 2, let command = commands[arguments[0] + " " + arguments[1]] {
      return (command, 2)
    }
    if let first = arguments.first, let command = commands[first] { return (command, 1) }
    return nil
  }

  static var topLevelHelp: String {
    var text = """
      OVERVIEW: Aftershock: how customers reacted to an incident and to the compensation
      offered, who is about to leave, and the retention and revenue at risk.

      USAGE: aftershock <command> [options]

      COMMANDS:

      """
    for command in registered {
      let name = command.spec.name
      text += "  " + name + String(repeating: " ", count: max(1, 20 - name.count)) + command.spec.abstract + "\n"
    }
    text += """

      See 'aftershock <command> --help' for a command's options.
      Exit codes: 0 success, 1 the run failed, 2 bad usage.

      """
    return text
  }
}
