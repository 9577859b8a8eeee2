/// One support ticket.
public struct Ticket: Sendable, Hashable {
  /// The ticket's id (required, unique within its input).
  public var ticketID: String
  /// The account that raised it (required; interned when accounts were loaded first).
  public var accountID: String
  /// When it was created (required), in UTC.
  public var createdAt: Timestamp
  /// What the customer wrote (required, non-empty).
  public var body: String
  /// The subject line.
  public var subject: String?
  /// Where it came from (email, web, chat, phone, ...).
  public var channel: String?
  /// The priority as exported.
  public var priority: String?
  /// The status as exported.
  public var status: String?
  /// The line of the input on which the record starts.
  public var line: Int

  /// Creates a ticket from its required fields.
  public init(ticketID: String, accountID: String, createdAt: Timestamp, body: String, line: Int = 0) {
    self.ticketID = ticketID
    self.accountID = accountID
    self.createdAt = createdAt
    self.body = body
    self.line = line
  }
}
