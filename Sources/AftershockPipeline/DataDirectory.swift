import Foundation

/// Finds the product's `Data/` folder (lexicons, models, the bundled sample).
///
/// In order: an explicit path; the `AFTERSHOCK_DATA` environment variable; `Data` in the
/// working directory; a `Data/` beside or above the executable, wherever it was started from
/// (its real path, links resolved: a `swift run` binary lives in `.build/<triple>/<config>/`,
/// three levels under the package; a link to it in a `PATH` folder finds the same `Data/`).
public struct DataDirectory: Sendable, Equatable {
  /// The folder's path.
  public let path: String

  /// Makes a data directory for a known path (not checked).
  public init(path: String) {
    self.path = path
  }

  /// Locates the data directory, or throws saying where it looked.
  public static func locate(explicit: String? = nil) throws -> DataDirectory {
    // Each place with what put it there when that is not plain (the environment variable).
    var candidates: [(path: String, source: String?)] = []
    if let explicit { candidates.append((explicit, nil)) }
    let environment = ProcessInfo.processInfo.environment
    if let variable = environment["AFTERSHOCK_DATA"], !variable.isEmpty {
      candidates.append((variable, "AFTERSHOCK_DATA"))
    }
    // Relative, so a run from the repository names its inputs as the user would
    // (`Data/sample/accounts.csv` in its summary, manifest and report, not the machine's path).
    candidates.append(("Data", nil))
    if let executable = executablePath(environment: environment) {
      var folder = URL(fileURLWithPath: executable).deletingLastPathComponent().standardizedFileURL.path
      for _ in 0..<5 {
        candidates.append((folder == "/" ? "/Data" : folder + "/Data", nil))
        if folder == "/" { break }
        folder = URL(fileURLWithPath: folder).deletingLastPathComponent().standardizedFileURL.path
      }
    }
    // A folder reached twice (the working directory is the executable's) is looked in and named once.
    var tried: [String] = []
    var named: [String] = []
    for (candidate, source) in candidates {
      let absolute =
        candidate == "Data"
        ? FileManager.default.currentDirectoryPath + "/Data"
        : URL(fileURLWithPath: candidate).standardizedFileURL.path
      guard !tried.contains(absolute) else { continue }
      tried.append(absolute)
      named.append(source.map { "\(absolute) (\($0))" } ?? absolute)
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
      "cannot find Aftershock's Data/ folder (looked in \(named.joined(separator: ", "))); "
        + "run from the repository or set AFTERSHOCK_DATA")
  }

  /// The running executable's path, symbolic links resolved: Linux's `/proc/self/exe`, else the
  /// command's name as it was started (`argv[0]`, found in `PATH` as a shell finds it).
  static func executablePath(environment: [String: String]) -> String? {
    #if os(Linux)
      if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
        FileManager.default.fileExists(atPath: path)
      {
        return path
      }
    #endif
    return executablePath(named: CommandLine.arguments.first ?? "", searchPath: environment["PATH"] ?? "")
  }

  /// The path of the executable a command `name` starts, symbolic links resolved: `name` itself
  /// when it has a slash (relative to the working directory), else the first executable file of
  /// that name in the folders of `searchPath` (`PATH`, colon-separated; an empty entry is the
  /// working directory); nil when there is none.
  static func executablePath(named name: String, searchPath: String) -> String? {
    guard !name.isEmpty else { return nil }
    if name.contains("/") { return URL(fileURLWithPath: name).resolvingSymlinksInPath().path }
    for folder in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
      let path = (folder.isEmpty ? "." : String(folder)) + "/" + name
      var isDirectory: ObjCBool = false
      if FileManager.default.isExecutableFile(atPath: path),
        FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
      {
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
      }
    }
    return nil
  }

  /// A path inside the folder.
  public func file(_ relativePath: String) -> String {
    path + "/" + relativePath
  }
}
