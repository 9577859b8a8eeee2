/// Writes one account's tickets and survey comments from the phrase grammar in ``PhraseBook``.
///
/// What a text says follows the account's latent reactions (``Voice``); how it says it
/// (greeting, contrast clauses, ALL CAPS, `!!!`, emoji, typos, paragraphs, contact details)
/// follows the account's writing habits. Everything is appended as UTF-8 bytes.
struct TextComposer {
  /// The account-level facts and habits a text draws on.
  struct Voice {
    var outageSentiment: Double
    var offerSentiment: Double
    var offer: Offer
    var offerReaction: OfferReaction
    var impactHours: Int
    var machines: Int
    var arr: Int
    var renewalMonth: Int
    var companyName: [UInt8]
    var companyWord: Int
    var competitor: Int
    var contactFirstName: Int
    var contactLastName: Int
    var contactTitle: Int
    /// Share of letters mistyped (swap or drop).
    var typoRate: Double
    /// 0...1: how much the account writes.
    var vocalness: Double
    /// 0...1: propensity for ALL CAPS and `!!!` when upset.
    var shoutiness: Double
    /// 0...1: propensity to add emoji or emoticons.
    var emojiRate: Double
  }

  /// What a ticket is about; it picks the subject and the sentences.
  enum Topic: Int {
    case outage, offer, renewal, complaint
  }

  private struct Sentence {
    var bytes: [UInt8]
    var polarity: Int
  }

  let voice: Voice
  private var offerNameIndex = 0
  private var usedPhrases: [UnsafeRawPointer] = []

  init(voice: Voice) {
    self.voice = voice
  }

  // MARK: Texts

  /// A ticket's subject and body and what the body says.
  mutating func ticket(
    topic: Topic, channel: Channel, intent: IntentMention, random: inout SyntheticRandom
  ) -> (subject: [UInt8], body: [UInt8], truth: TextTruth) {
    offerNameIndex = random.below(voice.offer.spokenNames.count)
    usedPhrases.removeAll(keepingCapacity: true)
    var truth = TextTruth()
    var sentences: [Sentence] = []
    let mentionOffer: Bool
    switch topic {
    case .outage:
      addOutage(to: &sentences, truth: &truth, random: &random)
      if random.chance(0.3) { addSupport(to: &sentences, random: &random) }
      if random.chance(0.8) { sentences.append(plain(PhraseBook.requestOutage, random: &random)) }
      mentionOffer = random.chance(0.15)
    case .offer:
      if random.chance(0.4) { addOutage(to: &sentences, truth: &truth, random: &random) }
      mentionOffer = true
    case .renewal:
      if random.chance(0.5) { addOutage(to: &sentences, truth: &truth, random: &random) }
      mentionOffer = random.chance(0.4)
    case .complaint:
      addOutage(to: &sentences, truth: &truth, random: &random)
      if random.chance(0.6) { addSupport(to: &sentences, random: &random) }
      mentionOffer = random.chance(0.7)
    }
    if mentionOffer { addOfferReaction(to: &sentences, truth: &truth, random: &random) }
    if topic == .offer && random.chance(0.5) {
      let list = voice.offer == .none ? PhraseBook.requestCompensation : PhraseBook.requestOffer
      sentences.append(plain(list, random: &random))
    }
    // Most tickets are a few sentences; a vocal account sometimes writes a long letter.
    var extra = random.poisson(mean: voice.vocalness * 1.6)
    if random.chance(0.12 * voice.vocalness) { extra += 5 + random.poisson(mean: 4) }
    for _ in 0..<extra {
      switch random.below(3) {
      case 0: addOutage(to: &sentences, truth: &truth, random: &random)
      case 1: addSupport(to: &sentences, random: &random)
      default:
        if random.chance(0.12) {
          sentences.append(plain(PhraseBook.competitorMention, random: &random))
        } else {
          sentences.append(plain(PhraseBook.requestOutage, random: &random))
        }
      }
    }
    addIntent(intent, to: &sentences, truth: &truth, random: &random)
    if topic == .renewal { sentences.append(plain(PhraseBook.requestRenewal, random: &random)) }
    if sentences.isEmpty { addOutage(to: &sentences, truth: &truth, random: &random) }

    var body: [UInt8] = []
    body.reserveCapacity(512)
    let isPhone = channel == .phone
    let isChat = channel == .chat
    var greeted = false
    if isPhone {
      append(random.pick(PhraseBook.phoneLeadIns), to: &body, random: &random)
    } else if random.chance(isChat ? 0.2 : 0.65) {
      append(random.pick(PhraseBook.greetings), to: &body, random: &random)
      body.append(contentsOf: random.chance(0.7) ? [0x0A, 0x0A] : [0x0A])
      greeted = true
    }
    join(sentences, into: &body, paragraphs: !isPhone && !isChat, truth: &truth, random: &random)
    if random.chance(voice.emojiRate) {
      appendEmoji(polarity: overallPolarity(truth), sarcastic: truth.isSarcastic, to: &body, random: &random)
    }
    if !isPhone && random.chance(0.07) { appendContact(to: &body, random: &random) }
    if isPhone {
      body.append(UInt8(ascii: "\""))
    } else if greeted && random.chance(0.6) {
      appendSignature(to: &body, random: &random)
    }
    applyTypos(to: &body, random: &random)

    var subject: [UInt8] = []
    let subjects: [StaticString]
    switch topic {
    case .outage: subjects = PhraseBook.subjectOutage
    case .offer: subjects = voice.offer == .none ? PhraseBook.subjectComplaint : PhraseBook.subjectOffer
    case .renewal: subjects = PhraseBook.subjectRenewal
    case .complaint: subjects = PhraseBook.subjectComplaint
    }
    if random.chance(0.12) { append("Re: ", to: &subject, random: &random) }
    append(random.pick(subjects), to: &subject, random: &random)
    if truth.outageStance == .furious && random.chance(voice.shoutiness) {
      Self.uppercase(&subject, from: 0)
      subject.append(contentsOf: Array("!!!".utf8))
    }
    return (subject, body, truth)
  }

