/// How a phrase of `intents.txt` signals an intent to leave.
enum ChurnIntentKind: UInt8, Sendable {
  /// Not an intent phrase.
  case none = 0
  /// Leaving unless negated ("cancel", "terminate"; "we will not cancel" is not intent).
  case leave = 1
  /// Staying unless negated ("renew"; "we will not renew" IS intent).
  case stay = 2
  /// Leaving when followed by a competitor or an alternative ("switch to", "move to").
  case leaveTo = 3
  /// An alternative that completes a `leaveTo` phrase ("another vendor", "a competitor").
  case target = 4

  init?(name: String) {
    switch name.lowercased() {
    case "leave": self = .leave
    case "stay": self = .stay
    case "leave-to": self = .leaveTo
    case "target": self = .target
    default: return nil
    }
  }
}
