/// What a generation run wrote: counts of records and bytes per file.
public struct GenerationSummary: Sendable, Equatable {
  /// Accounts written to `accounts.csv`.
  public var accountCount: Int
  /// Tickets written to `tickets.csv`.
  public var ticketCount: Int
  /// Survey answers written to `surveys.csv`.
  public var surveyCount: Int
  /// Accounts whose renewal falls on or before the as-of day (so `churned` is filled).
  public var labelledCount: Int
  /// Labelled accounts that churned.
  public var churnedCount: Int
  /// Accounts (labelled or open) whose drawn outcome is churn, as in the truth file.
  public var churnedOutcomeCount: Int
  /// The files written, relative to the output folder, with their sizes in bytes, in writing order.
  public var files: [WrittenFile]

  /// Total bytes of all files.
  public var bytesWritten: Int { files.reduce(0) { $0 + $1.byteCount } }

  /// One file of the sample.
  public struct WrittenFile: Sendable, Equatable {
    /// Path relative to the output folder (`accounts.csv`, `truth/accounts_truth.csv`, ...).
    public var relativePath: String
    /// Size in bytes.
    public var byteCount: Int
  }
}

/// How far a generation run has come, passed to the progress callback.
public struct GenerationProgress: Sendable, Equatable {
  /// Accounts written so far.
  public var accountsWritten: Int
  /// Accounts the run will write.
  public var accountCount: Int
  /// Tickets written so far.
  public var ticketsWritten: Int
  /// Survey answers written so far.
  public var surveysWritten: Int
}