  /// A survey comment (possibly a one-word answer) and what it says.
  mutating func comment(intent: IntentMention, random: inout SyntheticRandom) -> (comment: [UInt8], truth: TextTruth) {
    offerNameIndex = random.below(voice.offer.spokenNames.count)
    usedPhrases.removeAll(keepingCapacity: true)
    var truth = TextTruth()
    var body: [UInt8] = []
    if intent == .absent && random.chance(0.12) {
      append(random.pick(PhraseBook.shortComments), to: &body, random: &random)
      return (body, truth)
    }
    var sentences: [Sentence] = []
    if random.chance(0.6) { addOutage(to: &sentences, truth: &truth, random: &random) }
    if voice.offer != .none ? random.chance(0.65) : random.chance(0.25) {
      addOfferReaction(to: &sentences, truth: &truth, random: &random)
    }
    if random.chance(0.2) { addSupport(to: &sentences, random: &random) }
    addIntent(intent, to: &sentences, truth: &truth, random: &random)
    if sentences.isEmpty { addOutage(to: &sentences, truth: &truth, random: &random) }
    join(sentences, into: &body, paragraphs: false, truth: &truth, random: &random)
    if random.chance(min(1, voice.emojiRate * 1.6)) {
      appendEmoji(polarity: overallPolarity(truth), sarcastic: truth.isSarcastic, to: &body, random: &random)
    }
    applyTypos(to: &body, random: &random)
    return (body, truth)
  }

  // MARK: Sentences by category

  private mutating func addOutage(to sentences: inout [Sentence], truth: inout TextTruth, random: inout SyntheticRandom)
  {
    let stance = OutageStance(sentiment: voice.outageSentiment + random.normal(mean: 0, standardDeviation: 0.15))
    let list: [StaticString]
    let polarity: Int
    switch stance {
    case .furious:
      list = PhraseBook.outageFurious
      polarity = -1
    case .negative:
      list = PhraseBook.outageNegative
      polarity = -1
    case .neutral, .absent:
      list = PhraseBook.outageNeutral
      polarity = 0
    case .positive:
      list = PhraseBook.outagePositive
      polarity = 1
    }
    if truth.outageStance == .absent || stance.rawValue < truth.outageStance.rawValue { truth.outageStance = stance }
    var sentence = plain(list, random: &random)
    sentence.polarity = polarity
    if stance == .furious {
      if random.chance(voice.shoutiness * 0.5) { Self.uppercase(&sentence.bytes, from: 0) }
      if random.chance(voice.shoutiness) { Self.exclaim(&sentence.bytes) }
      sentences.append(sentence)
      if random.chance(voice.shoutiness * 0.5) {
        var shout = plain(PhraseBook.capsShouts, random: &random)
        shout.bytes.append(contentsOf: Array("!!!".utf8))
        shout.polarity = -1
        sentences.append(shout)
      }
      return
    }
    if stance == .negative && random.chance(voice.shoutiness * 0.4) { Self.exclaim(&sentence.bytes) }
    sentences.append(sentence)
  }

