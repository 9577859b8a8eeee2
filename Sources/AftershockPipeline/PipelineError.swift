import AftershockIngest
import Foundation

/// Why a run or command of the pipeline could not go on (record-level problems are quarantine rows).
public enum PipelineError: Error, CustomStringConvertible {
  /// A required input is not in the folder; `misnamed` are its files named as one but for case
  /// (`Accounts.csv`).
  case missingInput(what: String, directory: String, misnamed: [String] = [])
  /// An input's quarantined share passed the limit; `hint` says what most likely went wrong and
  /// how to fix it (a Windows-1252 file: the `iconv` line; else the commonest quarantine reason
  /// and its first record, whose detail gives the fix, as `--date-order` for ambiguous dates).
  case tooManyBadRecords(file: String, share: Double, limit: Double, hint: String? = nil)
  /// No account could be scored (none accepted).
  case noAccounts(file: String)
  /// A churn model could not be had: no model file and too few labelled accounts to fit one.
  case noChurnModel(reason: String)
  /// The history holds no run to show.
  case noRuns(database: String)
  /// The history names a folder (`--db out`), not the history's file; `suggestion` is the
  /// history file inside it, when there is one.
  case historyIsAFolder(database: String, suggestion: String?)
  /// No run of the history is the one asked for (`asked`: "with id 7", "as of 2024-11-20");
  /// `runs` are the history's latest (at most ``unknownRunListLimit``), oldest as-of first, of `total`.
  case unknownRun(asked: String, database: String, runs: [(id: Int64, asOf: String)], total: Int)
  /// A partial state cannot be merged: not a partial, damaged, or from another run (accounts,
  /// as-of day, models) than the others.
  case incompatiblePartial(path: String, reason: String)
  /// A stage failed with a library's error.
  case stage(String, underlying: String)
  /// The history lies in the output folder under a name the outputs take (`--db out/report.md`):
  /// publishing would move an output over it. `suggestion` is a name that would do.
  case historyNamedLikeAnOutput(database: String, output: String, suggestion: String)
  /// Another process holds the history's write lock past the busy timeout (a run still saving).
  case historyLocked(database: String)
  /// The run could not be saved in the history (a full disk at the commit); when the outputs had
  /// already been moved into place they were put back (`unrestored`: the files that could not be).
  case historyNotSaved(database: String, reason: String, outputsRestored: Bool, unrestored: [String])
  /// A catch-all with a message for the user.
  case failed(String)

  /// Where a run that stopped for too many bad records leaves its quarantine, so the previous run's
  /// `quarantine.csv` stays as it was; the next successful run retires it with the previous set.
  public static let failedRunQuarantineFile = "quarantine_of_failed_run.csv"

  /// The most runs ``unknownRun(asked:database:runs:total:)`` lists.
  public static let unknownRunListLimit = 10

  public var description: String {
    switch self {
    case .missingInput(let what, let directory, let misnamed):
      return "no \(what) file in \(directory) (expected \(what).csv, .tsv, .jsonl or .ndjson)"
        + (misnamed.isEmpty ? "" : "; " + InputFolder.misnamedNote(misnamed))
    case .tooManyBadRecords(let file, let share, let limit, let hint):
      return "\(file): \(String(format: "%.1f", share * 100))% of records quarantined, more than --max-bad "
        + "\(String(format: "%.1f", limit * 100))%; see \(PipelineError.failedRunQuarantineFile) beside the outputs (the previous outputs were not replaced)"
        + (hint.map { "; " + $0 } ?? "")
    case .noAccounts(let file):
      return "\(file): no account was accepted; nothing to score"
    case .noChurnModel(let reason):
      return "no churn model: \(reason)"
    case .noRuns(let database):
      guard FileManager.default.fileExists(atPath: database) else {
        return
          "no history at \(database) (no such file); run 'aftershock run' first (it writes <out>/aftershock.sqlite), "
          + "or name the history with --db"
      }
      return "\(database) holds no run yet; run 'aftershock run' first"
    case .historyIsAFolder(let database, let suggestion):
      return "--db \(database) is a folder; --db takes the history file itself"
        + (suggestion.map { " (e.g. --db \(ShellWord.quoted($0)))" } ?? " (run writes <out>/aftershock.sqlite)")
    case .unknownRun(let asked, let database, let runs, let total):
      guard !runs.isEmpty else { return "no run \(asked) in \(database): it holds no run yet" }
      let listed = runs.map { "\($0.id) (\($0.asOf))" }.joined(separator: ", ")
      let which =
        total > runs.count
        ? "its latest \(runs.count) runs of \(total), by as-of date" : "its runs, by as-of date"
      return "no run \(asked) in \(database); \(which): \(listed); --run takes a run id or an as-of date YYYY-MM-DD"
    case .incompatiblePartial(let path, let reason):
      return "cannot merge \(path): \(reason)"
    case .stage(let stage, let underlying):
      return "\(stage): \(underlying)"
    case .historyNamedLikeAnOutput(let database, let output, let suggestion):
      return "--db \(database) is in the output folder \(output) under a name the run's outputs take; "
        + "give the history another name (e.g. \(suggestion))"
    case .historyLocked(let database):
      return
        "the history \(database) is locked by another process (a run still saving?); try again when it has finished"
    case .historyNotSaved(let database, let reason, let outputsRestored, let unrestored):
      let outputs: String
      if !outputsRestored {
        outputs = ""
      } else if unrestored.isEmpty {
        outputs = "; the previous outputs were put back"
      } else {
        outputs = "; the previous outputs were put back except \(unrestored.joined(separator: ", "))"
      }
      return "cannot save the run in the history \(database): \(reason)\(outputs)"
    case .failed(let message):
      return message
    }
  }
}
