/// What the account record says about one account, as plain values (nil when absent).
public struct AccountAttributes: Sendable, Equatable, Codable {
  /// Contract start, seconds since 1970-01-01 UTC.
  public var contractStart: Double?
  /// Next renewal date, seconds since 1970-01-01 UTC.
  public var renewalDate: Double?
  /// Annual recurring revenue.
  public var annualRecurringRevenue: Double?
  /// Licensed seats.
  public var seats: Double?
  /// Customer segment (`smb`, `mid_market`, `enterprise`, ...).
  public var segment: String?
  /// Plan name.
  public var plan: String?
  /// Hours the account was affected by the outage.
  public var outageImpactHours: Double?
  /// Compensation offered (`none`, `voucher_10`, `service_credit`, `extended_service`).
  public var offer: String?
  /// Whether the offer was redeemed.
  public var offerRedeemed: Bool?

  /// Attributes with every value given or absent.
  public init(
    contractStart: Double? = nil, renewalDate: Double? = nil, annualRecurringRevenue: Double? = nil,
    seats: Double? = nil, segment: String? = nil, plan: String? = nil,
    outageImpactHours: Double? = nil, offer: String? = nil, offerRedeemed: Bool? = nil
  ) {
    self.contractStart = contractStart
    self.renewalDate = renewalDate
    self.annualRecurringRevenue = annualRecurringRevenue
    self.seats = seats
    self.segment = segment
    self.plan = plan
    self.outageImpactHours = outageImpactHours
    self.offer = offer
    self.offerRedeemed = offerRedeemed
  }
}