  private mutating func addOfferReaction(
    to sentences: inout [Sentence], truth: inout TextTruth, random: inout SyntheticRandom
  ) {
    let isVoucher = voice.offer == .voucher10
    var polarity = 0
    let list: [StaticString]
    switch voice.offerReaction {
    case .none:
      return
    case .grateful:
      list = PhraseBook.offerGrateful
      polarity = 1
    case .indifferent: list = PhraseBook.offerIndifferent
    case .mixed:
      list = PhraseBook.offerMixed
      truth.hasContrast = true
    case .insulted:
      list =
        voice.offer == .none
        ? PhraseBook.offerNoneComplaint : (isVoucher ? PhraseBook.offerInsultedVoucher : PhraseBook.offerInsultedOther)
      polarity = -1
    case .sarcastic:
      list = isVoucher ? PhraseBook.offerSarcasticVoucher : PhraseBook.offerSarcasticOther
      polarity = -1
      truth.isSarcastic = true
    }
    truth.offerReaction = voice.offerReaction
    var sentence = plain(list, random: &random)
    sentence.polarity = polarity
    if voice.offerReaction == .sarcastic {
      let last = sentence.bytes.last ?? 0
      let terminated = last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
      if !terminated || random.chance(0.5) {
        sentence.bytes.append(0x20)
        append(random.pick(PhraseBook.emojiSarcastic), to: &sentence.bytes, random: &random)
      }
    } else if voice.offerReaction == .insulted && random.chance(voice.shoutiness) {
      Self.exclaim(&sentence.bytes)
    }
    sentences.append(sentence)
  }

  private mutating func addSupport(to sentences: inout [Sentence], random: inout SyntheticRandom) {
    let leaning = voice.outageSentiment + random.normal(mean: 0, standardDeviation: 0.5)
    if leaning > -0.1 {
      var sentence = plain(PhraseBook.supportPositive, random: &random)
      sentence.polarity = 1
      sentences.append(sentence)
    } else {
      var sentence = plain(PhraseBook.supportNegative, random: &random)
      sentence.polarity = -1
      sentences.append(sentence)
    }
  }

  private mutating func addIntent(
    _ intent: IntentMention, to sentences: inout [Sentence], truth: inout TextTruth, random: inout SyntheticRandom
  ) {
    switch intent {
    case .absent:
      if random.chance(0.03) { sentences.append(plain(PhraseBook.competitorMention, random: &random)) }
    case .stated:
      var sentence = plain(PhraseBook.intentStated, random: &random)
      sentence.polarity = -1
      if random.chance(voice.shoutiness * 0.3) { Self.uppercase(&sentence.bytes, from: 0) }
      sentences.append(sentence)
      truth.intent = .stated
    case .negated:
      sentences.append(plain(PhraseBook.intentNegated, random: &random))
      truth.intent = .negated
    }
  }

  /// One phrase as a sentence. A phrase already used in the same text gives way to the next
  /// unused one of its list (a long letter does not repeat itself until the list runs out).
  private mutating func plain(_ list: [StaticString], random: inout SyntheticRandom) -> Sentence {
    let start = random.below(list.count)
    var phrase = list[start]
    for step in 0..<list.count {
      let candidate = list[(start + step) % list.count]
      guard candidate.hasPointerRepresentation else { break }
      let address = UnsafeRawPointer(candidate.utf8Start)
      if !usedPhrases.contains(address) {
        phrase = candidate
        usedPhrases.append(address)
        break
      }
    }
    return plain(phrase, random: &random)
  }

  private func plain(_ phrase: StaticString, random: inout SyntheticRandom) -> Sentence {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(96)
    append(phrase, to: &bytes, random: &random)
    return Sentence(bytes: bytes, polarity: 0)
  }

  // MARK: Assembly

