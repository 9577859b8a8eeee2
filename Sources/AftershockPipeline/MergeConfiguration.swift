import AftershockIngest
import AftershockModel
import Foundation

/// What `aftershock merge` reads and where it writes: the shards' partial states, and the
/// settings of the finishing step (churn model, tiers, horizons), which `run` takes too.
public struct MergeConfiguration: Sendable {
  /// Partials: a shard's output folder, or its `partial.json`.
  public var partialPaths: [String]
  /// The folder the outputs go to.
  public var outputDirectory: String
  /// The SQLite history file.
  public var databasePath: String
  /// Aftershock's `Data/` folder (the shipped churn model).
  public var dataDirectory: DataDirectory
  /// A churn model file; nil: fitted on the labelled accounts, else `Data/models/churn.json`, as in `run`.
  public var churnModelPath: String?
  /// Risk tier thresholds.
  public var tiers: RiskTiers
  /// Forecast horizons in days.
  public var horizons: [Int]

  /// A configuration with the product's defaults (those of `RunConfiguration`).
  public init(
    partialPaths: [String], outputDirectory: String = "out", databasePath: String? = nil,
    dataDirectory: DataDirectory, churnModelPath: String? = nil, tiers: RiskTiers = RiskTiers(),
    horizons: [Int] = [30, 90, 180, 365]
  ) {
    self.partialPaths = partialPaths
    self.outputDirectory = outputDirectory
    self.databasePath = databasePath ?? outputDirectory + "/aftershock.sqlite"
    self.dataDirectory = dataDirectory
    self.churnModelPath = churnModelPath
    self.tiers = tiers
    self.horizons = horizons
  }

  /// The first partial whose folder the output folder is, is inside or holds (compared as real
  /// paths, symbolic links resolved), or nil: writing there would replace the shard's files.
  public func partialOverlappingOutput() -> String? {
    let output = Self.realPath(outputDirectory)
    for path in partialPaths {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      let folder = Self.realPath(!exists || isDirectory.boolValue ? path : PathName.parent(of: path))
      if Self.isSameOrInside(output, folder) || Self.isSameOrInside(folder, output) { return path }
    }
    return nil
  }

  /// Whether `path` is `folder` or lies inside it (both absolute and standardized).
  private static func isSameOrInside(_ path: String, _ folder: String) -> Bool {
    path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }

  /// The absolute path with symbolic links resolved, for the part of it that exists (an output
  /// folder may not exist yet).
  private static func realPath(_ path: String) -> String {
    var existing = URL(fileURLWithPath: path.isEmpty ? "." : path).standardizedFileURL
    var missing: [String] = []
    while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
      missing.insert(existing.lastPathComponent, at: 0)
      existing.deleteLastPathComponent()
    }
    let resolved = existing.resolvingSymlinksInPath().path
    return missing.reduce(resolved) { $0.hasSuffix("/") ? $0 + $1 : $0 + "/" + $1 }
  }
}
