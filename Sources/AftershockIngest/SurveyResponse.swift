/// One survey response (NPS and/or CSAT with an optional comment).
public struct SurveyResponse: Sendable, Hashable {
  /// The response's id (required, unique within its input).
  public var responseID: String
  /// The account that answered (required; interned when accounts were loaded first).
  public var accountID: String
  /// When it was submitted (required), in UTC.
  public var submittedAt: Timestamp
  /// Net Promoter score, 0–10.
  public var nps: Int?
  /// Customer satisfaction, 1–5.
  public var csat: Int?
  /// The free-text comment.
  public var comment: String?
  /// The line of the input on which the record starts.
  public var line: Int

  /// Creates a response from its required fields.
  public init(responseID: String, accountID: String, submittedAt: Timestamp, line: Int = 0) {
    self.responseID = responseID
    self.accountID = accountID
    self.submittedAt = submittedAt
    self.line = line
  }
}
