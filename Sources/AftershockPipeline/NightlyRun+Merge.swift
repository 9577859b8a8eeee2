import AftershockIngest
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
  ///   when the output folder is, is inside or holds a partial's folder, checked before anything
  ///   is written; else as `run`.
  public static func merge(_ configuration: MergeConfiguration, progress: ProgressHandler? = nil) throws -> RunResult {
    guard !configuration.partialPaths.isEmpty else {
      throw PipelineError.failed("nothing to merge: give at least one partial")
    }
    let sources = try PartialRun.ordered(configuration.partialPaths)
    if let partial = configuration.partialOverlappingOutput() {
      throw PipelineError.failed(
        "the output folder \(configuration.outputDirectory) overlaps the partial \(partial): "
          + "merge would write over the shard; choose another --out")
    }
    var job = try Job(merging: sources, configuration: configuration, progress: progress)
    return try job.executeMerge(sources)
  }
}
