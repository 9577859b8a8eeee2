/// One nightly run as the history keeps it: its date, timing, status, inputs and counts.
public struct RunRecord: Equatable, Sendable {
  /// The run's id in the history (`nil` until saved); stable when the same `asOf` is re-run.
  public var id: Int64?
  /// The date the run describes, `YYYY-MM-DD`; one run per date.
  public var asOf: String
  /// When the run started (ISO 8601 timestamp).
  public var startedAt: String
  /// When the run finished (ISO 8601 timestamp), if it did.
  public var finishedAt: String?
  /// How the run ended, e.g. `succeeded` or `failed`.
  public var status: String
  /// The inputs as a JSON object (paths, sha256, read/accepted/quarantined counts).
  public var inputSummaryJSON: String
  /// The model versions as a JSON object (e.g. `{"sentiment":"rules-1","churn":"logistic-3"}`).
  public var modelVersionsJSON: String
  /// Accounts scored.
  public var accountCount: Int
  /// Tickets read.
  public var ticketCount: Int
  /// Survey answers read.
  public var surveyCount: Int
  /// Records quarantined across all inputs.
  public var quarantineCount: Int

  /// Makes a run record.
  public init(
    id: Int64? = nil, asOf: String, startedAt: String, finishedAt: String? = nil, status: String = "succeeded",
    inputSummaryJSON: String = "{}", modelVersionsJSON: String = "{}", accountCount: Int = 0, ticketCount: Int = 0,
    surveyCount: Int = 0, quarantineCount: Int = 0
  ) {
    self.id = id
    self.asOf = asOf
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.status = status
    self.inputSummaryJSON = inputSummaryJSON
    self.modelVersionsJSON = modelVersionsJSON
    self.accountCount = accountCount
    self.ticketCount = ticketCount
    self.surveyCount = surveyCount
    self.quarantineCount = quarantineCount
  }
}
