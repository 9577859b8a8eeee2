import Foundation

/// Finds the product's `Data/` folder (lexicons, models, the bundled sample).
///
/// In order: an explicit path; the `AFTERSHOCK_DATA` environment variable; `Data` in the
/// working directory; a `Data/` beside or above the executable (a `swift run` binary lives in
/// `.build/<config>/`, three levels under the package).
public struct DataDirectory: Sendable, Equatable {
  /// The folder's path.
  public let path: String

  /// Makes a data directory for a known path (not checked).
  public init(path: String) {
    self.path = path
  }

  /// Locates the data directory, or throws saying where it looked.
  public static func locate(explicit: String? = nil) throws -> DataDirectory {
    var tried: [String] = []
    var candidates: [String] = []
    if let explicit { candidates.append(explicit) }
    if let environment = ProcessInfo.processInfo.environment["AFTERSHOCK_DATA"], !environment.isEmpty {
      candidates.append(environment)
    }
    // Relative, so a run from the repository names its inputs as the user would
    // (`Data/sample/accounts.csv` in its summary, manifest and report, not the machine's path).
    candidates.append("Data")
    var executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<5 {
      candidates.append(executable.appendingPathComponent("Data").path)
      executable.deleteLastPathComponent()
    }
    for candidate in candidates {
      tried.append(candidate == "Data" ? FileManager.default.currentDirectoryPath + "/Data" : candidate)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate + "/lexicons", isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return DataDirectory(path: candidate)
      }
      if explicit != nil && candidate == explicit {
        throw PipelineError.failed("the data folder \(candidate) has no lexicons/ folder")
      }
    }
    throw PipelineError.failed(
      "cannot find Aftershock's Data/ folder (looked in \(tried.prefix(4).joined(separator: ", ")), …); "
        + "run from the repository or set AFTERSHOCK_DATA")
  }

  /// A path inside the folder.
  public func file(_ relativePath: String) -> String {
    path + "/" + relativePath
  }
}
