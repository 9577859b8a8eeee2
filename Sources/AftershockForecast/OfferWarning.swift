import Foundation

/// Why an offer comparison should not be read as a conclusion.
public enum OfferWarning: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The group has fewer accounts than the minimum.
  case smallGroup(offer: String, accounts: Int, minimum: Int)
  /// The group has too few churns or too few retained accounts for a stable rate.
  case fewEvents(offer: String, churned: Int, retained: Int, minimum: Int)
  /// Offer assignment is strongly associated with segment, so differences may be the segment's.
  case confounded(cramersV: Double, threshold: Double)

  public var description: String {
    switch self {
    case .smallGroup(let offer, let accounts, let minimum):
      return "offer \(offer) has only \(accounts) accounts (fewer than \(minimum)): too small to conclude"
    case .fewEvents(let offer, let churned, let retained, let minimum):
      return
        "offer \(offer) has \(churned) churned and \(retained) retained accounts (fewer than \(minimum) of one kind): too few events to conclude"
    case .confounded(let cramersV, let threshold):
      return String(
        format:
          "offers were not assigned at random: cramer's v between offer and segment is %.2f (at least %.2f), so offer differences may reflect segment",
        cramersV, threshold)
    }
  }
}
