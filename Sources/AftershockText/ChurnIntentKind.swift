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
  /// A word that, as the object of an `objectVerb` phrase, names something other than the
  /// service ("please cancel ticket #4821", "we will not renew the certificate").
  case notObject = 7
  /// A word that names the kind of product the company sells ("security", "EDR"): an unknown
  /// name after a `leaveToName` phrase is a vendor only with one attached ("Quillon Security").
  case vendorWord = 8
  /// A word that, as the object of an `objectVerb` phrase, is the service or the relationship
  /// ("subscription", "contract", "it").
  case serviceObject = 9
  /// A verb whose object decides whether a `leave` or `stay` phrase with it is an intent
  /// ("cancel", "terminate"): none, or a service object, is; any other noun is not ("terminate
  /// the VM", "cancel surgeries").
  case objectVerb = 10
  /// An `objectVerb` whose object may also be the vendor's own name, a capitalised word no
  /// lexicon knows ("we won't renew Aegis").
  case nameVerb = 11
  /// A `nameVerb` that states an intent with no object only at its clause's end ("we're leaving
  /// Aegis", "we're leaving."; not "we're leaving early today").
  case leaveVerb = 12
  /// A `nameVerb` that states an intent only with its object named: the service, the vendor's
  /// name, or "you" in the phrase ("we're dropping Aegis", "replacing our EDR platform",
  /// "ditching you"; not "calls keep dropping", "the disk was replaced").
  case dropVerb = 13
  /// A phrase of two words or more that states leaving when its subject, right before it, is
  /// the vendor or the service: its name (a capitalised word no lexicon knows), a
  /// `serviceObject` or `vendorWord` ("your product"), or "you" ("Drovan won't be in our stack
  /// next year", "Tessaro has to go"; not "the printer won't be in our office", "Sarah has to
  /// go to the dentist").
  case subjectLeave = 14

  /// The kinds that are a single word's class as an object (`TextLexicon.ObjectClass`), not an
  /// intent kind of an entry's info; nil for the phrase kinds.
  var objectClass: UInt32? {
    typealias C = TextLexicon.ObjectClass
    switch self {
    case .notVendor: return 0
    case .notObject: return C.other
    case .vendorWord: return C.vendorWord
    case .serviceObject: return C.service
    case .objectVerb: return C.verb
    case .nameVerb: return C.verb | C.nameVerb
    case .leaveVerb: return C.verb | C.nameVerb | C.strictVerb
    case .dropVerb: return C.verb | C.nameVerb | C.objectNeeded
    default: return nil
    }
  }

  /// The kind named `name` in intents.txt (any case), or nil.
  init?(name: String) {
    guard let i = ChurnIntentKind.names.firstIndex(of: name.lowercased()) else { return nil }
    self.init(rawValue: UInt8(i + 1))
  }

  /// The kinds' names in intents.txt, in raw-value order (`none` has none).
  static let names = [
    "leave", "stay", "leave-to", "target", "leave-to-name", "not-vendor", "not-object", "vendor-word",
    "service-object", "object-verb", "name-verb", "leave-verb", "drop-verb", "subject-leave",
  ]

  /// The kind's name in intents.txt.
  var name: String { self == .none ? "none" : ChurnIntentKind.names[Int(rawValue) - 1] }
}
