/// One account's churn risk in one run, with the reasons and the signals behind it.
public struct AccountScore: Equatable, Sendable {
  /// The account's id from the accounts file.
  public var accountID: String
  /// The account's name.
  public var name: String?
  /// The customer segment (e.g. `enterprise`, `smb`).
  public var segment: String?
  /// The sales region.
  public var region: String?
  /// The account manager responsible for the account.
  public var accountManager: String?
  /// Annual recurring revenue.
  public var arr: Double?
  /// The next renewal date, `YYYY-MM-DD`.
  public var renewalDate: String?
  /// Days from the run's as-of date to the renewal (negative when past).
  public var daysToRenewal: Int?
  /// The probability that the account churns at its next renewal, in [0, 1], given what the
  /// run knew: for an account renewing within the notice lead that has not left yet, lower than
  /// its model's (`ChurnTiming.pendingChurnProbability`). Tiers, ARR at risk and the at-risk
  /// list read it.
  public var churnProbability: Double
  /// The churn model's probability before that reading, which the forecast takes (nil in
  /// histories from before schema version 3, whose `churnProbability` is the model's).
  public var modelProbability: Double?
  /// The risk tier (e.g. `high`, `medium`, `low`).
  public var tier: String
  /// The main reasons for the score, most important first (the first three are stored).
  public var drivers: [String]
  /// Mean sentiment toward the outage, in [-1, 1].
  public var sentimentOutage: Double?
  /// Mean sentiment toward the compensation offer, in [-1, 1].
  public var sentimentOffer: Double?
  /// Tickets the account opened.
  public var ticketCount: Int
  /// Survey answers the account gave.
  public var surveyCount: Int
  /// Messages that said the customer intends to leave.
  public var churnIntentCount: Int
  /// Mean NPS answer (0-10).
  public var nps: Double?
  /// Mean CSAT answer (1-5).
  public var csat: Double?
  /// The compensation the account received (`none`, `voucher_10`, ...).
  public var offer: String?

  /// Makes an account score.
  public init(
    accountID: String, name: String? = nil, segment: String? = nil, region: String? = nil,
    accountManager: String? = nil, arr: Double? = nil, renewalDate: String? = nil, daysToRenewal: Int? = nil,
    churnProbability: Double, tier: String, drivers: [String] = [], sentimentOutage: Double? = nil,
    sentimentOffer: Double? = nil, ticketCount: Int = 0, surveyCount: Int = 0, churnIntentCount: Int = 0,
    nps: Double? = nil, csat: Double? = nil, offer: String? = nil, modelProbability: Double? = nil
  ) {
    self.accountID = accountID
    self.name = name
    self.segment = segment
    self.region = region
    self.accountManager = accountManager
    self.arr = arr
    self.renewalDate = renewalDate
    self.daysToRenewal = daysToRenewal
    self.churnProbability = churnProbability
    self.tier = tier
    self.drivers = drivers
    self.sentimentOutage = sentimentOutage
    self.sentimentOffer = sentimentOffer
    self.ticketCount = ticketCount
    self.surveyCount = surveyCount
    self.churnIntentCount = churnIntentCount
    self.nps = nps
    self.csat = csat
    self.offer = offer
    self.modelProbability = modelProbability
  }

  /// The probability a forecast takes: the model's, or `churnProbability` when none was stored.
  public var forecastProbability: Double { modelProbability ?? churnProbability }

  /// ARR weighted by the churn probability (`nil` when ARR is unknown).
  public var arrAtRisk: Double? { arr.map { $0 * churnProbability } }
}