  /// Joins sentences: opposite polarities are often tied by a contrast connective
  /// ("X, but y"), others by a space, a line break or a paragraph break.
  private func join(
    _ sentences: [Sentence], into body: inout [UInt8], paragraphs: Bool, truth: inout TextTruth,
    random: inout SyntheticRandom
  ) {
    let paragraphChance = paragraphs ? 0.15 + 0.3 * voice.vocalness : 0.0
    for (index, sentence) in sentences.enumerated() {
      if index > 0 {
        let previous = sentences[index - 1]
        if previous.polarity * sentence.polarity < 0, body.last == UInt8(ascii: "."),
          Self.startsLowercasable(sentence.bytes), random.chance(0.6)
        {
          body.removeLast()
          append(random.pick(PhraseBook.contrastConnectives), to: &body, random: &random)
          var lowered = sentence.bytes
          lowered[0] += 0x20
          body.append(contentsOf: lowered)
          truth.hasContrast = true
          continue
        }
        if random.chance(paragraphChance) {
          body.append(contentsOf: [0x0A, 0x0A])
        } else if random.chance(0.04) {
          body.append(0x0A)
        } else {
          body.append(0x20)
        }
      }
      body.append(contentsOf: sentence.bytes)
    }
  }

  private func overallPolarity(_ truth: TextTruth) -> Int {
    var score = 0
    switch truth.outageStance {
    case .furious, .negative: score -= 1
    case .positive: score += 1
    default: break
    }
    switch truth.offerReaction {
    case .grateful: score += 1
    case .insulted, .sarcastic: score -= 1
    default: break
    }
    if truth.intent == .stated { score -= 1 }
    return score
  }

  private func appendEmoji(polarity: Int, sarcastic: Bool, to body: inout [UInt8], random: inout SyntheticRandom) {
    let list: [StaticString]
    if sarcastic {
      list = PhraseBook.emojiSarcastic
    } else if polarity < 0 {
      list = PhraseBook.emojiNegative
    } else if polarity > 0 {
      list = PhraseBook.emojiPositive
    } else {
      return
    }
    body.append(0x20)
    append(random.pick(list), to: &body, random: &random)
  }

  private func appendContact(to body: inout [UInt8], random: inout SyntheticRandom) {
    body.append(0x20)
    append(random.pick(PhraseBook.contactLines), to: &body, random: &random)
    appendEmail(to: &body)
    if random.chance(0.6) {
      append(" or ", to: &body, random: &random)
      appendPhone(to: &body, random: &random)
    }
    body.append(UInt8(ascii: "."))
  }

  private func appendSignature(to body: inout [UInt8], random: inout SyntheticRandom) {
    body.append(contentsOf: [0x0A, 0x0A])
    append(random.pick(PhraseBook.signOffs), to: &body, random: &random)
    body.append(0x0A)
    append(NameBook.contactFirstNames[voice.contactFirstName], to: &body, random: &random)
    if random.chance(0.5) {
      body.append(0x20)
      append(NameBook.contactLastNames[voice.contactLastName], to: &body, random: &random)
      body.append(0x0A)
      append(NameBook.contactTitles[voice.contactTitle], to: &body, random: &random)
      append(", ", to: &body, random: &random)
      body.append(contentsOf: voice.companyName)
      if random.chance(0.4) {
        body.append(0x0A)
        appendPhone(to: &body, random: &random)
      }
    }
  }

  private func appendEmail(to body: inout [UInt8]) {
    Self.appendLowercasedLetters(NameBook.contactFirstNames[voice.contactFirstName], to: &body)
    body.append(UInt8(ascii: "."))
    Self.appendLowercasedLetters(NameBook.contactLastNames[voice.contactLastName], to: &body)
    body.append(UInt8(ascii: "@"))
    Self.appendLowercasedLetters(NameBook.companyFirstWords[voice.companyWord], to: &body)
    append(".example", to: &body)
  }

  private func appendPhone(to body: inout [UInt8], random: inout SyntheticRandom) {
    let line = random.below(100)
    switch random.below(3) {
    case 0:
      append("+1 312-555-01", to: &body)
      ByteFormat.appendPadded(line, width: 2, to: &body)
    case 1:
      append("(415) 555-01", to: &body)
      ByteFormat.appendPadded(line, width: 2, to: &body)
    default:
      append("+44 20 7946 0", to: &body)
      ByteFormat.appendPadded(line * 10 + random.below(10), width: 3, to: &body)
    }
  }

