/// Offers travel in JSON by name (in accounts, inside a sharded run's partial state).
extension Offer: Codable {
  /// Decodes an offer's name: the four canonical names as themselves, anything else as `.other`.
  ///
  /// Not `init(parsing:)`: `.other` keeps text that matched no alias, so reading it back through
  /// the aliases could turn it into another case.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    switch text {
    case Offer.none.description: self = .none
    case Offer.voucher10.description: self = .voucher10
    case Offer.serviceCredit.description: self = .serviceCredit
    case Offer.extendedService.description: self = .extendedService
    default: self = .other(text)
    }
  }

  /// Encodes the offer's name (`voucher_10`, or the text of an `.other`).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
