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
    let output = PathName.canonical(outputDirectory)
    for path in partialPaths {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      let folder = PathName.canonical(!exists || isDirectory.boolValue ? path : PathName.parent(of: path))
      if PathName.isSameOrInside(output, folder) || PathName.isSameOrInside(folder, output) { return path }
    }
    return nil
  }
}
