/// What a customer talks about after an incident.
public enum Aspect: Int, CaseIterable, Sendable, CustomStringConvertible {
  /// The outage or incident itself.
  case outage
  /// The offer or compensation (voucher, credit, refund).
  case offer
  /// Support: agents, tickets, response times.
  case support
  /// Communication and transparency (updates, status page, root cause).
  case communication
  /// Reliability and trust in the product.
  case reliability
  /// Price, contract, renewal terms.
  case price
  /// Competitors and alternatives.
  case competitor

  /// The name used in `aspects.txt` and in outputs.
  public var description: String {
    switch self {
    case .outage: return "outage"
    case .offer: return "offer"
    case .support: return "support"
    case .communication: return "communication"
    case .reliability: return "reliability"
    case .price: return "price"
    case .competitor: return "competitor"
    }
  }

  /// The aspect named `name` (as in `aspects.txt`), or nil.
  public init?(name: String) {
    guard let found = Aspect.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
    self = found
  }

  @inline(__always) var bit: UInt8 { 1 << UInt8(rawValue) }
}
