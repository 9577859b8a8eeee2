/// Draws one account (attributes, latent reactions, label, texts) from its own random stream.
///
/// Account `i` uses the stream `SyntheticRandom(seed:stream: i)`, so an account's content
/// depends only on the seed and its number, never on how many accounts came before.
/// Every distribution is documented in `Data/sample/README.md`.
struct AccountSimulator {
  let configuration: SampleConfiguration

  /// Days from the outage to the as-of day.
  var labelWindowDays: Int { configuration.asOfDate.days(since: configuration.outageDate) }

  func account(number: Int) -> SyntheticAccount {
    var random = SyntheticRandom(seed: configuration.seed, stream: UInt64(number))
    let outage = configuration.outageDate

    // Firmographics.
    let segment = Segment(rawValue: random.weightedIndex(Segment.weights)) ?? .smb
    let region = Region(rawValue: random.weightedIndex(Region.weights)) ?? .northAmerica
    let managerIndex = random.weightedIndex(NameBook.managerBookWeights)
    let companyWord = random.below(NameBook.companyFirstWords.count)
    var name: [UInt8] = []
    NameBook.companyFirstWords[companyWord].withUTF8Buffer { name.append(contentsOf: $0) }
    name.append(0x20)
    NameBook.companySecondWords[random.below(NameBook.companySecondWords.count)].withUTF8Buffer {
      name.append(contentsOf: $0)
    }
    let legalForm = NameBook.companyLegalForms[random.below(NameBook.companyLegalForms.count)]
    legalForm.withUTF8Buffer { form in
      guard form.count > 0 else { return }
      if form[0] != UInt8(ascii: ",") { name.append(0x20) }
      name.append(contentsOf: form)
    }

    let arrRaw = random.logNormal(median: segment.medianARR, sigma: segment.arrSigma)
    let arr = max(1_200, Int((arrRaw / 10).rounded()) * 10)
    let plans = segment.plans
    let plan = plans[random.weightedIndex(plans.map(\.weight))].plan
    let seatNoise = random.logNormal(median: 1, sigma: 0.15)
    let seats = max(3, Int((Double(arr) / plan.seatPrice * seatNoise).rounded()))
    let tenureYears = min(SampleConfiguration.maximumTenureYears, 1 + random.poisson(mean: segment.extraTenureMean))
    let renewalOffset =
      1
      + min(
        SampleConfiguration.renewalWindowDays - 1,
        Int(random.beta(1.0, 1.6) * Double(SampleConfiguration.renewalWindowDays)))
    let renewalDate = outage.adding(days: renewalOffset)
    let contractStart = renewalDate.anniversary(yearsBefore: tenureYears)

    // Outage impact: 8% were not hit (0 hours); the rest log-normal, capped at two weeks.
    var impactHours = 0.0
    if !random.chance(0.08) {
      let hours = random.logNormal(median: segment.medianImpactHours, sigma: 1.0)
      impactHours = max(0.1, (min(336, hours) * 10).rounded() / 10)
    }

    let offer = OfferPolicy.draw(segment: segment, impactHours: impactHours, random: &random)

    // Writing habits.
    let vocalness = random.beta(2, 2)
    let typoRate = random.beta(1.2, 300)
    let shoutiness = random.beta(1.2, 4)
    let emojiRate = random.beta(1, 4)

    // Latent reactions in [-1, 1].
    let segmentShift: Double = segment == .enterprise ? -0.10 : (segment == .smb ? 0.05 : 0)
    let outageSentiment = DeterministicMath.tanh(
      0.35 - 0.42 * DeterministicMath.log1p(impactHours) + segmentShift
        + random.normal(mean: 0, standardDeviation: 0.55))
    let logARRRatio = DeterministicMath.log(Double(arr) / 50_000)
    var offerLatent = offer.sentimentBase + 0.45 * outageSentiment + random.normal(mean: 0, standardDeviation: 0.5)
    if offer == .voucher10 { offerLatent -= 0.2 * logARRRatio }
    let offerSentiment = DeterministicMath.tanh(offerLatent)
    let offerReaction = Self.reaction(offer: offer, sentiment: offerSentiment, random: &random)
    var offerRedeemed: Bool?
    if offer != .none {
      offerRedeemed = random.chance(DeterministicMath.logistic(offer.redemptionBase + 2 * offerSentiment))
    }
    let npsLatent = Self.clamp(
      (7.0 + 2.4 * outageSentiment + 1.3 * offerSentiment + random.normal(mean: 0, standardDeviation: 1.4)).rounded(),
      0, 10)
    let csatLatent = Self.clamp(
      (3.5 + 0.9 * outageSentiment + 0.45 * offerSentiment + random.normal(mean: 0, standardDeviation: 0.7)).rounded(),
      1, 5)

    // Activity: tickets and survey answers (comments may be empty).
    let ticketCount = random.poisson(mean: configuration.ticketsPerAccount * 2 * vocalness)
    var surveyCount = 0
    if random.chance(configuration.surveyResponseRate) { surveyCount = random.chance(0.15) ? 2 : 1 }
    var commentWritten: [Bool] = []
    for _ in 0..<surveyCount { commentWritten.append(random.chance(0.75)) }
    let textCount = ticketCount + commentWritten.reduce(0) { $0 + ($1 ? 1 : 0) }

    // Stated intent to leave (only an account that writes can state it).
    let smbShift = segment == .smb ? 0.25 : 0
    let intentProbability = DeterministicMath.logistic(-2.5 - 1.5 * outageSentiment - 1.3 * offerSentiment + smbShift)
    let statedIntent = textCount > 0 && random.chance(intentProbability)
    let negatesIntent = textCount > 0 && !statedIntent && random.chance(0.25)

    // Churn: the documented logistic equation, then a Bernoulli draw for every account.
    let features: [Double] = [
      outageSentiment,
      offerSentiment,
      statedIntent ? 1 : 0,
      Double(npsLatent),
      DeterministicMath.log1p(impactHours),
      Double(renewalOffset) / 365,
      segment == .enterprise ? 1 : 0,
      segment == .smb ? 1 : 0,
      Double(tenureYears),
      logARRRatio,
    ]
    let churnProbability = DeterministicMath.logistic(ChurnMechanism.linearPredictor(features))
    let churnedOutcome = random.uniform() < churnProbability
    let noticeDays = random.below(31)
    // A churn is known once notice is given (the churn date, up to 30 days before the renewal):
    // an account that gave notice by the as-of day is labelled churned even though its renewal
    // falls after it, as a CRM records it; written open, it read as undecided though it had left.
    let noticeDate = max(outage.adding(days: 1), renewalDate.adding(days: -noticeDays))
    let isLabelled =
      renewalDate <= configuration.asOfDate || (churnedOutcome && noticeDate <= configuration.asOfDate)
    let churnDate: SampleDate? = isLabelled && churnedOutcome ? noticeDate : nil

    // Texts.
    let voice = TextComposer.Voice(
      outageSentiment: outageSentiment, offerSentiment: offerSentiment, offer: offer, offerReaction: offerReaction,
      impactHours: max(2, Int(impactHours.rounded())),
      machines: max(2, Int((Double(seats) * min(1, 0.05 + impactHours / 48)).rounded())),
      arr: arr, renewalMonth: renewalDate.components.month, companyName: name, companyWord: companyWord,
      competitor: random.below(NameBook.competitors.count),
      contactFirstName: random.below(NameBook.contactFirstNames.count),
      contactLastName: random.below(NameBook.contactLastNames.count),
      contactTitle: random.below(NameBook.contactTitles.count),
      typoRate: typoRate, vocalness: vocalness, shoutiness: shoutiness, emojiRate: emojiRate)
    var composer = TextComposer(voice: voice)
    // The first text carries a stated or negated intent; later ones repeat it sometimes.
    var intentPending = statedIntent ? IntentMention.stated : (negatesIntent ? IntentMention.negated : .absent)
    func nextIntent(_ random: inout SyntheticRandom) -> IntentMention {
      if intentPending != .absent {
        let intent = intentPending
        intentPending = .absent
        return intent
      }
      if statedIntent && random.chance(0.35) { return .stated }
      return .absent
    }

    let window = labelWindowDays
    var tickets: [SyntheticTicket] = []
    tickets.reserveCapacity(ticketCount)
    var ticketDays: [Int] = []
    for _ in 0..<ticketCount {
      ticketDays.append(min(Int(random.exponential(mean: 9)), min(89, window - 1)))
    }
    ticketDays.sort()
    for day in ticketDays {
      let second = random.below(86_400)
      let channel = Channel(rawValue: random.weightedIndex(Channel.weights)) ?? .email
      let topic = Self.topic(
        offer: offer, statedIntent: statedIntent, outageSentiment: outageSentiment, random: &random)
      let text = composer.ticket(topic: topic, channel: channel, intent: nextIntent(&random), random: &random)
      tickets.append(
        SyntheticTicket(
          createdDate: outage.adding(days: day), createdSecond: second, subject: text.subject, body: text.body,
          channel: channel.name,
          priority: Self.priority(stance: text.truth.outageStance, impactHours: impactHours, random: &random),
          status: Self.status(ageDays: window - day, random: &random), truth: text.truth))
    }

    var surveys: [SyntheticSurvey] = []
    let firstSurveyLow = min(7, window - 1)
    let firstSurveyHigh = max(firstSurveyLow, min(60, window - 1))
    var surveyDay = firstSurveyLow + random.below(firstSurveyHigh - firstSurveyLow + 1)
    for (index, written) in commentWritten.enumerated() {
      if index > 0 { surveyDay = min(window - 1, surveyDay + 14 + random.below(17)) }
      let second = random.below(86_400)
      let nps = Self.clamp(Double(npsLatent + (index > 0 ? random.below(3) - 1 : 0)), 0, 10)
      let csat: Int? = random.chance(0.06) ? nil : csatLatent
      var comment: [UInt8] = []
      var truth = TextTruth()
      if written {
        let text = composer.comment(intent: nextIntent(&random), random: &random)
        comment = text.comment
        truth = text.truth
      }
      surveys.append(
        SyntheticSurvey(
          submittedDate: outage.adding(days: surveyDay), submittedSecond: second, nps: nps, csat: csat,
          comment: comment, truth: truth))
    }

    return SyntheticAccount(
      number: number, name: name, segment: segment, region: region, managerIndex: managerIndex, arr: arr, seats: seats,
      plan: plan, contractStart: contractStart, renewalDate: renewalDate, tenureYears: tenureYears,
      impactHours: impactHours, offer: offer, offerRedeemed: offerRedeemed, outageSentiment: outageSentiment,
      offerSentiment: offerSentiment, offerReaction: offerReaction, statedIntent: statedIntent,
      npsLatent: npsLatent, csatLatent: csatLatent, features: features, churnProbability: churnProbability,
      churnedOutcome: churnedOutcome, churnDate: churnDate, isLabelled: isLabelled, tickets: tickets,
      surveys: surveys)
  }

