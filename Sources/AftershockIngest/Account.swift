/// One customer account as read from the accounts input.
public struct Account: Sendable, Hashable, Codable {
  /// The account's id (required; interned, so tickets share the same storage).
  public var accountID: String
  /// The company name.
  public var name: String?
  /// The customer segment (e.g. enterprise, mid-market, smb).
  public var segment: String?
  /// The sales region.
  public var region: String?
  /// The account manager responsible for the account.
  public var accountManager: String?
  /// Annual recurring revenue (≥ 0, finite).
  public var arr: Double?
  /// Licensed seats (≥ 0).
  public var seats: Int?
  /// The plan or product edition.
  public var plan: String?
  /// The day the contract started.
  public var contractStart: Day?
  /// The day the contract comes up for renewal.
  public var renewalDate: Day?
  /// Hours of outage impact the account suffered (0–8,784).
  public var outageImpactHours: Double?
  /// The compensation offered.
  public var offer: Offer?
  /// Whether the offer was redeemed.
  public var offerRedeemed: Bool?
  /// Whether the account churned (the history label).
  public var churned: Bool?
  /// The day the account churned.
  public var churnDate: Day?
  /// The line of the input on which the record starts.
  public var line: Int
  /// Marked not churned with no renewal date: a customer still, whose renewal is unknown (a
  /// run reads it as open, and as not churned for its model; nil otherwise).
  public var renewalUnknown: Bool? = nil
  /// Marked churned with a churn date after today: a cancellation given notice of, in effect
  /// that day (a run reads it as open and sure to leave; nil otherwise).
  public var noticeEffective: Day? = nil

  /// Creates an account with only its id set.
  public init(accountID: String, line: Int = 0) {
    self.accountID = accountID
    self.line = line
  }
}

extension Account {
  /// A segment or plan written as ingest stores it (`RecordBuilder.categoryKey(_:)`: "Mid-Market"
  /// and "mid market" are `mid_market`), for a filter naming one as a user types it.
  package static func categoryKey(_ value: String) -> String { RecordBuilder.categoryKey(value) }
}
