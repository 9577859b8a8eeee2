/// One account's offer and what happened, for offer scenarios.
public struct OfferOutcome: Sendable, Equatable, Codable {
  /// The account's id.
  public var accountID: String
  /// Its segment (used to detect confounding of offer with segment).
  public var segment: String
  /// The offer received (`none`, `voucher_10`, `service_credit`, `extended_service`, ...).
  public var offer: String
  /// ARR (>= 0).
  public var arr: Double
  /// Whether the account churned in the observation window.
  public var churned: Bool
  /// Hours of outage the account suffered (nil when unknown): a vendor gives bigger offers to
  /// the accounts hit hardest, so the comparison within strata uses it beside the segment.
  public var impactHours: Double?

  /// Makes an outcome.
  public init(
    accountID: String, segment: String, offer: String, arr: Double, churned: Bool, impactHours: Double? = nil
  ) {
    self.accountID = accountID
    self.segment = segment
    self.offer = offer
    self.arr = arr
    self.churned = churned
    self.impactHours = impactHours
  }
}
