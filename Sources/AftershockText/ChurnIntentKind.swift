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
  /// A `leaveTo` phrase whose object is nearly always a product ("switch to", "piloting"): also
  /// an intent when a name the lexicons do not know follows it, written with a capital and then
  /// lower case ("switching to Quillon Security": a vendor missing from `competitors.txt`).
  case leaveToName = 5
  /// A capitalised word that names no vendor to leave for ("Windows", "Azure", "Monday"): known
  /// to the lexicon, it never completes a `leaveToName` phrase as an unknown name would.
  case notVendor = 6

  init?(name: String) {
    switch name.lowercased() {
    case "leave": self = .leave
    case "stay": self = .stay
    case "leave-to": self = .leaveTo
    case "target": self = .target
    case "leave-to-name": self = .leaveToName
    case "not-vendor": self = .notVendor
    default: return nil
    }
  }
}
