import Foundation

/// Turns a driver into plain words: a phrase per known column name, with the account's actual
/// value formatted in, and a generic phrasing for any other column.
public struct DriverWording: Sendable {
  /// A phrase for one column; nil falls back to the generic phrasing.
  public typealias Phrase = @Sendable (DriverContext) -> String?

  /// Phrases keyed by column name (matched case-insensitively).
  public var phrases: [String: Phrase]
  /// The way a column is known to push risk, keyed by column name (matched case-insensitively):
  /// +1 when more of it means more risk (tickets stating leaving), -1 when less (a kinder outage
  /// sentiment). A reason whose push goes against it is not given: a model can weigh collinear
  /// columns with signs the other way ("positive about the outage" raising risk beside a
  /// negative average sentiment), and a manager reads a reason literally.
  public var directions: [String: Double] = [:]
  /// Columns that tell one story (latest NPS, mean NPS, detractor) share a group name: their
  /// contributions add up to one driver, worded by the member that weighs most.
  public var groups: [String: String]

  /// Wording with the given phrases and column groups.
  public init(phrases: [String: Phrase] = [:], groups: [String: String] = [:]) {
    self.phrases = Dictionary(phrases.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    self.groups = Dictionary(groups.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
  }

  /// The group of a column (its own name when it has none).
  func group(ofColumn column: String) -> String {
    groups[column.lowercased()] ?? column.lowercased()
  }

  /// Generic phrasing only ("CreditScore 420 (portfolio mean 650)", "Geography: Germany").
  public static let generic = DriverWording()

  /// Phrases for `AccountFeatureAccumulator`'s features, generic phrasing for the rest, and
  /// the directions of the features whose way is not in doubt.
  public static let standard: DriverWording = {
    var wording = DriverWording(phrases: accountPhrases, groups: accountGroups)
    wording.directions = accountDirections
    return wording
  }()

  /// More of these raises risk (+1) or lowers it (-1) in any reading of an account; the rest
  /// (ticket volume, ARR, seats, renewal timing, plan, segment, offer) can go either way.
  private static let accountDirections: [String: Double] = [
    "negative_ticket_share": 1, "mean_sentiment": -1, "worst_sentiment": -1, "outage_sentiment": -1,
    "offer_sentiment": -1, "churn_intent_tickets": 1, "competitor_tickets": 1, "nps_latest": -1, "nps_mean": -1,
    "detractor": 1, "csat_mean": -1, "outage_impact_hours": 1, "offer_redeemed": -1,
  ]

  private static let accountGroups = [
    "nps_latest": "nps", "nps_mean": "nps", "detractor": "nps",
    "ticket_count": "ticket volume", "tickets_last_7d": "ticket volume",
    "tickets_last_30d": "ticket volume",
    "negative_ticket_share": "ticket tone", "mean_sentiment": "ticket tone",
    "worst_sentiment": "ticket tone",
    "offer": "offer", "offer_received": "offer", "offer_redeemed": "offer",
  ]

  /// The driver's text.
  public func text(for context: DriverContext) -> String {
    if let phrase = phrases[context.column.lowercased()], let text = phrase(context) { return text }
    return Self.genericText(context)
  }

  /// "CreditScore 420 (portfolio mean 650)", "IsActiveMember: no", "Geography: Germany".
  public static func genericText(_ context: DriverContext) -> String {
    switch context.kind {
    case .categorical:
      guard let level = context.level else { return "\(context.column) missing" }
      return "\(context.column): \(level)"
    case .boolean:
      guard let value = context.value else { return "\(context.column) missing" }
      return "\(context.column): \(value >= 0.5 ? "yes" : "no")"
    case .numeric:
      guard let value = context.value else { return "\(context.column) missing" }
      if let mean = context.portfolioMean {
        let over = context.baseline == .portfolio ? "portfolio" : "training"
        return "\(context.column) \(number(value)) (\(over) mean \(number(mean)))"
      }
      return "\(context.column) \(number(value))"
    }
  }

  /// A number as people read it: integers plain, others to a sensible precision.
  public static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    let magnitude = abs(value)
    let digits = magnitude >= 100 ? 0 : (magnitude >= 10 ? 1 : 2)
    var text = String(format: "%.\(digits)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  /// "no tickets", "1 ticket", "2 tickets".
  static func count(_ value: Double, _ singular: String, _ plural: String) -> String {
    let n = Int(value.rounded())
    if n == 0 { return "no \(plural)" }
    return "\(n) \(n == 1 ? singular : plural)"
  }

  /// How an offer code reads in a sentence.
  static func offerName(_ code: String?) -> String {
    switch code?.lowercased() {
    case "voucher_10": return "the $10 voucher"
    case "service_credit": return "the service credit"
    case "extended_service": return "the extended service offer"
    default: return "the offer"
    }
  }

  /// A figure with the portfolio's to read it by: "customer for 2.9 years (portfolio average 4.1
  /// years)", "ARR $22,410 (portfolio typical $31,200)". The figure's side of the average is left
  /// to the reader: "a recent customer (2.9 years)" and "a small account (ARR $22,410)" were
  /// said of accounts most would call neither (an outside audit).
  private static func figure(
    _ c: DriverContext, _ value: Double, _ text: String, typical: Bool = false, mean: (Double) -> String
  ) -> String {
    // Equal as shown ("2.9 years" beside "2.9 years"): nothing to read it by.
    guard let portfolio = c.portfolioMean, portfolio.isFinite, mean(portfolio) != mean(value) else { return text }
    return "\(text) (portfolio \(typical ? "typical" : "average") \(mean(portfolio)))"
  }

  /// "45 days", "1 year", "2.9 years".
  private static func span(days value: Double) -> String {
    if value < 365 { return count(value, "day", "days") }
    let years = (value / 365.25 * 10).rounded() / 10
    return years == 1 ? "1 year" : "\(number(years)) years"
  }

  private static func tone(_ value: Double, about subject: String) -> String {
    if value <= -0.05 { return "negative about \(subject)" }
    if value >= 0.05 { return "positive about \(subject)" }
    return "neutral about \(subject)"
  }

  private static let accountPhrases: [String: Phrase] = [
    "ticket_count": { c in
      c.value.map { figure(c, $0, count($0, "message", "messages"), mean: { number(($0 * 10).rounded() / 10) }) }
    },
    "tickets_last_7d": { c in c.value.map { count($0, "message", "messages") + " in the last 7 days" } },
    "tickets_last_30d": { c in c.value.map { count($0, "message", "messages") + " in the last 30 days" } },
    "negative_ticket_share": { c in
      guard let value = c.value else { return "no scored messages" }
      if value == 0 { return "no negative messages" }
      return "\(number((value * 100).rounded()))% of messages negative"
    },
    "mean_sentiment": { c in
      guard let value = c.value else { return "no scored messages" }
      if value <= -0.05 { return "messages negative on average (\(number(value)))" }
      if value >= 0.05 { return "messages positive on average (\(number(value)))" }
      return "messages neutral on average"
    },
    "worst_sentiment": { c in
      guard let value = c.value else { return "no scored messages" }
      return value <= -0.5 ? "a very negative message (\(number(value)))" : "most negative message at \(number(value))"
    },
    "outage_sentiment": { c in
      guard let value = c.value else { return "did not mention the outage" }
      return tone(value, about: "the outage")
    },
    "offer_sentiment": { c in
      let code = c.text(ofColumn: "offer")
      let offer = offerName(code)
      guard let value = c.value else {
        return code?.lowercased() == "none" ? "no offer to comment on" : "did not mention \(offer)"
      }
      return tone(value, about: offer)
    },
    "churn_intent_tickets": { c in
      c.value.map { count($0, "message", "messages") + " stating an intent to leave" }
    },
    "competitor_tickets": { c in c.value.map { count($0, "message", "messages") + " mentioning a competitor" } },
    "nps_latest": { c in c.value.map { "NPS \(number($0))" } ?? "no NPS answer" },
    "nps_mean": { c in
      guard let value = c.value else { return "no NPS answer" }
      // One answer, or answers all alike: its score, not a "mean".
      if let latest = c.text(ofColumn: "nps_latest"), Double(latest) == value { return "NPS \(number(value))" }
      return "mean NPS \(number(value))"
    },
    "detractor": { c in
      guard let value = c.value else { return "no NPS answer" }
      let latest = c.text(ofColumn: "nps_latest").map { "NPS \($0)" }
      if value >= 0.5 { return latest.map { "\($0) (detractor)" } ?? "NPS detractor" }
      return latest.map { "\($0) (not a detractor)" } ?? "not an NPS detractor"
    },
    "csat_mean": { c in c.value.map { "CSAT \(number($0)) of 5" } ?? "no CSAT answer" },
    "tenure_days": { c in
      guard let value = c.value else { return "contract start unknown" }
      return figure(c, value, "customer for " + span(days: value), mean: span(days:))
    },
    "log_arr": { c in
      guard let value = c.value else { return "ARR unknown" }
      // The mean of log ARR: the portfolio's typical (geometric mean) ARR.
      return figure(c, value, "ARR $" + groupedWhole(Foundation.expm1(value)), typical: true) {
        "$" + groupedWhole(Foundation.expm1($0))
      }
    },
    "seats": { c in
      c.value.map { figure(c, $0, count($0, "seat", "seats"), mean: { number($0.rounded()) }) } ?? "seat count unknown"
    },
    "days_to_renewal": { c in
      guard let value = c.value else { return "no renewal date" }
      if value < 0 { return "renewal " + count(-value, "day", "days") + " overdue" }
      if value == 0 { return "renewal today" }
      return "renewal in " + count(value, "day", "days")
    },
    "outage_impact_hours": { c in
      guard let value = c.value else { return "outage impact unknown" }
      return value == 1 ? "1 hour of outage impact" : "\(number(value)) hours of outage impact"
    },
    "offer": { c in
      switch c.level?.lowercased() {
      case nil: return "offer unknown"
      case "none": return "no compensation offered"
      case "voucher_10": return "offered the $10 voucher"
      case "service_credit": return "offered a service credit"
      case "extended_service": return "offered extended service"
      default: return nil
      }
    },
    "offer_received": { c in
      guard let value = c.value else { return "offer unknown" }
      return value >= 0.5 ? "received \(offerName(c.text(ofColumn: "offer")))" : "received no offer"
    },
    "offer_redeemed": { c in
      guard let value = c.value else { return "offer redemption unknown" }
      let code = c.text(ofColumn: "offer")
      // An account offered nothing redeemed nothing: no reason of its own (124 accounts of an
      // outside audit's 5,000 were told "did not redeem the offer").
      if value < 0.5 && code?.lowercased() == "none" { return "no compensation offered" }
      let offer = offerName(code)
      return value >= 0.5 ? "redeemed \(offer)" : "did not redeem \(offer)"
    },
  ]
}

/// A whole amount with thousands separators (`1,234,567`); a NumberFormatter per account cost 6%
/// of a 100k-account run.
func groupedWhole(_ value: Double) -> String {
  guard value.isFinite, abs(value) < 1e18 else { return String(value) }
  let whole = Int64(value.rounded())
  let digits = String(whole.magnitude)
  var out = ""
  out.reserveCapacity(digits.count + digits.count / 3 + 1)
  for (index, character) in digits.enumerated() {
    if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
    out.append(character)
  }
  return whole < 0 ? "-" + out : out
}
