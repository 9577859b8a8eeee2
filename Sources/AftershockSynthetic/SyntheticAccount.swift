/// One generated account with its latent reactions, its label and the texts it wrote.
struct SyntheticAccount {
  var number: Int
  var name: [UInt8]
  var segment: Segment
  var region: Region
  var managerIndex: Int
  var arr: Int
  var seats: Int
  var plan: Plan
  var contractStart: SampleDate
  var renewalDate: SampleDate
  var tenureYears: Int
  var impactHours: Double
  var offer: Offer
  var offerRedeemed: Bool?
  var outageSentiment: Double
  var offerSentiment: Double
  var offerReaction: OfferReaction
  var statedIntent: Bool
  var npsLatent: Int
  var csatLatent: Int
  /// Churn equation features in ``ChurnMechanism/coefficients`` order.
  var features: [Double]
  var churnProbability: Double
  var churnedOutcome: Bool
  var churnDate: SampleDate?
  var isLabelled: Bool
  var tickets: [SyntheticTicket]
  var surveys: [SyntheticSurvey]

  var managerName: String { NameBook.managers[region.rawValue][managerIndex] }
}

/// One support ticket (the id is given when it is written, in file order).
struct SyntheticTicket {
  var createdDate: SampleDate
  var createdSecond: Int
  var subject: [UInt8]
  var body: [UInt8]
  var channel: StaticString
  var priority: StaticString
  var status: StaticString
  var truth: TextTruth
}

/// One survey answer (the id is given when it is written, in file order).
struct SyntheticSurvey {
  var submittedDate: SampleDate
  var submittedSecond: Int
  var nps: Int
  var csat: Int?
  var comment: [UInt8]
  var truth: TextTruth
}

/// What one text actually says, as written to `truth/texts_truth.csv`.
struct TextTruth: Equatable {
  var outageStance: OutageStance = .absent
  var offerReaction: OfferReaction = .none
  var intent: IntentMention = .absent
  var isSarcastic = false
  var hasContrast = false
}

/// Whether a text speaks of leaving.
enum IntentMention: Int, Sendable {
  case absent, stated, negated

  var name: StaticString {
    switch self {
    case .absent: return "absent"
    case .stated: return "stated"
    case .negated: return "negated"
    }
  }
}