  /// The offer reaction category: by offer sentiment, with sarcasm more common for the voucher.
  static func reaction(offer: Offer, sentiment: Double, random: inout SyntheticRandom) -> OfferReaction {
    if offer == .none { return sentiment < -0.4 ? .insulted : .none }
    if sentiment > 0.35 { return .grateful }
    if sentiment > -0.2 { return random.chance(0.35) ? .mixed : .indifferent }
    let sarcasm = offer == .voucher10 ? 0.5 : 0.25
    return random.chance(sarcasm) ? .sarcastic : .insulted
  }

  static func topic(
    offer: Offer, statedIntent: Bool, outageSentiment: Double, random: inout SyntheticRandom
  ) -> TextComposer.Topic {
    let weights: [Double] = [
      0.35,
      offer == .none ? 0.10 : 0.25,
      statedIntent ? 0.30 : 0.12,
      outageSentiment < -0.2 ? 0.35 : 0.15,
    ]
    return TextComposer.Topic(rawValue: random.weightedIndex(weights)) ?? .outage
  }

  static func priority(stance: OutageStance, impactHours: Double, random: inout SyntheticRandom) -> StaticString {
    if stance == .furious && impactHours >= 24 && random.chance(0.5) { return "urgent" }
    if (stance == .furious || stance == .negative) && random.chance(0.5) { return "high" }
    if stance == .positive && random.chance(0.4) { return "low" }
    return "normal"
  }

  static func status(ageDays: Int, random: inout SyntheticRandom) -> StaticString {
    let u = random.uniform()
    if ageDays <= 14 { return u < 0.45 ? "open" : (u < 0.75 ? "pending" : "solved") }
    return u < 0.05 ? "pending" : (u < 0.62 ? "solved" : "closed")
  }

  static func clamp(_ value: Double, _ low: Int, _ high: Int) -> Int {
    min(high, max(low, Int(value)))
  }
}