  // MARK: Phrases and slots

  /// Appends a phrase, filling its `{x}` slots from the voice.
  private func append(_ phrase: StaticString, to bytes: inout [UInt8], random: inout SyntheticRandom) {
    phrase.withUTF8Buffer { buffer in
      var runStart = 0
      var index = 0
      let count = buffer.count
      while index < count {
        if buffer[index] == UInt8(ascii: "{"), index + 2 < count, buffer[index + 2] == UInt8(ascii: "}") {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
          fill(slot: buffer[index + 1], into: &bytes)
          index += 3
          runStart = index
          continue
        }
        index += 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<count]))
    }
  }

  private func append(_ phrase: StaticString, to bytes: inout [UInt8]) {
    phrase.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  private func fill(slot: UInt8, into bytes: inout [UInt8]) {
    switch slot {
    case UInt8(ascii: "h"): ByteFormat.appendInteger(voice.impactHours, to: &bytes)
    case UInt8(ascii: "o"): append(voice.offer.spokenNames[offerNameIndex], to: &bytes)
    case UInt8(ascii: "c"): append(NameBook.competitors[voice.competitor], to: &bytes)
    case UInt8(ascii: "n"): ByteFormat.appendInteger(voice.machines, to: &bytes)
    case UInt8(ascii: "a"): Self.appendGrouped(voice.arr, to: &bytes)
    case UInt8(ascii: "m"): append(NameBook.monthNames[voice.renewalMonth - 1], to: &bytes)
    case UInt8(ascii: "k"): bytes.append(contentsOf: voice.companyName)
    case UInt8(ascii: "v"): append(NameBook.vendor, to: &bytes)
    default: break
    }
  }

  // MARK: Byte helpers

  /// Appends an integer with thousands separators (`240,000`).
  static func appendGrouped(_ value: Int, to bytes: inout [UInt8]) {
    var digits: [UInt8] = []
    ByteFormat.appendInteger(value, to: &digits)
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(digit)
    }
  }

  static func appendLowercasedLetters(_ text: StaticString, to bytes: inout [UInt8]) {
    text.withUTF8Buffer { buffer in
      for byte in buffer {
        if byte >= 0x41 && byte <= 0x5A {
          bytes.append(byte + 0x20)
        } else if byte >= 0x61 && byte <= 0x7A {
          bytes.append(byte)
        }
      }
    }
  }

  /// Whether the text starts with a capital followed by a lowercase letter ("The", not "I" or "{c}").
  static func startsLowercasable(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] >= 0x41 && bytes[0] <= 0x5A && bytes[1] >= 0x61 && bytes[1] <= 0x7A
  }

  /// Uppercases ASCII letters from `start` (emoji and other UTF-8 are left alone).
  static func uppercase(_ bytes: inout [UInt8], from start: Int) {
    for index in start..<bytes.count where bytes[index] >= 0x61 && bytes[index] <= 0x7A {
      bytes[index] -= 0x20
    }
  }

  /// Turns a final `.` into `!!!` (or appends `!!!`).
  static func exclaim(_ bytes: inout [UInt8]) {
    if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
    if bytes.last == UInt8(ascii: "!") || bytes.last == UInt8(ascii: "?") { return }
    bytes.append(contentsOf: [0x21, 0x21, 0x21])
  }

  /// Swaps or drops letters at the voice's typo rate (gaps drawn geometrically: one draw per typo).
  private func applyTypos(to bytes: inout [UInt8], random: inout SyntheticRandom) {
    Self.applyTypos(to: &bytes, rate: voice.typoRate, random: &random)
  }

  static func applyTypos(to bytes: inout [UInt8], rate: Double, random: inout SyntheticRandom) {
    guard rate > 0 else { return }
    let logKeep = DeterministicMath.log(1 - rate)
    var index = Int(DeterministicMath.log(random.uniformOpen()) / logKeep)
    while index + 1 < bytes.count {
      if Self.isLowercaseLetter(bytes[index]) && Self.isLowercaseLetter(bytes[index + 1]) {
        if random.chance(0.6) {
          bytes.swapAt(index, index + 1)
        } else {
          bytes.remove(at: index)
        }
      }
      index += 2 + Int(DeterministicMath.log(random.uniformOpen()) / logKeep)
    }
  }

  private static func isLowercaseLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
}
