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
  /// A word that, as the object of a `leave` or `stay` phrase, names something other than the
  /// service ("please cancel ticket #4821", "we had to terminate the session", "we will not renew
  /// the certificate"): the phrase is then no intent. Not an intent kind of an entry's info: the
  /// word gets the `otherObject` role instead.
  case notObject = 7
  /// A word that names the kind of product the company sells ("security", "EDR", "endpoints"):
  /// an unknown name after a `leaveToName` phrase is taken for a vendor only in a clause with
  /// one ("switching to Quillon Security", "piloting Sentrik on 300 endpoints"; not "moving to
  /// Kubernetes"). A role (`vendorWord`), not an intent kind of an entry's info.
  case vendorWord = 8

  init?(name: String) {
    switch name.lowercased() {
    case "leave": self = .leave
    case "stay": self = .stay
    case "leave-to": self = .leaveTo
    case "target": self = .target
    case "leave-to-name": self = .leaveToName
    case "not-vendor": self = .notVendor
    case "not-object": self = .notObject
    case "vendor-word": self = .vendorWord
    default: return nil
    }
  }

  /// The kinds' names in intents.txt, in order.
  static let names = [
    "leave", "stay", "leave-to", "leave-to-name", "target", "not-vendor", "not-object", "vendor-word",
  ]

  /// The kind's name in intents.txt.
  var name: String { self == .none ? "none" : ChurnIntentKind.names[Int(rawValue) - 1] }
}
