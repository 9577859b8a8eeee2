import AftershockIngest
import AftershockModel
import Foundation

/// What a run over one shard (`aftershock run --partial`) reports back.
public struct PartialResult: Sendable {
  /// The day it scored at.
  public var asOf: String
  /// The shard's output folder: `partial.json` and the per-record outputs.
  public var outputDirectory: String
  /// The partial state's path.
  public var partialPath: String
  /// Files written, relative to the output folder.
  public var files: [String]
  /// Per-input counts (accounts, then the shard's tickets and survey answers).
  public var inputs: [RunSummary.InputCounts]
  /// Seconds per stage, in order.
  public var stageSeconds: [(String, Double)]
}

extension NightlyRun {
  /// The map step of a sharded run: streams one shard of the tickets and survey answers (with
  /// the full accounts table) and writes its partial state, `partial.json`, beside its
  /// per-record outputs (`scored_tickets.csv`, `scored_surveys.csv`, `quarantine.csv`) instead of
  /// scoring risk: `merge` does that once over every shard.
  /// - Throws: `PipelineError` when the run cannot complete (outputs are then untouched), or when
  ///   the configuration has no as-of day (shards must score at the same day).
  public static func runPartial(_ configuration: RunConfiguration, progress: ProgressHandler? = nil) throws
    -> PartialResult
  {
    guard configuration.asOf != nil else {
      throw PipelineError.failed(
        "a partial run needs its as-of day set: every shard must score at the same day (--as-of)")
    }
    var job = try Job(configuration: configuration, progress: progress)
    return try job.executePartial()
  }

  /// The reduce step of a sharded run: checks the partials belong to one run, merges them (in an
  /// order of their own, so the order given does not matter) and runs the same finishing step as
  /// `run`: churn risk, forecast, history and reports, written atomically.
  /// - Throws: `PipelineError.incompatiblePartial` when a partial is missing, damaged or from
  ///   another run (accounts, as-of day, models) or repeats another's inputs; `PipelineError.failed`
  ///   when the output folder is, is inside or holds a partial's folder; `ModelError.unreadableModel`
  ///   when the churn model file is not one. All are checked before anything is written; else as `run`.
  public static func merge(_ configuration: MergeConfiguration, progress: ProgressHandler? = nil) throws -> RunResult {
    guard !configuration.partialPaths.isEmpty else {
      throw PipelineError.failed("nothing to merge: give at least one partial")
    }
    if let path = configuration.churnModelPath { try checkModelFile(path) }
    try checkHistory(configuration.databasePath, outputDirectory: configuration.outputDirectory)
    let sources = try PartialRun.ordered(configuration.partialPaths)
    if let partial = configuration.partialOverlappingOutput() {
      throw PipelineError.failed(
        "the output folder \(configuration.outputDirectory) overlaps the partial \(partial): "
          + "merge would write over the shard; choose another --out")
    }
    var job = try Job(merging: sources, configuration: configuration, progress: progress)
    return try job.executeMerge(sources)
  }

  /// Reads a churn model file once before any work, so a wrong one is named in words (a folder,
  /// missing, unreadable, empty, not a model) and no output folder is made for a merge that fails.
  /// - Throws: `ModelError.unreadableModel`, `ModelError.unsupportedModel`.
  static func checkModelFile(_ path: String) throws {
    func refuse(_ reason: String) -> ModelError { .unreadableModel(path: path, reason: reason) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw refuse("no such file")
    }
    guard !isDirectory.boolValue else {
      throw refuse("it is a folder, not a churn model file (written by 'aftershock churn train')")
    }
    guard FileManager.default.isReadableFile(atPath: path), let handle = FileHandle(forReadingAtPath: path) else {
      throw refuse("permission denied")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw refuse("it cannot be read (\(error.localizedDescription.lowercased()))")
    }
    guard !data.isEmpty else {
      throw refuse("the file is empty, not a churn model (written by 'aftershock churn train')")
    }
    _ = try ChurnModel(jsonData: data, path: path)
  }
}
