/// The key of a reporting slice: day x segment x aspect x channel x offer (empty string = not given).
public struct SliceKey: Hashable, Comparable, Codable, Sendable {
  /// Calendar day as `YYYY-MM-DD` (sorts chronologically).
  public var day: String
  /// Account segment (e.g. `enterprise`).
  public var segment: String
  /// Aspect of the text (e.g. `outage`, `offer`).
  public var aspect: String
  /// Channel the text came through (e.g. `email`, `survey`).
  public var channel: String
  /// Offer the account received (`none`, `voucher_10`, `service_credit`, `extended_service`).
  public var offer: String

  /// Makes a key; omitted parts are empty (meaning "all" or "not recorded").
  public init(day: String = "", segment: String = "", aspect: String = "", channel: String = "", offer: String = "") {
    self.day = day
    self.segment = segment
    self.aspect = aspect
    self.channel = channel
    self.offer = offer
  }

  /// Orders by day, then segment, aspect, channel and offer.
  public static func < (lhs: SliceKey, rhs: SliceKey) -> Bool {
    (lhs.day, lhs.segment, lhs.aspect, lhs.channel, lhs.offer)
      < (rhs.day, rhs.segment, rhs.aspect, rhs.channel, rhs.offer)
  }
}
