import AftershockPipeline

/// Entry point of the `aftershock` command.
public enum CLI {
  /// Runs the command line and returns the process exit code.
  public static func main(_ arguments: [String]) -> Int32 {
    return 0
  }
}
