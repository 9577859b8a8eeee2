// swift-format-ignore-file: OneVariableDeclarationPerLine

import Foundation

/// The text pipeline in one reusable object: tokenize, rule-based sentiment (per sentence and
/// per document), aspect sentiment by clause, churn intent with evidence, competitor mentions,
/// and optionally a trained model's prediction.
///
/// Keeps its buffers between calls, so analysing millions of texts allocates only while the
/// largest text seen grows. Not thread-safe: use one analyzer per thread (they can share a
/// `TextLexicon` and a `LinearSentimentModel`).
public final class TextAnalyzer {
  /// The lexicons in use.
  public let lexicon: TextLexicon
  /// The trained model, if any.
  public let model: LinearSentimentModel?
  /// Per-sentence sentiment of the last analysed text (valid until the next call).
  public var sentenceSentiments: [SentenceSentiment] {
    Array(UnsafeBufferPointer(start: sentenceStorage, count: sentenceStorageCount))
  }
  /// `sentenceSentiments` in reused storage (an array would cost a uniqueness check and a
  /// reset per text); replaced when a text has more sentences.
  @exclusivity(unchecked) private var sentenceStorage: UnsafeMutablePointer<SentenceSentiment>
  @exclusivity(unchecked) private var sentenceStorageCapacity = 64
  @exclusivity(unchecked) private var sentenceStorageCount = 0
  /// Per sentence of `sentenceStorage`, what the text's score was built from (for `ironicOffer`).
  @exclusivity(unchecked) private var sentenceParts: UnsafeMutablePointer<SentenceParts>

  let tokenizer: Tokenizer
  let buffer = TokenBuffer(capacity: 4096)
  let features: FeatureExtractor
  /// The rules' per-position scratch (`RuleScratch`), replaced (never resized in place) when a
  /// longer text arrives, so its pointers are `let`s and the hot loop pays no exclusivity checks.
  @exclusivity(unchecked) private var scratch = RuleScratch(capacity: 256)
  /// Per-aspect totals of the text being analysed: zero between texts (each text resets the
  /// aspects it touched), so a text without aspects costs nothing here.
  private let aspectSum = TextAnalyzer.zeroed(Double.self)
  private let aspectWeight = TextAnalyzer.zeroed(Double.self)
  private let aspectMentions = TextAnalyzer.zeroed(Int.self)
  /// Per aspect, what the current sentence's clauses added to `aspectSum` (valid for the
  /// aspects of `ClauseState.sentenceMask`).
  private let aspectSentenceSum = TextAnalyzer.zeroed(Double.self)

  private static func zeroed<T: Numeric>(_: T.Type) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: 8)
    p.initialize(repeating: 0, count: 8)
    return p
  }
  /// Phrases found at one position; a second set for the target of a "switch to" intent,
  /// which is looked for while the first set is being applied.
  private let matches: PhraseMatches
  private let targetMatches: PhraseMatches

  /// The bytes of the text being analysed, for the rare rules that read a word's letters or the
  /// marks around it (`isWord`, `unknownVendorName`, amounts, scare quotes); valid during
  /// `runRules` only.
  @exclusivity(unchecked) private var textBytes: UnsafePointer<UInt8>?
  @exclusivity(unchecked) private var textByteCount = 0

  /// Rule scores of the last text, for the trained model's features.
  @exclusivity(unchecked) private(set) var lastScores = SentimentScores.empty
  /// Whether the text being analysed says the writer stays (`affirmsStaying`); `analyze` then
  /// takes back its statements of leaving.
  @exclusivity(unchecked) private var stayAffirmed = false
  /// Set while `analyze` reads again a text that said it stays after stating it would leave:
  /// the statements of leaving add no value to their sentences (`checkIntent`).
  @exclusivity(unchecked) private var leavingTakenBack = false
  /// Whether `analyze` also counts the known words of a text's opening (`TextAnalysis.lowerCaseWords`,
  /// `readsAsAnotherLanguage`); off by default. A pass of its own over up to 24 tokens a text,
  /// which `score` and `run` pay to flag texts they cannot read: about 4% more instructions on
  /// the speed bench's tickets (`aftershock-bench text`, the "... + language check" line).
  @exclusivity(unchecked) public var checksLanguage = false

  static let capsIncrement: Float = 0.733
  /// The value a statement of leaving adds to its sentence (VADER's scale: "disappointed" is
  /// -2.1, "problem" -1.7).
  static let intentValence: Float = -1.5
  /// How much more a negative sentence weighs in a text's compound than a positive or neutral
  /// one of as many values (1.5: on 1,102 labelled realistic tickets the polarity agreed 0.574 ->
  /// 0.583; movie and NYT snippets rose a little, UCI's single sentences do not move).
  static let negativeSentenceWeight: Double = 1.5
  /// How much more a sentence holding a score weighs in the text's compound.
  static let ratedSentenceWeight: Double = 3
  static let negationScalar: Float = -0.74
  static let alpha = 15.0

  /// An analyzer over `lexicon`, with an optional trained model.
  public convenience init(lexicon: TextLexicon, model: LinearSentimentModel? = nil) {
    self.init(lexicon: lexicon, model: model, wordHashes: model != nil)
  }

  /// An analyzer whose tokens carry their word hashes when `wordHashes` is set, as the trained
  /// model's features need (a trainer has no model yet but needs them); without them the
  /// rules run a little faster.
  init(lexicon: TextLexicon, model: LinearSentimentModel?, wordHashes: Bool) {
    precondition(model == nil || wordHashes, "a trained model needs the word hashes")
    self.lexicon = lexicon
    self.model = model
    tokenizer = Tokenizer(lexicon: lexicon, hashes: wordHashes)
    features = FeatureExtractor(hashBits: model?.hashBits ?? FeatureExtractor.defaultHashBits)
    matches = PhraseMatches(maxLength: lexicon.maxPhraseLength)
    targetMatches = PhraseMatches(maxLength: lexicon.maxPhraseLength)
    badEntry = TextAnalyzer.entry(of: "bad", in: lexicon)
    ifEntry = TextAnalyzer.entry(of: "if", in: lexicon)
    whetherEntry = TextAnalyzer.entry(of: "whether", in: lexicon)
    ratherEntry = TextAnalyzer.entry(of: "rather", in: lexicon)
    backReferenceEntries = EntrySet(
      (["it", "this", "that"] + TextAnalyzer.anaphors).map { TextAnalyzer.entry(of: $0, in: lexicon) })
    periodEntries = EntrySet(TextAnalyzer.periods.map { TextAnalyzer.entry(of: $0, in: lexicon) })
    pastNegationEntries = EntrySet(["didn't", "didnt"].map { TextAnalyzer.entry(of: $0, in: lexicon) })
    didEntry = TextAnalyzer.entry(of: "did", in: lexicon)
    notEntry = TextAnalyzer.entry(of: "not", in: lexicon)
    adoptionEntries = EntrySet(TextAnalyzer.adoptions.map { TextAnalyzer.entry(of: $0, in: lexicon) })
    exitVerbEntries = EntrySet(TextAnalyzer.exitVerbs.map { TextAnalyzer.entry(of: $0, in: lexicon) })
    objectInPhraseEntries = EntrySet(TextAnalyzer.objectsInPhrase.map { TextAnalyzer.entry(of: $0, in: lexicon) })
    moveVerbEntries = EntrySet(TextAnalyzer.moveVerbs.map { TextAnalyzer.entry(of: $0, in: lexicon) })
    shareEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.shares, in: lexicon))
    laughterEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.laughter, in: lexicon))
    termsOfLeavingEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.termsOfLeaving, in: lexicon))
    alternativeEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.alternatives, in: lexicon))
    firstPersonPossessiveEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.firstPersonPossessives, in: lexicon))
    negationJoinerEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.negationJoiners, in: lexicon))
    clauseOpeningModalEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.clauseOpeningModals, in: lexicon))
    praiseLeadInEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.praiseLeadIns, in: lexicon))
    mockPraiseCueEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.mockPraiseCues, in: lexicon))
    praiseNounEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.praiseNouns, in: lexicon))
    concessiveEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.concessives, in: lexicon))
    resignedEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.resignedRemarks, in: lexicon))
    acknowledgementEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.acknowledgements, in: lexicon))
    faultSubjectEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.faultSubjects, in: lexicon))
    loveEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.loveWords, in: lexicon))
    evenEntry = TextAnalyzer.entry(of: "even", in: lexicon)
    neverEntry = TextAnalyzer.entry(of: "never", in: lexicon)
    soOrThisEntries = EntrySet(TextAnalyzer.entries(of: ["so", "this"], in: lexicon))
    forEntry = TextAnalyzer.entry(of: "for", in: lexicon)
    despiteEntry = TextAnalyzer.entry(of: "despite", in: lexicon)
    afterEntry = TextAnalyzer.entry(of: "after", in: lexicon)
    ofEntry = TextAnalyzer.entry(of: "of", in: lexicon)
    pendingEntry = TextAnalyzer.entry(of: "pending", in: lexicon)
    youEntry = TextAnalyzer.entry(of: "you", in: lexicon)
    usEntry = TextAnalyzer.entry(of: "us", in: lexicon)
    youreEntry = TextAnalyzer.entry(of: "you're", in: lexicon)
    backEntry = TextAnalyzer.entry(of: "back", in: lexicon)
    pastEntry = TextAnalyzer.entry(of: "past", in: lexicon)
    beforeADateEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.beforeADate, in: lexicon))
    afterARatingEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.afterARating, in: lexicon))
    praisedEnoughEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.praisedEnough, in: lexicon))
    indefiniteArticleEntries = EntrySet(TextAnalyzer.entries(of: ["a", "an"], in: lexicon))
    shouldEntry = TextAnalyzer.entry(of: "should", in: lexicon)
    noEntry = TextAnalyzer.entry(of: "no", in: lexicon)
    causeEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.causes, in: lexicon))
    flatNoEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.flatNo, in: lexicon))
    unrelatedEntry = TextAnalyzer.entry(of: "unrelated", in: lexicon)
    relatedEntry = TextAnalyzer.entry(of: "related", in: lexicon)
    nothingEntry = TextAnalyzer.entry(of: "nothing", in: lexicon)
    haveEntry = TextAnalyzer.entry(of: "have", in: lexicon)
    oughtEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.oughtWords, in: lexicon))
    shouldNegatorEntries = EntrySet(
      TextAnalyzer.entries(of: RuleWords.oughtWords + RuleWords.shouldNots + ["have", "not"], in: lexicon))
    personalEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.personalPossessives, in: lexicon))
    toEntry = TextAnalyzer.entry(of: "to", in: lexicon)
    pastPlanEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.pastPlanWords, in: lexicon))
    pastAuxiliaryEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.pastAuxiliaries, in: lexicon))
    thanksFillerEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.thanksFillers, in: lexicon))
    durationUnitEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.durationUnits, in: lexicon))
    durationVerbEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.durationVerbs, in: lexicon))
    durationApproximatorEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.durationApproximators, in: lexicon))
    durationObjectEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.durationObjects, in: lexicon))
    durationFillerEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.durationFillers, in: lexicon))
    inabilityEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.inabilityWords, in: lexicon))
    abilityModalEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.abilityModals, in: lexicon))
    nobodyEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.nobodyWords, in: lexicon))
    unableEntry = TextAnalyzer.entry(of: "unable", in: lexicon)
    takeEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.takeWords, in: lexicon))
    whyEntry = TextAnalyzer.entry(of: "why", in: lexicon)
    allEntry = TextAnalyzer.entry(of: "all", in: lexicon)
    durationCountEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.durationCounts, in: lexicon))
    amendsVerbEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.amendsVerbs, in: lexicon))
    shortOfEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.shortOf, in: lexicon))
    amendsIntensifierEntries = EntrySet(TextAnalyzer.entries(of: RuleWords.amendsIntensifiers, in: lexicon))
    upEntry = TextAnalyzer.entry(of: "up", in: lexicon)
    demonstrativeEntries = EntrySet(TextAnalyzer.entries(of: ["that", "this"], in: lexicon))
    predicateVerbEntries = EntrySet(
      TextAnalyzer.entries(of: ["is", "was", "are", "were", "has", "have", "had", "remains", "remained"], in: lexicon))
    thatEntry = TextAnalyzer.entry(of: "that", in: lexicon)
    doEntries = EntrySet(TextAnalyzer.entries(of: ["do", "does"], in: lexicon))
    sentenceStorage = .allocate(capacity: sentenceStorageCapacity)
    sentenceParts = .allocate(capacity: sentenceStorageCapacity)
  }

  /// Entries of words a rule compares tokens with (-2, which no token has, for a word the
  /// lexicons lack: every rule word is an entry of `RuleWords`' lists).
  private let badEntry: Int32
  private let ifEntry: Int32
  private let whetherEntry: Int32
  private let ratherEntry: Int32
  /// The words that may open a sentence standing for what the one before named, known to the
  /// lexicon: "it", "this", "that" and the `anaphors` "it's", "that's" (`runRules`; an unknown
  /// word may too, `refersBack` decides).
  private let backReferenceEntries: EntrySet
  /// `periods` (`object`).
  private let periodEntries: EntrySet
  /// "didn't" and "didnt", "did" and "not" (`failedToRenew`).
  private let pastNegationEntries: EntrySet
  private let didEntry: Int32
  private let notEntry: Int32
  /// The entries of `adoptions`, `exitVerbs` and `objectsInPhrase` (words of intents.txt's
  /// phrases, so lexicon entries; one compare of the token's entry each, where comparing
  /// their bytes cost a competitor's every mention).
  private let adoptionEntries: EntrySet
  private let exitVerbEntries: EntrySet
  private let objectInPhraseEntries: EntrySet
  /// The entries of `moveVerbs` and `RuleWords.shares`.
  private let moveVerbEntries: EntrySet
  private let shareEntries: EntrySet
  /// The entries of `RuleWords.laughter`, `RuleWords.termsOfLeaving` and
  /// `RuleWords.firstPersonPossessives` (lexicon entries, as `RuleWords.shares`' are: every list
  /// of `RuleWords` is).
  private let laughterEntries: EntrySet
  private let termsOfLeavingEntries: EntrySet
  private let firstPersonPossessiveEntries: EntrySet
  /// The entries of `RuleWords.alternatives` (`alternativesToOther`).
  private let alternativeEntries: EntrySet
  /// The entries of `RuleWords.negationJoiners` and `RuleWords.clauseOpeningModals`
  /// (`negationJoinedBefore`).
  private let negationJoinerEntries: EntrySet
  private let clauseOpeningModalEntries: EntrySet
  /// The entries of `RuleWords.praiseLeadIns`, `RuleWords.mockPraiseCues` and
  /// `RuleWords.praiseNouns` (`praiseOpener`, `mocks`).
  private let praiseLeadInEntries: EntrySet
  private let mockPraiseCueEntries: EntrySet
  private let praiseNounEntries: EntrySet
  /// The entries of `RuleWords.concessives` and of "even" ("even though").
  private let concessiveEntries: EntrySet
  /// The entries of `RuleWords.resignedRemarks`.
  private let resignedEntries: EntrySet
  private let acknowledgementEntries: EntrySet
  /// The entries of `RuleWords.faultSubjects` and `.loveWords`.
  private let faultSubjectEntries: EntrySet
  private let loveEntries: EntrySet
  private let evenEntry: Int32
  /// "never" before "so" or "this" and a valence word ("I have never been so disappointed"):
  /// emphasis, not negation (VADER's `_never_check`), `neverIntensifies`.
  private let neverEntry: Int32
  private let soOrThisEntries: EntrySet
  /// "for" and the entries of `RuleWords.thanksFillers` (`thanksForHarm`).
  private let forEntry: Int32
  /// "despite", a negator of VADER's that concedes rather than denies: what it concedes is not
  /// said of its aspect (`value`), and a statement of leaving or staying after it is not denied
  /// (`checkIntent`: "Despite the outage we will renew.").
  private let despiteEntry: Int32
  private let afterEntry: Int32
  private let ofEntry: Int32
  private let pendingEntry: Int32
  private let youEntry: Int32
  private let usEntry: Int32
  private let youreEntry: Int32
  private let backEntry: Int32
  private let pastEntry: Int32
  private let shouldEntry: Int32
  private let noEntry: Int32
  /// Verbs of causing that a hedge may stand before (`RuleWords.causes`, `hedged`).
  private let causeEntries: EntrySet
  /// The words of a flat no (`RuleWords.flatNo`, `answeredFlatNo`).
  private let flatNoEntries: EntrySet
  /// The words that open a disclaimer (`disclaimsTheVendor`).
  private let unrelatedEntry: Int32
  private let relatedEntry: Int32
  private let nothingEntry: Int32
  /// `RuleWords.beforeADate` and `RuleWords.afterARating` (`rating`).
  private let beforeADateEntries: EntrySet
  private let afterARatingEntries: EntrySet
  /// `RuleWords.praisedEnough` (`cannotEnough`).
  private let praisedEnoughEntries: EntrySet
  private let indefiniteArticleEntries: EntrySet
  private let haveEntry: Int32
  /// "should've", "shoulda" (`RuleWords.oughtWords`); those, "shouldn't", "have" and "not": the
  /// negators `reproachesWith` reads.
  private let oughtEntries: EntrySet
  private let shouldNegatorEntries: EntrySet
  /// The entries of `RuleWords.personalPossessives` (`object`), and "to",
  /// `RuleWords.pastPlanWords` and `.pastAuxiliaries` (`hedged`).
  private let personalEntries: EntrySet
  private let toEntry: Int32
  private let pastPlanEntries: EntrySet
  private let pastAuxiliaryEntries: EntrySet
  private let thanksFillerEntries: EntrySet
  /// The entries of `RuleWords.durationUnits` and the lists after it (`elapsedTime`).
  private let durationUnitEntries: EntrySet
  private let durationVerbEntries: EntrySet
  private let durationApproximatorEntries: EntrySet
  private let durationObjectEntries: EntrySet
  private let durationFillerEntries: EntrySet
  /// `RuleWords.inabilityWords`, `.abilityModals`, `.nobodyWords`, "all" and "unable"
  /// (`elapsedTime`).
  private let inabilityEntries: EntrySet
  private let abilityModalEntries: EntrySet
  private let nobodyEntries: EntrySet
  private let allEntry: Int32
  private let unableEntry: Int32
  /// `RuleWords.takeWords` and "why" (`elapsedTime`).
  private let takeEntries: EntrySet
  private let whyEntry: Int32
  private let durationCountEntries: EntrySet
  /// `RuleWords.amendsVerbs`, `.shortOf`, `.amendsIntensifiers` and "up" (`amendsTurn`).
  private let amendsVerbEntries: EntrySet
  private let shortOfEntries: EntrySet
  private let amendsIntensifierEntries: EntrySet
  private let upEntry: Int32
  /// "that" and "this" opening a sentence (`refersBack`).
  private let demonstrativeEntries: EntrySet
  /// The verbs that, right after a break, begin a predicate whose subject came before the break
  /// ("Support team, especially Priya, was excellent during the incident.").
  private let predicateVerbEntries: EntrySet
  private let thatEntry: Int32
  /// "do", "does" (`deniesWhatWasSaid`).
  private let doEntries: EntrySet

  private static func entry(of word: StaticString, in lexicon: TextLexicon) -> Int32 {
    let id = word.withUTF8Buffer { lexicon.entryID(key: UnsafeRawBufferPointer($0)) }
    return id >= 0 ? id : -2
  }

  private static func entries(of words: [String], in lexicon: TextLexicon) -> [Int32] {
    words.map { word in
      let id = Array(word.utf8).withUnsafeBytes { lexicon.entryID(key: $0) }
      return id >= 0 ? id : -2
    }
  }

  /// Loads the standard lexicons from a data directory (the repository's `Data/`) and,
  /// when `modelPath` is given, a trained model (e.g. `Data/models/sentiment.json`).
  public convenience init(dataDirectory: String, modelPath: String? = nil) throws {
    let lexicon = try TextLexicon(dataDirectory: dataDirectory)
    let model = try modelPath.map { try LinearSentimentModel(contentsOf: $0) }
    self.init(lexicon: lexicon, model: model)
  }

  deinit {
    sentenceStorage.deallocate()
    sentenceParts.deallocate()
    aspectSum.deallocate()
    aspectWeight.deallocate()
    aspectMentions.deallocate()
    aspectSentenceSum.deallocate()
  }

  /// Analyses a text.
  public func analyze(_ text: String) -> TextAnalysis {
    var copy = text
    return copy.withUTF8 { analyze(utf8: UnsafeRawBufferPointer($0)) }
  }

  /// Analyses UTF-8 bytes.
  public func analyze(_ bytes: [UInt8]) -> TextAnalysis {
    bytes.withUnsafeBytes { analyze(utf8: $0) }
  }

  /// Analyses UTF-8 bytes in place (invalid UTF-8 is skipped, never a crash).
  public func analyze(utf8 text: UnsafeRawBufferPointer) -> TextAnalysis {
    var analysis = TextAnalysis()
    stayAffirmed = false
    runRules(text, into: &analysis)
    // A text that says the writer stays takes back its statements of leaving ("We looked at
    // alternatives. We're staying."), and their values: it is read again without them (rare:
    // the sentences' scores are summed as they end).
    if stayAffirmed && analysis.churnIntent {
      leavingTakenBack = true
      analysis = TextAnalysis()
      runRules(text, into: &analysis)
      leavingTakenBack = false
      takeBackIntent(&analysis)
    }
    if checksLanguage { countWords(text, &analysis) }
    if let model {
      analysis.modelPrediction = model.predict(buffer, lexicon: lexicon, scores: analysis.sentiment, features: features)
    }
    return analysis
  }

  /// Counts the lower-case words among the first 24 tokens of the text just tokenised, and how
  /// many of them the lexicons know (`TextAnalysis.readsAsAnotherLanguage`; two dozen words
  /// tell a language, and the count costs a bounded few hundred instructions a text). A word
  /// starting with a capital is left out (a name, or the first word of a sentence), as are
  /// numbers and emoji. Branch-free: a word's kind, flags, first byte and entry decide two adds.
  @inline(never)
  private func countWords(_ text: UnsafeRawBufferPointer, _ analysis: inout TextAnalysis) {
    let tk = buffer.tokens
    // An empty text may have no base address at all (and has no token).
    guard let base = text.baseAddress, buffer.tokenCount > 0 else {
      analysis.lowerCaseWords = 0
      analysis.knownLowerCaseWords = 0
      return
    }
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    var words = 0
    var known = 0
    for t in 0..<min(buffer.tokenCount, 24) {
      let token = tk[t]
      let first = bytes[Int(token.start)]
      let capital = first &- UInt8(ascii: "A") < 26
      let counted = token.kind == .word && token.flags.contains(.hasLower) && !capital
      words &+= counted ? 1 : 0
      known &+= counted && token.entry >= 0 ? 1 : 0
    }
    analysis.lowerCaseWords = words
    analysis.knownLowerCaseWords = known
  }

  /// Rule-based sentiment only (the same numbers as `analyze(...).sentiment`).
  public func sentiment(utf8 text: UnsafeRawBufferPointer) -> SentimentScores {
    var analysis = TextAnalysis()
    runRules(text, into: &analysis)
    return analysis.sentiment
  }

  /// Rule-based sentiment of a string.
  public func sentiment(_ text: String) -> SentimentScores {
    var copy = text
    return copy.withUTF8 { sentiment(utf8: UnsafeRawBufferPointer($0)) }
  }

  /// Tokenizes and scores a text, leaving tokens in `buffer` and scores in `lastScores`.
  func prepare(utf8 text: UnsafeRawBufferPointer) {
    var analysis = TextAnalysis()
    runRules(text, into: &analysis)
  }

  private func ensureCapacity(positions: Int, sentences: Int) {
    if positions > scratch.capacity {
      scratch = RuleScratch(capacity: max(positions, scratch.capacity * 2))
    }
    if sentences > sentenceStorageCapacity {
      sentenceStorage.deallocate()
      sentenceParts.deallocate()
      sentenceStorageCapacity = max(sentences, sentenceStorageCapacity * 2)
      sentenceStorage = .allocate(capacity: sentenceStorageCapacity)
      sentenceParts = .allocate(capacity: sentenceStorageCapacity)
    }
  }

  // MARK: - Rules
  //
  // One forward pass over each sentence's tokens. Scorable tokens and clause breaks become
  // positions (token index and info word) in document-wide arrays, each sentence after a
  // break sentinel, so the rules look back (negation, boosters) with plain loads. A position's
  // `info` word is its entry's roles, aspects and intent kind (`TextLexicon.entryInfo`) plus
  // the analyzer's own bits. A word no rule starts from costs a few loads and two stores in
  // the loop of `runRules`, and a word with only aspects marks its clause there too; the others
  // (valence, intent, competitor, contrast, amounts of money, currency words and signs of irony,
  // a word that may continue a phrase the word before starts (`TextLexicon.pairBuckets`), and
  // the positions `forceUntil` asks for: after a valence word that waits, inside a valence
  // phrase) go to `arrive`. A greeting or closing line in a text of several sentences
  // (`isFormula`) is skipped whole, unless it thanks for the offer named just before. After
  // the sentences, a text that names the offer and praises is read once more for irony
  // (`ironicOffer`). What looks ahead reads the token array:
  // phrases and the target of a "switch to" walk the next positions' tokens. A valence word is
  // valued when it arrives, unless the next position can change its value (a booster, "kind"
  // of "kind of", the "no" of "no issues", or a word that may start a valence phrase): then
  // when the next position arrives (`waitMask`).

  /// The sentinel (and clause break) bit of a position's `info`.
  static let breakBit: UInt64 = 1 << 63
  /// A position's aspect bits in its info.
  static let aspectInfoBits = UInt64(0xFF) << TextLexicon.aspectInfoShift
  /// Inside a valence phrase that starts earlier: the word's own valence is silenced.
  static let coveredBit: UInt64 = 1 << 62
  /// A valence phrase starts here.
  static let phraseValuedBit: UInt64 = 1 << 61
  /// The word negates: a negator ("not", "never"), a word ending in n't, or "have" after a
  /// modal ("would have"); but not when a focus word follows ("not only").
  static let negatorBit: UInt64 = 1 << 58
  /// An amount of money or a percentage (a number with `TokenFlags.money` or `.percent`) gets
  /// the bit of the rare words `amountOrIrony` reads (`TextLexicon.rareInfoBit`, which currency
  /// words and signs of irony have), below bit 31 so the event mask stays a 32-bit immediate.
  static let amountBit: UInt64 = TextLexicon.rareInfoBit
  /// Info bits that send a position to `arrive` (a phrase start goes there with the word after
  /// it, when that word may be its second; a word with only aspects just marks its clause).
  static let eventMask: UInt64 =
    UInt64(
      EntryRoles.valence.rawValue | EntryRoles.competitor.rawValue | EntryRoles.contrast.rawValue
        | EntryRoles.clauseJoiner.rawValue)
    | TextLexicon.intentInfoMask | TextLexicon.rareInfoBit
  /// Roles with a rule of their own when a valence word is valued (`value`).
  static let wordRuleMask = UInt64(
    EntryRoles.booster.rawValue | EntryRoles.kindWord.rawValue | EntryRoles.noWord.rawValue
      | EntryRoles.likeWord.rawValue | EntryRoles.helpWord.rawValue | EntryRoles.politeness.rawValue)
  /// In a token's kind and flags bytes (`Token.kindOffset`): a kind that is not scorable, a
  /// word ending in n't, or an amount of money or a percentage.
  static let slowKindFlags: UInt16 =
    0x00FF & ~UInt16(TokenKind.emoticon.rawValue) | negatedContractionFlag | moneyFlag | percentFlag | ratingFlag
  static let negatedContractionFlag = UInt16(TokenFlags.negatedContraction.rawValue) << 8
  /// An amount of money with its sign ("$10", "10€"): it may name the offer (`amountAspect`).
  static let moneyFlag = UInt16(TokenFlags.money.rawValue) << 8
  /// A percentage ("20%"): "20% off" is the offer.
  static let percentFlag = UInt16(TokenFlags.percent.rawValue) << 8
  /// A score written as a fraction ("2/10"): it arrives as an amount does, to be valued
  /// (`rating`).
  static let ratingFlag = UInt16(TokenFlags.rating.rawValue) << 8
  static let amountFlags = moneyFlag | percentFlag | ratingFlag
  static let specialMask: UInt64 =
    UInt64(EntryRoles.competitor.rawValue) | TextLexicon.intentInfoMask | TextLexicon.rareInfoBit
  /// A valence word with one of these waits for the next position to be valued: the rules of
  /// a booster, "kind (of)" and "no" read it, and a phrase start's value is its phrase's when
  /// a valence phrase starts there (known when the next word arrives). Any other valence word
  /// is valued when it arrives, and the next word need not arrive for it.
  static let waitMask = UInt64(
    EntryRoles.booster.rawValue | EntryRoles.kindWord.rawValue | EntryRoles.noWord.rawValue
      | EntryRoles.phraseStart.rawValue)
  static let phraseStartBit = UInt64(EntryRoles.phraseStart.rawValue)

  @inline(__always)
  static func roles(_ info: UInt64) -> EntryRoles { EntryRoles(rawValue: UInt32(truncatingIfNeeded: info)) }

  private func runRules(_ text: UnsafeRawBufferPointer, into out: inout TextAnalysis) {
    tokenizer.tokenize(text, into: buffer)
    textBytes = text.baseAddress?.assumingMemoryBound(to: UInt8.self)
    textByteCount = text.count
    if buffer.mentionsHandle { readCompetitorHandles() }
    sentenceStorageCount = 0
    let sentenceCount = buffer.sentenceCount
    let positions = buffer.tokenCount + sentenceCount + 2
    if positions > scratch.capacity || sentenceCount > sentenceStorageCapacity {
      ensureCapacity(positions: positions, sentences: sentenceCount)
    }
    unowned(unsafe) let sc = scratch
    let tk = buffer.tokens
    let entryInfo = lexicon.entryInfoPointer
    let negatorMask = UInt64(EntryRoles.negator.rawValue)
    let haveMask = UInt64(EntryRoles.haveWord.rawValue)
    let modalMask = UInt64(EntryRoles.modal.rawValue)
    let notNegatingMask = UInt64(EntryRoles.notNegating.rawValue)
    let eventMask = TextAnalyzer.eventMask
    let requestMask = UInt64(EntryRoles.requestMarker.rawValue)
    let boosterMask = UInt64(EntryRoles.booster.rawValue)
    let rareMask = negatorMask | haveMask | notNegatingMask | requestMask | boosterMask
    var pass = RulePass(
      clause: ClauseState(
        emphasis: 0, aspectSum: aspectSum, aspectWeight: aspectWeight, aspectMentions: aspectMentions,
        aspectSentenceSum: aspectSentenceSum)
    )
    pass.money = buffer.mentionsMoney
    pass.quotes = buffer.mentionsQuotes
    // The sentences by a local pointer: read through `buffer` (a class reference), each
    // sentence of the loops below reloaded it.
    let sentences = buffer.sentences
    // A word alone with a question mark asks nothing ("Honestly? ...": `asks`).
    pass.textAsks = buffer.mentionsQuestion && textAsks()
    var scored = 0
    var totals = DocumentTotals(weightedCompound: 0, totalWeight: 0, positive: 0, negative: 0)
    var docNeu = 0.0
    var lonePraiseSeen = false
    sc.info[0] = TextAnalyzer.breakBit
    var p = 1
    for s in 0..<sentenceCount {
      let sentence = sentences[s]
      let seq = sc.seq + p, inf = sc.info + p
      var t = Int(sentence.tokenStart)
      let end = Int(sentence.tokenEnd)
      // A greeting or an e-mail's closing on a line of its own is left out, as quoted mail is.
      // Thanks right after the sentence that names the offer are for it ("Got the voucher.
      // Thanks!"); other closings are a sign-off there too ("Cheers."). Thanks that open a text
      // asking for nothing are thanks ("Thank you all. I know your people worked through the
      // weekend.").
      if end &- t <= TextAnalyzer.formulaMaxTokens && sentenceCount > 1 && mayBeFormula(t, end) && isFormula(t, end)
        && !(hasThanks(t, end) && (pass.clause.carriedMask & Aspect.offer.bit != 0 || (s == 0 && !isRequest(&pass))))
      {
        continue
      }
      let emphasis = TextAnalyzer.punctuationEmphasis(sentence)
      pass.startSentence(
        start: t, end: end, emphasis: emphasis, asks: sentence.questions > 0,
        carries: end &- t <= TextAnalyzer.carryMaxTokens
          || ((tk[t].entry < 0 || backReferenceEntries.contains(tk[t].entry))
            && refersBack(t, end))
      )
      // The aspects the sentence opens in, carried from the one before ("Got your voucher. Keep
      // it."): a carried clause with no value of its own gives them no clause.
      let carriedIn = pass.clause.clauseOpen ? pass.clause.clauseMask : 0
      let opener = sentence.questions > 0 ? questionOpener(t, end) : -1
      // "Isn't it great that everything was back up?": a question opened by a negated
      // auxiliary asserts what it asks; its "n't" negates nothing and its praise is given.
      pass.rhetorical = opener >= 0 && tk[opener].flags.contains(.negatedContraction)
      pass.opener = opener
      pass.praiseAsked = opener >= 0 && !pass.rhetorical
      var j = 0
      // The info last laid out (the sentinel before the sentence at first), kept in a register:
      // reading it back from `inf` would wait on the store just made. The rules change only
      // the analyzer's own bits of a laid-out position, never the roles read from this copy.
      var previous = TextAnalyzer.breakBit
      while t < end {
        defer { t &+= 1 }
        // The kind and flags bytes in one load: a token that is not scorable, or a word ending
        // in n't, takes the slow branch with the rare roles. Marked rare (`_slowPath`; 6% of the
        // tokens of the bench's tickets) so that the compiler lays the common path out straight:
        // 2M fewer instructions in the 8 MB of the callgrind run.
        let kindAndFlags = UnsafeRawPointer(tk + t).load(fromByteOffset: Token.kindOffset, as: UInt16.self)
        var x = entryInfo[Int(tk[t].entry)]  // entry -1 reads the empty info in front
        if _slowPath(UInt64(kindAndFlags & TextAnalyzer.slowKindFlags) | x & rareMask != 0) {
          if UInt8(truncatingIfNeeded: kindAndFlags) > TokenKind.emoticon.rawValue {
            if tk[t].kind == .clauseBreak && j > 0 && previous & TextAnalyzer.breakBit == 0 {
              seq[j] = Int32(truncatingIfNeeded: t)
              inf[j] = TextAnalyzer.breakBit
              previous = TextAnalyzer.breakBit
              pass.breaks &+= 1
              pass.amendsAt = Int.max
              // "Although the voucher was a nice gesture, it doesn't cover our losses.": the
              // clause a concessive word opens weighs as what comes before "but" does.
              let concession = pass.breaks == 1 && pass.contrastAt < 0 && opensWithConcession(pass.start, end)
              if concession { pass.contrastAt = j }
              pass.next = t &+ 1
              if pass.pending >= 0 { value(pass.pending, next: 0, nextScorable: false, seq, inf, &pass) }
              if pass.clause.segOpen { pass.clause.pushSegment() }
              if concession && continuesTheClause(after: t, end: end) { pass.clause.markContrast() }
              // "Support team, especially Priya, was excellent during the incident.": a verb after a
              // break begins the predicate of the subject before it (`opensAPredicate`).
              pass.clause.predicateNext = opensAPredicate(after: t, end: end)
              j &+= 1
            }
            continue
          }
          // An amount of money or a percentage ("$10", "20%") arrives, to mark its aspect.
          if kindAndFlags & TextAnalyzer.amountFlags != 0 { x |= TextAnalyzer.amountBit }
          // Negation, decided once here rather than at every look back.
          if (x & negatorMask != 0 || kindAndFlags & TextAnalyzer.negatedContractionFlag != 0
            || (x & haveMask != 0 && previous & modalMask != 0)) && !(pass.rhetorical && j == 0)
          {
            x |= TextAnalyzer.negatorBit
            pass.negatorSeen = true
          }
          if x & notNegatingMask != 0 { inf[j &- 1] &= ~TextAnalyzer.negatorBit }  // "not only": focus
          if x & requestMask != 0 { pass.requestSeen = true }
          if x & boosterMask != 0 {
            pass.boosterAt = j
            // "I'd rather have had a phone call than a gift card": a preference the offer may lose.
            if tk[t].entry == ratherEntry { pass.ratherSeen = true }
          }
        }
        seq[j] = Int32(truncatingIfNeeded: t)
        inf[j] = x
        // The reasons to arrive in one test (a branch each mispredicted often): an event word,
        // a possible phrase (the word before a phrase start, this one a possible second; the
        // sentinel before a sentence and a break start none), or a position `arrive` asked
        // for (`forceUntil`: after a valence word that waits, inside a valence phrase).
        let pair = TextLexicon.pairBuckets(previous, x)
        previous = x
        let forced = UInt64(truncatingIfNeeded: j &- pass.forceUntil) >> 63
        if x & eventMask | pair | forced != 0 {
          pass.next = t &+ 1
          arrive(j, token: t, x, pair: pair != 0, seq, inf, &pass, &out)
        } else {
          // A word with only aspects marks its clause; without a branch (which words have
          // aspects is a coin flip), and a word without any ORs in nothing.
          pass.clause.segMask |= UInt8(truncatingIfNeeded: x >> TextLexicon.aspectInfoShift)
        }
        j &+= 1
      }
      pass.next = end
      if pass.pending >= 0 { value(pass.pending, next: 0, nextScorable: false, seq, inf, &pass) }
      if pass.clause.segOpen {
        if pass.clause.segMask == 0 && (!pass.clause.clauseOpen || pass.clause.clauseMask == 0) {
          // No aspect in the sentence's last clause: nothing to attribute (a clause without
          // aspects is never scored), so the segment is only closed.
          pass.clause.dropSegment()
        } else {
          pass.clause.pushSegment()
        }
      }
      if pass.clause.clauseOpen && pass.clause.clauseMask != 0 { pass.clause.finishClause() }
      // "A $10 gift card. For two days of downtime.": the offer set against the damage.
      if pass.clause.carriedMask & Aspect.offer.bit != 0 && j > 1 && tk[Int(seq[0])].entry == forEntry
        && setsTheOfferAgainstDamage(positions: j, pass, seq)
      {
        pass.keepForSentence(TextAnalyzer.complaintValence, at: j &- 1, scratch)
        pass.clause.addStatement(Aspect.offer.bit, TextAnalyzer.complaintValence)
      }
      pass.clause.carriedMask = pass.clause.clauseOpen && !pass.clause.carried ? pass.clause.clauseMask : 0
      // The offer refused ("An apology letter is not compensation.", "We don't want a gift
      // card.", "Keep your voucher."), or asked about in disbelief ("Is $10 really what our
      // business is worth?"): a statement against it, for the sentence and the offer.
      // "You should have told us.": what ought to have been done, a reproach with no word of
      // sentiment (`reproaches`).
      if pass.negatorSeen && pass.itemCount == 0 && !pass.sentenceAsks && reproaches(positions: j, seq, inf) {
        pass.keepForSentence(TextAnalyzer.complaintValence, at: j &- 1, scratch)
        let aspects = pass.clause.sentenceMask | carriedIn
        if aspects != 0 { pass.clause.addStatement(aspects, TextAnalyzer.complaintValence) }
      }
      // A short sentence that judges nothing but denies the praise before ("The communication was
      // not.") or asks if that is all ("That's it?"): `replies`, out of line.
      if pass.itemCount == 0 && j > 1 && (pass.negatorSeen || pass.sentenceAsks) {
        replies(positions: j, carriedIn: carriedIn, &pass, seq, inf)
      }
      // The offer refused or asked about in disbelief, above, or a token amount set against the
      // harm ("$10 for 12 hours of downtime."): `offerStatements`, out of line.
      if (pass.clause.sentenceMask | carriedIn) & Aspect.offer.bit != 0 {
        offerStatements(positions: j, &pass, seq, inf)
      }
      guard j > 0 else { continue }
      scored &+= j &- pass.breaks
      inf[j] = TextAnalyzer.breakBit
      p &+= j &+ 1
      // Tone the words do not carry (`sentenceTone`: thanks for harm, a resigned remark, mock
      // praise), looked for only where it may be: thanks, a sentence of one word, or praise at
      // the sentence's start. A sentence of praise alone ("Just great.") is judged by its
      // neighbour after the text's sentences (`mockLonePraise`).
      var lonePraise = false
      if pass.politenessSeen || j == 1 || (pass.itemCount > 0 && sc.itemValue[0] > 0 && sc.itemPosition[0] <= 1) {
        lonePraise = sentenceTone(positions: j, &pass, seq, inf)
        lonePraiseSeen = lonePraiseSeen || lonePraise
      }

      if pass.quotes && pass.itemCount > 0 { turnScareQuotedPraise(&pass, seq, inf) }
      // "Communication during the outage was clear and frequent.": the incident as the time of
      // praise (`praiseInTheIncident`, out of line).
      if pass.itemCount > 0 && pass.clause.sentenceMask & Aspect.outage.bit != 0 {
        praiseInTheIncident(positions: j, &pass, seq, inf)
      }

      // The sentence's score: its values summed in order with the contrast shift ("but").
      let contrastAt = pass.contrastAt
      var sum: Float = 0
      var pos: Float = 0
      var neg: Float = 0
      for q in 0..<pass.itemCount {
        var v = sc.itemValue[q]
        if contrastAt >= 0 {
          let at = Int(sc.itemPosition[q])
          if at < contrastAt { v *= 0.5 } else if at > contrastAt { v *= 1.5 }
        }
        sum += v
        // Without a branch (a value's sign is a coin flip); a kept value is never zero, and
        // adding zero leaves either share as it was.
        pos += v > 0 ? v + 1 : 0
        neg += v > 0 ? 0 : v - 1
      }
      // A statement of leaving adds a value of its own: the neutral positions never go below 0.
      let neu = Float(max(0, j &- pass.breaks &- pass.itemCount))
      if emphasis != 0 {
        // Most sentences have no "!" or "??": one branch rather than the four on the scores.
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        if pos > abs(neg) { pos += emphasis } else if pos < abs(neg) { neg -= emphasis }
      }
      let compound = TextAnalyzer.normalize(Double(sum))
      let w = 1.0 + Double(pass.itemCount)
      // A negative sentence weighs more in the text's tone than a positive one ("Frankly
      // disappointed. We chose you because you were the safe choice."): the negativity bias
      // readers show.
      var weight = compound < 0 ? w * TextAnalyzer.negativeSentenceWeight : w
      if pass.rated { weight *= TextAnalyzer.ratedSentenceWeight }
      totals.weightedCompound += weight * compound
      totals.totalWeight += weight
      totals.positive += Double(pos)
      totals.negative += Double(neg)
      docNeu += Double(neu)
      // A sentence's first token never ends after its last: the range needs no check.
      sentenceStorage[sentenceStorageCount] = SentenceSentiment(
        byteRange: Range(uncheckedBounds: (Int(tk[Int(sentence.tokenStart)].start), Int(tk[end &- 1].end))),
        compound: compound)
      sentenceParts[sentenceStorageCount] = SentenceParts(
        positive: pos, negative: neg, weight: w, aspects: pass.clause.sentenceMask, lonePraise: lonePraise,
        positions: Int32(truncatingIfNeeded: j), thanks: pass.politenessSeen, asks: pass.sentenceAsks,
        sentence: Int32(truncatingIfNeeded: s))
      sentenceStorageCount &+= 1
    }
    if lonePraiseSeen && mockLonePraise(&totals) { pass.irony |= RulePass.sarcasm }
    if sentenceStorageCount > 1 && sentenceParts[0].positions <= 4 { verdict() }
    // A text that names the offer and says it means the opposite of its praise ("Wow, a whole
    // ten dollars. Truly moved 🙃"): its praise in the sentences that name the offer, or name
    // nothing, counts as what it means, and the latter's is said of the offer too; an offer
    // that came out neutral ("A whopping 5% off.") gets a statement's value against it.
    if pass.clause.touched & Aspect.offer.bit != 0 && aspectSum[Aspect.offer.rawValue] >= 0 {
      turnIronicOffer(pass, positions: p, &totals)
    }
    let compound = totals.totalWeight > 0 ? totals.weightedCompound / totals.totalWeight : 0
    let total = totals.positive + abs(totals.negative) + docNeu
    if total > 0 {
      out.sentiment = SentimentScores(
        compound: compound, positive: totals.positive / total, neutral: docNeu / total,
        negative: abs(totals.negative) / total)
    } else {
      out.sentiment = SentimentScores(compound: compound, positive: 0, neutral: 0, negative: 0)
    }
    // Most texts mention no aspect: the default scores are already zero. The totals of the
    // aspects touched go back to zero for the next text.
    if pass.clause.touched != 0 {
      out.aspects = AspectScores(sums: aspectSum, weights: aspectWeight, mentions: aspectMentions)
      var mask = pass.clause.touched
      while mask != 0 {
        let a = mask.trailingZeroBitCount
        mask &= mask &- 1
        aspectSum[a] = 0
        aspectWeight[a] = 0
        aspectMentions[a] = 0
      }
    }
    out.sentenceCount = sentenceStorageCount
    out.tokenCount = scored
    out.mentionsMoney = pass.money
    lastScores = out.sentiment
  }

  /// An @handle naming a competitor ("We moved 3,000 endpoints to @SentinelOne") is read as the
  /// competitor's name: a word with its entry, which names nothing else and has no valence (other
  /// handles stay out of the rules, brands such as "@united" among them). Out of line: a text
  /// with a handle is rare.
  @inline(never)
  private func readCompetitorHandles() {
    let tk = buffer.tokens
    let competitor = UInt64(EntryRoles.competitor.rawValue)
    let valence = UInt64(EntryRoles.valence.rawValue)
    // The tokenizer looked each handle's name up (`Tokenizer.emitHandle`); any other handle
    // keeps no entry, as before, for the rules that read a token's entry.
    for t in 0..<buffer.tokenCount where tk[t].kind == .handle && tk[t].entry >= 0 {
      let info = lexicon.entryInfoPointer[Int(tk[t].entry)]
      if info & competitor != 0 && info & valence == 0 { tk[t].kind = .word } else { tk[t].entry = -1 }
    }
  }

  /// A position some rule starts from has been laid out at `j` (token `t`): applies the
  /// phrases starting at the position before (now that this word may be their second), the
  /// intents and competitors here, values the valence word waiting for this position, feeds
  /// the clause and makes this word the one waiting if it has a valence.
  ///
  /// Inlined in the loop of `runRules` (a call per event cost more than the common cases'
  /// work); what is rare (phrases, intents and competitors, the valuing) stays out of line.
  @inline(__always)
  private func arrive(
    _ j: Int, token t: Int, _ laidOut: UInt64, pair: Bool, _ seq: UnsafeMutablePointer<Int32>,
    _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass, _ out: inout TextAnalysis
  ) {
    // The position's info as laid out (`laidOut`), read back only where a phrase may have
    // marked it since.
    var x = laidOut
    if j < pass.coveredEnd {
      // Inside a valence phrase found earlier: its words' own valences are silenced, and their
      // aspects too when it names none.
      x |= TextAnalyzer.coveredBit
      if pass.coverNamesNoAspect { x &= ~TextAnalyzer.aspectInfoBits }
      inf[j] = x
    }
    if pair && pass.phrasesAt < j &- 1 {
      phrasesBefore(j, token: t, seq, inf, &pass, &out)
      x = inf[j]
    }
    if x & TextAnalyzer.specialMask != 0 { intentsAndCompetitors(j, token: t, x, seq, inf, &pass, &out) }
    var aspects = UInt8(truncatingIfNeeded: x >> TextLexicon.aspectInfoShift)
    if pass.pending >= 0 {
      // A booster before a valence phrase modifies it: the phrases starting here are needed now.
      if inf[pass.pending] & UInt64(EntryRoles.booster.rawValue) != 0 && x & TextAnalyzer.phraseStartBit != 0
        && pass.phrasesAt < j
      {
        aspects |= phrasesHere(j, token: t, seq, inf, &pass, &out)
        x = inf[j]
      }
      value(pass.pending, next: x, nextScorable: true, seq, inf, &pass)
    }
    if x & UInt64(EntryRoles.contrast.rawValue | EntryRoles.clauseJoiner.rawValue) != 0 {
      if pass.clause.segOpen { pass.clause.pushSegment() }
      if x & UInt64(EntryRoles.contrast.rawValue) != 0 {
        pass.contrastAt = j
        pass.amendsAt = Int.max
        if continuesTheClause(after: t, end: pass.end) { pass.clause.markContrast() }
      }
    }
    // Without branches: whether a word has aspects, and whether it waits, are coin flips.
    pass.clause.segMask |= aspects
    let valence = UInt64(EntryRoles.valence.rawValue)
    let valued = x & TextAnalyzer.phraseValuedBit != 0 || x & (valence | TextAnalyzer.coveredBit) == valence
    if valued && x & (TextAnalyzer.waitMask | TextAnalyzer.phraseValuedBit) == 0 {
      // Valued now, in the same order among the sentence's values as when the next word
      // arrives: nothing between adds a value or closes the segment before it would. A word
      // none of `value`'s rules can change (no word rule, not in capitals, no booster, "least"
      // or negator before it in the sentence, not negative in a text that asks) keeps its
      // valence, recorded here without the call.
      let tk = buffer.tokens
      if x & TextAnalyzer.wordRuleMask == 0 && !pass.negatorSeen && j &- pass.boosterAt > 3 && j < pass.amendsAt
        && tk[t].flags.rawValue & TokenFlags.allCaps.rawValue == 0
        && inf[j &- 1] & UInt64(EntryRoles.leastWord.rawValue) == 0
      {
        let v = lexicon.valencePointer[Int(tk[t].entry)]
        if v != 0 && (v < 0 || !pass.praiseAsked)
          && !(v < 0 && pass.textAsks && describesTheProblem(j, x, seq, inf, &pass))
        {
          pass.keep(v, at: j, scratch)
        }
      } else {
        value(j, next: 0, nextScorable: false, seq, inf, &pass)
      }
    } else if valued {
      // The next position arrives too, to value this one.
      pass.pending = j
      pass.forceUntil = max(pass.forceUntil, j &+ 2)
    } else {
      pass.pending = -1
    }
  }

  /// Whether a verb of `predicateVerbEntries` follows the break token `t`, beginning the
  /// predicate of the subject before the break (`ClauseState.predicateNext`); not after a colon
  /// or a semicolon, which end what comes before ("Question about the credits: are they...").
  /// Out of `runRules`' line, whose word loop stays inlined.
  @inline(never)
  private func opensAPredicate(after t: Int, end: Int) -> Bool {
    let tk = buffer.tokens
    guard t &+ 1 < end, predicateVerbEntries.contains(tk[t &+ 1].entry), let bytes = textBytes else { return false }
    let c = bytes[Int(tk[t].start)]
    return c != UInt8(ascii: ":") && c != UInt8(ascii: ";")
  }

  /// A score written as a fraction at position `j` (token `t`: "Support: 2/10.", "0/10 would
  /// not recommend", "a 9/10 response") is valued by its share of the scale, from -2.75 at 0 to
  /// +2.25 at the top (VADER's scale; half the scale is mildly negative, as reviewers use
  /// it), where it stands as a score: not after a word that makes it a date or a part ("on
  /// 3/10", "the 7/10 release"), nor before a word a score does not take ("3/5 servers",
  /// `RuleWords.afterARating`) unless "a" makes it a grade ("a 9/10 response").
  @inline(never)
  private func rating(at j: Int, token t: Int, _ pass: inout RulePass) {
    let tk = buffer.tokens
    let before = t > pass.start ? tk[t &- 1].entry : -1
    if beforeADateEntries.contains(before) { return }
    if hypothetical(before: t, start: pass.start) { return }
    let u = t &+ 1
    // A score in words ("8 out of 10", "4.5 stars"): the tokenizer flagged the number alone.
    if let bytes = textBytes, let numerator = Rating.numerator(bytes + Int(tk[t].start), Int(tk[t].end &- tk[t].start))
    {
      if let share = scoreInWords(numerator, after: t, end: pass.end) {
        pass.keep(scoreValue(share, token: t, start: pass.start, end: pass.end), at: j, scratch)
        pass.rated = true
      }
      return
    }
    if u < pass.end && tk[u].kind == .word && !afterARatingEntries.contains(tk[u].entry)
      && !indefiniteArticleEntries.contains(before)
    {
      return
    }
    guard let bytes = textBytes,
      let share = Rating.fraction(bytes + Int(tk[t].start), Int(tk[t].end &- tk[t].start))
    else { return }
    pass.keep(scoreValue(share, token: t, start: pass.start, end: pass.end), at: j, scratch)
    pass.rated = true
  }

  /// The value of a score that is `share` of its scale, at token `t`. A good score that a negated
  /// recommendation follows is scorn, the internet's "10/10 would not recommend": it counts as
  /// low as it claims to be high ("10/10 would not recommend.", "5 stars, would never
  /// recommend" read mildly positive, the score outweighing the verdict). So does a good score
  /// that is a sentence of its own beside one whose verdict is a negated recommendation ("Would
  /// not recommend. 10/10.", "10/10. Would not recommend."). "Can't recommend them enough" is
  /// praise, and a score before "but" stands on its own ("9/10 for support, but would not
  /// recommend the product"). `start..<end` is the sentence's tokens.
  private func scoreValue(_ share: Double, token t: Int, start: Int, end: Int) -> Float {
    let value = Float(TextAnalyzer.ratingScale * (share - TextAnalyzer.ratingMidpoint))
    guard value > 0 else { return value }
    if negatedRecommendation(from: t &+ 2, to: end, negatorsFrom: t &+ 1) { return -value }
    // A score alone in its sentence: the verdict may be the sentence before or after it.
    let tk = buffer.tokens
    for u in start..<end where u != t && tk[u].kind == .word { return value }
    let sentences = buffer.sentences
    for k in 0..<buffer.sentenceCount where Int(sentences[k].tokenStart) == start {
      for n in [k &- 1, k &+ 1] where n >= 0 && n < buffer.sentenceCount {
        let from = Int(sentences[n].tokenStart)
        if negatedRecommendation(from: from, to: Int(sentences[n].tokenEnd), negatorsFrom: from) { return -value }
      }
      break
    }
    return value
  }

  /// Whether tokens `from..<to` hold a "recommend" negated by one of the two words before it
  /// (from token `negatorsFrom` on), before any contrast word ("but"). "Can't recommend them
  /// enough" is praise, and ends the search.
  private func negatedRecommendation(from: Int, to end: Int, negatorsFrom: Int) -> Bool {
    let tk = buffer.tokens
    let info = lexicon.entryInfoPointer
    let contrast = UInt64(EntryRoles.contrast.rawValue)
    let negator = UInt64(EntryRoles.negator.rawValue)
    func negates(_ u: Int) -> Bool {
      u >= negatorsFrom && (info[Int(tk[u].entry)] & negator != 0 || tk[u].flags.contains(.negatedContraction))
    }
    var u = from
    while u < end {
      if info[Int(tk[u].entry)] & contrast != 0 { return false }
      if isWord(u, "recommend") && (negates(u &- 1) || negates(u &- 2)) {
        var v = u &+ 1
        while v < min(end, u &+ 4) {
          if isWord(v, "enough") { return false }
          v &+= 1
        }
        return true
      }
      u &+= 1
    }
    return false
  }

  /// Whether "would", "could" or "should" then "be" or "have" comes before token `t` in its
  /// clause (back to a break or "but", not before token `start`): a score there is what the
  /// thing would have got ("would have gotten 5 stars had it", "would be 5 stars if they
  /// stopped"), not the writer's ("I would have given it 4 stars but I'll give it 5": the 5).
  private func hypothetical(before t: Int, start: Int) -> Bool {
    let tk = buffer.tokens
    let modal = UInt64(EntryRoles.modal.rawValue)
    let contrast = UInt64(EntryRoles.contrast.rawValue)
    var u = t &- 2
    while u >= start {
      let x = lexicon.entryInfoPointer[Int(tk[u].entry)]
      if tk[u].kind == .clauseBreak || x & contrast != 0 { return false }
      if x & modal != 0 && (isWord(u &+ 1, "be") || isWord(u &+ 1, "have") || isWord(u &+ 1, "'ve")) { return true }
      u &-= 1
    }
    return false
  }

  /// The share of its scale of a score in words whose number `numerator` is token `t`: "out of"
  /// and the scale ("8 out of 10", and then "stars" or a word a score takes, or the sentence's
  /// end), or "stars" (of 5, or of 10 above 5: "4.5 stars", "10 stars!"); nil where the number
  /// counts or classes things, a word a score does not take coming after ("3 out of 10
  /// servers", "a 5 star hotel").
  private func scoreInWords(_ numerator: Double, after t: Int, end: Int) -> Double? {
    let u = t &+ 1
    guard u < end else { return nil }
    if isWord(u, "star") || isWord(u, "stars") {
      // "5 star hotel": a class, not a score.
      if u &+ 1 < end && buffer.tokens[u &+ 1].kind == .word
        && !afterARatingEntries.contains(buffer.tokens[u &+ 1].entry)
      {
        return nil
      }
      return numerator / (numerator <= 5 ? 5 : 10)
    }
    guard u &+ 2 < end, isWord(u, "out"), isWord(u &+ 1, "of"), buffer.tokens[u &+ 2].kind == .number,
      let bytes = textBytes
    else { return nil }
    let m = buffer.tokens[u &+ 2]
    var scale = 0.0
    for k in Int(m.start)..<Int(m.end) { scale = scale * 10 + Double(bytes[k] &- 48) }
    guard scale == 5 || scale == 10 || scale == 100, numerator <= scale else { return nil }
    let after = u &+ 3
    if after < end && buffer.tokens[after].kind == .word && !afterARatingEntries.contains(buffer.tokens[after].entry) {
      return nil
    }
    return numerator / scale
  }

  /// A score's value per share of its scale, and the share valued 0 (`rating`).
  static let ratingScale = 5.0
  static let ratingMidpoint = 0.55

  /// A rare word at token `t` (with info `x`: `TextLexicon.rareInfoBit`) has arrived: an
  /// amount of money marks its aspect (`amountAspect`): "$10" at the number, "10 dollars" or
  /// "ten bucks" at the currency word; "20% off" is a discount, the offer; a sign of irony is
  /// kept for the text (`isIronySign`), a verb that may dismiss the offer for the sentence.
  private func amountOrIrony(token t: Int, _ x: UInt64, _ pass: inout RulePass) {
    let tk = buffer.tokens
    let end = pass.end
    if tk[t].flags.contains(.money) {
      pass.clause.segMask |= amountAspect(t, start: pass.start, end: end)
    } else if tk[t].flags.contains(.percent) {
      if t &+ 1 < end && isWord(t &+ 1, "off") { pass.clause.segMask |= Aspect.offer.bit }
    } else if x & UInt64(EntryRoles.currencyWord.rawValue) != 0 && t > 0 && !tk[t &- 1].flags.contains(.money)
      && (tk[t &- 1].kind == .number
        || lexicon.objectClassPointer[Int(tk[t &- 1].entry)] & TextLexicon.ObjectClass.smallNumber != 0)
    {
      tk[t &- 1].flags.insert(.money)
      pass.money = true
      pass.clause.segMask |= amountAspect(t &- 1, start: pass.start, end: end)
    }
    let cls = lexicon.objectClassPointer[Int(tk[t].entry)]
    if cls & TextLexicon.ObjectClass.irony != 0 && isIronySign(t, pass) { pass.irony |= RulePass.ironySign }
    if x & UInt64(EntryRoles.valence.rawValue) != 0 && laughterEntries.contains(tk[t].entry) {
      pass.irony |= RulePass.laughter
    }
    if cls & TextLexicon.ObjectClass.dismissVerb != 0 { pass.dismissSeen = true }
  }

  /// Whether token `t` (a word of `ObjectClass.irony`) is a sign of irony: a face of irony
  /// ("🙄"), an inflated small amount ("a whole ten dollars", "a whopping 5%"), or mock delight
  /// opening a sentence that names the offer ("Oh great, a voucher."). Laughter and "wow" are
  /// not: after an outage they come with sincere thanks as often as with scorn.
  private func isIronySign(_ t: Int, _ pass: RulePass) -> Bool {
    let tk = buffer.tokens
    let end = pass.end
    let classes = lexicon.objectClassPointer
    typealias C = TextLexicon.ObjectClass
    let cls = classes[Int(tk[t].entry)]
    if cls & C.ironyMarker != 0 { return true }
    if cls & C.amountInflater != 0 {
      // "generous" is sincere as often as not: ironic only before a small sum in digits.
      let generous = isWord(t, "generous")
      var u = t &+ 1
      while u < min(end, t &+ 4) {
        if generous {
          if tk[u].flags.contains(.money) { return amountValue(u) <= 20 }
          if tk[u].kind != .word { break }
          u &+= 1
          continue
        }
        if tk[u].flags.contains(.money) || tk[u].flags.contains(.percent) { return true }
        // "a whole ten dollars": the currency word, not yet arrived, will make it money.
        if (tk[u].kind == .number || classes[Int(tk[u].entry)] & C.smallNumber != 0) && u &+ 1 < end
          && lexicon.entryInfoPointer[Int(tk[u &+ 1].entry)] & UInt64(EntryRoles.currencyWord.rawValue) != 0
        {
          return true
        }
        if tk[u].kind != .word { break }
        u &+= 1
      }
    }
    // Mock delight opens the sentence that names the offer ("Oh great, a voucher.", "Ah yes,
    // the classic apology letter"; not "Ah yes, I remember now", "Oh well, stuff happens").
    if cls & C.ironyInterjection != 0 && t == pass.start && t &+ 1 < end && tk[t &+ 1].kind == .word {
      let next = Int(tk[t &+ 1].entry)
      if (classes[next] & C.ironyAssent != 0
        || (lexicon.entryInfoPointer[next] & UInt64(EntryRoles.valence.rawValue) != 0
          && lexicon.valencePointer[next] > 0))
        && sentenceMentionsOffer(pass)
      {
        return true
      }
    }
    return false
  }

  /// `runRules`' end for a text that names the offer and has not judged it against (out of its
  /// line: the word loop stays inlined): when the text means the opposite of its praise
  /// (`ironicOffer`), its praise in the sentences that name the offer, or name nothing, counts
  /// as what it means, and the latter's is said of the offer too; an offer that came out
  /// neutral gets a statement's value against it.
  @inline(never)
  private func turnIronicOffer(_ pass: RulePass, positions p: Int, _ totals: inout DocumentTotals) {
    let offer = Aspect.offer.rawValue
    guard
      ironicOffer(
        ironic: pass.irony & (RulePass.ironySign | RulePass.sarcasm) != 0
          || (pass.irony & RulePass.laughter != 0 && !pass.textAsks && laughsAlone(positions: p)),
        positions: p)
    else { return }
    aspectSum[offer] = -aspectSum[offer]
    for s in 0..<sentenceStorageCount
    where (sentenceParts[s].aspects & Aspect.offer.bit != 0 || sentenceParts[s].aspects == 0)
      && sentenceStorage[s].compound > 0
    {
      let parts = sentenceParts[s]
      let c = sentenceStorage[s].compound
      flipPositive(s, &totals)
      if parts.aspects == 0 {
        aspectSum[offer] -= c * parts.weight
        aspectWeight[offer] += parts.weight
      }
    }
    if aspectSum[offer] == 0 {
      aspectSum[offer] = TextAnalyzer.normalize(Double(TextAnalyzer.intentValence)) * max(aspectWeight[offer], 1)
    }
  }

  /// Whether the last text, which names the offer and praises, says it means the opposite: a
  /// sign of irony (`ironic`: from `isIronySign`, or laughter that is the text's only praise in
  /// a text that asks nothing, `laughsAlone`), or praise or the offer in scare quotes ("the
  /// 'compensation'", "'Generous' is one word for it"). Its `positions` laid-out positions are
  /// read, once.
  private func ironicOffer(ironic: Bool, positions: Int) -> Bool {
    if ironic { return true }
    guard let bytes = textBytes, mayQuote(bytes) else { return false }
    unowned(unsafe) let sc = scratch
    let tk = buffer.tokens
    let valence = UInt64(EntryRoles.valence.rawValue)
    let candidate = valence | UInt64(Aspect.offer.bit) << TextLexicon.aspectInfoShift
    for q in 1..<max(1, positions) where sc.info[q] & candidate != 0 && sc.info[q] & TextAnalyzer.breakBit == 0 {
      let t = Int(sc.seq[q])
      guard TextAnalyzer.quoteBefore(bytes, Int(tk[t].start)) > 0 else { continue }
      if sc.info[q] & valence != 0 && lexicon.valencePointer[Int(tk[t].entry)] <= 0 { continue }
      if scareQuoted(t) { return true }
    }
    return false
  }

  /// Whether the sentence of tokens `start..<end` opens with a concessive word ("although",
  /// "even though"): its first clause break is then where the contrast turns, unless a contrast
  /// word comes first. Asked at a sentence's first break only.
  private func opensWithConcession(_ start: Int, _ end: Int) -> Bool {
    let tk = buffer.tokens
    return concessiveEntries.contains(tk[start].entry)
      || (start &+ 1 < end && tk[start].entry == evenEntry && concessiveEntries.contains(tk[start &+ 1].entry))
  }

  /// Tone the words of a sentence (its `positions` laid out) do not carry: thanks for harm
  /// (`thanksForHarm`), a resigned remark as a sentence of its own ("Typical.", "Whatever.",
  /// "Really?", "Seriously?", which complains as a statement does), and praise that opens it
  /// (`praiseOpener`), turned when the rest mocks it (`mocks`). Returns whether the sentence is
  /// praise alone, which its neighbour judges after the text's sentences (`mockLonePraise`).
  @inline(never)
  private func sentenceTone(
    positions j: Int, _ pass: inout RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Bool {
    unowned(unsafe) let sc = scratch
    if pass.politenessSeen {
      let delta = thanksForHarm(positions: j, pass, seq, inf)
      if delta != 0 {
        _ = pass.clause.revalueSentenceClause(by: delta)
        pass.irony |= RulePass.sarcasm
      }
    }
    if j == 1 && pass.itemCount == 0 && resignedEntries.contains(buffer.tokens[Int(seq[0])].entry) {
      pass.keepForSentence(TextAnalyzer.complaintValence, at: 0, scratch)
    }
    if j == 1 && pass.itemCount == 1 && acknowledgementEntries.contains(buffer.tokens[Int(seq[0])].entry) {
      // "Voucher received. Fine.": acceptance, not praise, of the sentence and what it carries.
      _ = pass.clause.revalueSentenceClause(by: -sc.itemValue[0])
      pass.itemCount = 0
      return false
    }
    guard pass.itemCount > 0 && sc.itemValue[0] > 0 && sc.itemPosition[0] <= 1 else { return false }
    if praisesABadSituation(positions: j, pass, seq, inf) {
      pass.irony |= RulePass.sarcasm
      let praise = sc.itemValue[0]
      sc.itemValue[0] = -praise
      if !pass.clause.revalueSentenceClause(by: -2 * praise) { pass.clause.turnSentencePraise() }
      return false
    }
    let opener = praiseOpener(positions: j, pass, seq, inf)
    if opener == j { return pass.itemCount == 1 }
    // "Great, just great.", "Wonderful, just wonderful.": praise echoed after "just" is mock
    // delight on its own, with no complaint beside it.
    if opener > 0 && pass.itemCount == 2
      && echoesPraise(at: opener &+ 1, of: Int(seq[Int(sc.itemPosition[0])]), positions: j, seq)
    {
      sc.itemValue[0] = -sc.itemValue[0]
      sc.itemValue[1] = -sc.itemValue[1]
      pass.irony |= RulePass.sarcasm
      return false
    }
    if opener > 0 && mocks(after: opener, positions: j, pass, seq) {
      sc.itemValue[0] = -sc.itemValue[0]
      // Mock delight ("Great, another outage."), not a field and its value ("Confidence:
      // shaken.") nor surprise ("Wow, the outage was bad."), makes the text's praise of the offer
      // ironic too.
      if !labels(opener, seq) && !isAnyWord(Int(seq[Int(sc.itemPosition[0])]), TextAnalyzer.surpriseInterjections) {
        pass.irony |= RulePass.sarcasm
      }
    }
    return false
  }

  /// Whether a sentence opening with "for", right after one that named the offer, sets the
  /// offer against what was lost: it names the incident, a number or a stretch of time ("A $10
  /// gift card. For two days of downtime.", "FIVE EUROS. FOR 300 MACHINES DOWN.", "Ten bucks.
  /// For a weekend of my life."), and praises nothing ("Got the voucher. For the record, it was a
  /// nice touch." does not; nor "For the record, ..." with no loss named).
  @inline(never)
  private func setsTheOfferAgainstDamage(positions: Int, _ pass: RulePass, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    unowned(unsafe) let sc = scratch
    for q in 0..<pass.itemCount where sc.itemValue[q] > 0 { return false }
    if pass.clause.sentenceMask & Aspect.outage.bit != 0 { return true }
    let tk = buffer.tokens
    for q in 1..<positions where tk[Int(seq[q])].kind == .number || durationUnitEntries.contains(tk[Int(seq[q])].entry)
    {
      return true
    }
    return false
  }

  /// Whether the sentence praises a token amount (an amount of money that is the offer,
  /// `amountAspect`) and then, in the amount's clause, sets it against harm done with "after" or
  /// "for": a word of negative valence that is not a thing named (`namesAThing`) and no praise
  /// after it ("So glad we got a $10 voucher for losing a day of revenue", "Really appreciate
  /// the $10 after you took down 400 endpoints"; not "Thanks for the $10 voucher after the
  /// outage", "a $10 credit for the downtime, thank you", "Appreciate the $25 credit for 2 hours
  /// of downtime", "Thanks for the £20 voucher after Tuesday's mess"). The praise is turned, in
  /// the sentence and its aspects.
  private func praisesTheOfferAgainstHarm(
    positions: Int, _ pass: inout RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Bool {
    unowned(unsafe) let sc = scratch
    let tk = buffer.tokens
    var praised = false
    for q in 0..<pass.itemCount where sc.itemValue[q] > 0 { praised = true }
    guard praised else { return false }
    var amount = -1
    var against = -1
    for q in 0..<positions {
      if inf[q] & TextAnalyzer.breakBit != 0 {
        if amount >= 0 { break }
        continue
      }
      let t = Int(seq[q])
      if amount < 0 {
        if tk[t].flags.contains(.money) { amount = q }
      } else if against < 0 && (tk[t].entry == afterEntry || tk[t].entry == forEntry) {
        against = q
      }
    }
    guard against > 0 else { return false }
    var end = against &+ 1
    while end < positions && inf[end] & TextAnalyzer.breakBit == 0 { end &+= 1 }
    var harm = false
    var praise: Float = 0
    for q in 0..<pass.itemCount {
      let at = Int(sc.itemPosition[q])
      let v = sc.itemValue[q]
      if at < against {
        if v > 0 { praise += v }
      } else if v > 0 {
        return false
      } else if at < end && v < 0 && !namesAThing(after: Int(seq[at &- 1])) {
        harm = true
      }
    }
    guard harm && praise > 0 else { return false }
    for q in 0..<pass.itemCount where Int(sc.itemPosition[q]) < against && sc.itemValue[q] > 0 {
      sc.itemValue[q] = -sc.itemValue[q]
    }
    if !pass.clause.revalueSentenceClause(by: -2 * praise) { pass.clause.turnSentencePraise() }
    return true
  }

  /// Whether token `t` makes the word after it a thing named: a determiner, "of" or a possessive
  /// ("the outage", "2 hours of downtime", "Tuesday's mess").
  private func namesAThing(after t: Int) -> Bool {
    isAnyWord(t, TextAnalyzer.determiners) || buffer.tokens[t].entry == ofEntry
      || wordEnds(t, with: "'s", longerThan: 2) || wordEnds(t, with: "’s", longerThan: 4)
  }

  /// The statements about the offer of a sentence that names it or carries it: refused or asked
  /// about in disbelief (`againstTheOffer`), and a token amount set against the harm
  /// (`tokenAmountAgainstHarm`). Out of `runRules`'s line: its word loop stays inlined.
  @inline(never)
  private func offerStatements(
    positions j: Int, _ pass: inout RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) {
    if (pass.negatorSeen || pass.dismissSeen || pass.sentenceAsks || pass.ratherSeen)
      && againstTheOffer(j, seq, inf, pass)
    {
      pass.keepForSentence(TextAnalyzer.intentValence, at: j &- 1, scratch)
      pass.clause.addStatement(Aspect.offer.bit, TextAnalyzer.intentValence)
      // Disbelief at the offer makes the text's praise of it, and its laughter, scorn ("10
      // bucks? 😂😂", "Do you really think $10 covers it? Thanks a lot.").
      if pass.sentenceAsks { pass.irony |= RulePass.sarcasm }
    }
    if pass.money && j > 3 && pass.clause.sentenceMask & Aspect.offer.bit != 0 {
      tokenAmountAgainstHarm(positions: j, &pass, seq, inf)
      // The sentence is negative already: the statement is the offer's alone.
      if harmThenAmount(positions: j, pass, seq, inf) {
        pass.clause.addStatement(Aspect.offer.bit, TextAnalyzer.complaintValence)
      }
    }
  }

  /// Whether the sentence states harm and then, with nothing judged after it, an amount that is
  /// the offer (`isOfferAmount`: small, not charged): the offer set beside the loss ("We lost a
  /// full day of sales and you offer us ten dollars.", "imagine bricking 8.5 million machines
  /// and sending a $10 uber eats voucher"). Not a question (asked about elsewhere), nor a
  /// sentence with praise or with the offer judged.
  private func harmThenAmount(
    positions: Int, _ pass: RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Bool {
    unowned(unsafe) let sc = scratch
    guard pass.itemCount > 0, !pass.sentenceAsks, pass.clause.aspectSentenceSum[Aspect.offer.rawValue] == 0
    else { return false }
    var lastHarm = -1
    for q in 0..<pass.itemCount {
      if sc.itemValue[q] > 0 { return false }
      lastHarm = max(lastHarm, Int(sc.itemPosition[q]))
    }
    for q in (lastHarm &+ 1)..<positions where isOfferAmount(q, seq, inf, pass) { return true }
    return false
  }

  /// A sentence that names a token amount as the offer and sets it against the harm: with no
  /// verb, scorn of the offer ("$10 for 12 hours of downtime.": `offerFragmentAgainstDamage`);
  /// with praise, sarcasm ("Really appreciate the $10 after you took down 400 endpoints.":
  /// `praisesTheOfferAgainstHarm`), which makes the text's praise of the offer ironic.
  private func tokenAmountAgainstHarm(
    positions j: Int, _ pass: inout RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) {
    if offerFragmentAgainstDamage(positions: j, pass, seq, inf) {
      pass.keepForSentence(TextAnalyzer.complaintValence, at: j &- 1, scratch)
      pass.clause.addStatement(Aspect.offer.bit, TextAnalyzer.complaintValence)
    } else if pass.itemCount > 1 && pass.contrastAt < 0 && !pass.sentenceAsks
      && praisesTheOfferAgainstHarm(positions: j, &pass, seq, inf)
    {
      pass.irony |= RulePass.sarcasm
    }
  }

  /// Whether the sentence is a token amount set against what was lost, with no verb: it opens
  /// with the amount (after "a", "an", "just" or "only"), at most four words naming it follow
  /// before "for", and its clause names the incident, a number or harm after that ("$10 for 12
  /// hours of downtime.", "A $10 Uber Eats card for 300 bricked laptops.", "$10 for bricking
  /// the world's computers."), praising nothing (not "$10 for a coffee, thanks!") and with no
  /// verb after it ("$10 credit for each of our 40 seats has been applied.").
  private func offerFragmentAgainstDamage(
    positions: Int, _ pass: RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Bool {
    unowned(unsafe) let sc = scratch
    let tk = buffer.tokens
    var q = 0
    if !tk[Int(seq[0])].flags.contains(.money) {
      guard tk[Int(seq[1])].flags.contains(.money),
        indefiniteArticleEntries.contains(tk[Int(seq[0])].entry) || isAnyWord(Int(seq[0]), TextAnalyzer.amountLeadIns)
      else { return false }
      q = 1
    }
    for i in 0..<pass.itemCount where sc.itemValue[i] > 0 { return false }
    var k = q &+ 1
    while k < positions && k <= q &+ 5 && inf[k] & TextAnalyzer.breakBit == 0 && tk[Int(seq[k])].entry != forEntry {
      k &+= 1
    }
    guard k < positions, k <= q &+ 5, tk[Int(seq[k])].entry == forEntry else { return false }
    let against = k
    var damage = false
    let classes = lexicon.objectClassPointer
    while k < positions && inf[k] & TextAnalyzer.breakBit == 0 {
      let t = Int(seq[k])
      // "$10 credit for each of our 40 seats has been applied": a verb reports it.
      if classes[Int(tk[t].entry)] & TextLexicon.ObjectClass.auxiliary != 0 { return false }
      damage = damage || tk[t].kind == .number || inf[k] & TextAnalyzer.outageInfoBit != 0
      k &+= 1
    }
    for i in 0..<pass.itemCount where Int(sc.itemPosition[i]) > against && Int(sc.itemPosition[i]) < k {
      damage = true  // a word of harm: "$10 for bricking the world's computers"
    }
    return damage
  }

  /// Words before an amount that opens a sentence (`offerFragmentAgainstDamage`).
  static let amountLeadIns: [StaticString] = ["just", "only"]

  /// Whether the sentence (its `positions` laid out) says what ought to have been done, which
  /// reproaches with no word of sentiment: "should have" (or "should've", "shoulda") and a past
  /// participle after it ("You should have told us.", "Should have tested the update before
  /// pushing it.", "We should have been notified earlier."; not "he should have final say"). Not
  /// "could have", which may be a possibility ("It could have happened to anyone").
  @inline(never)
  private func reproaches(positions: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>)
    -> Bool
  {
    for q in 0..<(positions &- 1) where inf[q] & TextAnalyzer.negatorBit != 0 {
      if ought(at: q, seq) && inf[q &+ 1] & TextAnalyzer.breakBit == 0 && isParticiple(Int(seq[q &+ 1])) {
        return true
      }
    }
    return false
  }

  /// Whether the negator at position `q` opens a reproach: "should have" (`ought`) or
  /// "shouldn't have" / "should not have" (what was done and ought not to have been), with a
  /// past participle right after the "have" ("should have warned", "shouldn't have been
  /// released"; not "you shouldn't have any problems", "should have to worry", "That shouldn't
  /// be a problem").
  private func reproachesWith(
    negator q: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Bool {
    let tk = buffer.tokens
    let entry = tk[Int(seq[q])].entry
    // Most negators ("not" after anything but "should", "never", "no") are none of these.
    guard shouldNegatorEntries.contains(entry) else { return false }
    let afterShould = q > 0 && tk[Int(seq[q &- 1])].entry == shouldEntry
    var have = q
    if entry == haveEntry || entry == notEntry {
      guard afterShould else { return false }
      if entry == notEntry { have = q &+ 1 }
    } else if !oughtEntries.contains(entry) {
      have = q &+ 1  // "shouldn't"
    }
    if have != q {
      guard inf[have] & TextAnalyzer.breakBit == 0, tk[Int(seq[have])].entry == haveEntry else { return false }
    }
    return inf[have &+ 1] & TextAnalyzer.breakBit == 0 && isParticiple(Int(seq[have &+ 1]))
  }

  /// Whether the negator at position `q` is the "have" of "should have" (or "should've",
  /// "shoulda"): what ought to have been done and was not.
  private func ought(at q: Int, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    let tk = buffer.tokens
    let entry = tk[Int(seq[q])].entry
    return (entry == haveEntry && q > 0 && tk[Int(seq[q &- 1])].entry == shouldEntry) || oughtEntries.contains(entry)
  }

  /// Whether token `t` looks like a past participle: a word ending in "ed" or "en", or an
  /// irregular one (`TextAnalyzer.irregularParticiples`).
  private func isParticiple(_ t: Int) -> Bool {
    wordEnds(t, with: "ed", longerThan: 3) || wordEnds(t, with: "en", longerThan: 3)
      || isAnyWord(t, TextAnalyzer.irregularParticiples)
  }

  /// Past participles not ending in "ed" or "en" (`isParticiple`).
  static let irregularParticiples: [StaticString] = [
    "told", "done", "made", "sent", "thought", "bought", "brought", "caught", "taught", "known", "shown", "gone",
    "kept", "left", "heard", "paid", "spent", "felt", "found", "built", "held", "meant", "said", "understood",
    "lost", "won", "sold", "put", "set", "shut", "run", "read", "let", "got", "dealt", "stuck", "struck",
  ]

  /// Praise of a situation the rest of the sentence calls bad is sarcasm, the pattern of Riloff
  /// et al. (2013), a positive verb before a negative situation: "I love how nobody told us
  /// anything", "Love that your update bricked 3,000 laptops", "Gotta love the way...", "Great job
  /// breaking everything". The sentence's first value (at its first or second position) is
  /// "love" with "how", "that" or "the way" after it, other praise with "that" or "how" ("Great
  /// that nobody bothered to call us") or "to know", "to see"... ("Good to know that a whole day
  /// of lost revenue is worth $10 to you") after it, or other praise with a verb in -ing after
  /// it (past "job", "work"...; the bad word then in the verb's clause: "Great training, tough
  /// exam!" praises a course); after that come a negative value and no positive one nor a
  /// contrast word. A bad thing named as a topic after a determiner ("I love how you handled the
  /// outage", "Great job handling the outage") is not such a situation. The aspects the sentence
  /// praised are turned against too.
  private func praisesABadSituation(
    positions: Int, _ pass: RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Bool {
    unowned(unsafe) let sc = scratch
    let p0 = Int(sc.itemPosition[0])
    // "I love how support kept us informed, but the voucher is a joke": praise, then a contrast.
    guard p0 &+ 2 < positions, pass.contrastAt < p0 else { return false }
    var k = p0 &+ 1
    let next = Int(seq[k])
    // Whether a bad word after "of" or a possessive is a thing named too ("Eager to see the
    // snowfall's aftermath").
    var thing = false
    // Whether the bad thing must be in the praise's clause ("Great job breaking everything";
    // not "Great training, tough exam!", where "training" is a noun and the exam another matter).
    var clauseOnly = false
    if loveEntries.contains(buffer.tokens[Int(seq[p0])].entry) {
      if isWord(next, "how") || isWord(next, "that") {
        k &+= 1
      } else if isWord(next, "the") && isWord(Int(seq[k &+ 1]), "way") {
        k &+= 2
      } else {
        return false
      }
    } else if p0 == 0 && !isWord(Int(seq[0]), "well") && (isWord(next, "that") || isWord(next, "how")) {
      // "Great that nobody bothered to call us." (Not "The best that can be said", "Well that
      // is not true".)
      k &+= 1
      thing = true
    } else if p0 == 0 && isWord(next, "to") && k &+ 1 < positions
      && isAnyWord(Int(seq[k &+ 1]), TextAnalyzer.verbsOfLearning)
    {
      // "Good to know that a whole day of lost revenue is worth $10 to you."
      k &+= 2
      if k < positions && isWord(Int(seq[k]), "that") { k &+= 1 }
      thing = true
    } else {
      if praiseNounEntries.contains(buffer.tokens[next].entry) { k &+= 1 }
      guard k < positions, isGerund(Int(seq[k])) else { return false }
      clauseOnly = true
    }
    guard k < positions else { return false }
    // Those read the situation in the praise's clause only ("Eager to see the snowfall's
    // aftermath, she rigged herself a kind of foul-weather gear").
    var end = positions
    if thing || clauseOnly {
      end = k
      while end < positions && inf[end] & TextAnalyzer.breakBit == 0 { end &+= 1 }
    }
    var bad = false
    for q in 1..<pass.itemCount {
      let at = Int(sc.itemPosition[q])
      guard at >= k && at < end else { continue }
      if sc.itemValue[q] > 0 { return false }
      let before = Int(seq[at &- 1])
      if at == k || !(thing ? namesAThing(after: before) : isAnyWord(before, TextAnalyzer.determiners)) { bad = true }
    }
    return bad
  }

  /// Verbs after "good to", "nice to" that make what follows the situation praised
  /// (`praisesABadSituation`).
  static let verbsOfLearning: [StaticString] = ["know", "see", "hear", "learn", "find", "read"]

  /// Whether token `t` is a word of five letters or more ending in "ing" (`praisesABadSituation`).
  private func isGerund(_ t: Int) -> Bool {
    wordEnds(t, with: "ing", longerThan: 4)
  }

  /// Interjections of surprise, which open a complaint as often as mock delight does ("Wow, the
  /// outage was bad."): the text's praise of the offer is not read as ironic for them.
  static let surpriseInterjections: [StaticString] = ["wow", "whoa", "woah", "omg"]

  /// Words that make "kind" after them a sort, not kindness ("of this kind", "some kind").
  static let sortDeterminers: [StaticString] = [
    "this", "that", "these", "those", "any", "some", "its", "every", "each", "same", "what", "which",
    "another", "other", "different", "similar", "no",
  ]

  /// Words that make the noun after them a topic named (`praisesABadSituation`).
  static let determiners: [StaticString] = [
    "the", "a", "an", "this", "that", "these", "those", "your", "our", "my", "their", "its",
  ]

  /// Praise alone next to a complaint is mock delight ("We were down for two days. Great.",
  /// "Brilliant. Our whole fleet went down and we got lunch money."): the sentence before it, or
  /// after it when it opens the text, is negative. After an amount of money alone it is sarcasm
  /// about the offer, which `turnIronicOffer` turns: returns whether one was.
  @inline(never)
  private func mockLonePraise(_ totals: inout DocumentTotals) -> Bool {
    var sarcasm = false
    for s in 0..<sentenceStorageCount where sentenceParts[s].lonePraise && sentenceStorage[s].compound > 0 {
      // "$10 gift card. Just great.", "A $10 voucher. How generous.": praise alone after the
      // amount alone is sarcasm about the offer (`turnIronicOffer` turns it).
      if s > 0 && amountAlone(s &- 1) {
        sarcasm = true
        continue
      }
      // "Great. Just great.": praise echoed after "just" is scorn with no complaint beside it.
      if s > 0 && sentenceParts[s &- 1].lonePraise && echoesPraise(sentence: s) {
        if sentenceStorage[s &- 1].compound > 0 { flipPositive(s &- 1, &totals) }
        flipPositive(s, &totals)
        sarcasm = true
        continue
      }
      // The sentence before, or after when it opens the text, past other praise alone ("Great.
      // Wonderful. The console is down again.").
      var n = s &- 1
      while n >= 0 && sentenceParts[n].lonePraise { n &-= 1 }
      if n < 0 {
        n = s &+ 1
        while n < sentenceStorageCount && sentenceParts[n].lonePraise { n &+= 1 }
      }
      if n < sentenceStorageCount && SentimentLabel(compound: sentenceStorage[n].compound) == .negative {
        flipPositive(s, &totals)
      }
    }
    return sarcasm
  }

  /// Whether stored sentence `s` is "just" and the word that the sentence before it, praise alone,
  /// ends with ("Great. Just great.", "Oh wonderful. Just wonderful!"; not surprise: "Wow. Just
  /// wow." is scorn as often as delight).
  @inline(never)
  private func echoesPraise(sentence s: Int) -> Bool {
    let tk = buffer.tokens
    let this = buffer.sentences[Int(sentenceParts[s].sentence)]
    let before = buffer.sentences[Int(sentenceParts[s &- 1].sentence)]
    var words = (first: -1, second: -1, count: 0)
    for t in Int(this.tokenStart)..<Int(this.tokenEnd) where tk[t].kind == .word {
      if words.count == 0 { words.first = t } else { words.second = t }
      words.count &+= 1
    }
    var praise = -1
    for t in Int(before.tokenStart)..<Int(before.tokenEnd) where tk[t].kind == .word { praise = t }
    return words.count == 2 && praise >= 0 && tk[praise].entry >= 0 && isWord(words.first, "just")
      && tk[words.second].entry == tk[praise].entry && !isAnyWord(praise, TextAnalyzer.surpriseInterjections)
  }

  /// Whether stored sentence `s` is an amount of money alone: at most six positions that judge
  /// nothing (but surprise) and hold no verb, one of them an amount that is the offer
  /// (`amountAspect`): "$10 gift card.", "A $10 voucher.", "Ten bucks.", "Wow, $10." (not "Got a
  /// $50 credit.", "Received a $10 code.", "We lost $40,000.").
  private func amountAlone(_ s: Int) -> Bool {
    let parts = sentenceParts[s]
    guard parts.positions <= 6, parts.aspects & Aspect.offer.bit != 0 else { return false }
    let sentence = buffer.sentences[Int(parts.sentence)]
    let start = Int(sentence.tokenStart), end = Int(sentence.tokenEnd)
    // Its only value may be surprise opening it ("Wow, $10.").
    guard sentenceStorage[s].compound == 0 || isAnyWord(start, TextAnalyzer.surpriseInterjections) else { return false }
    let tk = buffer.tokens
    let classes = lexicon.objectClassPointer
    var amount = false
    for t in start..<end {
      if classes[Int(tk[t].entry)] & TextLexicon.ObjectClass.auxiliary != 0 || wordEnds(t, with: "ed", longerThan: 3) {
        return false
      }
      // The number before a currency word ("Ten bucks.") got the money flag when it arrived
      // (`amountOrIrony`).
      if tk[t].flags.contains(.money) && amountAspect(t, start: start, end: end) & Aspect.offer.bit != 0 {
        amount = true
      }
    }
    return amount
  }

  /// A verdict that opens the text and names no aspect ("Insulting.", "Is this a joke?", "Great
  /// news."), right before a sentence that names aspects and judges nothing ("A $10 voucher.",
  /// "The credit was applied."), is said of those aspects: each gets the verdict's compound (as
  /// mock delight may have turned it) and weight, in the mention that sentence made. A verdict
  /// is at most three words, or a question of four ("Is this a joke?"; not "Detection is still
  /// excellent."); later in a text such a sentence judges what came before ("... took down our
  /// fleet. THIS IS A JOKE!!! Please escalate this."). Thanks are no verdict ("Thanks! The
  /// outage report is attached."), nor is surprise ("Wow. A $10 gift card.", scorn as often as
  /// delight), nor a greeting on a line of its own ("Good mornig,").
  @inline(never)
  private func verdict() {
    let first = sentenceParts[0], next = sentenceParts[1]
    let range = sentenceStorage[0].byteRange
    guard sentenceStorage[0].compound != 0, first.aspects == 0, !first.thanks, next.aspects != 0,
      next.positive == 0 && next.negative == 0, first.positions <= 3 || first.asks, !surprises(range),
      !opensALine(range)
    else { return }
    let c = sentenceStorage[0].compound, w = sentenceParts[0].weight
    var m = next.aspects
    while m != 0 {
      let a = m.trailingZeroBitCount
      m &= m &- 1
      aspectSum[a] += c * w
      aspectWeight[a] += w
    }
  }

  /// Whether the sentence of the text's bytes `range` (its first to last token) ends in a comma
  /// or a colon: a greeting ("Good mornig,") or a label, not a verdict.
  private func opensALine(_ range: Range<Int>) -> Bool {
    guard let bytes = textBytes, range.upperBound > range.lowerBound else { return false }
    let last = bytes[range.upperBound &- 1]
    return last == UInt8(ascii: ",") || last == UInt8(ascii: ":")
  }

  /// Whether a word of the text's bytes `range` is an interjection of surprise
  /// (`surpriseInterjections`: "wow", "omg").
  private func surprises(_ range: Range<Int>) -> Bool {
    guard let bytes = textBytes else { return false }
    let text = ByteText(p: bytes, n: textByteCount)
    var i = range.lowerBound
    while i < range.upperBound {
      while i < range.upperBound && ByteText.lowered(bytes[i]) &- 0x61 >= 26 { i &+= 1 }
      let start = i
      while i < range.upperBound && ByteText.lowered(bytes[i]) &- 0x61 < 26 { i &+= 1 }
      for word in TextAnalyzer.surpriseInterjections
      where i &- start == word.utf8CodeUnitCount && text.matches(at: start, word, ignoringCase: true) {
        return true
      }
    }
    return false
  }

  /// Sentence `s`, positive, read as meaning the opposite: now negative, it weighs in `totals`
  /// as a negative one does.
  private func flipPositive(_ s: Int, _ totals: inout DocumentTotals) {
    let parts = sentenceParts[s]
    let c = sentenceStorage[s].compound
    totals.weightedCompound -= parts.weight * c * (1 + TextAnalyzer.negativeSentenceWeight)
    totals.totalWeight += parts.weight * (TextAnalyzer.negativeSentenceWeight - 1)
    sentenceStorage[s].compound = -c
    totals.positive += Double(-parts.negative - parts.positive)
    totals.negative += Double(-parts.positive - parts.negative)
  }

  /// Thanks for harm are sarcasm ("Wow, thanks a lot for ruining our weekend.", "Thanks for the
  /// outage."): a positive value of a politeness word (at most two of "you", "a lot", "so much"
  /// between) before "for" and, past a determiner, a word of negative valence, is turned
  /// negative. "Thanks for looking into the outage" and "thanks for the quick fix" keep theirs.
  /// Returns by how much the sentence's values changed (0 when none was turned).
  private func thanksForHarm(
    positions: Int, _ pass: RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Float {
    var delta: Float = 0
    unowned(unsafe) let sc = scratch
    let tk = buffer.tokens
    let politeness = UInt64(EntryRoles.politeness.rawValue)
    let function = UInt64(EntryRoles.functionWord.rawValue)
    for q in 0..<pass.itemCount where sc.itemValue[q] > 0 && inf[Int(sc.itemPosition[q])] & politeness != 0 {
      var k = Int(sc.itemPosition[q]) &+ 1
      var fillers = 0
      while k < positions && fillers < 2 && thanksFillerEntries.contains(tk[Int(seq[k])].entry) {
        k &+= 1
        fillers &+= 1
      }
      guard k < positions, inf[k] & TextAnalyzer.breakBit == 0, tk[Int(seq[k])].entry == forEntry else { continue }
      k &+= 1
      if k < positions && inf[k] & (function | TextAnalyzer.breakBit) == function { k &+= 1 }
      guard k < positions, inf[k] & TextAnalyzer.breakBit == 0 else { continue }
      let entry = tk[Int(seq[k])].entry  // -1 for a number or an unknown word: no valence
      // A phrase there is judged by its value ("thanks for the slap in the face"; not "Thanks
      // for the threat hunting webinar", a field of work at 0), a word by its own.
      let harm =
        inf[k] & TextAnalyzer.phraseValuedBit != 0
        ? (0..<pass.itemCount).contains { Int(sc.itemPosition[$0]) == k && sc.itemValue[$0] < 0 }
        : entry >= 0 && lexicon.valencePointer[Int(entry)] < 0 && inf[k] & TextAnalyzer.coveredBit == 0
      if harm {
        delta -= 2 * sc.itemValue[q]
        sc.itemValue[q] = -sc.itemValue[q]
      }
    }
    return delta
  }

  /// Where the praise that opens a sentence (its first value, positive, at its first position or
  /// after a lead-in such as "oh" or "just") ends as a clause of its own: the position of the
  /// break after it, or `positions` when it is the whole sentence; -1 otherwise. A word of
  /// `RuleWords.praiseNouns` may follow the praise ("Great job, another outage."); thanks, a
  /// closing ("Sincerely,", "Best,"), an emoji or an emoticon are not praise here.
  private func praiseOpener(
    positions: Int, _ pass: RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Int {
    unowned(unsafe) let sc = scratch
    let tk = buffer.tokens
    var q = Int(sc.itemPosition[0])
    if q == 1 && !praiseLeadInEntries.contains(tk[Int(seq[0])].entry) { return -1 }
    let praise = tk[Int(seq[q])]
    if inf[q] & (UInt64(EntryRoles.politeness.rawValue) | TextAnalyzer.breakBit) != 0 || praise.kind != .word
      || lexicon.formulaPointer[Int(praise.entry)] & TextLexicon.Formula.closingCore != 0
    {
      return -1
    }
    q &+= 1
    if q < positions && praiseNounEntries.contains(tk[Int(seq[q])].entry) { q &+= 1 }
    return q == positions || inf[q] & TextAnalyzer.breakBit != 0 ? q : -1
  }

  /// Whether positions `q` to the sentence's end (`positions`) are "just" and then the same word
  /// as token `praise`, as written or in capitals ("Great, just great.", "Wonderful, just
  /// WONDERFUL."): praise echoed, which is said in scorn ("simply" is not: "Perfect, simply
  /// perfect." is as often sincere; nor is surprise: "Wow, just wow.").
  @inline(never)
  private func echoesPraise(at q: Int, of praise: Int, positions: Int, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    guard q &+ 2 == positions else { return false }
    let tk = buffer.tokens
    return isWord(Int(seq[q]), "just") && tk[Int(seq[q &+ 1])].entry == tk[praise].entry && tk[praise].entry >= 0
      && !isAnyWord(praise, TextAnalyzer.surpriseInterjections)
  }

  /// Whether "for" at token `u`, after a leave-verb, says for how long or to whom: "for good"
  /// ("we're leaving for good"), or a competitor ("We are leaving... for SentinelOne").
  @inline(never)
  private func goesFor(after u: Int, end: Int) -> Bool {
    let v = nextPosition(after: u, end: end)
    guard v >= 0 else { return false }
    if isWord(v, "good") { return true }
    let role = TextAnalyzer.roles(lexicon.entryInfoPointer[Int(buffer.tokens[v].entry)])
    return role.contains(.competitor)
      || (role.contains(.phraseStart) && phraseTargetOrCompetitor(token: v, end: end) != nil)
  }

  /// The word after the ellipsis ("..." or "…") that first ends the clause after token `t` when that word, in lower
  /// case, goes on from a verb: a preposition or a time ("leaving... for the holidays",
  /// "leaving... at renewal", "leaving... in December"); -1 otherwise ("We're leaving... the
  /// outage was the last straw").
  @inline(never)
  private func wordPastEllipsis(after t: Int, end: Int) -> Int {
    guard let bytes = textBytes else { return -1 }
    let tk = buffer.tokens
    var b = t &+ 1
    while b < end && tk[b].kind != .clauseBreak { b &+= 1 }
    let w = b &+ 1
    guard w < end, tk[w].kind == .word, tk[w].flags.contains(.hasLower), !isTitleCase(w) else { return -1 }
    let first = Int(tk[b].start), length = Int(tk[b].end) &- first
    let ellipsis =
      (length >= 2 && bytes[first] == UInt8(ascii: ".") && bytes[first &+ 1] == UInt8(ascii: "."))
      || (length == 3 && bytes[first] == 0xE2 && bytes[first &+ 1] == 0x80 && bytes[first &+ 2] == 0xA6)
    return ellipsis && isAnyWord(w, TextAnalyzer.afterAVerb) ? w : -1
  }

  /// Words that go on from a verb past an ellipsis (`wordPastEllipsis`).
  static let afterAVerb: [StaticString] = [
    "for", "on", "at", "in", "after", "by", "from", "until", "till", "early", "today", "tonight", "tomorrow",
  ]

  /// Whether the break at position `q` is a colon: the words before it label what follows
  /// ("Confidence: shaken.").
  private func labels(_ q: Int, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    guard let bytes = textBytes else { return false }
    return bytes[Int(buffer.tokens[Int(seq[q])].start)] == UInt8(ascii: ":")
  }

  /// Whether the rest of a sentence after its opening praise (ended by the break at `opener`)
  /// makes the praise mock delight: nothing in it is positive, and it complains or goes on with
  /// "another" ("Great, another update that bricks our fleet.").
  private func mocks(after opener: Int, positions: Int, _ pass: RulePass, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    unowned(unsafe) let sc = scratch
    var negative = false
    for q in 1..<pass.itemCount {
      if sc.itemValue[q] > 0 { return false }
      negative = negative || sc.itemValue[q] < 0
    }
    return negative
      || (opener &+ 1 < positions && mockPraiseCueEntries.contains(buffer.tokens[Int(seq[opener &+ 1])].entry))
  }

  /// Whether the text's laughter is its only praise: no word of positive valence but laughter
  /// among its `positions` laid-out positions ("gift card lol", "LOL 10 dollars"; not "the
  /// hoodie is actually great quality lol", "thanks for the voucher haha"). Words that name
  /// the offer ("gift", "goodwill") are not praise, nor "help" and "like", whose valence depends
  /// on their use.
  @inline(never)
  private func laughsAlone(positions: Int) -> Bool {
    unowned(unsafe) let sc = scratch
    let tk = buffer.tokens
    let valence = UInt64(EntryRoles.valence.rawValue)
    let praise = TextAnalyzer.breakBit | TextAnalyzer.coveredBit | valence
    let notPraise =
      UInt64(EntryRoles.helpWord.rawValue | EntryRoles.likeWord.rawValue)
      | UInt64(Aspect.offer.bit) << TextLexicon.aspectInfoShift
    for q in 1..<max(1, positions) where sc.info[q] & praise == valence && sc.info[q] & notPraise == 0 {
      let entry = tk[Int(sc.seq[q])].entry
      if lexicon.valencePointer[Int(entry)] > 0 && !laughterEntries.contains(entry) { return false }
    }
    return true
  }

  /// Whether the text has a mark that may open a quotation: a double quote, an opening curly
  /// quote, an apostrophe after a space or at the start (not the one of "don't"), or one of
  /// these written as an HTML entity (`HTMLMarkup.quoteEntities`). Most texts
  /// have none, and `memchr` tells at a few bytes a step.
  private func mayQuote(_ bytes: UnsafePointer<UInt8>) -> Bool {
    let n = textByteCount
    if memchr(bytes, Int32(UInt8(ascii: "\"")), n) != nil { return true }
    var from = 0
    while from < n, let found = memchr(bytes + from, 0xE2, n - from) {
      let i = bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x98 || bytes[i + 2] == 0x9C) { return true }
      from = i + 1
    }
    from = 0
    while from < n, let found = memchr(bytes + from, Int32(UInt8(ascii: "'")), n - from) {
      let i = bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if i == 0 || !TextAnalyzer.isWordByte(bytes[i - 1]) { return true }
      from = i + 1
    }
    // A quote mark written as an HTML entity (`&quot;`, `&ldquo;`).
    from = 0
    while from < n, let found = memchr(bytes + from, Int32(UInt8(ascii: "&")), n - from) {
      let i = bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if HTMLMarkup.quoteEntityLength(bytes, n, at: i) > 0 { return true }
      from = i + 1
    }
    return false
  }

  /// Praise in scare quotes means its opposite ("Support closed my ticket as 'resolved'", "You
  /// promised 'full transparency'", "has been \"in progress\" for 4 days"): a positive value of
  /// a word in a quotation of one or two words (`quotes`) turns negative, with the aspects of
  /// its clause. Reported praise is quoted longer ("the 'Thank you for your patience' email").
  /// A word that names the offer ("the 'apology' voucher") is left to `ironicOffer`, which reads
  /// the whole text.
  @inline(never)
  private func turnScareQuotedPraise(
    _ pass: inout RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) {
    unowned(unsafe) let sc = scratch
    let offer = UInt64(Aspect.offer.bit) << TextLexicon.aspectInfoShift
    var delta: Float = 0
    for q in 0..<pass.itemCount where sc.itemValue[q] > 0 && inf[Int(sc.itemPosition[q])] & offer == 0 {
      let t = Int(seq[Int(sc.itemPosition[q])])
      if quotes(t, start: pass.start) {
        delta -= 2 * sc.itemValue[q]
        sc.itemValue[q] = -sc.itemValue[q]
      }
    }
    if delta != 0 && !pass.clause.revalueSentenceClause(by: delta) { pass.clause.turnSentencePraise() }
  }

  /// Whether token `t` is in a quotation of one or two words (its sentence starting at token
  /// `start`): a quote mark before it or the word before it, after a space or at the start, and
  /// the first quote mark after that right after it or the word after it, before a space, a
  /// mark or the end (`scareQuoted` from its first word).
  private func quotes(_ t: Int, start: Int) -> Bool {
    for first in max(start, t &- 1)...t {
      if let last = scareQuotation(from: first), last >= t { return true }
    }
    return false
  }

  /// Whether token `t` opens a quotation of one or two words in its text ("the 'apology'
  /// email", "the “goodwill gesture”"): a quote mark right before it, after a space or at the
  /// start, and one right after it or the next token, before a space, a mark or the end. Longer
  /// quotations are most often titles, subjects and messages ("the 'Thank you for your patience'
  /// email").
  private func scareQuoted(_ t: Int) -> Bool { scareQuotation(from: t) != nil }

  /// The last token of the quotation of one or two words that token `t` opens (`scareQuoted`),
  /// or nil.
  private func scareQuotation(from t: Int) -> Int? {
    guard let bytes = textBytes else { return nil }
    let tk = buffer.tokens
    let start = Int(tk[t].start)
    let opening = TextAnalyzer.quoteBefore(bytes, start)
    guard opening > 0, start - opening == 0 || !TextAnalyzer.isWordByte(bytes[start - opening - 1]) else {
      return nil
    }
    let textEnd = textByteCount
    for u in t..<min(buffer.tokenCount, t &+ 2) {
      let end = Int(tk[u].end)
      let closing = TextAnalyzer.quoteAt(bytes, end, limit: textEnd)
      if closing > 0 {
        return end + closing >= textEnd || !TextAnalyzer.isWordByte(bytes[end + closing]) ? u : nil
      }
    }
    return nil
  }

  /// The length of a quote mark (' " ‘ ’ “ ”, or one written as an HTML entity: `&quot;`)
  /// ending right before byte `i`, or 0.
  private static func quoteBefore(_ b: UnsafePointer<UInt8>, _ i: Int) -> Int {
    if i >= 1 && (b[i - 1] == UInt8(ascii: "'") || b[i - 1] == UInt8(ascii: "\"")) { return 1 }
    if i >= 3 && b[i - 3] == 0xE2 && b[i - 2] == 0x80 && (0x98...0x9D).contains(b[i - 1]) { return 3 }
    return HTMLMarkup.quoteEntityLength(b, endingAt: i)
  }

  /// The length of a quote mark starting at byte `i` (before `limit`), or 0.
  private static func quoteAt(_ b: UnsafePointer<UInt8>, _ i: Int, limit: Int) -> Int {
    guard i < limit else { return 0 }
    if b[i] == UInt8(ascii: "'") || b[i] == UInt8(ascii: "\"") { return 1 }
    if i + 2 < limit && b[i] == 0xE2 && b[i + 1] == 0x80 && (0x98...0x9D).contains(b[i + 2]) { return 3 }
    return HTMLMarkup.quoteEntityLength(b, limit, at: i)
  }

  /// Whether byte `c` is part of a word (an ASCII letter or digit, or any byte of a non-ASCII letter).
  private static func isWordByte(_ c: UInt8) -> Bool {
    (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
      || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
      || c >= 0x80
  }

  /// The largest amount of money taken for the offer when it is named by its amount alone.
  static let offerAmountLimit = 100.0

  /// The aspect an amount of money at token `t` (a number or a small number word; in the
  /// sentence of tokens `start..<end`) speaks of, as a bit. After an outage a small amount, the
  /// size of an apology voucher or credit (up to `offerAmountLimit` in any currency: "$10",
  /// "ten bucks", "a €20 code"), is the offer, unless the words around it say it is lost ("it
  /// cost us $80 in lost orders": `RuleWords.lossWords`; none), paid or charged ("a $5 shipping
  /// fee": `RuleWords.chargeWords`), or charged per something ("$28 per endpoint", "$10 a
  /// month"): then it is the price; an offer word beside it settles it ("they credited us $5
  /// per user"). A larger amount ("we lost $40,000", "£340k",
  /// "$2 million") may be a loss or a contract's value and speaks of none.
  private func amountAspect(_ t: Int, start: Int, end: Int) -> UInt8 {
    let tk = buffer.tokens
    let classes = lexicon.objectClassPointer
    let info = lexicon.entryInfoPointer
    typealias C = TextLexicon.ObjectClass
    if tk[t].kind == .number && amountValue(t) > TextAnalyzer.offerAmountLimit { return 0 }
    // What follows the amount, past its currency word ("10 dollars per seat").
    var u = t &+ 1
    if u < end && info[Int(tk[u].entry)] & UInt64(EntryRoles.currencyWord.rawValue) != 0 { u &+= 1 }
    if u < end && tk[u].kind == .word && classes[Int(tk[u].entry)] & C.multiplier != 0 { return 0 }
    // The words around the amount, three a side in its clause: an offer word settles it, a
    // word of loss or charge rules the offer out ("it cost us about $80", "a $5 shipping fee";
    // not "$10 does not cover one minute of what this cost us").
    let offer = UInt64(Aspect.offer.bit) << TextLexicon.aspectInfoShift
    var first = t
    while first > max(start, t &- 3) && tk[first &- 1].kind != .clauseBreak { first &-= 1 }
    var kinds: UInt32 = 0
    var v = first
    while v < min(end, u &+ 3) && (v <= t || tk[v].kind != .clauseBreak) {
      let e = Int(tk[v].entry)
      if info[e] & offer != 0 { return Aspect.offer.bit }
      kinds |= classes[e]
      v &+= 1
    }
    if kinds & C.loss != 0 { return 0 }
    if kinds & C.charge != 0 { return Aspect.price.bit }
    // "$15/month", "€9/seat".
    if let bytes = textBytes, Int(tk[t].end) < textByteCount, bytes[Int(tk[t].end)] == UInt8(ascii: "/") {
      return Aspect.price.bit
    }
    guard u < end, tk[u].kind == .word else { return Aspect.offer.bit }
    if isWord(u, "per") { return Aspect.price.bit }
    if (isWord(u, "a") || isWord(u, "an")) && u &+ 1 < end && classes[Int(tk[u &+ 1].entry)] & C.rateUnit != 0 {
      return Aspect.price.bit
    }
    return Aspect.offer.bit
  }

  /// The value of the number at token `t`, from its source bytes: a currency sign is skipped,
  /// a comma or point followed by exactly three digits separates thousands ("1,200", "1.200"),
  /// any other ends the whole part ("10.50", "10,50").
  private func amountValue(_ t: Int) -> Double {
    guard let bytes = textBytes else { return 0 }
    let start = Int(buffer.tokens[t].start), end = Int(buffer.tokens[t].end)
    var i = start
    while i < end && !(bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")) { i += 1 }
    var value = 0.0
    while i < end {
      let c = bytes[i]
      if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        value = value * 10 + Double(c - UInt8(ascii: "0"))
        i += 1
        continue
      }
      guard c == UInt8(ascii: ",") || c == UInt8(ascii: ".") else { break }
      var digits = 0
      while i + 1 + digits < end && bytes[i + 1 + digits] >= UInt8(ascii: "0")
        && bytes[i + 1 + digits] <= UInt8(ascii: "9")
      {
        digits += 1
      }
      guard digits == 3 else { break }
      i += 1
    }
    return value
  }

  /// Whether the sentence of tokens `t..<end`, opened by "it" or by a word no lexicon knows that
  /// is one of `anaphors` ("it's", "that's": they are kept out of the lexicon, where a known word
  /// would change how names are read), stands for what the sentence before named and so
  /// continues its aspect whatever its length ("We received the €25 voucher today. It is very
  /// kind, thank you so much.", "Got the credit. That's not even a day of overtime."): not when
  /// "it" only opens a stretch of time ("It took two days to get a real human on the line.",
  /// "It's been a week.").
  ///
  /// "That" or "this" opening a sentence does when a verb follows, at most one booster or word of
  /// falling short between: an auxiliary or the verb of amends ("Got a $10 voucher. That is
  /// insulting.", "Oh wow, a free month. That almost makes up for the three weeks we spent
  /// re-imaging."), not a determiner ("This morning we...", "That outage cost us...").
  @inline(never)
  private func refersBack(_ t: Int, _ end: Int) -> Bool {
    let tk = buffer.tokens
    guard tk[t].entry >= 0 || isAnyWord(t, TextAnalyzer.anaphors) else { return false }
    var u = nextPosition(after: t, end: end)
    if demonstrativeEntries.contains(tk[t].entry) {
      guard u >= 0 else { return false }
      let info = lexicon.entryInfoPointer
      if TextAnalyzer.roles(info[Int(tk[u].entry)]).contains(.booster) || shortOfEntries.contains(tk[u].entry) {
        u = nextPosition(after: u, end: end)
        guard u >= 0 else { return false }
      }
      return amendsVerbEntries.contains(tk[u].entry)
        || (tk[t].entry == thatEntry
          && lexicon.objectClassPointer[Int(tk[u].entry)] & TextLexicon.ObjectClass.auxiliary != 0)
    }
    return u < 0 || !isAnyWord(u, TextAnalyzer.afterAnExpletiveIt)
  }

  /// Contractions that open a sentence standing for what the one before named (`refersBack`).
  static let anaphors: [StaticString] = ["it's", "that's"]

  /// Periods that may modify the noun after them in an object ("the end of month report": `object`).
  static let periods: [StaticString] = [
    "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
  ]

  /// Words after "it" that make it stand for no thing (`refersBack`).
  static let afterAnExpletiveIt: [StaticString] = ["took", "takes", "take", "been", "has", "had", "seems", "seemed"]

  /// The most tokens of a sentence that continues the aspect of the sentence before when it
  /// names none: a short reply to it ("Much appreciated.", "Very generous.", "Not even close."),
  /// where a longer sentence without an aspect word has most often moved on ("Sorry for my angry
  /// email yesterday.", "What are you changing so this can't happen again?").
  static let carryMaxTokens = 4

  /// The most tokens a greeting or closing sentence has ("To whom it may concern ,").
  static let formulaMaxTokens = 6

  /// The most tokens of a question that a "no" opening the next sentence answers: four words
  /// and the question mark, a token ("Cancel?", "Move to another vendor?").
  static let answeredQuestionMaxTokens = 5

  /// The most tokens of a question that a flat no of its own sentence answers ("Would we really
  /// cancel over one bad day? Of course not."): the answer, all refusal, needs no shortness of
  /// the question to be one.
  static let flatlyAnsweredQuestionMaxTokens = 16

  /// Whether `isFormula` could hold, from the first two tokens (a few short sentences are
  /// formulas, most are not): false only when both are words (or the first is the only token)
  /// and the first starts no closing or greeting nor the second continues a greeting, which
  /// `isFormula` would find false.
  @inline(__always)
  private func mayBeFormula(_ start: Int, _ end: Int) -> Bool {
    let tk = buffer.tokens
    let formula = lexicon.formulaPointer
    guard tk[start].kind.rawValue <= TokenKind.emoticon.rawValue else { return true }
    if formula[Int(tk[start].entry)] & (TextLexicon.Formula.closing | TextLexicon.Formula.greeting) != 0 { return true }
    guard end &- start >= 2 else { return false }
    guard tk[start &+ 1].kind.rawValue <= TokenKind.emoticon.rawValue else { return true }
    return formula[Int(tk[start &+ 1].entry)] & TextLexicon.Formula.greetingSecond != 0
  }

  /// Whether the sentence of tokens `start..<end` (a few, in a text of several sentences) is a
  /// formula of e-mail politeness rather than sentiment:
  /// - a closing: words of closing formulas only, one of them a closing's own ("Best regards,",
  ///   "Thanks in advance!", "All the best", "Cheers"), however the sentence ends;
  /// - a greeting: it opens with a greeting word, or its second word is one ("Dear support,",
  ///   "Hi @team,", "Good morning,", "To whom it may concern,"), and ends with the comma or colon
  ///   before its line break ("Hi, all good." is not one).
  /// A sentence with a URL or an e-mail address is never one. (`RuleWords.closingWords`.)
  @inline(never)
  private func isFormula(_ start: Int, _ end: Int) -> Bool {
    let tk = buffer.tokens
    let formula = lexicon.formulaPointer
    var words = 0
    var closing = true
    var core = false
    var first: UInt8 = 0
    var second: UInt8 = 0
    var signed = false  // a closing's comma: the writer's name and title may follow ("Kind regards, Jürgen Maier")
    for t in start..<end {
      let kind = tk[t].kind
      if kind.rawValue <= TokenKind.emoticon.rawValue {
        // The name and title signed ("Regards, Anna Berg, CISO"; a closing line is at most
        // `formulaMaxTokens` tokens).
        if signed && kind == .word
          && (isTitleCase(t) || tk[t].flags.contains(.allCaps) || isWord(t, "of") || isWord(t, "and"))
        {
          continue
        }
        signed = false
        let f = formula[Int(tk[t].entry)]  // entry -1 reads the 0 in front
        if words == 0 { first = f } else if words == 1 { second = f }
        words += 1
        closing = closing && f & TextLexicon.Formula.closing != 0
        core = core || f & TextLexicon.Formula.closingCore != 0
      } else if kind == .url || kind == .email {
        return false
      } else if kind == .handle {
        closing = false
        if words == 0 { first = 0 } else if words == 1 { second = 0 }
        words += 1
      } else {
        if kind == .clauseBreak && words > 0 && closing && core { signed = true }
        continue
      }
      // Most short sentences are neither: once their first two words are in, that is known.
      if words == 2 && !closing && first & TextLexicon.Formula.greeting == 0
        && second & TextLexicon.Formula.greetingSecond == 0
      {
        return false
      }
    }
    if words > 0 && closing && core { return true }
    return tk[end - 1].kind == .clauseBreak
      && (first & TextLexicon.Formula.greeting != 0 || second & TextLexicon.Formula.greetingSecond != 0)
  }

  /// `arrive`'s possible phrase: the word before position `j` (token `t`) may start a phrase
  /// that this word continues. Most such pairs begin no phrase: one probe of the trie tells,
  /// before the match.
  @inline(never)
  private func phrasesBefore(
    _ j: Int, token t: Int, _ seq: UnsafeMutablePointer<Int32>,
    _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass, _ out: inout TextAnalysis
  ) {
    let first = Int(seq[j - 1])
    let prefix = lexicon.phraseTrie.find(PhraseTrie.firstKey(buffer.tokens[first].entry, buffer.tokens[t].entry))
    guard prefix >= 0 else { return }
    let aspects = phrases(j - 1, token: first, second: t, prefix: prefix, seq, inf, &pass, &out)
    if aspects != 0 {
      pass.clause.segMask |= aspects
    }
    if inf[j - 1] & TextAnalyzer.phraseValuedBit != 0 { pass.pending = j - 1 }
    if j < pass.coveredEnd { inf[j] |= TextAnalyzer.coveredBit }
  }

  /// `arrive`'s booster case: the phrases starting at position `j` (token `t`), looked for
  /// now; returns their aspects.
  @inline(never)
  private func phrasesHere(
    _ j: Int, token t: Int, _ seq: UnsafeMutablePointer<Int32>,
    _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass, _ out: inout TextAnalysis
  ) -> UInt8 {
    var aspects: UInt8 = 0
    if let (u, prefix) = prefixAhead(of: t, end: pass.end) {
      aspects = phrases(j, token: t, second: u, prefix: prefix, seq, inf, &pass, &out)
    }
    pass.phrasesAt = j
    return aspects
  }

  /// Values the valence word (or valence phrase) at `j` with VADER's rules plus ours, now that
  /// the position after it is known (`next`; `nextScorable` false at a break or the end), and
  /// records a non-zero value for the sentence and its clause.
  @inline(never)
  private func value(
    _ j: Int, next: UInt64, nextScorable: Bool, _ seq: UnsafeMutablePointer<Int32>,
    _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass
  ) {
    pass.pending = -1
    let tk = buffer.tokens
    let lex = lexicon
    let x = inf[j]
    let r = TextAnalyzer.roles(x)
    var v0: Float
    // How the word before a phrase of amends judges it (`amendsTurn`; 0 for any other value).
    var turn: UInt8 = 0
    if x & TextAnalyzer.phraseValuedBit != 0 {
      v0 = pass.phraseValence
      if v0 > 0 { turn = amendsTurn(j, seq, pass) }
    } else {
      v0 = lex.valencePointer[Int(tk[Int(seq[j])].entry)]
      // Most valence words have none of the roles below: one test skips them all.
      if x & TextAnalyzer.wordRuleMask != 0 {
        // A booster that has a valence of its own ("incredible") modifies a following
        // sentiment word, and otherwise carries its own valence (VADER drops it always).
        if r.contains(.booster) && nextScorable
          && (r.contains(.adverbOnly) || TextAnalyzer.roles(next).contains(.valence)
            || next & TextAnalyzer.phraseValuedBit != 0)
        {
          v0 = 0
        }
        // "kind of slow" hedges; "kind of you" praises.
        if r.contains(.kindWord) && nextScorable && TextAnalyzer.roles(next).contains(.ofWord)
          && !kindToSomebody(ofAt: j &+ 1, end: pass.end, seq)
        {
          v0 = 0
        }
        // "an incident of this kind", "what kind", "some kind": a sort, no praise.
        if r.contains(.kindWord) && j > 0 && inf[j &- 1] & TextAnalyzer.breakBit == 0
          && isAnyWord(Int(seq[j &- 1]), TextAnalyzer.sortDeterminers)
        {
          v0 = 0
        }
        if r.contains(.noWord) && nextScorable { v0 = 0 }
        if r.contains(.likeWord) && !(j > 0 && TextAnalyzer.roles(inf[j - 1]).contains(.likeSubject)) { v0 = 0 }
        // "help" is a request ("please help", "need help") unless it is judged: "a great help",
        // "of no help", "didn't help".
        if r.contains(.helpWord) && !(j > 0 && TextAnalyzer.roles(inf[j - 1]).contains(.helpContext))
          && (!pass.negatorSeen || TextAnalyzer.negations(before: j, window: 3, inf).count == 0)
        {
          v0 = 0
        }
        // Thanks for the offer are thanks, in a request too ("Thank you for the credit. How do
        // we apply it?"), unless their sentence asks ("Please confirm the refund, thank you.").
        if r.contains(.politeness) {
          pass.politenessSeen = true
          if v0 != 0 && isRequest(&pass) && !thanksForTheOffer(pass) { v0 = 0 }
        }
      }
    }
    if v0 == 0 { return }
    // "The credit more than makes up for the trouble": what amends were made for, named after
    // them in their clause, is no complaint.
    if v0 < 0 && j > pass.amendsAt { return }
    // A text that asks for information or action describes the problem it asks about: there
    // the words of a technical fault ("the hosts that crashed", "stuck", "the faulty update")
    // and the incident named as a time or a topic ("during the outage", "the outage window")
    // are not the writer's judgement (`describesTheProblem`).
    if v0 < 0 && pass.textAsks && x & TextAnalyzer.phraseValuedBit == 0 && describesTheProblem(j, x, seq, inf, &pass) {
      return
    }
    var v = v0
    if tk[Int(seq[j])].flags.contains(.allCaps) && hasMixedCaps(&pass, capsToken: Int(seq[j])) {
      v += v > 0 ? TextAnalyzer.capsIncrement : -TextAnalyzer.capsIncrement
    }
    // Boosters and dampeners in the three positions before (VADER's scalar_inc_dec); the walk
    // is skipped when the sentence's last booster so far is further back.
    var k = j &- pass.boosterAt <= 3 ? 1 : 4
    while k <= 3 && j - k >= 0 {
      let px = inf[j - k]
      if px & TextAnalyzer.breakBit != 0 { break }
      let prole = TextAnalyzer.roles(px)
      if prole.contains(.booster) && px & TextAnalyzer.coveredBit == 0 {
        var b = lex.boostPointer[Int(tk[Int(seq[j - k])].entry)]
        if v < 0 { b = -b }
        if tk[Int(seq[j - k])].flags.contains(.allCaps) && hasMixedCaps(&pass, capsToken: Int(seq[j - k])) {
          b += v > 0 ? TextAnalyzer.capsIncrement : -TextAnalyzer.capsIncrement
        }
        if k == 2 { b *= 0.95 } else if k == 3 { b *= 0.9 }
        v += b
      }
      if prole.contains(.contrast) { break }
      k += 1
    }
    // "least" (VADER's _least_check): "least happy" flips, "at least" does not.
    if j > 0 && TextAnalyzer.roles(inf[j - 1]).contains(.leastWord)
      && !(j > 1 && TextAnalyzer.roles(inf[j - 2]).contains(.atOrVery))
    {
      v *= TextAnalyzer.negationScalar
    }
    // Negation (looked for only once the sentence has a negator: most valence words have none).
    let negation =
      pass.negatorSeen ? TextAnalyzer.negations(before: j, window: 3, inf) : (count: 0, existential: false, nearest: j)
    // "Despite the outage, your engineers were great.": what "despite" concedes turns as VADER
    // negates it, which reads the sentence the right way ("Despite some charm, this import is
    // forgettable"), but it is not said of its aspect (the outage is no better for it): the
    // value is kept for the sentence only.
    let conceded = negation.count % 2 == 1 && tk[Int(seq[negation.nearest])].entry == despiteEntry
    if negation.count == 1 && neverIntensifies(negator: negation.nearest, valenceAt: j, seq) {
      // "I have never been so disappointed", "never this happy": emphasis, as VADER reads it
      // (it scaled by 1.25 where this read the opposite: +0.18 for a furious sentence).
      v *= 1.25
    } else if negation.count % 2 == 1 {
      if v0 > 0 {
        // "I can't recommend them enough": emphasis too (`cannotEnough`).
        if negation.count != 1 || !cannotEnough(negator: negation.nearest, valenceAt: j, end: pass.end, seq) {
          v *= TextAnalyzer.negationScalar
        } else {
          v *= 1.25
        }
      } else if negation.existential || v0 <= -3.0 {
        // "no problems", "without issues", "not the worst": an absence, or a softened extreme,
        // is not praise.
        v = 0
      } else if !reproachesWith(negator: negation.nearest, seq, inf) {
        // "not bad", "wasn't disappointed": mildly positive. But "You should've warned us",
        // "we should have been alerted": what was not done and ought to have been is a
        // reproach; so is what was done and ought not to have been ("You shouldn't have
        // crashed everything").
        v = -v * 0.3
      }
    }
    // Amends said to fall short, or praised with a quantified loss after them, are not praise
    // (unless negated: "doesn't really make up for it" is negative already); a purpose ("a
    // voucher to make up for it") judges nothing; amends affirmed silence the loss named after
    // them (`amendsAt`).
    if turn != 0 && negation.count % 2 == 0 {
      switch turn {
      case TextAnalyzer.amendsForAPurpose: return
      case TextAnalyzer.amendsAffirmed: if !pass.praiseAsked { pass.amendsAt = j }
      default:
        v = -v
        if turn == TextAnalyzer.amendsSarcastic { pass.irony |= RulePass.sarcasm }
      }
    }
    // A zero adds nothing to any sum and counts as neutral: only non-zero values are kept.
    // Praise in a question is asked about, not given ("Is it safe to turn auto-updates back
    // on?", "Are we eligible for the credit?"): it is not kept either (`praiseAsked`).
    guard v != 0, v < 0 || !pass.praiseAsked else { return }
    if conceded {
      pass.keepForSentence(v, at: j, scratch)
    } else {
      pass.keep(v, at: j, scratch)
    }
  }

  /// How the word before the positive valence phrase at position `j` judges it when it is "to
  /// make up for" a loss (the domain lexicon's "make up for", "made up for"...; 0 for any other
  /// phrase): after "to", a purpose that judges nothing (`amendsForAPurpose`: "a $10 voucher to
  /// make up for it", "trying to make up for the outage"); after a word of falling short, amends
  /// too small (`amendsShort`: "That almost makes up for the three weeks we spent re-imaging",
  /// "barely made up for it"); after an intensifier, when the rest of the sentence quantifies the
  /// loss (a number, a number word, a unit of time) or, in a text that names an amount of money,
  /// names the incident, sarcasm (`amendsSarcastic`: "it really made up for the 36 hours I spent
  /// in the server room", "$10 totally makes up for the outage"); otherwise amends affirmed
  /// (`amendsAffirmed`: "more than made up for it", "really made up for it, thanks", "The free
  /// year really made up for the outage").
  @inline(never)
  private func amendsTurn(_ j: Int, _ seq: UnsafeMutablePointer<Int32>, _ pass: RulePass) -> UInt8 {
    let tk = buffer.tokens
    let t = Int(seq[j])
    guard amendsVerbEntries.contains(tk[t].entry) else { return 0 }
    let u = nextPosition(after: t, end: pass.end)
    guard u >= 0 && tk[u].entry == upEntry else { return 0 }
    let before = j > 0 ? tk[Int(seq[j &- 1])].entry : -1
    if before == toEntry { return TextAnalyzer.amendsForAPurpose }
    if shortOfEntries.contains(before) { return TextAnalyzer.amendsShort }
    guard amendsIntensifierEntries.contains(before) else { return TextAnalyzer.amendsAffirmed }
    let classes = lexicon.objectClassPointer
    let info = lexicon.entryInfoPointer
    for w in (u &+ 1)..<pass.end {
      let e = tk[w].entry
      if tk[w].kind == .number || classes[Int(e)] & TextLexicon.ObjectClass.smallNumber != 0
        || durationUnitEntries.contains(e) || (pass.money && info[Int(e)] & TextAnalyzer.outageInfoBit != 0)
      {
        return TextAnalyzer.amendsSarcastic
      }
    }
    return TextAnalyzer.amendsAffirmed
  }

  /// What `amendsTurn` finds.
  static let amendsShort: UInt8 = 1
  static let amendsSarcastic: UInt8 = 2
  static let amendsForAPurpose: UInt8 = 3
  static let amendsAffirmed: UInt8 = 4

  /// `runRules`' reading of a sentence of `positions` that judges nothing, with a negator or a
  /// question mark: the praise of the sentence before denied of this one's subject ("The credit
  /// is fine. The communication was not.": `deniesWhatWasSaid`), or what the sentence before
  /// named asked about as all there is ("A $10 Uber Eats gift card. That's it?":
  /// `asksIfThatIsAll`). Either is a complaint, of the aspects the sentence names or else of
  /// those it carries (`carriedIn`).
  @inline(never)
  private func replies(
    positions j: Int, carriedIn: UInt8, _ pass: inout RulePass, _ seq: UnsafeMutablePointer<Int32>,
    _ inf: UnsafeMutablePointer<UInt64>
  ) {
    let denies =
      pass.negatorSeen && !pass.sentenceAsks && sentenceStorageCount > 0
      && (sentenceStorage[sentenceStorageCount &- 1].compound >= 0.05 && deniesWhatWasSaid(positions: j, seq, inf)
        || (j <= 4 && (deniesWhatWasSaid(positions: j, seq, inf) || neverHappened(positions: j, seq))
          && previousSentenceReports()))
    guard denies || (pass.sentenceAsks && j <= 3 && asksIfThatIsAll(positions: j, seq)) else { return }
    pass.keepForSentence(TextAnalyzer.complaintValence, at: j &- 1, scratch)
    let aspects = pass.clause.sentenceMask != 0 ? pass.clause.sentenceMask : carriedIn
    if aspects != 0 { pass.clause.addStatement(aspects, TextAnalyzer.complaintValence) }
  }

  /// A sentence that praises outright (`outrightPraise`), without a contrast, and whose only
  /// complaint, if any, is the incident named as the time of the praise in the same clause
  /// ("Communication during the outage was clear and frequent.", "Your team was great during the
  /// outage", "Support during the incident was excellent.": `timeOfTheIncident`; not "We were glad
  /// to receive the credit; however, we are still cleaning up after the outage.") judges what was
  /// done then, not the incident: the incident's value is dropped from the
  /// sentence and from its clause, and the incident from the clause's aspects, when the sentence
  /// gave its values to one clause. A sentence without praise keeps it ("We lost a day of work
  /// during the outage."), as readers hear the outage's weight there.
  @inline(never)
  private func praiseInTheIncident(
    positions j: Int, _ pass: inout RulePass, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) {
    unowned(unsafe) let sc = scratch
    guard pass.contrastAt < 0 else { return }
    // The values first, cheaply: praise outright ("great", "clear", not "restored") and one
    // complaint at most, all in one clause.
    var incident = -1
    var praise: Float = 0
    var first = j, last = 0
    for q in 0..<pass.itemCount {
      let at = Int(sc.itemPosition[q])
      first = min(first, at)
      last = max(last, at)
      if sc.itemValue[q] > 0 {
        praise += sc.itemValue[q]
      } else {
        guard incident < 0 else { return }
        incident = q
      }
    }
    guard praise >= TextAnalyzer.outrightPraise else { return }
    for q in first..<last where inf[q] & TextAnalyzer.breakBit != 0 { return }
    // The complaint is the incident named as a time.
    if incident >= 0 && !timeOfTheIncident(Int(sc.itemPosition[incident]), seq, inf) { return }
    if incident >= 0 {
      let v = sc.itemValue[incident]
      var q = incident
      while q &+ 1 < pass.itemCount {
        sc.itemValue[q] = sc.itemValue[q &+ 1]
        sc.itemPosition[q] = sc.itemPosition[q &+ 1]
        q &+= 1
      }
      pass.itemCount &-= 1
      guard pass.clause.revalueSentenceClause(by: -v) else { return }
    }
    // Every word of the incident in the sentence names the time (and one does: the aspect may
    // come from a phrase, "safe mode").
    var named = false
    for q in 0..<j where inf[q] & TextAnalyzer.breakBit == 0 && inf[q] & TextAnalyzer.outageInfoBit != 0 {
      guard timeOfTheIncident(q, seq, inf) else { return }
      named = true
    }
    if named { pass.clause.neutralizeSentenceAspect(.outage) }
  }

  /// The least praise (the sum of a sentence's positive values) that `praiseInTheIncident` reads
  /// as outright: "clear" (1.6), "great" (3.1); not "restored" (1.3), "want" (0.3).
  static let outrightPraise: Float = 1.5

  /// Whether the incident word at position `at` names a time after a determiner ("during the
  /// outage", "after the incident"; `incidentAsReference`).
  private func timeOfTheIncident(_ at: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>)
    -> Bool
  {
    inf[at] & TextAnalyzer.outageInfoBit != 0 && at > 0 && isAnyWord(Int(seq[at &- 1]), TextAnalyzer.determiners)
      && incidentAsReference(at, seq, inf)
  }

  /// Whether the sentence (its `positions` laid out, no value among them) ends in a negated
  /// auxiliary with nothing after it, denying of its subject what the sentence before praised:
  /// "The communication was not.", "Support wasn't.", "The second engineer did not." (not "We
  /// did not." alone, which a reply to a question is: the sentence before must praise).
  @inline(never)
  private func deniesWhatWasSaid(
    positions j: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>
  ) -> Bool {
    let last = j &- 1
    guard inf[last] & TextAnalyzer.negatorBit != 0, inf[last &- 1] & TextAnalyzer.breakBit == 0 else { return false }
    let tk = buffer.tokens
    let t = Int(seq[last])
    if tk[t].flags.contains(.negatedContraction) { return true }
    let before = tk[Int(seq[last &- 1])].entry
    return tk[t].entry == notEntry
      && (lexicon.objectClassPointer[Int(before)] & TextLexicon.ObjectClass.auxiliary != 0 || before == didEntry
        || doEntries.contains(before))
  }

  /// Whether a sentence of at most four positions says that something never came about: "Never
  /// happened.", "It never arrived.", "Never did." (`replies`, after a promise reported).
  private func neverHappened(positions j: Int, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    guard isAnyWord(Int(seq[j &- 1]), TextAnalyzer.cameAbout) else { return false }
    for q in 0..<(j &- 1) where isWord(Int(seq[q]), "never") { return true }
    return false
  }

  /// The verbs of `neverHappened`.
  static let cameAbout: [StaticString] = [
    "happened", "came", "arrived", "did", "showed", "materialised", "materialized", "followed",
  ]

  /// Whether the sentence before this one (the last one scored) reports what somebody said or
  /// promised ("You said the credit would be applied automatically.", "We were told the fix
  /// would be out by Monday.", "It was supposed to be fixed."): a short denial after it ("It
  /// wasn't.", "Never happened.") says that it did not come about, a complaint (`replies`).
  private func previousSentenceReports() -> Bool {
    let sentence = buffer.sentences[Int(sentenceParts[sentenceStorageCount &- 1].sentence)]
    for t in Int(sentence.tokenStart)..<Int(sentence.tokenEnd) where isAnyWord(t, TextAnalyzer.reportVerbs) {
      return true
    }
    return false
  }

  /// The words of `previousSentenceReports`.
  static let reportVerbs: [StaticString] = [
    "said", "says", "told", "promised", "promise", "promises", "assured", "guaranteed", "claimed", "stated",
    "announced", "confirmed", "supposed", "committed",
  ]

  /// Whether a question of two or three words (its `positions` laid out, no value among them)
  /// asks whether that is all: "That's it?", "Is that all?", "Was that it?", "That is it?". The
  /// disappointment of "A $10 Uber Eats gift card. That's it?", said of what the sentence before
  /// named.
  @inline(never)
  private func asksIfThatIsAll(positions j: Int, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    let last = Int(seq[j &- 1])
    guard isAnyWord(last, TextAnalyzer.allThereIs) else { return false }
    if j == 2 { return isAnyWord(Int(seq[0]), TextAnalyzer.thatIs) }
    guard j == 3 else { return false }
    let first = Int(seq[0]), second = Int(seq[1])
    let tk = buffer.tokens
    return (isAnyWord(first, TextAnalyzer.isOrWas) && demonstrativeEntries.contains(tk[second].entry))
      || (demonstrativeEntries.contains(tk[first].entry) && isAnyWord(second, TextAnalyzer.isOrWas))
  }

  /// The words of `asksIfThatIsAll`.
  static let allThereIs: [StaticString] = ["it", "all"]
  static let thatIs: [StaticString] = ["that's", "that’s", "thats", "this's"]
  static let isOrWas: [StaticString] = ["is", "was"]

  /// Whether the "of" at position `q` (after "kind") is followed by the one who was kind ("very
  /// kind of you", "how kind of them"): the adjective, not the hedge "kind of".
  private func kindToSomebody(ofAt q: Int, end: Int, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    let u = nextPosition(after: Int(seq[q]), end: end)
    return u >= 0 && isAnyWord(u, TextAnalyzer.kindnessObjects)
  }

  /// Who may be kind ("kind of you"): `kindToSomebody`.
  static let kindnessObjects: [StaticString] = ["you", "them", "him", "her", "y'all", "everyone", "your"]

  /// The outage aspect's bit in a position's info.
  static let outageInfoBit = UInt64(Aspect.outage.bit) << TextLexicon.aspectInfoShift
  /// Words before an incident word that make it a time ("during the outage", "since last
  /// week's crash").
  static let timePrepositions: [StaticString] = [
    "during", "after", "since", "before", "following", "throughout", "post", "until", "till", "pre",
  ]
  /// Nouns an incident word may modify, naming a thing about it ("the outage report", "your
  /// outage bulletin", "the outage week").
  static let incidentTopics: [StaticString] = [
    "report", "reports", "review", "bulletin", "bulletins", "fix", "fixes", "timeline", "window", "response",
    "update", "updates", "notification", "notifications", "notice", "page", "comms", "week", "weekend", "day",
    "call", "calls", "email", "emails", "summary", "postmortem", "post-mortem", "rca", "ticket", "tickets", "kb",
    "article", "advisory", "guidance", "hotline", "bridge", "team", "period", "date", "hours",
  ]

  /// Whether the negative word at position `j` (info `x`) describes the problem a text asks
  /// about rather than judging: in a text that asks for information or action
  /// (`asksForInformation`), a word of a technical fault (`RuleWords.problemWords`: "stuck",
  /// "crashed", "faulty"; "bad" before an artefact: "the bad file"), unless "you" or "your"
  /// comes before it in its clause ("Your update crashed 400 machines. Where are the logs?"
  /// blames), or an incident word named as a time or a topic (`incidentAsReference`).
  private func describesTheProblem(
    _ j: Int, _ x: UInt64, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>,
    _ pass: inout RulePass
  ) -> Bool {
    typealias F = TextLexicon.Formula
    let t = Int(seq[j])
    let formula = lexicon.formulaPointer
    let entry = buffer.tokens[t].entry
    let incident = x & TextAnalyzer.outageInfoBit != 0
    var problem = formula[Int(entry)] & F.problem != 0
    if !problem && !incident {
      guard badArtefact(t) else { return false }
      problem = true
    }
    guard asksForInformation(&pass) else { return false }
    if problem {
      var k = j &- 1
      while k >= 0 && inf[k] & TextAnalyzer.breakBit == 0 {
        let u = Int(seq[k])
        // "you" asked to do something ("could you confirm the window of the faulty update")
        // is addressed, not blamed.
        if isWord(u, "your")
          || (isWord(u, "you") && !(k > 0 && isAnyWord(Int(seq[k &- 1]), TextAnalyzer.requestAuxiliaries)))
        {
          return incident && incidentAsReference(j, seq, inf)
        }
        k &-= 1
      }
      return true
    }
    return incidentAsReference(j, seq, inf)
  }

  /// Whether token `t` is "bad" before an artefact, at most one word between: "the bad file",
  /// "the bad content update" (a fault's name, not a judgement).
  private func badArtefact(_ t: Int) -> Bool {
    let formula = lexicon.formulaPointer
    guard buffer.tokens[t].entry == badEntry, t &+ 1 < buffer.tokenCount else { return false }
    var u = t &+ 1
    if formula[Int(buffer.tokens[u].entry)] & TextLexicon.Formula.artefact == 0 && u &+ 1 < buffer.tokenCount {
      u &+= 1
    }
    return formula[Int(buffer.tokens[u].entry)] & TextLexicon.Formula.artefact != 0
  }

  /// Whether the text asks for information or action: a sentence of it has a question mark,
  /// and none of its questions is a complaint put as one: opened by "why", "who", "how" with
  /// "is", "was", "come", "dare" or "could you" ("How is that acceptable?"), or holding a word
  /// of judgement ("Are you kidding me?", "Is this a joke?"; the words of a fault, the incident,
  /// thanks and "help" are not, nor "bad" naming a fault: "the bad file"). Found on first need.
  private func asksForInformation(_ pass: inout RulePass) -> Bool {
    if pass.asksForInformation < 0 {
      pass.asksForInformation = 0
      var asks = false
      let tk = buffer.tokens
      let info = lexicon.entryInfoPointer
      let formula = lexicon.formulaPointer
      let valence = UInt64(EntryRoles.valence.rawValue)
      let notJudging =
        UInt64(
          EntryRoles.politeness.rawValue | EntryRoles.helpWord.rawValue | EntryRoles.likeWord.rawValue
            | EntryRoles.noWord.rawValue | EntryRoles.requestMarker.rawValue) | TextAnalyzer.outageInfoBit
      for s in 0..<buffer.sentenceCount where buffer.sentences[s].questions > 0 {
        let start = Int(buffer.sentences[s].tokenStart)
        let end = Int(buffer.sentences[s].tokenEnd)
        let opener = questionOpener(start, end)
        if opener >= 0 {
          if isWord(opener, "why") || isWord(opener, "who") { return false }
          if isWord(opener, "how") && opener &+ 1 < end {
            let next = opener &+ 1
            if isAnyWord(next, TextAnalyzer.howComplaint)
              || ((isWord(next, "could") || isWord(next, "can")) && next &+ 1 < end && isWord(next &+ 1, "you"))
            {
              return false
            }
          }
        }
        for u in start..<end where tk[u].kind.rawValue <= TokenKind.emoticon.rawValue {
          let e = Int(tk[u].entry)
          if info[e] & valence != 0 && info[e] & notJudging == 0 && formula[e] & TextLexicon.Formula.problem == 0
            && !badArtefact(u)
          {
            return false
          }
        }
        asks = true
      }
      pass.asksForInformation = asks ? 1 : 0
    }
    return pass.asksForInformation == 1
  }

  /// Words after "how" that make a question a complaint ("How is that acceptable?", "How come
  /// nobody called?").
  static let howComplaint: [StaticString] = ["is", "was", "are", "were", "come", "dare", "on", "hard", "difficult"]

  /// Whether the negative incident word at position `j` names the incident as a time or a
  /// topic rather than judging it: a time preposition before it with only words of no valence
  /// between ("during the outage", "after last Friday's crash"; not "after the terrible
  /// outage", whose "terrible" judges it anyway), or one of `incidentTopics` right after it
  /// ("the outage report").
  private func incidentAsReference(_ j: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>)
    -> Bool
  {
    let t = Int(seq[j])
    let next = t &+ 1
    if next < buffer.tokenCount && buffer.tokens[next].kind == .word && isAnyWord(next, TextAnalyzer.incidentTopics) {
      return true
    }
    var k = j &- 1
    while k >= 0 && j &- k <= 4 {
      let px = inf[k]
      if px & TextAnalyzer.breakBit != 0 || TextAnalyzer.roles(px).contains(.valence) { return false }
      if isAnyWord(Int(seq[k]), TextAnalyzer.timePrepositions) { return true }
      k &-= 1
    }
    return false
  }

  /// The token that opens the sentence of tokens `start..<end` as a question, or -1: its first
  /// word, past greetings, a name after one, lead-ins ("so", "quick question") and commas, if it
  /// is a `RuleWords.questionOpeners` word.
  private func questionOpener(_ start: Int, _ end: Int) -> Int {
    let tk = buffer.tokens
    let formula = lexicon.formulaPointer
    typealias F = TextLexicon.Formula
    var greeted = false
    var u = start
    while u < end && u &- start < 6 {
      if tk[u].kind == .clauseBreak {
        u &+= 1
        continue
      }
      let f = formula[Int(tk[u].entry)]
      if f & F.questionOpener != 0 { return u }
      if f & (F.greeting | F.greetingSecond | F.questionLeadIn) != 0 {
        greeted = greeted || f & F.greeting != 0
      } else if !(greeted && lexicon.unlistedPointer[Int(tk[u].entry)] && isTitleCase(u)) {
        return -1
      }
      u &+= 1
    }
    return -1
  }

  /// Whether the current sentence refuses the offer: "not" or a word ending in n't, then the
  /// offer with at most determiners between ("is not compensation", "isn't a voucher"), or
  /// "want" and then the offer ("we don't want a gift card, we want answers"; "need" only with
  /// what is needed instead, `needsOtherThan`: "we don't need compensation, the team was great"
  /// may decline graciously), or a verb that
  /// dismisses it and "your" or "the" ("Keep your voucher.", "You can keep your $10 and fix the
  /// product", "Keep the credit, we want answers"; not "keep your voucher for a future purchase"), the offer (a word, or an amount that names it) ending its clause or followed by
  /// "for", in a sentence that neither asks nor thanks. Not the offer missing ("we have not
  /// received the voucher", "no credit was applied"), declined politely ("we don't need the
  /// credit, but thank you"), asked about ("Is this not a credit?") or sent otherwise ("we
  /// don't want the voucher emailed").
  private func refusesOffer(
    _ count: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>, _ pass: RulePass
  ) -> Bool {
    let tk = buffer.tokens
    let offer = UInt64(Aspect.offer.bit) << TextLexicon.aspectInfoShift
    let function = UInt64(EntryRoles.functionWord.rawValue)
    let phraseSecond = UInt64(EntryRoles.phraseSecond.rawValue)
    // "Keep it.", "You can keep it.": "it" or "them" ending the clause of a verb that dismisses,
    // in a sentence about the offer (named there, or carried from the sentence before: "A $10
    // gift card. For 300 machines down. You can keep it."; not "we'll keep it", "keep it safe").
    if pass.dismissSeen {
      for r in 0..<count where dismisses(r, seq, inf) {
        let p = r &+ 1
        guard p < count, isWord(Int(seq[p]), "it") || isWord(Int(seq[p]), "them") else { continue }
        if p &+ 1 == count || inf[p &+ 1] & TextAnalyzer.breakBit != 0 {
          return !pass.sentenceAsks && !hasThanks(pass.start, pass.end)
        }
      }
    }
    // The sentence's laid-out positions (`count`, after the sentinel at -1): an offer word or
    // amount with only determiners and amounts (and "want", or "need" with what is needed
    // instead) back to a negator, or
    // "your" back to a verb that dismisses it.
    for q in 0..<count where inf[q] & offer != 0 || isOfferAmount(q, seq, inf, pass) {
      // The offer ends its clause, past the second word of its phrase ("a gift card,"), or a
      // "for" follows ("not compensation for a lost day"); not "the voucher emailed". A word that
      // joins clauses may be a phrase's second word too, but ends the offer's ("keep the voucher
      // and go").
      var after = q &+ 1
      let joiner = UInt64(EntryRoles.clauseJoiner.rawValue)
      if after < count && !isWord(Int(seq[after]), "for")
        && inf[after] & (phraseSecond | joiner | TextAnalyzer.breakBit) == phraseSecond
      {
        after &+= 1
      }
      guard
        after == count || inf[after] & TextAnalyzer.breakBit != 0 || isWord(Int(seq[after]), "for")
          || (pass.dismissSeen && isWord(Int(seq[after]), "and"))
      else {
        continue
      }
      var r = q &- 1
      var yours = false
      while r >= 0 && inf[r] & TextAnalyzer.breakBit == 0
        && (inf[r] & function != 0 || isOfferAmount(r, seq, inf, pass) || tk[Int(seq[r])].kind == .number
          || tk[Int(seq[r])].flags.contains(.money))
      {
        if pass.dismissSeen && !yours { yours = isWord(Int(seq[r]), "your") || isWord(Int(seq[r]), "the") }
        r &-= 1
      }
      // "Keep your voucher.", "Keep the credit, we want answers."; not "keep your voucher for a
      // future purchase".
      if pass.dismissSeen && yours && r >= 0 && !(after < count && isWord(Int(seq[after]), "for"))
        && dismisses(r, seq, inf)
      {
        return !pass.sentenceAsks && !hasThanks(pass.start, pass.end)
      }
      if r > 0 && (isWord(Int(seq[r]), "want") || (isWord(Int(seq[r]), "need") && needsOtherThan(Int(seq[q])))) {
        r &-= 1
      }
      guard r >= 0, inf[r] & TextAnalyzer.negatorBit != 0,
        inf[r] & UInt64(EntryRoles.existentialNegator.rawValue) == 0
      else { continue }
      let u = Int(seq[r])
      if isWord(u, "never") || isWord(u, "rarely") || isWord(u, "seldom") || isWord(u, "despite") { continue }
      return !pass.sentenceAsks && !hasThanks(pass.start, pass.end)
    }
    return false
  }

  /// Whether the writer says what they need instead of the offer at token `t`: "need" or "want"
  /// after it, in its sentence or at the start of the next ("I don't need a gift card, I need
  /// reliability.", "I don't need a gift card. I need you to answer my ticket."). "We don't need
  /// compensation" alone may decline graciously, and is no refusal.
  private func needsOtherThan(_ t: Int) -> Bool {
    let tk = buffer.tokens
    var u = t &+ 1
    let limit = min(buffer.tokenCount, t &+ TextAnalyzer.insteadWindow)
    while u < limit {
      if tk[u].kind == .word && (isWord(u, "need") || isWord(u, "want"))
        && !tk[u &- 1].flags.contains(.negatedContraction) && !isWord(u &- 1, "not")
      {
        return true
      }
      u &+= 1
    }
    return false
  }

  /// How many tokens after the offer `needsOtherThan` reads.
  static let insteadWindow = 8

  /// Whether laid-out position `q` is an amount of money that names the offer ("$10").
  private func isOfferAmount(
    _ q: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>, _ pass: RulePass
  ) -> Bool {
    guard inf[q] & TextAnalyzer.amountBit != 0, inf[q] & TextAnalyzer.breakBit == 0 else { return false }
    var t = Int(seq[q])
    // "ten bucks": the number before the currency word holds the amount.
    if !buffer.tokens[t].flags.contains(.money) && t > pass.start && buffer.tokens[t &- 1].flags.contains(.money) {
      t &-= 1
    }
    return buffer.tokens[t].flags.contains(.money)
      && amountAspect(t, start: pass.start, end: pass.end) == Aspect.offer.bit
  }

  /// Whether laid-out position `r` is a verb that dismisses the offer (`RuleWords.dismissVerbs`)
  /// opening its clause: first in it, or after "you can", "just", "please" or "and" ("You can
  /// keep your voucher", "Fix the product and keep your $10").
  private func dismisses(_ r: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>) -> Bool {
    guard lexicon.objectClassPointer[Int(buffer.tokens[Int(seq[r])].entry)] & TextLexicon.ObjectClass.dismissVerb != 0
    else { return false }
    var b = r &- 1
    while b >= 0 && inf[b] & TextAnalyzer.breakBit == 0 {
      let u = Int(seq[b])
      // "Fix the outage and keep your $10": a clause of its own.
      if isWord(u, "and") { return true }
      guard isAnyWord(u, TextAnalyzer.beforeDismissal) else {
        // "you can keep": the subject before the modal.
        return isWord(u, "you") && b &+ 1 < r && isAnyWord(Int(seq[b &+ 1]), TextAnalyzer.dismissalModals)
      }
      b &-= 1
    }
    return true
  }

  /// Whether the sentence, which names the offer, refuses it (`refusesOffer`) or asks about it
  /// in disbelief (`asksInDisbelief`).
  private func againstTheOffer(
    _ count: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>, _ pass: RulePass
  ) -> Bool {
    if (pass.negatorSeen || pass.dismissSeen) && refusesOffer(count, seq, inf, pass) { return true }
    if pass.ratherSeen && prefersOtherThanTheOffer(count, seq, inf, pass) { return true }
    return pass.sentenceAsks && (asksInDisbelief(pass) || asksAnAmountAlone(count, seq, inf, pass))
  }

  /// Whether the sentence, a question, is an amount of the offer alone asked back in disbelief
  /// ("10 bucks?", "$10??", "A 5% discount?? We lost 3 days of payroll."): at most six
  /// positions, none a value, a verb or a word that opens a question (`RuleWords.questionOpeners`),
  /// one an amount that is the offer; asked twice over ("??") or the text's only question (not
  /// "$10? Is that per seat?").
  private func asksAnAmountAlone(
    _ count: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>, _ pass: RulePass
  ) -> Bool {
    guard count <= 6, pass.itemCount == 0 else { return false }
    let tk = buffer.tokens
    let classes = lexicon.objectClassPointer
    let formula = lexicon.formulaPointer
    typealias C = TextLexicon.ObjectClass
    for t in pass.start..<pass.end where tk[t].kind == .word {
      if classes[Int(tk[t].entry)] & (C.auxiliary | C.verb) != 0 || wordEnds(t, with: "ed", longerThan: 3)
        || formula[Int(tk[t].entry)] & TextLexicon.Formula.questionOpener != 0
      {
        return false
      }
    }
    // "$10", or a share of what the offer names ("A 5% discount??").
    let namesOffer = pass.clause.sentenceMask & Aspect.offer.bit != 0
    guard
      (0..<count).contains(where: {
        isOfferAmount($0, seq, inf, pass)
          || (namesOffer && inf[$0] & TextAnalyzer.breakBit == 0 && tk[Int(seq[$0])].flags.contains(.percent))
      })
    else { return false }
    let sentences = buffer.sentences
    var asking = 0
    var twice = false
    for s in 0..<buffer.sentenceCount where sentences[s].questions > 0 {
      asking &+= 1
      if Int(sentences[s].tokenStart) == pass.start { twice = sentences[s].questions > 1 }
    }
    return twice || asking == 1
  }

  /// Whether the sentence (`count` laid-out positions) prefers something else to the offer:
  /// "rather" and then "than" with the offer after it ("I'd rather have had a phone call than a
  /// gift card", "rather a proper SLA credit than $10"; not "I'd rather have the voucher than
  /// nothing"), in a statement without thanks.
  private func prefersOtherThanTheOffer(
    _ count: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>, _ pass: RulePass
  ) -> Bool {
    let offer = UInt64(Aspect.offer.bit) << TextLexicon.aspectInfoShift
    let function = UInt64(EntryRoles.functionWord.rawValue)
    var rather = false
    for q in 0..<count where inf[q] & TextAnalyzer.breakBit == 0 {
      let t = Int(seq[q])
      if buffer.tokens[t].entry == ratherEntry { rather = true }
      guard rather, isWord(t, "than") else { continue }
      // The offer after "than", past determiners and amounts ("than a $10 gift card").
      var r = q &+ 1
      while r < count && inf[r] & TextAnalyzer.breakBit == 0 && inf[r] & offer == 0 && !isOfferAmount(r, seq, inf, pass)
        && (inf[r] & function != 0 || buffer.tokens[Int(seq[r])].kind == .number)
      {
        r &+= 1
      }
      return r < count && (inf[r] & offer != 0 || isOfferAmount(r, seq, inf, pass)) && !pass.sentenceAsks
        && !hasThanks(pass.start, pass.end)
    }
    return false
  }

  /// Whether the current sentence, a question, asks in disbelief (`RuleWords.disbeliefWords`:
  /// "Do you really think $10 covers it?", "What am I supposed to do with a gift card?"; "who
  /// thought...") and gives no thanks.
  private func asksInDisbelief(_ pass: RulePass) -> Bool {
    typealias C = TextLexicon.ObjectClass
    let tk = buffer.tokens
    let classes = lexicon.objectClassPointer
    for u in pass.start..<pass.end where tk[u].kind == .word {
      let cls = classes[Int(tk[u].entry)]
      if cls & C.disbelief != 0 {
        // "Do you really think...", "Is $10 really all...", not "Is the credit really applied
        // automatically?"; "What am I supposed to do with...", not "When is the voucher
        // supposed to arrive?".
        if isWord(u, "really") && !(u &+ 1 < pass.end && isDisbeliefAfterReally(u &+ 1)) { continue }
        if isWord(u, "supposed") && (isWord(pass.start, "when") || isWord(pass.start, "where")) { continue }
        return !hasThanks(pass.start, pass.end)
      }
      if isWord(u, "who") && u &+ 1 < pass.end && classes[Int(tk[u &+ 1].entry)] & C.afterWho != 0 {
        return !hasThanks(pass.start, pass.end)
      }
    }
    return false
  }

  /// Whether token `t`, after "really" in a question naming the offer, makes it one of disbelief
  /// ("really think", "really all", "really what our business is worth").
  private func isDisbeliefAfterReally(_ t: Int) -> Bool { isAnyWord(t, TextAnalyzer.afterReally) }

  /// Words after a drop-verb's "you" that leave "you" its object ("we're ditching you for
  /// Sophos", "dropping you guys"; not "dropped you an email", "removed you from the thread").
  static let afterYou: [StaticString] = [
    "for", "and", "after", "as", "because", "once", "when", "by", "next", "now", "at", "completely", "entirely",
    "guys", "folks", "people", "all", "with",
  ]
  /// Words a verb that dismisses the offer may follow and still open its clause ("just keep",
  /// "please keep", "you can keep"), and the modals after "you".
  static let beforeDismissal: [StaticString] = ["just", "please", "can", "may", "could", "simply", "go", "ahead"]
  static let dismissalModals: [StaticString] = ["can", "may", "could"]
  /// Words after "really" that make a question of disbelief ("really think", "really all").
  static let afterReally: [StaticString] = [
    "think", "believe", "expect", "feel", "consider", "mean", "all", "what", "the", "that", "worth", "enough",
  ]

  /// Whether token `t` is one of `words` (lower case ASCII), in any case.
  private func isAnyWord(_ t: Int, _ words: [StaticString]) -> Bool {
    for w in words where isWord(t, w) { return true }
    return false
  }

  /// Whether tokens `start..<end` hold a word of thanks (`RuleWords.politeness`).
  private func hasThanks(_ start: Int, _ end: Int) -> Bool {
    anyEntry(start, end, UInt64(EntryRoles.politeness.rawValue))
  }

  /// Whether a token of `start..<end` has an entry whose info has a bit of `mask`.
  private func anyEntry(_ start: Int, _ end: Int, _ mask: UInt64) -> Bool {
    for u in start..<end where lexicon.entryInfoPointer[Int(buffer.tokens[u].entry)] & mask != 0 { return true }
    return false
  }

  /// Whether the current sentence names the offer and asks nothing: no question mark, no
  /// request word ("please", "kindly").
  private func thanksForTheOffer(_ pass: RulePass) -> Bool {
    !pass.sentenceAsks && !anyEntry(pass.start, pass.end, UInt64(EntryRoles.requestMarker.rawValue))
      && sentenceMentionsOffer(pass)
  }

  /// Whether the current sentence names the offer (an offer word, or a small amount of money).
  @inline(never)
  private func sentenceMentionsOffer(_ pass: RulePass) -> Bool {
    let tk = buffer.tokens
    if anyEntry(pass.start, pass.end, UInt64(Aspect.offer.bit) << TextLexicon.aspectInfoShift) { return true }
    for u in pass.start..<pass.end
    where tk[u].flags.contains(.money) && amountAspect(u, start: pass.start, end: pass.end) == Aspect.offer.bit {
      return true
    }
    return false
  }

  /// Whether the text is a request (a question, or "please", "asap"...), where thanks are
  /// politeness rather than praise; found on first need: the loop has noted the markers up to
  /// `pass.next`, the tokens from there on are read here.
  private func isRequest(_ pass: inout RulePass) -> Bool {
    if pass.request < 0 {
      var found = pass.requestSeen
      for s in 0..<buffer.sentenceCount where !found && buffer.sentences[s].questions > 0 && asks(s) {
        found = true
      }
      let tk = buffer.tokens
      let requestMask = UInt64(EntryRoles.requestMarker.rawValue)
      var u = pass.next
      while !found && u < buffer.tokenCount {
        if tk[u].kind.rawValue <= TokenKind.emoticon.rawValue
          && lexicon.entryInfoPointer[Int(tk[u].entry)] & requestMask != 0
        {
          found = true
        }
        u += 1
      }
      pass.request = found ? 1 : 0
    }
    return pass.request == 1
  }

  /// Whether a sentence of the text asks (`asks`).
  @inline(never)
  private func textAsks() -> Bool {
    let sentences = buffer.sentences
    for s in 0..<buffer.sentenceCount where sentences[s].questions > 0 && asks(s) { return true }
    return false
  }

  /// Whether sentence `s`, which has a question mark, asks: not a word alone thrown in
  /// ("Honestly? This is more than fair.", "Seriously? The update bricked 300 machines."), which
  /// asks for nothing and makes the text no request.
  @inline(never)
  private func asks(_ s: Int) -> Bool {
    let start = Int(buffer.sentences[s].tokenStart)
    let end = Int(buffer.sentences[s].tokenEnd)
    // A word and its marks ("Seriously?!"): four tokens at most.
    if end &- start > 4 { return true }
    let tk = buffer.tokens
    var words = 0
    var word = 0
    for u in start..<end
    where tk[u].kind.rawValue <= TokenKind.emoticon.rawValue {
      words &+= 1
      word = u
    }
    return words != 1 || !isAnyWord(word, TextAnalyzer.interjectedQuestions)
  }

  /// Words that ask nothing as a question alone (`asks`).
  static let interjectedQuestions: [StaticString] = ["honestly", "seriously", "really", "srsly", "rly", "huh"]

  /// Whether the text mixes ALL-CAPS words with others (then caps are emphasis); found on
  /// first need, from a token flagged ALL-CAPS (`capsToken`): when it is a word, the scan
  /// only has to find another kind of word.
  private func hasMixedCaps(_ pass: inout RulePass, capsToken: Int) -> Bool {
    if pass.mixedCaps < 0 {
      let tk = buffer.tokens
      var caps = tk[capsToken].kind == .word
      var other = false
      for u in 0..<buffer.tokenCount where tk[u].kind == .word {
        let flags = tk[u].flags.rawValue
        if flags & TokenFlags.allCaps.rawValue != 0 { caps = true }
        if flags & (TokenFlags.allCaps.rawValue | TokenFlags.hasLower.rawValue) == TokenFlags.hasLower.rawValue {
          other = true
        }
        if caps && other { break }
      }
      pass.mixedCaps = caps && other ? 1 : 0
    }
    return pass.mixedCaps == 1
  }

  /// Intents and competitors named by the word at position `j` (token `t`, info `x`).
  @inline(never)
  private func intentsAndCompetitors(
    _ j: Int, token t: Int, _ x: UInt64, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>,
    _ pass: inout RulePass, _ out: inout TextAnalysis
  ) {
    let kind = TextLexicon.intentKind(x)
    if kind != 0 { checkIntent(kind, at: j, first: t, last: t, seq, inf, &pass, &out) }
    if TextAnalyzer.roles(x).contains(.competitor) {
      noteCompetitor(t, t, &out)
      adoptsCompetitor(at: j, first: t, last: t, seq, inf, &pass, &out)
    }
    if x & TextLexicon.rareInfoBit != 0 {
      if buffer.tokens[t].flags.contains(.rating) {
        rating(at: j, token: t, &pass)
        return
      }
      amountOrIrony(token: t, x, &pass)
      if x & TextAnalyzer.coveredBit == 0 && durationUnitEntries.contains(buffer.tokens[t].entry) {
        elapsedTime(at: j, token: t, &pass)
      }
    }
  }

  /// A stretch of time the writer waited, spent or took, ended by the unit at position `j`
  /// (token `t`): "It took five days.", "its been 3 weeks", "we spent 30 hours fixing laptops",
  /// "took us over a week", "waited a full day". After an outage that is a complaint, valued as
  /// one; not a short one ("took only 2 hours", "less than a day": a word other than those of
  /// `RuleWords.durationApproximators` and `.durationObjects` stands between), nor one in the
  /// present ("the credit takes a day to appear"), nor one inside a valence phrase.
  private func elapsedTime(at j: Int, token t: Int, _ pass: inout RulePass) {
    let tk = buffer.tokens
    let start = pass.start
    // "Nobody could work all weekend."
    if t &- 1 > start && tk[t &- 1].entry == allEntry && cannot(before: t &- 1, start: start) {
      pass.keep(TextAnalyzer.complaintValence, at: j, scratch)
      return
    }
    var u = t &- 1
    if u > start && durationFillerEntries.contains(tk[u].entry) { u &-= 1 }
    guard u > start,
      tk[u].kind == .number
        || lexicon.objectClassPointer[Int(tk[u].entry)] & TextLexicon.ObjectClass.smallNumber != 0
        || durationCountEntries.contains(tk[u].entry)
    else { return }
    var v = u &- 1
    if v > start && durationCountEntries.contains(tk[v].entry) { v &-= 1 }  // "a few days"
    if v > start && durationApproximatorEntries.contains(tk[v].entry) { v &-= 1 }
    if v > start && durationObjectEntries.contains(tk[v].entry) { v &-= 1 }
    guard v >= start else { return }
    // "We couldn't log in for three days.": what the writer could not do over the stretch; "Why
    // did it take 14 hours to get an update?": a stretch asked about with "why".
    if !durationVerbEntries.contains(tk[v].entry) {
      guard
        (tk[v].entry == forEntry && cannot(before: v, start: start))
          || (takeEntries.contains(tk[v].entry) && tk[start].entry == whyEntry)
      else { return }
    }
    // Minutes from half an hour, written as a number ("took 78 minutes").
    if isWord(t, "minutes") || isWord(t, "mins") {
      guard tk[u].kind == .number, amountValue(u) >= TextAnalyzer.longWaitMinutes else { return }
    }
    pass.keep(TextAnalyzer.complaintValence, at: j, scratch)
  }

  /// Whether an ability is denied in the past between `start` and token `end` (not included):
  /// "couldn't", "could not", "nobody could", "were unable".
  private func cannot(before end: Int, start: Int) -> Bool {
    let tk = buffer.tokens
    var q = start
    while q < end {
      let e = tk[q].entry
      if inabilityEntries.contains(e)
        || (e == unableEntry && q > start && pastAuxiliaryEntries.contains(tk[q &- 1].entry))
      {
        return true
      }
      if abilityModalEntries.contains(e)
        && ((q &+ 1 < end && tk[q &+ 1].entry == notEntry) || (q > start && nobodyEntries.contains(tk[q &- 1].entry)))
      {
        return true
      }
      q &+= 1
    }
    return false
  }

  /// The value of a complaint made without a sentiment word: a stretch of time ("It took five
  /// days.", `elapsedTime`) or a resigned remark ("Typical.", `sentenceTone`); VADER's scale:
  /// "delay" is -1.3.
  static let complaintValence: Float = -1.2
  /// The fewest minutes that make a wait a complaint (`elapsedTime`).
  static let longWaitMinutes = 30.0

  /// A competitor named as what the writer is taking on ("we started the Defender rollout",
  /// "she'd signed the Defender PO", "the SentinelOne pilot"): the competitor (tokens
  /// `first...last`, at position `j`) right before one of `adoptions`, or one word before it
  /// ("Defender E5 rollout"), states leaving as a `leave` phrase does (negation, third parties
  /// and questions as there).
  private func adoptsCompetitor(
    at j: Int, first: Int, last: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>,
    _ pass: inout RulePass, _ out: inout TextAnalysis
  ) {
    var u = nextPosition(after: last, end: pass.end)
    guard u >= 0 else { return }
    if !adoptionEntries.contains(buffer.tokens[u].entry) {
      u = nextPosition(after: u, end: pass.end)
      guard u >= 0, adoptionEntries.contains(buffer.tokens[u].entry) else { return }
    }
    // "We'll terminate the Defender pilot", "we stopped the SentinelOne trial": the adoption ended.
    var v = first &- 1
    while v >= pass.start && buffer.tokens[v].kind == .word
      && TextAnalyzer.roles(lexicon.entryInfoPointer[Int(buffer.tokens[v].entry)]).contains(.functionWord)
    {
      v &-= 1
    }
    if v >= pass.start && buffer.tokens[v].kind == .word
      && (lexicon.objectClassPointer[Int(buffer.tokens[v].entry)] & TextLexicon.ObjectClass.verb != 0
        || isAnyWord(v, TextAnalyzer.adoptionEnders))
    {
      return
    }
    // "Our Sophos pilot ended last year", "the Defender trial was cancelled": ended after it.
    var w = nextPosition(after: u, end: pass.end)
    if w >= 0 && isAnyWord(w, TextAnalyzer.auxiliariesOfEnding) { w = nextPosition(after: w, end: pass.end) }
    if w >= 0
      && (isAnyWord(w, TextAnalyzer.adoptionEnders)
        || lexicon.objectClassPointer[Int(buffer.tokens[w].entry)] & TextLexicon.ObjectClass.verb != 0)
    {
      return
    }
    // "Is the Defender trial license a conflict?": a question about one is not taking it on.
    if pass.sentenceAsks { return }
    checkIntent(ChurnIntentKind.leave.rawValue, at: j, first: first, last: u, seq, inf, &pass, &out)
  }

  /// What taking on a product is called, after its name ("the Defender rollout").
  static let adoptions: [StaticString] = ["rollout", "roll-out", "pilot", "poc", "trial", "po"]
  /// Auxiliaries between an adoption and the verb that ended it ("the pilot was cancelled").
  static let auxiliariesOfEnding: [StaticString] = ["was", "were", "is", "has", "had", "got", "been"]
  /// Verbs that end an adoption, before the competitor's name ("stopped the Defender pilot") or
  /// after it ("the Sophos pilot ended"), besides the intent lexicon's verbs ("terminate",
  /// "cancel", "drop").
  static let adoptionEnders: [StaticString] = [
    "stop", "stopped", "stopping", "end", "ended", "ending", "pause", "paused", "pausing", "halt", "halted", "abandon",
    "abandoned", "scrap", "scrapped", "kill", "killed", "finish", "finished", "failed",
  ]

  /// Phrases (idioms, multi-word aspects, intents, competitors) starting at position `j`
  /// (token `t`), applied longest first once the next word is known. The longest valence phrase
  /// gives its valence here and silences the words it covers; returns the phrases' aspects.
  @inline(__always)
  private func phrases(
    _ j: Int, token t: Int, second u: Int, prefix: Int32, _ seq: UnsafeMutablePointer<Int32>,
    _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass, _ out: inout TextAnalysis
  ) -> UInt8 {
    pass.phrasesAt = j
    let lex = lexicon
    var best = (length: 0, valence: Float(0), namesNoAspect: false)
    var aspects: UInt8 = 0
    if !lex.prefixContinuesPointer[Int(prefix)] {
      // The common case: the two words are the only phrase that can start here.
      let phrase = lex.prefixPhrasePointer[Int(prefix)]
      guard phrase >= 0 else { return 0 }
      aspects = apply(Int(phrase), length: 2, at: j, first: t, last: u, &best, seq, inf, &pass, &out)
    } else {
      // Walk the phrase prefixes forward, then apply the matches longest first.
      let count = matchPhrases(matches, token: t, second: u, prefix: prefix, end: pass.end)
      let lengths = matches.length, phraseIDs = matches.phrase, lastTokens = matches.token
      var q = count
      while q > 0 {
        q -= 1
        let length = Int(lengths[q])
        aspects |= apply(
          Int(phraseIDs[q]), length: length, at: j, first: t, last: Int(lastTokens[length - 1]), &best, seq, inf,
          &pass, &out)
      }
    }
    if best.length > 0 && inf[j] & TextAnalyzer.coveredBit == 0 {
      pass.coveredEnd = j + best.length
      pass.coverNamesNoAspect = best.namesNoAspect
      // The positions it covers arrive, to be silenced.
      pass.forceUntil = max(pass.forceUntil, pass.coveredEnd)
      // A phrase that opens with a negator and is not negative has spent it: "without a doubt
      // the best", "no complaints, we will renew" negate nothing after them.
      inf[j] = (inf[j] | TextAnalyzer.phraseValuedBit) & (best.valence < 0 ? ~0 : ~TextAnalyzer.negatorBit)
      pass.phraseValence = best.valence
    }
    return aspects
  }

  /// `phrases`' work for one phrase found at position `j` (tokens `first...last`, `length`
  /// positions), in the order the phrases are applied (longest first): its rare rules
  /// (`phraseRules`), its intent, and its valence when it is the first (longest) with one;
  /// returns its aspects.
  @inline(__always)
  private func apply(
    _ phrase: Int, length: Int, at j: Int, first: Int, last: Int,
    _ best: inout (length: Int, valence: Float, namesNoAspect: Bool),
    _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass,
    _ out: inout TextAnalysis
  ) -> UInt8 {
    let lex = lexicon
    let rules = lex.phraseRulesPointer[phrase]
    if rules != 0 { phraseRules(rules, at: j, first: first, last: last, seq, inf, &pass, &out) }
    let intent = lex.phraseIntentPointer[phrase]
    if intent != 0 { checkIntent(intent, at: j, first: first, last: last, seq, inf, &pass, &out) }
    if lex.phraseHasValencePointer[phrase] && best.length == 0 {
      best = (length, lex.phraseValencePointer[phrase], rules & TextLexicon.PhraseRule.namesNoAspect != 0)
    }
    return lex.phraseAspectsPointer[phrase]
  }

  /// `apply`'s rare rules of a phrase that has any (`TextLexicon.PhraseRule`): a competitor's
  /// name, a phrase that names no aspect.
  @inline(never)
  private func phraseRules(
    _ rules: UInt8, at j: Int, first: Int, last: Int, _ seq: UnsafeMutablePointer<Int32>,
    _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass, _ out: inout TextAnalysis
  ) {
    if rules & TextLexicon.PhraseRule.competitor != 0 {
      noteCompetitor(first, last, &out)
      adoptsCompetitor(at: j, first: first, last: last, seq, inf, &pass, &out)
    }
    if rules & TextLexicon.PhraseRule.namesNoAspect != 0 {
      takeBackAspects(at: j, secondLaidOut: first < pass.next &- 1, inf, &pass)
    }
  }

  /// A phrase naming no aspect ("credit card", "credit where it's due") found at position `j`:
  /// the aspects of its words laid out so far (its first, and its second when that is the
  /// position arriving, `secondLaidOut`; not when a booster made the phrase be looked for at
  /// its first word) are taken back, from their positions' info and from the open segment,
  /// except those another word since the last clause break has too. (An aspect only an earlier
  /// phrase gave the segment, with a word of this one having it too, is taken back as well: a
  /// rare case.)
  @inline(never)
  private func takeBackAspects(
    at j: Int, secondLaidOut: Bool, _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass
  ) {
    let bits = TextAnalyzer.aspectInfoBits
    var taken: UInt64 = 0
    for q in j...(secondLaidOut ? j &+ 1 : j) {
      taken |= inf[q] & bits
      inf[q] &= ~bits
    }
    guard taken != 0 else { return }
    var kept: UInt64 = 0
    var q = j &- 1
    while q >= 0 && inf[q] & TextAnalyzer.breakBit == 0 {
      kept |= inf[q] & bits
      q &-= 1
    }
    pass.clause.segMask &= ~UInt8(truncatingIfNeeded: (taken & ~kept) >> TextLexicon.aspectInfoShift)
  }

  /// Whether the negation at token `n` is "did not" or "didn't" after a subject other than the
  /// writer (past an adverb): a thing that failed to renew ("The license did not renew
  /// automatically", "the certificate didn't renew"), not a customer who chose not to ("we did
  /// not renew", "I simply didn't renew", "Didn't renew.").
  private func failedToRenew(negation n: Int, start: Int) -> Bool {
    let tk = buffer.tokens
    var did = n
    if tk[n].entry == notEntry {
      guard n > start, tk[n &- 1].entry == didEntry else { return false }
      did = n &- 1
    } else if !pastNegationEntries.contains(tk[n].entry) {
      return false
    }
    var subject = did &- 1
    if subject > start && isAdverb(subject) { subject &-= 1 }
    guard subject >= start, tk[subject].kind == .word else { return false }
    return lexicon.objectClassPointer[Int(tk[subject].entry)] & TextLexicon.ObjectClass.firstPerson == 0
  }

  /// Whether the sentence, a question, is answered by a flat no of three words at most in the
  /// sentence after it ("Renewal? No.", "Renew? Never.", "Renewal? Not a chance.", "Staying with
  /// you? Hell no.", "Would we cancel over one bad day? Of course not."): what it asks refused. An
  /// answer that leaves it open ("Renewal? Not decided yet.", "Not sure.") is none. Returns the
  /// answer's last token, or nil.
  @inline(never)
  private func answeredFlatNo(_ pass: RulePass) -> Int? {
    guard pass.sentenceAsks && pass.end &- pass.start <= TextAnalyzer.flatlyAnsweredQuestionMaxTokens,
      pass.end < buffer.tokenCount
    else { return nil }
    let sentences = buffer.sentences
    var s = 0
    while s < buffer.sentenceCount && Int(sentences[s].tokenStart) < pass.end { s &+= 1 }
    guard s < buffer.sentenceCount, Int(sentences[s].tokenStart) == pass.end else { return nil }
    let end = Int(sentences[s].tokenEnd)
    guard end &- pass.end <= 3 else { return nil }
    var refuses = false
    for t in pass.end..<end {
      let entry = buffer.tokens[t].entry
      guard flatNoEntries.contains(entry) else { return nil }
      refuses =
        refuses || lexicon.entryInfoPointer[Int(entry)] & UInt64(EntryRoles.negator.rawValue) != 0
        || entry == noEntry
    }
    return refuses ? end &- 1 : nil
  }

  /// Whether the sentence is a question of a few words that the next one answers with a
  /// negation ("Cancel? Not yet."); sentences follow each other in the tokens.
  private func answeredNo(_ pass: RulePass) -> Bool {
    pass.sentenceAsks && pass.end &- pass.start <= TextAnalyzer.answeredQuestionMaxTokens
      && pass.end < buffer.tokenCount
      && lexicon.entryInfoPointer[Int(buffer.tokens[pass.end].entry)] & UInt64(EntryRoles.negator.rawValue) != 0
  }

  /// Whether a clause joined by "and" or "so", opened by the writer or "will", stands between
  /// the negation at token `negation` and an intent phrase starting at token `first`: "we're not
  /// happy and we are switching to Sophos", "we are not happy and will cancel" state leaving;
  /// "we will not cancel and switch" (no new subject) keeps its negation.
  private func negationJoinedBefore(_ negation: Int, _ first: Int) -> Bool {
    let tk = buffer.tokens
    var u = negation &+ 1
    while u &+ 1 < first {
      if negationJoinerEntries.contains(tk[u].entry) && opensAClause(tk[u &+ 1].entry) { return true }
      u &+= 1
    }
    return false
  }

  /// Whether a word after "and" or "so" opens a clause of its own: the writer ("we", "I") or a
  /// modal with no subject ("and will cancel").
  private func opensAClause(_ entry: Int32) -> Bool {
    clauseOpeningModalEntries.contains(entry)
      || lexicon.objectClassPointer[Int(entry)] & TextLexicon.ObjectClass.firstPerson != 0
  }

  private func noteCompetitor(_ first: Int, _ last: Int, _ out: inout TextAnalysis) {
    if out.competitorEvidence == nil {
      out.competitorEvidence = Int(buffer.tokens[first].start)..<Int(buffer.tokens[last].end)
    }
    out.competitorMentioned = true
  }

  /// Applies an intent word or phrase at position `j` (tokens `first...last`).
  private func checkIntent(
    _ kindRaw: UInt8, at j: Int, first: Int, last: Int, _ seq: UnsafeMutablePointer<Int32>,
    _ inf: UnsafeMutablePointer<UInt64>, _ pass: inout RulePass, _ out: inout TextAnalysis
  ) {
    let end = pass.end
    guard let kind = ChurnIntentKind(rawValue: kindRaw), kind != .none, kind != .target,
      !hedged(before: j, seq, inf)
    else { return }
    let negation = TextAnalyzer.negations(before: j, window: 5, inf)
    // A short question answered "no" negates leaving ("Cancel? Not yet."), never staying:
    // "Renewal? Not decided yet." says nothing of leaving.
    let negated =
      (negation.count % 2 == 1 && !negationJoinedBefore(Int(seq[negation.nearest]), first)
        && buffer.tokens[Int(seq[negation.nearest])].entry != despiteEntry)
      || (kind != .stay && pass.sentenceAsks && (answeredNo(pass) || answeredFlatNo(pass) != nil))
    var first = first
    var last = last
    var isIntent: Bool
    switch kind {
    case .leave:
      // "the cancellation terms", "the termination fee": the terms of leaving, not leaving (a
      // phrase of one word names them).
      isIntent =
        !negated
        && objectAllowsIntent(first, last, start: pass.start, end: end, asked: (0..<first).contains(pass.opener))
        && !(first == last && last &+ 1 < end && termsOfLeavingEntries.contains(buffer.tokens[last &+ 1].entry))
        && !(isWord(first, "done") && isWord(last, "us") && addressedBefore(first, start: pass.start))
        && (first != last || opensTheSentence(first, start: pass.start) || !isBareLeaveVerb(first)
          || writerBefore(first, start: pass.start))
        // "We're out." where its clause ends or a time follows ("we're out at renewal"); not
        // "we're out of licences", "we are out for lunch".
        && !(isWord(last, "out") && first != last
          && lexicon.objectClassPointer[Int(buffer.tokens[first].entry)] & TextLexicon.ObjectClass.firstPerson != 0
          && !subjectLeaveEnds(after: last, end: end))
        // "evaluating alternatives to the current backup tool": alternatives to something else.
        && !(alternativeEntries.contains(buffer.tokens[last].entry) && alternativesToOther(after: last, end: end))
        // "We're done with you for today": for the day, not for good.
        && !forTheDay(after: last, end: end)
        // "Cancellation is off the table for now": ruled out.
        && !(first == last && ruledOut(after: last, end: end))
    case .stay:
      // "not renew": the evidence starts at the negation, which is what makes it an intent; a
      // flat no after the question ends it ("Renewal? No.").
      let answer = negated ? nil : answeredFlatNo(pass)
      if !negated && answer == nil && !stayAffirmed { stayAffirmed = affirmsStaying(first, last, pass) }
      isIntent =
        (negated || answer != nil)
        && objectAllowsIntent(first, last, start: pass.start, end: end, asked: (0..<first).contains(pass.opener))
        && !failedToRenew(negation: Int(seq[negation.nearest]), start: pass.start)
        // "We won't be back.", "not coming back after this"; not "won't be back until Monday".
        && (buffer.tokens[last].entry != backEntry
          || (comingBackEnds(after: last, end: end)
            && writerSubject(before: Int(seq[negation.nearest]), start: pass.start)))
      first = Int(seq[negation.nearest])
      if let answer { last = answer }
    case .leaveTo, .leaveToName:
      // "switch to" is an intent when its object is a competitor or a target ("another vendor");
      // "switching to" (`leaveToName`) also when it is a name no lexicon knows with what it is
      // attached ("Quillon Security"): a vendor missing from competitors.txt.
      isIntent = false
      if !negated {
        if let u = vendorObject(after: last, end: end) {
          // "evaluating alternatives to their CRM": the alternatives (the target's last word:
          // "alternatives", "other vendors") are to something else.
          isIntent = !(alternativeEntries.contains(buffer.tokens[u].entry) && alternativesToOther(after: u, end: end))
          last = u
        } else if kind == .leaveToName, let name = unknownVendorName(after: last, end: end) {
          isIntent = true
          last = name
        } else if first == last, let vendor = movedOff(verb: first, end: end) {
          isIntent = true
          last = vendor
        }
      }
    case .subjectLeave:
      let namesTheStack = isWord(last, "our") || isWord(last, "the") || isWord(last, "of")
      isIntent =
        !negated && vendorSubject(before: first, start: pass.start, anyCase: namesTheStack)
        && subjectLeaveEnds(after: last, end: end)
    default:
      isIntent = false
    }
    // One statement per stretch of words: "we can't stay with you" matches "stay with you" and
    // "stay with", "notice of termination of the agreement" two phrases that overlap; the first
    // applied (the longest) counts.
    // Somebody else's ("companies are ditching Halvern"), or asked about ("If we drop Tessaro,
    // how long is our data kept?"): looked at only for a statement the words make.
    guard isIntent, !saidOfAThirdParty(before: first, start: pass.start),
      !doneByAThing(before: first, start: pass.start),
      !askedIf(before: first, start: pass.start, asks: pass.sentenceAsks)
    else { return }
    guard first > pass.intentThrough else {
      // A phrase overlapping the statement before continues it ("give notice" + "notice of
      // termination" + "termination of the agreement"): its evidence runs on to here.
      if last > pass.intentThrough {
        let tk = buffer.tokens
        if let evidence = out.churnIntentEvidence, evidence.upperBound == Int(tk[pass.intentThrough].end) {
          out.churnIntentEvidence = evidence.lowerBound..<Int(tk[last].end)
        }
        pass.intentThrough = last
      }
      return
    }
    // "We chose another vendor for our backups, not related to you.": looked for once a
    // sentence (a statement that continues the one before has passed it).
    if disclaimsTheVendor(start: pass.start, after: last, end: end) { return }
    pass.intentThrough = last
    // Saying one is leaving is negative about the vendor, whatever its words' valences ("we will
    // not renew", "we are switching to SentinelOne"): the sentence gets one more value, its
    // clause's aspects none ("if the outage happens again we will not renew" says nothing more
    // of the outage).
    if !leavingTakenBack { pass.keepForSentence(TextAnalyzer.intentValence, at: j, scratch) }
    out.churnIntent = true
    out.churnIntentCount += 1
    if out.churnIntentEvidence == nil {
      out.churnIntentEvidence = Int(buffer.tokens[first].start)..<Int(buffer.tokens[last].end)
    }
  }

  /// Clears the text's churn intent and its evidence (`affirmsStaying`).
  @inline(never)
  private func takeBackIntent(_ out: inout TextAnalysis) {
    out.churnIntent = false
    out.churnIntentCount = 0
    out.churnIntentEvidence = nil
  }

  /// Whether the stay phrase at tokens `first...last`, not negated, says the writer stays: the
  /// writer its subject ("We're staying.", "For now we stay.", "we will renew"), in a statement
  /// (not asked, not "if"), with no object but the service ("staying with Sophos" is leaving),
  /// and not for a while only ("we'll stay until March"). A text that says so takes back its
  /// statements of leaving (`runRules`): "Spent the last week evaluating alternatives. We're
  /// staying.", "We are staying. There were rumours we'd move to Defender."
  @inline(never)
  private func affirmsStaying(_ first: Int, _ last: Int, _ pass: RulePass) -> Bool {
    let end = pass.end
    guard !pass.sentenceAsks, !isWord(last, "renewal"), writerSubject(before: first, start: pass.start),
      !askedIf(before: first, start: pass.start, asks: false),
      objectAllowsIntent(first, last, start: pass.start, end: end, asked: false)
    else { return false }
    var u = last &+ 1
    while u < end && u <= last &+ 4 && buffer.tokens[u].kind != .clauseBreak {
      if isWord(u, "until") || isWord(u, "till") || isWord(u, "unless") || isWord(u, "if") { return false }
      u &+= 1
    }
    return true
  }

  /// The last token of a competitor or `target` that is the object of the phrase ending at token `t`
  /// (in its sentence, ending at token `end`), or nil: after function words ("the", "a"),
  /// numbers, and at most one other word, or two with a `vendor-word` among them ("switch to
  /// SentinelOne", "move to another vendor", "moving all 8000 endpoints to Defender",
  /// "transitioning our endpoint security to another provider"; not "talking to Microsoft
  /// support about Defender").
  private func vendorObject(after t: Int, end: Int) -> Int? {
    var u = t
    var others = 0
    var vendorWords = 0
    var share = false  // a number or a share word: "of" after it is passed over ("60% of our endpoints")
    while true {
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { return nil }
      let e = Int(buffer.tokens[u].entry)
      let x = lexicon.entryInfoPointer[e]  // entry -1 reads 0
      let role = TextAnalyzer.roles(x)
      if role.contains(.phraseStart), let last = phraseTargetOrCompetitor(token: u, end: end) { return last }
      if role.contains(.competitor) || TextLexicon.intentKind(x) == ChurnIntentKind.target.rawValue { return u }
      if role.contains(.functionWord) || (share && isWord(u, "of")) { continue }
      share = buffer.tokens[u].kind == .number || shareEntries.contains(buffer.tokens[u].entry)
      if share { continue }
      // "moving our monitoring to another provider": the object of the move, then where to.
      if others > 0 && (isWord(u, "to") || isWord(u, "onto")) {
        others = 0
        vendorWords = 0
        continue
      }
      others += 1
      if lexicon.objectClassPointer[e] & TextLexicon.ObjectClass.vendorWord != 0 { vendorWords += 1 }
      if others > (vendorWords > 0 ? 2 : 1) { return nil }
    }
  }

  /// The vendor that a move (token `t`, a one-word phrase of `moveVerbs`) takes its object
  /// off, or nil: the object (function words, numbers, up to three other words), then
  /// "off" or "away from" and the vendor, as `namesTheVendor` reads it ("migrating 2k endpoints
  /// off Sentravia", "moving everything off your platform", "moving our endpoints away from
  /// you"). A name no lexicon knows is taken for the vendor only when the object names what it
  /// sells or the whole service (a `vendor-word` or `service-object`: not "moving workloads off
  /// AWS", "moving the VMs off Hyperion").
  @inline(never)
  private func movedOff(verb t: Int, end: Int) -> Int? {
    typealias C = TextLexicon.ObjectClass
    let tk = buffer.tokens
    guard moveVerbEntries.contains(tk[t].entry) else { return nil }
    var u = t
    var others = 0
    var ofTheService = false
    while true {
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { return nil }
      var from = -1
      if isWord(u, "off") {
        from = u
      } else if isWord(u, "away") {
        let v = nextPosition(after: u, end: end)
        if v >= 0 && isWord(v, "from") { from = v }
      }
      if from >= 0 {
        guard others > 0, namesTheVendor(after: from, end: end) else { return nil }
        let vendor = from &+ 1
        if tk[vendor].kind == .handle { return vendor }
        if isWord(vendor, "your") {
          // "off your platform": the evidence runs to what of theirs.
          let what = nextPosition(after: vendor, end: end)
          return what >= 0 ? what : vendor
        }
        if isWord(vendor, "you")
          || lexicon.objectClassPointer[Int(tk[vendor].entry)] & (C.service | C.vendorWord) != 0
        {
          return vendor
        }
        return ofTheService ? vendor : nil
      }
      if tk[u].kind == .number { continue }
      let e = Int(tk[u].entry)
      let cls = lexicon.objectClassPointer[e]  // entry -1 reads 0
      if TextAnalyzer.roles(lexicon.entryInfoPointer[e]).contains(.functionWord) || cls & C.modifier != 0 {
        continue
      }
      if cls & (C.service | C.vendorWord) != 0 { ofTheService = true }
      others += 1
      if others > 3 { return nil }
    }
  }

  /// Whether a hedge ("almost", "nearly") is right before position `j`, the start of an intent
  /// phrase, or a plan in the past ("was going to", "were about to"): "we almost cancelled our
  /// contract" and "we were going to cancel, but the RCA convinced us to stay" state no intent;
  /// "we will almost certainly cancel", "nearly done migrating to Sophos" and "we're going to
  /// cancel" do.
  private func hedged(before j: Int, _ seq: UnsafeMutablePointer<Int32>, _ inf: UnsafeMutablePointer<UInt64>) -> Bool {
    guard inf[j - 1] & TextAnalyzer.breakBit == 0 else { return false }  // the sentinel before a sentence is a break
    if lexicon.objectClassPointer[Int(buffer.tokens[Int(seq[j - 1])].entry)] & TextLexicon.ObjectClass.hedge != 0 {
      return true
    }
    let tk = buffer.tokens
    let hedge = TextLexicon.ObjectClass.hedge
    // What nearly caused it did not: "nearly caused cancellation", "nearly caused a cancellation",
    // "almost led to termination" (the hedge two or three positions back; the sentinel before a
    // sentence is a break, and the walk stops there). Then a plan in the past: "was going to".
    guard j >= 2, inf[j - 2] & TextAnalyzer.breakBit == 0 else { return false }
    if lexicon.objectClassPointer[Int(tk[Int(seq[j - 2])].entry)] & hedge != 0 {
      return causeEntries.contains(tk[Int(seq[j - 1])].entry)
    }
    guard j >= 3, inf[j - 3] & TextAnalyzer.breakBit == 0 else { return false }
    if lexicon.objectClassPointer[Int(tk[Int(seq[j - 3])].entry)] & hedge != 0 {
      let last = tk[Int(seq[j - 1])].entry
      return causeEntries.contains(tk[Int(seq[j - 2])].entry)
        && (last == toEntry || inf[j - 1] & UInt64(EntryRoles.functionWord.rawValue) != 0)
    }
    return tk[Int(seq[j - 1])].entry == toEntry && pastPlanEntries.contains(tk[Int(seq[j - 2])].entry)
      && pastAuxiliaryEntries.contains(tk[Int(seq[j - 3])].entry)
  }

  /// What the object of an intent phrase is: none ("we will cancel", "cancel unless...", "not
  /// renew this year"), the service or the relationship ("cancel our subscription"), or
  /// something else ("terminate the VM", "cancel ticket #4821"), or the installed product taken
  /// off the whole estate ("uninstall your agent from every endpoint"): the service, unless a
  /// question asks how (`objectAllowsIntent`).
  private enum IntentObject { case absent, service, other, installedPart }

  /// Whether the `leave` or `stay` phrase of tokens `first...last` is an intent given its object:
  /// always unless it has an `object-verb` ("cancel", "terminate", "renew"), whose object must be
  /// absent or the service (the service, for a `drop-verb`, or "you" ending the phrase).
  /// `asked`: the phrase is in a question its sentence opens ("Can we uninstall...", "How do I
  /// remove..."), where taking the installed product off every machine is how-to, the work of
  /// the incident's recovery, not leaving ("How do I uninstall the sensor from every
  /// workstation?").
  private func objectAllowsIntent(_ first: Int, _ last: Int, start: Int, end: Int, asked: Bool) -> Bool {
    // What the phrase ends is a contract with a third party, not one with the vendor ("will not
    // extend our contract with the reseller").
    if last &+ 1 < end && isWord(last &+ 1, "with") && namesAThirdParty(after: last &+ 1, end: end) { return false }
    // A phrase ending in its verb's object ("we've given notice", "no longer a customer") has no
    // object to look for: "we've given notice to Sentravia" is the statement.
    if objectInPhraseEntries.contains(buffer.tokens[last].entry) { return true }
    // "the outage caused the cancellation of 300 flights", "forced the cancellation of every
    // appointment": a noun of leaving names what ends after "of", leaving only when that is the
    // service ("cancellation of our subscription") or the vendor's name.
    if first == last && last &+ 2 < end && isWord(last &+ 1, "of") && isAnyWord(last, TextAnalyzer.leavingNouns) {
      let verb = TextLexicon.ObjectClass.verb | TextLexicon.ObjectClass.nameVerb
      return object(after: last &+ 1, first: first, end: end, verb: verb) != .other
    }
    // The verb whose object decides is any of the phrase's words ("cancelled our", "no longer
    // using", whose "longer" asks for a named object), but only the last when that is a
    // leave-verb: "pulling the plug" wants no object, though "pulling" alone does.
    var verb = lexicon.objectClassPointer[Int(buffer.tokens[last].entry)]
    if verb & TextLexicon.ObjectClass.strictVerb == 0 {
      for t in first..<last { verb |= lexicon.objectClassPointer[Int(buffer.tokens[t].entry)] }
    }
    guard verb & TextLexicon.ObjectClass.verb != 0 else { return true }
    let needed = verb & TextLexicon.ObjectClass.objectNeeded != 0
    // A drop-verb's object "you" ("we're ditching you", "replacing you with Tanium"; not "dropped
    // you an email", "removed you from the thread").
    if needed && last &+ 1 < end && isWord(last &+ 1, "you") {
      let after = last &+ 2
      return after >= end || buffer.tokens[after].kind == .clauseBreak || isAnyWord(after, TextAnalyzer.afterYou)
    }
    switch object(after: last, first: first, end: end, verb: verb) {
    case .other: return false
    case .service: return true
    case .installedPart: return !asked
    // "we're done with you" holds its object; "the connection keeps dropping" has none, but
    // "Tessaro is being phased out" has the service as its subject.
    case .absent:
      return !needed || isWord(last, "you") || isWord(last, "us")
        || serviceSubject(before: first, start: start, after: last, end: end)
        // "our decision is to exit at end of term", "exiting by Q2": leaving, at a time.
        || (exitVerbEntries.contains(buffer.tokens[last].entry) && subjectLeaveEnds(after: last, end: end))
    }
  }

  /// Whether what follows the contrast word (or a concession's clause break) at token `t` goes
  /// on about the open clause's aspect: a pronoun standing for it ("Thanks for the voucher, but
  /// it doesn't even cover a coffee") or a judgement with no subject ("nice but useless"); a new
  /// subject ("The outage was bad but the people were great") is about something else; so is a
  /// verb with no subject ("The agent was polite but couldn't answer anything", "nice but was
  /// useless").
  @inline(never)
  private func continuesTheClause(after t: Int, end: Int) -> Bool {
    let u = t &+ 1
    guard u < end, buffer.tokens[u].kind == .word else { return false }
    let e = Int(buffer.tokens[u].entry)
    let roles = TextAnalyzer.roles(lexicon.entryInfoPointer[e])
    return lexicon.objectClassPointer[e] & TextLexicon.ObjectClass.pronoun != 0 || roles.contains(.valence)
      || roles.contains(.modal) || buffer.tokens[u].flags.contains(.negatedContraction)
      || predicateVerbEntries.contains(buffer.tokens[u].entry)
  }

  /// Words after "options" that name what the options are for (`alternativesToOther`).
  static let optionsOf: [StaticString] = ["for", "to", "on", "regarding", "around"]

  /// One-word `leave` phrases that are nouns: what ends is named after "of" (`objectAllowsIntent`).
  static let leavingNouns: [StaticString] = ["cancellation", "cancelation", "non-renewal"]

  /// Whether the word right before token `first` (past an adverb) is a thing that acts as the
  /// subject of the phrase starting there: "The update terminated our SQL services", "the
  /// sensor removed our agents", "the outage cancelled our bookings"; a fault's doing, not the
  /// writer leaving.
  private func doneByAThing(before first: Int, start: Int) -> Bool {
    guard first > start else { return false }
    if isThing(first &- 1) { return true }
    return first &- 1 > start && isAdverb(first &- 1) && isThing(first &- 2)
  }

  /// Whether token `u` is an artefact or a fault (`doneByAThing`).
  private func isThing(_ u: Int) -> Bool {
    let token = buffer.tokens[u]
    return token.kind == .word
      && (lexicon.formulaPointer[Int(token.entry)] & TextLexicon.Formula.artefact != 0
        || faultSubjectEntries.contains(token.entry))
  }

  /// Whether the passive verb at token `verb` has the service as its subject: past auxiliaries
  /// ("is being", "has been"), a `service-object` or `vendor-word` ("your product has been
  /// removed"), or a capitalised name no lexicon knows ("Tessaro is being phased out",
  /// "Nimbusly has been dropped as our vendor"; not a name moved "from" or "to" somewhere:
  /// "Sarah was moved to another team").
  private func serviceSubject(before verb: Int, start: Int, after last: Int, end: Int) -> Bool {
    typealias C = TextLexicon.ObjectClass
    let tk = buffer.tokens
    let classes = lexicon.objectClassPointer
    var u = verb &- 1
    var auxiliaries = 0
    while u >= start && tk[u].kind == .word && classes[Int(tk[u].entry)] & C.auxiliary != 0 {
      auxiliaries &+= 1
      u &-= 1
    }
    guard auxiliaries > 0, u >= start, tk[u].kind == .word else { return false }
    let cls = classes[Int(tk[u].entry)]
    if cls & (C.service | C.vendorWord) != 0 { return true }
    let next = nextPosition(after: last, end: end)
    // "You are being replaced.", "you've been dropped as our vendor", "you'll be replaced by
    // Sophos"; not "you were removed from the thread".
    if tk[u].entry == youEntry || tk[u].entry == youreEntry {
      return next < 0 || isWord(next, "by") || isWord(next, "with") || isWord(next, "as")
    }
    guard lexicon.unlistedPointer[Int(tk[u].entry)], isTitleCase(u) else { return false }
    guard next >= 0 else { return true }
    // "Varda is being dropped from our stack"; not "Sarah was moved to another team".
    if isWord(next, "from") { return wholeScope(after: next, end: end) }
    return !(isWord(next, "to") || isWord(next, "with"))
  }

  /// Whether one of the three words after token `t` is a third party that sells or runs the
  /// service (`thirdParties`: "with the reseller", "with our MSP").
  private func namesAThirdParty(after t: Int, end: Int) -> Bool {
    oneOfTheNextThree(after: t, end: end) { isAnyWord($0, TextAnalyzer.thirdParties) }
  }

  /// Whether one of the three words after token `t` (in its clause) passes `test`, given its token.
  private func oneOfTheNextThree(after t: Int, end: Int, _ test: (Int) -> Bool) -> Bool {
    var u = t
    for _ in 0..<3 {
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { return false }
      if test(u) { return true }
    }
    return false
  }

  /// Whether one of the three words after token `t` makes the place named all of the service's
  /// (`RuleWords.wholeScope`: "from all 14 stores", "from the approved vendor list").
  private func wholeScope(after t: Int, end: Int) -> Bool {
    oneOfTheNextThree(after: t, end: end) {
      lexicon.objectClassPointer[Int(buffer.tokens[$0].entry)] & TextLexicon.ObjectClass.wholeScope != 0
    }
  }

  /// Whether the statement starting at token `first` is asked about rather than made: "whether"
  /// before it in its clause (back to token `start`: "Staff have been asking whether we should
  /// switch vendors"), or, in a question (`asks`), "if" before it ("If we drop Tessaro, how long
  /// is our data kept?", "What happens to our logs if we give notice?") or "for", "about" or
  /// "regarding" right before it ("What's the notice period for cancelling?").
  private func askedIf(before first: Int, start: Int, asks: Bool) -> Bool {
    if asks && first > start && isAnyWord(first &- 1, TextAnalyzer.askedAbout) { return true }
    var u = first &- 1
    while u >= start && first &- u <= 8 && buffer.tokens[u].kind != .clauseBreak {
      let e = buffer.tokens[u].entry
      if e == whetherEntry || (asks && e == ifEntry) { return true }
      u &-= 1
    }
    return false
  }

  /// Whether the word before token `first` (past one adverb: "definitely", "officially") is the
  /// vendor or the service as the subject of a `subject-leave` phrase: a capitalised name no
  /// lexicon knows ("Drovan won't be in our stack"), with `anyCase` (the phrase names the
  /// writer's stack) any word no lexicon knows ("drovan won't be part of our stack"), a
  /// `service-object` or `vendor-word` ("your product has to go"), or "you".
  private func vendorSubject(before first: Int, start: Int, anyCase: Bool) -> Bool {
    typealias C = TextLexicon.ObjectClass
    var u = first &- 1
    if u >= start && isAnyWord(u, TextAnalyzer.subjectAdverbs) { u &-= 1 }
    guard u >= start, buffer.tokens[u].kind == .word else { return false }
    if isWord(u, "you") { return true }
    let e = Int(buffer.tokens[u].entry)
    if lexicon.objectClassPointer[e] & (C.service | C.vendorWord) != 0 { return true }
    guard lexicon.unlistedPointer[e] else { return false }
    return anyCase || isTitleCase(u) || buffer.tokens[u].flags.contains(.allCaps)
  }

  /// Adverbs passed over between a subject and its `subject-leave` phrase.
  static let subjectAdverbs: [StaticString] = [
    "definitely", "officially", "really", "now", "simply", "just", "also", "clearly",
  ]
  /// The writer's stack, after a `subject-leave` phrase ending in "our" ("won't be in our stack").
  static let stackWords: [StaticString] = [
    "stack", "environment", "estate", "toolset", "tooling", "toolkit", "toolbox", "plans", "plan", "budget", "roadmap",
    "infrastructure", "network", "lineup", "line-up", "setup", "portfolio", "future", "shop", "fleet", "endpoints",
    "vendors", "vendor", "list", "company", "organisation", "organization", "business", "renewal", "renewals",
    "picture", "running",
  ]

  /// Whether a `subject-leave` phrase ending at token `last` is complete: a phrase ending in
  /// "our" needs the writer's stack next (`stackWords`), any other the end of its clause, a time
  /// ("Tessaro has to go by Q2", "at renewal", "in December") or "asap", "now", "immediately".
  private func subjectLeaveEnds(after last: Int, end: Int) -> Bool {
    let next = nextPosition(after: last, end: end)
    if isWord(last, "our") || isWord(last, "the") || isWord(last, "of") {
      guard next >= 0 else { return false }
      var u = next
      // "our security stack", "our endpoint estate".
      if !isAnyWord(u, TextAnalyzer.stackWords) {
        let after = nextPosition(after: u, end: end)
        guard after >= 0 else { return false }
        u = after
      }
      return isAnyWord(u, TextAnalyzer.stackWords)
    }
    guard next >= 0 else { return true }
    if isWord(next, "by") || isWord(next, "asap") || isWord(next, "now") || isWord(next, "immediately")
      || isWord(next, "soon") || isWord(next, "next")
    {
      return true
    }
    if (isWord(next, "at") || isWord(next, "after") || isWord(next, "when") || isWord(next, "once"))
      && endsTheTerm(after: next, end: end)
    {
      return true
    }
    return isAnyWord(next, TextAnalyzer.beforeATime) && namesATime(after: next, end: end)
  }

  /// Verbs that report what somebody said ("the CFO told me they're done with us").
  static let reportingVerbs: [StaticString] = [
    "confirmed", "confirms", "said", "says", "told", "tells", "mentioned", "informed", "indicated", "advised", "stated",
    "announced", "shared", "warned", "explained", "admitted", "hinted", "signalled", "signaled", "reported", "wrote",
    "emailed", "replied", "insisted", "added", "notified",
  ]
  /// The account's people, whose "they" in an account manager's note is the account ("CFO told
  /// me they're moving").
  static let accountRoles: [StaticString] = [
    "cfo", "ciso", "cio", "cto", "ceo", "coo", "cso", "vp", "director", "owner", "procurement", "purchasing", "buyer",
    "champion", "sponsor", "contact", "admin", "administrator", "manager", "head", "founder", "md", "board",
    "management",
  ]

  /// Words before one of `accountRoles` that make it somebody else's ("a peer CISO said
  /// they're switching").
  static let otherPeoples: [StaticString] = ["a", "an", "another", "peer", "other", "former", "one", "friend's"]

  /// Words right before a statement of leaving in a question that make it the topic asked
  /// about ("the notice period for cancelling").
  static let askedAbout: [StaticString] = ["for", "about", "regarding"]

  /// Whether token `t` is a `leave-verb` ("leaving", "gone"): as a phrase of its own it states
  /// leaving only opening its sentence, with no subject ("Leaving at end of contract.", "Gone at
  /// renewal.", as notes and surveys put it); after a subject it may be anybody's ("Sarah is
  /// leaving.").
  private func isBareLeaveVerb(_ t: Int) -> Bool {
    typealias C = TextLexicon.ObjectClass
    let cls = lexicon.objectClassPointer[Int(buffer.tokens[t].entry)]
    return cls & (C.strictVerb | C.objectNeeded) == C.strictVerb
  }

  /// Whether token `first` opens its sentence, past an adverb ("Already gone, why am I getting
  /// this survey?", "Definitely leaving."): a bare leave verb there has no subject but the writer.
  private func opensTheSentence(_ first: Int, start: Int) -> Bool {
    first == start || (first &- 1 == start && (isAdverb(start) || isAnyWord(start, TextAnalyzer.sentenceAdverbs)))
  }

  /// Adverbs without "-ly" that may open a note before a leave verb (`opensTheSentence`).
  static let sentenceAdverbs: [StaticString] = ["already", "soon", "officially", "probably", "definitely"]

  /// Whether the writer's company is the subject of the verb at token `first`, past an adverb:
  /// "we're definitely leaving", "we are seriously leaving" (the phrase "we're leaving" with a
  /// word between). Not "I": "I'm leaving as soon as the update finishes" is a person leaving
  /// the office.
  private func writerBefore(_ first: Int, start: Int) -> Bool {
    var u = first &- 1
    if u > start && isAdverb(u) { u &-= 1 }
    guard u >= start else { return false }
    return isWord(u, "we're") || (u > start && isWord(u, "are") && isWord(u &- 1, "we"))
  }

  /// Whether "you" is the subject right before token `first` (up to three words back, in its
  /// clause): "done with us" is then the vendor's doing ("when you're done with us, close the
  /// ticket"), where with the account as subject it is leaving ("Customer says they're done with
  /// us"); "offboard us" is the vendor's doing either way ("we need you to offboard us").
  private func addressedBefore(_ first: Int, start: Int) -> Bool {
    let tk = buffer.tokens
    var u = first &- 1
    while u >= start && first &- u <= 3 && tk[u].kind != .clauseBreak {
      if lexicon.objectClassPointer[Int(tk[u].entry)] & TextLexicon.ObjectClass.addressee != 0 { return true }
      u &-= 1
    }
    return false
  }

  /// Whether the subject nearest before token `first` in its clause (back to token `start`) is
  /// somebody else ("they're done with Brightgate", "companies are ditching Halvern") rather
  /// than the writer ("they told us we're leaving").
  private func saidOfAThirdParty(before first: Int, start: Int) -> Bool {
    typealias C = TextLexicon.ObjectClass
    let tk = buffer.tokens
    // A phrase that names its subject ("we'll be gone", "you've lost us").
    if lexicon.objectClassPointer[Int(tk[first].entry)] & (C.firstPerson | C.addressee) != 0 { return false }
    var u = first &- 1
    while u >= start && first &- u <= 8 && tk[u].kind != .clauseBreak {
      let cls = lexicon.objectClassPointer[Int(tk[u].entry)]
      if cls & C.firstPerson != 0 { return false }
      // "I need to talk to someone about terminating our subscription": somebody spoken to is
      // not who leaves.
      if cls & C.thirdParty != 0 && u > start && (isWord(u &- 1, "to") || isWord(u &- 1, "with")) {
        u &-= 2
        continue
      }
      if cls & C.thirdParty != 0 {
        if cls & C.thirdPartyPronoun == 0 { return true }
        // "Customer confirmed they will not renew": the pronoun stands for the account; not
        // "a client of ours asked whether they should...", one of the writer's own clients.
        // So does a pronoun reported from one of the account's people or from the account by
        // its name, in an account manager's note ("Quinlan Retail: CFO told me they're done
        // with us", "Aldergate confirmed they are moving to a competitor").
        var v = u &- 1
        var reported = false
        while v >= start {
          if isAnyWord(v, TextAnalyzer.reportingVerbs) {
            reported = true
          } else if reported
            && ((isAnyWord(v, TextAnalyzer.accountRoles)
              && !(v > start && isAnyWord(v &- 1, TextAnalyzer.otherPeoples)))
              || (lexicon.unlistedPointer[Int(tk[v].entry)] && isTitleCase(v)
                && (v > start || isAnyWord(v &+ 1, TextAnalyzer.reportingVerbs))))
          {
            return false
          }
          if lexicon.objectClassPointer[Int(tk[v].entry)] & C.account != 0 {
            let w = v &- 1
            return w >= start
              && (isWord(w, "a") || isWord(w, "an") || isWord(w, "our") || isWord(w, "my")
                || isWord(w, "one") || isWord(w, "another"))
          }
          v &-= 1
        }
        return true
      }
      u &-= 1
    }
    return false
  }

  /// The object after token `t` of the phrase starting at token `first` (in its sentence, ending
  /// at token `end`), judged by its head, the last word of the noun phrase: up to six words
  /// past function words, numbers and `RuleWords.objectModifiers` ("all 300 seats", "our
  /// remaining term"), adverbs passed over (`isAdverb`: "terminate immediately the rogue
  /// process"), ended by a word that says the object is over ("unless", "at", "next", a break).
  /// A competitor anywhere in it makes it another vendor's ("we cancelled our McAfee contract");
  /// then the head decides: a `service-object` or `vendor-word`, or a word of negative valence
  /// ("cancel this garbage"), is the service; for a `name-verb` so is a run of capitalised words
  /// no lexicon knows ("leaving Aegis", the vendor's own name); "the rest of the contract" reads
  /// on past "of", and either side of "and"/"or" may be the service; a pronoun alone ("please
  /// cancel it"; "this" and "that" with nothing after them) stands for the nearest object word
  /// before it in the text (`antecedent`); any other head is something else ("the failed job").
  private func object(after t: Int, first: Int, end: Int, verb: UInt32) -> IntentObject {
    typealias C = TextLexicon.ObjectClass
    let tk = buffer.tokens
    let classes = lexicon.objectClassPointer
    var u = t
    var head = -1
    var words = 0
    var names = true
    var competitor = false
    var pronoun = false  // "it" or "them", or "this"/"that" with nothing after it
    var demonstrative = false
    var conjuncts = 0
    var stop = -1  // the word that ended the object, when one did (not the clause's end)
    var counted = false  // a number in the object ("dropping 50 seats")
    var whole = false  // "all", "every"... or "our" before a count ("cancel all 300 seats", "our 300 seats")
    var addOn = false  // a word for a part sold on top ("the threat intel add-on", "add-on licenses")
    var personal = false  // "his" or "her" before the head: a person's ("please remove his account")
    var otherBefore = false  // a not-object word before the head ("my newsletter subscription")
    while words < 6 {
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { break }
      demonstrative = false  // "this time": "this" was a determiner
      if tk[u].kind == .number {
        // "phasing out CentOS 7": a version of a product named, not the vendor.
        if head >= 0 && names && verb & C.objectNeeded != 0 { return .other }
        counted = true
        continue
      }
      let e = Int(tk[u].entry)
      let cls = classes[e]  // entry -1 reads 0
      let x = lexicon.entryInfoPointer[e]
      let role = TextAnalyzer.roles(x)
      if cls & C.pronoun != 0 {
        // "a vendor that bricks our fleet": after a head, "that" starts a clause of its own.
        if head >= 0 { break }
        if role.contains(.functionWord) { demonstrative = true } else { pronoun = true }
      }
      // "all 300 seats", and "our 300 seats" before a count: every one of them.
      if cls & C.wholeScope != 0 || (!counted && firstPersonPossessiveEntries.contains(buffer.tokens[u].entry)) {
        whole = true
      }
      if head < 0 && personalEntries.contains(tk[u].entry) { personal = true }
      if role.contains(.functionWord) || cls & C.modifier != 0 || isAdverb(u) { continue }
      // A verb ends the object ("the migration away from Orvane is now 80% complete"); one
      // negated says the statement is not made ("Dropping Tessaro is not on the table").
      if head >= 0 && cls & C.auxiliary != 0 && !isWord(u, "to") {
        if TextAnalyzer.roles(x).contains(.negator) || tk[u].flags.contains(.negatedContraction) {
          return .other
        }
        let v = nextPosition(after: u, end: end)
        if v >= 0 && TextAnalyzer.roles(lexicon.entryInfoPointer[Int(tk[v].entry)]).contains(.negator) { return .other }
        stop = u
        break
      }
      // "gonna cancel lol": laughter ends the object; so does "past" after it ("won't be
      // extending the contract past March") or before the term ("won't be continuing past this
      // term"; not "replace past tragedy").
      if laughterEntries.contains(tk[u].entry)
        || (words == 0 || head >= 0) && tk[u].entry == pastEntry && (head >= 0 || endsTheTerm(after: u, end: end))
      {
        stop = u
        break
      }
      // "terminate the contract pending review": what waits on the statement ends the object.
      if head >= 0 && tk[u].entry == pendingEntry {
        stop = u
        break
      }
      if cls & C.objectless != 0 {
        if head >= 0 && classes[Int(tk[head].entry)] & C.partitive != 0 && isWord(u, "of") {
          // "the rest of the contract": the object is what follows.
          (head, words, names) = (-1, 0, true)
          continue
        }
        // A leave-verb reads its object past "of", "for" and "on" unless its phrase holds it
        // ("leaving you for Sophos"): "want out of this contract",
        // "a replacement for Tessaro", "given notice on the contract"; "gone for the holidays").
        if head < 0 && words == 0 && verb & (C.strictVerb | C.objectNeeded) == C.strictVerb && !isWord(t, "you")
          && (isWord(u, "of") || isWord(u, "for") || isWord(u, "on"))
        {
          // "we're leaving for good", "gone for good this time": for ever, not an object.
          if isWord(u, "for") && goesFor(after: u, end: end) { return .absent }
          // "we will leave on 15 December": a day of the year, not what is left.
          if isWord(u, "on") && namesATime(after: u, end: end) { return .absent }
          continue
        }
        // "cancel the end of month report": a period before a noun that is or is not the service
        // modifies it; the noun is the object ("cancel the end of year contract" is leaving).
        if head < 0 && periodEntries.contains(tk[u].entry) {
          let v = nextPosition(after: u, end: end)
          if v >= 0 && classes[Int(tk[v].entry)] & (C.other | C.service) != 0 { continue }
        }
        // "replacing Marco as the primary admin contact": a person or a thing in a role.
        if head >= 0 && names && verb & C.objectNeeded != 0 && isWord(u, "as") { return .other }
        if head >= 0 && conjuncts < 2 && (isWord(u, "and") || isWord(u, "or")) {
          // "the onboarding session and the contract": either side may be the service.
          let headClass = classes[Int(tk[head].entry)]
          if !competitor && headClass & (C.service | C.vendorWord) != 0
            && !(verb & C.objectNeeded != 0 && headClass & C.partial != 0)
          {
            return .service
          }
          (head, words, names, addOn, otherBefore) = (-1, 0, true, false, false)
          conjuncts += 1
          continue
        }
        stop = u
        break
      }
      if cls & C.pronoun != 0 { continue }
      // A competitor anywhere in the object, one word or several ("our Trend Micro licences").
      competitor =
        competitor || role.contains(.competitor)
        || (role.contains(.phraseStart) && phraseTargetOrCompetitor(token: u, end: end) != nil)
      if head >= 0 && classes[Int(tk[head].entry)] & C.other != 0 { otherBefore = true }
      head = u
      words += 1
      if cls & C.partial != 0 && isAnyWord(u, TextAnalyzer.partsSoldOnTop) { addOn = true }
      // A name no lexicon knows, and any capitalised words or acronyms after it ("Lumora Pay",
      // "Kestrel IQ").
      names =
        names
        && (words > 1 ? isTitleCase(u) || tk[u].flags.contains(.allCaps) : lexicon.unlistedPointer[e] && isTitleCase(u))
    }
    if head < 0 {
      if pronoun || demonstrative {
        // "do we leave it?": a leave-verb's pronoun with nothing before it to stand for is not
        // the service.
        let stands = antecedent(before: first)
        return stands == .absent && verb & C.strictVerb != 0 ? .other : stands
      }
      // "We are leaving... for the holidays": a leave-verb's clause goes on past an ellipsis
      // before a word that would go on from the verb ("leaving... at renewal").
      if stop < 0 && words == 0 && verb & (C.strictVerb | C.objectNeeded | C.service) == C.strictVerb {
        let w = wordPastEllipsis(after: t, end: end)
        if w >= 0 { return object(after: w &- 1, first: first, end: end, verb: verb) }
      }
      // A phrase that holds the service ("continue with your service after this year") has its object.
      // A drop-verb's phrase ("ripped out of every site") has its own rule for no object.
      guard stop >= 0, verb & (C.strictVerb | C.objectNeeded) == C.strictVerb, verb & C.service == 0 else {
        return .absent
      }
      // "we're leaving early today": a leave-verb with no object states an intent only at its
      // clause's end, or when the phrase holds the object ("leaving you for Sophos"; not "I'll
      // leave you to it", "we will leave you with the logs").
      // "we'll be gone by Q2", "leaving by the end of the month", "leaving as soon as the
      // contract lets us", "gone at renewal", "you've lost us as a customer": a time or a
      // role, not an object.
      // "leaving in December", "gone from Q3", "leaving after the summer": a time of the year.
      // "We'll be gone by 4pm today", "gone by the end of the day": a time of the day, a
      // schedule.
      if (isWord(stop, "by") || isWord(stop, "after")) && namesATimeOfDay(after: stop, end: end) { return .other }
      if isWord(stop, "by")
        || (isWord(stop, "as") && stop &+ 1 < end && (isWord(stop &+ 1, "soon") || isWord(stop &+ 1, "a")))
        || ((isWord(stop, "at") || isWord(stop, "after") || isWord(stop, "when") || isWord(stop, "once")
          || isWord(stop, "past") || isWord(stop, "beyond"))
          && endsTheTerm(after: stop, end: end))
        || (isAnyWord(stop, TextAnalyzer.beforeATime) && namesATime(after: stop, end: end))
        || afterTheIncident(stop, end: end)
      {
        return .absent
      }
      // "we have cancelled and will leave on 15 December", "we're leaving and we won't be back":
      // a clause joined after the verb, opened by the writer or a modal, ends the verb's own.
      if negationJoinerEntries.contains(buffer.tokens[stop].entry) && stop &+ 1 < end
        && opensAClause(buffer.tokens[stop &+ 1].entry)
      {
        return .absent
      }
      // "we've given notice to Sentravia", "... to you", "... to @Sentravia": notice served on
      // the vendor (not "we gave notice to staff about the downtime").
      if isWord(t, "notice") && isWord(stop, "to") && namesTheVendor(after: stop, end: end) { return .absent }
      return isWord(t, "you") && !isWord(stop, "to") && !isWord(stop, "with") ? .absent : .other
    }
    // "Our intern is leaving, please remove his account": a person's account, not the service.
    if competitor || personal { return .other }
    let e = Int(tk[head].entry)
    let cls = classes[e]
    // "cancel the 20 add-on licenses", "will not renew the threat intel add-on", "terminate 50
    // seats": a part of the service, or some of it, not the service (not "cancel all 300 seats").
    if cls & C.partial != 0 && (addOn || (counted && !whole)) { return .other }
    if verb & C.objectNeeded != 0 {
      // "dropping 50 seats", "we dropped the Premium plan": less of the service, not leaving it.
      if counted || cls & C.partial != 0 { return .other }
      // "removed Tessaro from the SQL cluster", "dropped Karthik from the contacts": a named
      // thing taken from one place; "pulling Tessaro off all 3,000 endpoints" is leaving.
      if names && stop >= 0 && (isWord(stop, "from") || isWord(stop, "off")) && !wholeScope(after: stop, end: end) {
        return .other
      }
      // "uninstalling your agent from every endpoint", "pulled the sensor off all 300 servers":
      // the installed product taken off the whole estate (not "remove the agent from host 12",
      // nor "uninstall the sensor from all hosts and reinstall it").
      if stop >= 0 && (isWord(stop, "from") || isWord(stop, "off")) && isAnyWord(head, TextAnalyzer.installedParts)
        && wholeScope(after: stop, end: end) && !reinstalls(after: stop, end: end)
      {
        return .installedPart
      }
    }
    // A word of negative valence stands for the service ("cancel this garbage"), but not after
    // a drop-verb ("get rid of the errors").
    // "Our CISO will be leaving the company": a person leaves an employer, not the service.
    if verb & C.strictVerb != 0 && isWord(head, "company") && head > t
      && (isWord(head &- 1, "the") || isWord(head &- 1, "our"))
    {
      return .other
    }
    // "our contract with the reseller", "our agreement with the MSP that manages Aegis": the
    // service bought through a third party, whose contract ends, not the vendor's.
    if stop >= 0 && isWord(stop, "with") && namesAThirdParty(after: stop, end: end) { return .other }
    // "cancelling my newsletter subscription", "cancel my subscription to the webinar series":
    // the service's word for something else the writer subscribes to.
    if cls & C.service != 0
      && (otherBefore || (stop >= 0 && isWord(stop, "to") && namesAnotherThing(after: stop, end: end)))
    {
      return .other
    }
    if cls & (C.service | C.vendorWord) != 0 { return .service }
    // Not after a leave-verb, whose word of valence is how one stays: "I couldn't stay mad".
    if e >= 0 && lexicon.valencePointer[e] < 0 && verb & (C.objectNeeded | C.strictVerb) == 0 { return .service }
    if names && verb & C.nameVerb != 0 { return .service }
    return .other
  }

  /// Whether the noun after token `t` (past function words and modifiers, within three words)
  /// is a `not-object`: "to the newsletter", "to your product updates".
  private func namesAnotherThing(after t: Int, end: Int) -> Bool {
    typealias C = TextLexicon.ObjectClass
    let classes = lexicon.objectClassPointer
    var u = t
    for _ in 0..<3 {
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { return false }
      let e = Int(buffer.tokens[u].entry)
      if classes[e] & C.other != 0 { return true }
      if TextAnalyzer.roles(lexicon.entryInfoPointer[e]).contains(.functionWord) || classes[e] & C.modifier != 0 {
        continue
      }
      // "to the product updates": a word that only qualifies the next.
      if classes[e] & (C.service | C.vendorWord) != 0 || lexicon.unlistedPointer[e] && isTitleCase(u) { continue }
      return false
    }
    return false
  }

  /// Whether the word after token `t` names the vendor: "you" or "your", its @handle, the
  /// service or a vendor-word, or a capitalised name no lexicon knows.
  private func namesTheVendor(after t: Int, end: Int) -> Bool {
    let tk = buffer.tokens
    guard t &+ 1 < end else { return false }
    if tk[t &+ 1].kind == .handle { return true }
    let u = nextPosition(after: t, end: end)
    guard u == t &+ 1 else { return false }
    if isWord(u, "you") || isWord(u, "your") { return true }
    let e = Int(tk[u].entry)
    if lexicon.objectClassPointer[e] & (TextLexicon.ObjectClass.service | TextLexicon.ObjectClass.vendorWord) != 0 {
      return true
    }
    return lexicon.unlistedPointer[e] && (isTitleCase(u) || tk[u].flags.contains(.allCaps))
  }

  /// Auxiliaries that make the "you" after them the one asked ("could you", "can you").
  static let requestAuxiliaries: [StaticString] = ["could", "can", "would", "will"]

  /// Whether "to" follows the alternatives that end a `leave` phrase at token `t`, and what
  /// they are alternatives to is not the vendor: past function words and modifiers ("the
  /// current", "our existing"), a word that is not "you"/"your", the service, a vendor-word, a
  /// competitor or a capitalised name no lexicon knows ("to the backup tool"; not "alternatives
  /// to our EDR", "to Sentravia", "to you"), or anything after "their" ("alternatives to their
  /// CRM"). A word right after "to" may be a verb ("other vendors to replace you"), and
  /// alternatives "for" something may be for a time ("for next year"): both stay leaving.
  private func alternativesToOther(after t: Int, end: Int) -> Bool {
    typealias C = TextLexicon.ObjectClass
    let tk = buffer.tokens
    var u = nextPosition(after: t, end: end)
    // "exploring our options for recovering the drives", "other options to restore the hosts":
    // options of doing something else, unless the vendor or the service follows ("our options
    // for renewal", "options for our endpoint security").
    if u == t &+ 1 && isWord(t, "options") && isAnyWord(u, TextAnalyzer.optionsOf) {
      for _ in 0..<3 {
        u = nextPosition(after: u, end: end)
        guard u >= 0 else { return false }
        let e = Int(tk[u].entry)
        if isWord(u, "you") || isWord(u, "your")
          || TextAnalyzer.roles(lexicon.entryInfoPointer[e]).contains(.competitor)
          || lexicon.objectClassPointer[e] & (C.service | C.vendorWord) != 0
        {
          return false
        }
        if !TextAnalyzer.roles(lexicon.entryInfoPointer[e]).contains(.functionWord) { return true }
      }
      return true
    }
    guard u == t &+ 1, isWord(u, "to") else { return false }
    var determined = false
    for _ in 0..<4 {
      guard u &+ 1 < end else { return false }
      if tk[u &+ 1].kind == .handle { return false }
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { return false }
      let e = Int(tk[u].entry)
      let x = lexicon.entryInfoPointer[e]  // entry -1 reads 0
      if isWord(u, "you") || isWord(u, "your") || TextAnalyzer.roles(x).contains(.competitor)
        || lexicon.objectClassPointer[e] & (C.service | C.vendorWord) != 0
        || (lexicon.unlistedPointer[e] && (isTitleCase(u) || tk[u].flags.contains(.allCaps)))
      {
        return false
      }
      // Somebody else's ("alternatives to their CRM").
      if isAnyWord(u, TextAnalyzer.othersPossessives) { return true }
      if TextAnalyzer.roles(x).contains(.functionWord) || lexicon.objectClassPointer[e] & C.modifier != 0 {
        determined = true
        continue
      }
      // A word right after "to" may be a verb ("other vendors to replace you"): only a head
      // after a determiner is taken for what the alternatives replace.
      return determined
    }
    return false
  }

  /// Possessives that make what follows somebody else's (`alternativesToOther`).
  static let othersPossessives: [StaticString] = ["their", "his", "her"]

  /// The last words of intent phrases that hold their verb's object ("no longer a customer",
  /// "exercised the exit clause": "exit" is a drop-verb, but its clause is what is exercised).
  static let objectsInPhrase: [StaticString] = ["customer", "customers", "client", "clients", "clause"]
  /// Whether a word of installing again follows token `t` in its sentence (ending at token
  /// `end`): what is removed to be reinstalled stays.
  private func reinstalls(after t: Int, end: Int) -> Bool {
    var u = t &+ 1
    while u < end {
      if isAnyWord(u, TextAnalyzer.reinstallWords) { return true }
      u &+= 1
    }
    return false
  }

  /// Words of installing again (`reinstalls`).
  static let reinstallWords: [StaticString] = [
    "reinstall", "reinstalling", "re-install", "re-installing", "reinstalled",
  ]

  /// What of the product is installed on the customer's machines: taken off all of them
  /// ("uninstalling your agent from every endpoint"), it is the service.
  static let installedParts: [StaticString] = ["agent", "agents", "sensor", "sensors"]
  /// One-word `leave-to` phrases that move an object, which may be moved off the vendor
  /// instead of to another (`movedOff`).
  static let moveVerbs: [StaticString] = [
    "move", "moving", "moved", "migrate", "migrating", "migrated", "transitioning", "shifting",
  ]
  /// Drop-verbs that state leaving with no object when a time follows ("exit at renewal").
  static let exitVerbs: [StaticString] = ["exit", "exiting"]

  /// Third parties through which the service is bought or run: a contract with them is not the
  /// vendor's (`namesAThirdParty`).
  static let thirdParties: [StaticString] = [
    "reseller", "resellers", "msp", "msps", "distributor", "distributors", "integrator", "integrators",
  ]

  /// Parts of the service sold on top of it: their leaving is a downgrade ("cancel the add-on").
  static let partsSoldOnTop: [StaticString] = ["add-on", "add-ons", "module", "modules"]

  /// Words before a time of the year that a leave-verb may end at ("leaving in December").
  static let beforeATime: [StaticString] = ["in", "from", "after", "at", "during", "before", "come", "end", "on"]
  /// Times of the year: months, quarters, seasons, and "year", "month", "quarter" ("in the new
  /// year", "at the end of the month"); not hours or minutes ("leaving in five minutes").
  static let timesOfTheYear: [StaticString] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "q1", "q2",
    "q3", "q4", "h1", "h2", "spring", "summer", "autumn", "fall", "winter", "year", "month", "quarter", "fy", "weeks",
    "months",
  ]

  /// Whether one of the three words after token `stop` is a time of the year
  /// (`timesOfTheYear`: "in December", "from Q3", "in the new year").
  private func namesATime(after stop: Int, end: Int) -> Bool {
    oneOfTheNextThree(after: stop, end: end) { isAnyWord($0, TextAnalyzer.timesOfTheYear) }
  }

  /// Times of the day, after "by": a schedule, not the end of a contract ("gone by noon").
  static let timesOfTheDay: [StaticString] = [
    "today", "tonight", "tomorrow", "noon", "midday", "midnight", "lunch", "lunchtime", "eod", "cob", "morning",
    "afternoon", "evening", "day", "pm", "am", "o'clock",
  ]

  /// Whether one of the five words after token `stop` is a time of the day (`timesOfTheDay`,
  /// "4pm", "10am", "16:00"), before any time of the year.
  private func namesATimeOfDay(after stop: Int, end: Int) -> Bool {
    var u = stop
    for _ in 0..<5 {
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { return false }
      if isAnyWord(u, TextAnalyzer.timesOfTheYear) { return false }
      if isAnyWord(u, TextAnalyzer.timesOfTheDay) || isClockTime(u) { return true }
    }
    return false
  }

  /// Times a leaving is only for, after "for" and "the" or "this" ("done with you for today",
  /// "for the day", "for this week"): a day's work ending, not the relationship.
  static let shortSpells: [StaticString] = [
    "today", "tonight", "day", "night", "evening", "afternoon", "morning", "weekend", "week", "lunch",
  ]

  /// Whether "for" and a short spell of time (`shortSpells`, past "the" or "this") follow the
  /// phrase ending at token `last`, or "you" or "us" after it: "done with you for today".
  @inline(__always)
  private func forTheDay(after last: Int, end: Int) -> Bool {
    let tk = buffer.tokens
    var u = last &+ 1
    guard u &+ 1 < end else { return false }
    if tk[u].entry == youEntry || tk[u].entry == usEntry { u &+= 1 }
    guard u &+ 1 < end && tk[u].entry == forEntry else { return false }
    return spellAfterFor(u, end: end)
  }

  /// `forTheDay`'s spell of time after "for" at token `t`.
  @inline(never)
  private func spellAfterFor(_ t: Int, end: Int) -> Bool {
    var u = nextPosition(after: t, end: end)
    if u >= 0 && (isWord(u, "the") || isWord(u, "this")) { u = nextPosition(after: u, end: end) }
    return u >= 0 && isAnyWord(u, TextAnalyzer.shortSpells)
  }

  /// Whether the sentence (tokens `start..<end`) says that the statement ending at token `last`
  /// is not about the vendor: "unrelated to you", "not related to your product", "nothing to
  /// do with Tessaro", after the statement ("We chose another vendor for our backups, not
  /// related to you.") or opening the sentence ("Unrelated to you, but we're moving our backups
  /// to Veeam."). Looked for once a statement of leaving is found.
  @inline(never)
  private func disclaimsTheVendor(start: Int, after last: Int, end: Int) -> Bool {
    let tk = buffer.tokens
    // The words that open a disclaimer by entry (compares a token); the rest only where one is.
    // Where one may be: the sentence's first two words, and every word after the statement.
    var t = start &- 1
    while true {
      t = t == start &+ 1 ? max(t &+ 1, last &+ 1) : t &+ 1
      guard t < end else { return false }
      let e = tk[t].entry
      guard e == unrelatedEntry || e == relatedEntry || e == nothingEntry else { continue }
      var u = t &+ 1
      if e == relatedEntry {
        // "not related", "isn't related".
        guard t > start,
          TextAnalyzer.roles(lexicon.entryInfoPointer[Int(tk[t &- 1].entry)]).contains(.negator)
            || tk[t &- 1].flags.contains(.negatedContraction)
        else { continue }
      } else if e == nothingEntry {
        // "nothing to do with".
        guard u &+ 2 < end, tk[u].entry == toEntry, isWord(u &+ 1, "do") else { continue }
        u &+= 2
      }
      guard u < end, tk[u].entry == toEntry || isWord(u, "with") else { continue }
      if namesTheVendor(after: u, end: end) { return true }
    }
  }

  /// Whether a coming back (a `stay` phrase ending in "back" at token `last`) is the
  /// relationship's: at the end of its clause, before "again" or "ever", or after the incident
  /// ("We won't be back.", "not coming back after this"); not a return to a place or a time
  /// ("won't be back until Monday", "not coming back online").
  private func comingBackEnds(after last: Int, end: Int) -> Bool {
    let next = nextPosition(after: last, end: end)
    return next < 0 || isWord(next, "again") || isWord(next, "ever") || afterTheIncident(next, end: end)
  }

  /// Whether the writer is the subject right before token `n` (past auxiliaries and adverbs):
  /// "We won't be back", "we're not coming back"; not "Our admin won't be back", "the dashboard
  /// won't come back".
  private func writerSubject(before n: Int, start: Int) -> Bool {
    typealias C = TextLexicon.ObjectClass
    var u = n &- 1
    while u >= start && n &- u <= 3 {
      let cls = lexicon.objectClassPointer[Int(buffer.tokens[u].entry)]
      if cls & C.firstPerson != 0 { return !firstPersonPossessiveEntries.contains(buffer.tokens[u].entry) }
      guard cls & C.auxiliary != 0 || isAdverb(u) else { return false }
      u &-= 1
    }
    return false
  }

  /// Whether a verb after the one-word statement at token `last` rules it out: "Cancellation is
  /// off the table", "leaving is not on the table", "switching is out of the question".
  private func ruledOut(after last: Int, end: Int) -> Bool {
    let u = last &+ 1
    guard u &+ 3 < end,
      lexicon.objectClassPointer[Int(buffer.tokens[u].entry)] & TextLexicon.ObjectClass.auxiliary != 0
    else { return false }
    var v = u &+ 1
    if isWord(v, "not") { v &+= 1 }
    guard v &+ 2 < end else { return false }
    if (isWord(v, "off") && v == u &+ 1) || (isWord(v, "on") && v == u &+ 2) {
      return isWord(v &+ 1, "the") && isWord(v &+ 2, "table")
    }
    return v == u &+ 1 && v &+ 3 < end && isWord(v, "out") && isWord(v &+ 1, "of") && isWord(v &+ 3, "question")
  }

  /// Words for the incident after "after this" or "after the" that have no aspect of their own.
  static let incidentWords: [StaticString] = [
    "mess", "fiasco", "disaster", "debacle", "shambles", "week", "weekend", "episode", "experience", "one",
  ]

  /// Whether "after" at token `stop` opens the incident as a time ("No way we're staying after
  /// this.", "leaving after this outage", "after the incident", "after this mess"): "this" or
  /// "that" ending its clause, or "this", "that" or "the" and an outage word (`incidentWords`).
  private func afterTheIncident(_ stop: Int, end: Int) -> Bool {
    guard isWord(stop, "after") else { return false }
    let u = nextPosition(after: stop, end: end)
    guard u >= 0 else { return false }
    let demonstrative = isWord(u, "this") || isWord(u, "that")
    guard demonstrative || isWord(u, "the") else { return false }
    let v = nextPosition(after: u, end: end)
    if v < 0 { return demonstrative }
    return lexicon.entryInfoPointer[Int(buffer.tokens[v].entry)] & TextAnalyzer.outageInfoBit != 0
      || isAnyWord(v, TextAnalyzer.incidentWords)
  }

  /// Whether token `t` is a clock time written as one token: digits then "am" or "pm" ("4pm",
  /// "10AM"), or digits around a colon ("16:00").
  private func isClockTime(_ t: Int) -> Bool {
    guard let bytes = textBytes else { return false }
    let start = Int(buffer.tokens[t].start), end = Int(buffer.tokens[t].end)
    guard end &- start >= 3, bytes[start] &- UInt8(ascii: "0") < 10 else { return false }
    let last = bytes[end &- 1] | 0x20, before = bytes[end &- 2] | 0x20
    if last == UInt8(ascii: "m") && (before == UInt8(ascii: "a") || before == UInt8(ascii: "p"))
      && bytes[end &- 3] &- UInt8(ascii: "0") < 10
    {
      return true
    }
    for i in start..<end where bytes[i] == UInt8(ascii: ":") { return true }
    return false
  }

  /// Whether the words after token `stop` ("at", "after"...) name the end of the term: the
  /// service ("at renewal", "after this contract") or its end ("at the end of the term").
  private func endsTheTerm(after stop: Int, end: Int) -> Bool {
    var u = stop
    for _ in 0..<3 {
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { return false }
      if lexicon.objectClassPointer[Int(buffer.tokens[u].entry)] & TextLexicon.ObjectClass.service != 0
        || isWord(u, "end") || isWord(u, "term")
      {
        return true
      }
    }
    return false
  }

  /// What a pronoun object ("cancel it", "cancel this") stands for: the nearest word before token
  /// `t`, in the same sentence or the ones before (up to 30 tokens back), that is a
  /// `service-object` or `vendor-word` (the service) or a `not-object` (something else); with
  /// none, the service ("Cancel it. We don't want your product").
  private func antecedent(before t: Int) -> IntentObject {
    typealias C = TextLexicon.ObjectClass
    var u = t - 1
    while u >= 0 && t - u <= 30 {
      let cls = lexicon.objectClassPointer[Int(buffer.tokens[u].entry)]
      if cls & (C.service | C.vendorWord) != 0 { return .service }
      if cls & C.other != 0 { return .other }
      u -= 1
    }
    return .absent
  }

  /// Whether token `t` is the word `word` (lower case ASCII), in any case.
  private func isWord(_ t: Int, _ word: StaticString) -> Bool {
    let token = buffer.tokens[t]
    guard let bytes = textBytes, Int(token.end - token.start) == word.utf8CodeUnitCount else { return false }
    return ByteText(p: bytes, n: textByteCount).matches(at: Int(token.start), word, ignoringCase: true)
  }

  /// Whether token `t` is an adverb by its ending: "ly" ("immediately", "shortly"; not a name no
  /// lexicon knows, "Nimbusly") or "-wide" ("company-wide").
  private func isAdverb(_ t: Int) -> Bool {
    // A name no lexicon knows may end in "ly" too ("Nimbusly").
    if wordEnds(t, with: "ly", longerThan: 3) {
      return !isTitleCase(t) || !lexicon.unlistedPointer[Int(buffer.tokens[t].entry)]
    }
    return wordEnds(t, with: "-wide", longerThan: 5)
  }

  /// Whether token `t` is a word of more than `minimum` bytes ending in `suffix` (ASCII, any
  /// case): the suffix tests of `isAdverb`, `isParticiple` and `isGerund`.
  @inline(__always)
  private func wordEnds(_ t: Int, with suffix: StaticString, longerThan minimum: Int32) -> Bool {
    let token = buffer.tokens[t]
    guard token.kind == .word, let bytes = textBytes, token.end - token.start > minimum else { return false }
    return ByteText(p: bytes, n: textByteCount)
      .matches(at: Int(token.end) - suffix.utf8CodeUnitCount, suffix, ignoringCase: true)
  }

  /// The last token of a vendor's name right after token `t` (in its sentence, ending at token
  /// `end`), or nil: a word no lexicon knows, written with a capital and then lower case
  /// ("Quillon"), with the capitalised words after it, and a `vendor-word` among them or right
  /// after them ("Quillon Security", "Brackwell MDR"). Known words (VADER's, ours, and
  /// intents.txt's `not-vendor` list: "Windows", "Monday") and words in capitals are not taken
  /// for names: in a line of capitals every word looks like one. What a name is for, further on
  /// ("moving to Zscaler for endpoint traffic"), does not make it a vendor.
  private func unknownVendorName(after t: Int, end: Int) -> Int? {
    let tk = buffer.tokens
    let u = nextPosition(after: t, end: end)
    guard u >= 0, lexicon.unlistedPointer[Int(tk[u].entry)], isTitleCase(u) else { return nil }
    var last = u
    var vendorKind = false
    while last - u < 3, last + 1 < end, tk[last + 1].kind == .word, isTitleCase(last + 1) {
      last += 1
      vendorKind = vendorKind || isVendorWord(last)
    }
    if !vendorKind, last + 1 < end, tk[last + 1].kind == .word, isVendorWord(last + 1) {
      vendorKind = true
      last += 1
    }
    return vendorKind ? last : nil
  }

  private func isVendorWord(_ t: Int) -> Bool {
    lexicon.objectClassPointer[Int(buffer.tokens[t].entry)] & TextLexicon.ObjectClass.vendorWord != 0
  }

  /// Whether token `t` is a word that starts with a capital (A–Z, or À–Þ) and has lower case.
  private func isTitleCase(_ t: Int) -> Bool {
    let token = buffer.tokens[t]
    guard token.kind == .word, let bytes = textBytes, token.flags.contains(.hasLower),
      !token.flags.contains(.hashtag)
    else { return false }
    let first = bytes[Int(token.start)]
    if first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") { return true }
    // À–Þ but × (U+00C0–U+00DE, U+00D7): "Öresund", "Ériksson".
    guard first == 0xC3, Int(token.end) > Int(token.start) + 1 else { return false }
    let second = bytes[Int(token.start) + 1]
    return second >= 0x80 && second <= 0x9E && second != 0x97
  }

  /// The next position's token after token `t` (in its sentence, ending at token `end`) and the
  /// two-word phrase prefix the two start, or nil when they start none.
  private func prefixAhead(of t: Int, end: Int) -> (second: Int, prefix: Int32)? {
    let u = nextPosition(after: t, end: end)
    guard u >= 0 && buffer.tokens[u].entry >= 0 else { return nil }
    let prefix = lexicon.phraseTrie.find(PhraseTrie.firstKey(buffer.tokens[t].entry, buffer.tokens[u].entry))
    return prefix >= 0 ? (u, prefix) : nil
  }

  /// The last token of the longest competitor or target phrase starting at token `t`, or nil:
  /// the evidence runs to the object's end ("switching to a competitor", "moving to Palo Alto
  /// Networks").
  private func phraseTargetOrCompetitor(token t: Int, end: Int) -> Int? {
    guard let (u, prefix) = prefixAhead(of: t, end: end) else { return nil }
    let count = matchPhrases(targetMatches, token: t, second: u, prefix: prefix, end: end)
    var q = count
    while q > 0 {
      q &-= 1
      let p = Int(targetMatches.phrase[q])
      if lexicon.phraseCompetitorPointer[p] || lexicon.phraseIntentPointer[p] == ChurnIntentKind.target.rawValue {
        return Int(targetMatches.token[Int(targetMatches.length[q]) &- 1])
      }
    }
    return nil
  }

  /// The token of the position after token `t` in its sentence (ending at token `end`), or -1
  /// at a clause break or the end.
  @inline(__always)
  private func nextPosition(after t: Int, end: Int) -> Int {
    let tk = buffer.tokens
    var u = t + 1
    while u < end {
      let kind = tk[u].kind
      if kind.rawValue <= TokenKind.emoticon.rawValue { return u }
      if kind == .clauseBreak { return -1 }
      u += 1
    }
    return -1
  }

  /// Finds the phrases starting at token `t` whose words are all lexicon entries, shortest
  /// first, into `m`; returns how many. The caller has found the two-word prefix (`prefix`,
  /// with `u` the token of the second word); one trie step per further word of the longest
  /// phrase prefix.
  private func matchPhrases(_ m: PhraseMatches, token t: Int, second u: Int, prefix: Int32, end: Int) -> Int {
    let lex = lexicon
    let trie = lex.phraseTrie
    m.token[0] = Int32(truncatingIfNeeded: t)
    var u = u
    var prefix = prefix
    var length = 2
    var count = 0
    while prefix >= 0 {
      m.token[length - 1] = Int32(truncatingIfNeeded: u)
      let phrase = lex.prefixPhrasePointer[Int(prefix)]
      if phrase >= 0 {
        m.length[count] = Int32(length)
        m.phrase[count] = phrase
        count += 1
      }
      guard lex.prefixContinuesPointer[Int(prefix)] else { break }
      u = nextPosition(after: u, end: end)
      guard u >= 0 else { break }
      let e = buffer.tokens[u].entry
      guard e >= 0 else { break }
      prefix = trie.find(PhraseTrie.nextKey(prefix, e))
      length += 1
    }
    return count
  }

  /// "I can't recommend them enough", "cannot thank the team enough", "couldn't praise you
  /// enough": the praise is more than words can give, not withheld (read -0.28, the opposite of
  /// what it says). The negator is "can't", "cannot" or "couldn't"; "enough" is within three
  /// words after a verb of praise (`RuleWords.praisedEnough`) in the sentence (`end`, a token
  /// index). "not good enough" is no such verb and stays a complaint.
  @inline(never)
  private func cannotEnough(
    negator: Int, valenceAt j: Int, end: Int, _ seq: UnsafeMutablePointer<Int32>
  ) -> Bool {
    let t = Int(seq[j])
    guard praisedEnoughEntries.contains(buffer.tokens[t].entry), isAnyWord(Int(seq[negator]), Self.cannotWords)
    else { return false }
    var u = t &+ 1
    while u < min(end, t &+ 4) {
      if isWord(u, "enough") { return true }
      u &+= 1
    }
    return false
  }

  /// The negators of `cannotEnough`.
  private static let cannotWords: [StaticString] = [
    "can't", "cannot", "couldn't", "cant", "couldnt", "can\u{2019}t", "couldn\u{2019}t",
  ]

  /// Whether the negator at `negator` is "never" with "so" or "this" between it and the valence
  /// word at `j`, right before the word or one before it ("never been so disappointed", "never
  /// this frustrated", "never so happy"): VADER's `_never_check` reads that as emphasis.
  @inline(never)
  private func neverIntensifies(negator: Int, valenceAt j: Int, _ seq: UnsafeMutablePointer<Int32>) -> Bool {
    let tk = buffer.tokens
    guard tk[Int(seq[negator])].entry == neverEntry else { return false }
    for k in max(negator + 1, j - 2)..<j where soOrThisEntries.contains(tk[Int(seq[k])].entry) { return true }
    return false
  }

  /// Counts negations in the `window` content words before `j` (function words such as "a",
  /// "the", "any" do not count; the scan stops at clause breaks and contrast words); returns
  /// the count, whether the nearest is existential ("no", "without") and where the nearest is.
  /// A negated negation-raising verb further back in the clause ("don't think ... will be")
  /// counts too.
  @inline(__always)
  private static func negations(
    before j: Int, window: Int, _ inf: UnsafeMutablePointer<UInt64>
  ) -> (count: Int, existential: Bool, nearest: Int) {
    var count = 0
    var existential = false
    var nearest = j
    var content = 0
    var k = j - 1
    while k >= 0 {
      let x = inf[k]
      if x & TextAnalyzer.breakBit != 0 || roles(x).contains(.contrast) { break }
      let role = roles(x)
      if content < window {
        if x & TextAnalyzer.negatorBit != 0 {
          if count == 0 {
            existential = role.contains(.existentialNegator)
            nearest = k
          }
          count += 1
        }
        if !role.contains(.functionWord) { content += 1 }
        // The window's last word a negated raiser ("I wouldn't say the response was good"): its
        // negator, just past the window, moves to the clause as it does from further back.
        if content == window && role.contains(.negationRaiser) && k > 0 && inf[k - 1] & TextAnalyzer.negatorBit != 0 {
          if count == 0 {
            existential = false
            nearest = k - 1
          }
          count += 1
          break
        }
      } else if role.contains(.negationRaiser) && k > 0 && inf[k - 1] & TextAnalyzer.negatorBit != 0 {
        if count == 0 {
          existential = false
          nearest = k - 1
        }
        count += 1
        break
      } else if j - k > 8 {
        break
      }
      k -= 1
    }
    return (count, existential, nearest)
  }

  @inline(__always)
  static func punctuationEmphasis(_ s: Sentence) -> Float {
    var e = Float(min(s.exclamations, 4)) * 0.292
    if s.questions > 1 { e += s.questions <= 3 ? Float(s.questions) * 0.18 : 0.96 }
    return e
  }

  /// VADER's normalisation of a sum of valences into [-1, 1] (0 gives 0). No branch on a zero
  /// score: whether a sentence has values is a coin flip, and nothing waits on the division.
  @inline(__always)
  static func normalize(_ score: Double) -> Double {
    let c = score / (score * score + alpha).squareRoot()
    return min(1, max(-1, c))
  }
}

/// The running clause and segment of a sentence: the rules pass splits the sentence into
/// clauses where the aspect talked about changes and gives each mentioned aspect the compound
/// of its clauses. A clause without an aspect continues the one before it ("The outage, which
/// lasted days, was a nightmare"), and a short sentence that opens without one continues the
/// last clause of the sentence before, when that sentence named its aspect ("Credit received.
/// Thank you."; one sentence on, no further: `TextAnalyzer.carryMaxTokens`).
private struct ClauseState {
  var emphasis: Float
  let aspectSum: UnsafeMutablePointer<Double>
  let aspectWeight: UnsafeMutablePointer<Double>
  let aspectMentions: UnsafeMutablePointer<Int>
  let aspectSentenceSum: UnsafeMutablePointer<Double>
  var clauseMask: UInt8 = 0
  var clauseSum: Float = 0
  var clauseItems = 0
  var clauseOpen = false
  /// The open clause is the sentence before's, carried over, and no segment naming an aspect
  /// has joined it yet: unless a value joins it, it is not a mention.
  var carried = false
  /// The aspects of the last sentence's last clause, when that sentence named them (0: nothing
  /// to carry into the next sentence).
  var carriedMask: UInt8 = 0
  var segMask: UInt8 = 0
  var segSum: Float = 0
  var segItems = 0
  /// Whether the segment has begun: an aspect or a value (so no flag to set on every word).
  var segOpen: Bool { segMask != 0 || segItems != 0 }
  /// The segment began after a break with a verb (`TextAnalyzer.predicateVerbEntries`): a
  /// predicate whose subject is the open clause when that one named an aspect and judged
  /// nothing ("Support team, especially Priya, was excellent during the incident."). It joins that
  /// clause with whatever aspect it names itself, so the subject gets its judgement.
  var predicateNext = false
  /// The aspects given a clause so far in the text (their totals are reset after it).
  var touched: UInt8 = 0
  /// The aspects given a clause in the current sentence.
  var sentenceMask: UInt8 = 0
  /// A contrast word within the open clause, as the sentence's score weighs it: 1 when the
  /// clause's values so far come before one ("The voucher is nice but it is useless"), 2 once a
  /// segment after it has joined the clause (its earlier values halved, the later ones weighing
  /// 1.5 each); 0 for a clause on one side only.
  var contrast: UInt8 = 0
  /// Clauses scored in the current sentence (`finishClause`), 2 or more also once a clause
  /// without an aspect was set aside in it: 1 when the sentence's values all went to one
  /// clause (`revalueSentenceClause`).
  var sentenceClauses = 0

  init(
    emphasis: Float, aspectSum: UnsafeMutablePointer<Double>, aspectWeight: UnsafeMutablePointer<Double>,
    aspectMentions: UnsafeMutablePointer<Int>, aspectSentenceSum: UnsafeMutablePointer<Double>
  ) {
    self.emphasis = emphasis
    self.aspectSum = aspectSum
    self.aspectWeight = aspectWeight
    self.aspectMentions = aspectMentions
    self.aspectSentenceSum = aspectSentenceSum
  }

  @inline(never)
  mutating func finishClause() {
    guard clauseOpen, clauseMask != 0, !carried || clauseItems != 0 else { return }
    sentenceClauses &+= 1
    addClause(clauseMask, compound: clauseCompound(clauseSum), weight: 1.0 + Double(clauseItems))
  }

  /// The compound of the open clause were its values to sum to `sum`.
  private func clauseCompound(_ sum: Float) -> Double {
    var s = sum
    if s > 0 { s += emphasis } else if s < 0 { s -= emphasis }
    return TextAnalyzer.normalize(Double(s))
  }

  /// A value of the current sentence changed by `delta` after its clauses were scored (thanks
  /// for harm turned against: "Thanks for the outage."): when the sentence's values all went to
  /// the one clause it gave its aspects, that clause is scored again with the new sum; returns
  /// whether it was.
  mutating func revalueSentenceClause(by delta: Float) -> Bool {
    guard sentenceClauses == 1, clauseOpen, clauseMask != 0 else { return false }
    let w = 1.0 + Double(clauseItems)
    let change = (clauseCompound(clauseSum + delta) - clauseCompound(clauseSum)) * w
    clauseSum += delta
    var m = clauseMask
    while m != 0 {
      let a = m.trailingZeroBitCount
      m &= m &- 1
      aspectSum[a] += change
      aspectSentenceSum[a] += change
    }
    return true
  }

  /// Makes `aspect` a mention without a judgement in the sentence's one clause
  /// (`revalueSentenceClause`'s case): what that clause gave it is taken back, its weight and the
  /// mention stay.
  mutating func neutralizeSentenceAspect(_ aspect: Aspect) {
    let a = aspect.rawValue
    guard sentenceClauses == 1, clauseMask & aspect.bit != 0 else { return }
    aspectSum[a] -= aspectSentenceSum[a]
    aspectSentenceSum[a] = 0
  }

  /// Gives the aspects `mask` a clause of compound `c` and weight `w`.
  @inline(__always)
  private mutating func addClause(_ mask: UInt8, compound c: Double, weight w: Double) {
    touched |= mask
    let fresh = mask & ~sentenceMask
    sentenceMask |= mask
    var m = mask
    while m != 0 {
      let a = m.trailingZeroBitCount
      m &= m &- 1
      aspectSum[a] += c * w
      aspectWeight[a] += w
      aspectMentions[a] += 1
      aspectSentenceSum[a] = fresh & 1 << a != 0 ? c * w : aspectSentenceSum[a] + c * w
    }
  }

  /// The current sentence meant the opposite of its praise: what it added to each aspect in
  /// favour is turned against it.
  mutating func turnSentencePraise() {
    var m = sentenceMask
    while m != 0 {
      let a = m.trailingZeroBitCount
      m &= m &- 1
      if aspectSentenceSum[a] > 0 {
        aspectSum[a] -= 2 * aspectSentenceSum[a]
        aspectSentenceSum[a] = -aspectSentenceSum[a]
      }
    }
  }

  @inline(never)
  mutating func pushSegment() {
    guard segOpen else { return }
    if predicateNext && clauseOpen && !carried && clauseMask != 0 && clauseItems == 0 && segMask & ~clauseMask != 0 {
      clauseMask |= segMask
      clauseSum = segSum
      clauseItems = segItems
      contrast = 0
      dropSegment()
      return
    }
    if !clauseOpen {
      clauseMask = segMask
      clauseSum = segSum
      clauseItems = segItems
      clauseOpen = true
      contrast = 0
    } else if clauseMask == 0 {
      // Leading clauses without an aspect ("Great product, terrible outage") are about
      // something else: they are not attributed to the first aspect that follows.
      sentenceClauses = 2
      clauseMask = segMask
      clauseSum = segSum
      clauseItems = segItems
      contrast = 0
    } else if segMask == 0 || segMask == clauseMask {
      // A clause that runs on past "but" weighs its two sides as its sentence does: "Thanks for
      // the voucher, but it doesn't even cover a coffee" is against the voucher.
      if contrast == 1 {
        clauseSum *= 0.5
        contrast = 2
      }
      clauseSum += contrast == 2 ? segSum * 1.5 : segSum
      clauseItems += segItems
      if segMask != 0 { carried = false }
    } else {
      finishClause()
      clauseMask = segMask
      clauseSum = segSum
      clauseItems = segItems
      carried = false
      contrast = 0
    }
    dropSegment()
  }

  /// A contrast word opens the next segment (the segment before it is pushed): the open
  /// clause's values come before it.
  mutating func markContrast() {
    if clauseOpen && clauseMask != 0 { contrast = 1 }
  }

  /// A statement of value `v` (VADER's scale) about the aspects `mask`, as a clause of its own
  /// with that one value.
  mutating func addStatement(_ mask: UInt8, _ v: Float) {
    addClause(mask, compound: TextAnalyzer.normalize(Double(v)), weight: 2)
  }

  /// Closes the segment without adding it to a clause.
  @inline(__always)
  mutating func dropSegment() {
    segMask = 0
    segSum = 0
    segItems = 0
    predicateNext = false
  }
}

/// What a sentence's share of the text's score was built from: its positive and negative
/// sums (`runRules`'s `pos` and `neg`), its weight and the aspects given a clause in it.
/// A text's sentence compounds weighted and summed, their weights, and its positive and
/// negative intensity (`TextAnalyzer.runRules`).
private struct DocumentTotals {
  var weightedCompound: Double
  var totalWeight: Double
  var positive: Double
  var negative: Double
}

private struct SentenceParts {
  var positive: Float
  var negative: Float
  var weight: Double
  var aspects: UInt8
  /// The sentence is praise alone ("Great.", "Just great."): mock delight next to a complaint.
  var lonePraise: Bool
  /// The positions laid out (words and breaks), and whether a word of thanks arrived: whether
  /// the text's first sentence is a verdict on the next (`TextAnalyzer.verdict`).
  var positions: Int32
  var thanks: Bool
  /// Whether the sentence is a question (`RulePass.sentenceAsks`).
  var asks: Bool
  /// The sentence's index among the tokenizer's (`TokenBuffer.sentences`; a greeting or closing
  /// left out is stored not at all, so the two counts may differ).
  var sentence: Int32
}

/// The rules pass's running state: per text, the facts found on first need; per sentence,
/// the valence word waiting for its next position, phrase coverage, the contrast word, the
/// values so far (in `RuleScratch`) and the clause.
private struct RulePass {
  /// Whether the text is a request / mixes caps: -1 until needed, then 0 or 1.
  var request: Int8 = -1
  var mixedCaps: Int8 = -1
  /// Whether the text asks for information or action (`TextAnalyzer.asksForInformation`): -1
  /// until needed, then 0 or 1.
  var asksForInformation: Int8 = -1
  /// Whether a sentence of the text has a question mark.
  var textAsks = false
  /// Whether the current sentence has a question mark.
  var sentenceAsks = false
  /// Token start and end of the current sentence (for looking around).
  var start = 0
  var end = 0
  /// The token after the one being laid out; a request marker seen before it.
  var next = 0
  var requestSeen = false
  /// The position waiting to be valued, or -1.
  var pending = -1
  /// The valence of the last valence phrase found (read when its first position is valued,
  /// before another can start: a phrase covers the position after its first).
  var phraseValence: Float = 0
  /// The last position whose phrases were looked for, or -1.
  var phrasesAt = -1
  /// Positions before this one are covered by a valence phrase that started earlier.
  var coveredEnd = 0
  /// Whether that phrase names no aspect (aspects.txt's `none`): the positions it covers give
  /// none ("credit where credit is due": its second "credit").
  var coverNamesNoAspect = false
  /// Positions before this one arrive whatever their roles: the one after a valence word
  /// waiting to be valued, those a valence phrase covers (`arrive` sets it).
  var forceUntil = 0
  /// The last contrast word ("but"), or -1.
  var contrastAt = -1
  /// A politeness word arrived in the sentence (`TextAnalyzer.thanksForHarm`).
  var politenessSeen = false
  /// The sentence holds a score ("Rating: 4/5", "2 stars"): the writer's verdict.
  var rated = false
  /// The last token of the sentence's last statement of leaving (-1: none yet).
  var intentThrough = -1
  /// Whether a negator has been laid out in the sentence.
  var negatorSeen = false
  /// The last booster laid out in the sentence (far back when none).
  var boosterAt = -8
  /// An affirmed "made up for" (`TextAnalyzer.amendsTurn`) in the open clause: the negative
  /// words after it name the loss made up for (Int.max: none).
  var amendsAt = Int.max
  /// Whether the text names an amount of money (the tokenizer's, or a number before a currency word).
  var money = false
  /// Whether the text has a quote mark outside a word (`TokenBuffer.mentionsQuotes`).
  var quotes = false
  /// What the text has shown of irony: a sign of it (`TextAnalyzer.isIronySign`: `ironySign`),
  /// laughter (`RuleWords.laughter`: `laughter`), which is one only in some texts, or sarcasm
  /// the sentence-tone rules turned in one sentence (`TextAnalyzer.sentenceTone`: `sarcasm`).
  var irony: UInt8 = 0
  static let ironySign: UInt8 = 1
  static let laughter: UInt8 = 2
  static let sarcasm: UInt8 = 4
  /// Whether a verb that may dismiss the offer ("keep") has arrived in the sentence.
  var dismissSeen = false
  /// Whether "rather" has arrived in the sentence (`TextAnalyzer.prefersOtherThanTheOffer`).
  var ratherSeen = false
  /// Whether the sentence opens as a question and asks: its praise is asked about, not given
  /// (`TextAnalyzer.questionOpener`).
  var praiseAsked = false
  /// Whether the sentence is a question opened by a negated auxiliary ("Isn't it great...?").
  var rhetorical = false
  /// The token that opens the sentence as a question (`TextAnalyzer.questionOpener`), or -1.
  var opener = -1
  /// Clause breaks laid out, and non-zero values kept, in the sentence.
  var breaks = 0
  var itemCount = 0
  var clause: ClauseState

  init(clause: ClauseState) { self.clause = clause }

  /// Keeps a non-zero value of position `j` for the sentence and its clause.
  @inline(__always)
  /// A value for the sentence's score only, not its clause's aspects.
  mutating func keepForSentence(_ v: Float, at j: Int, _ scratch: RuleScratch) {
    unowned(unsafe) let sc = scratch
    sc.itemValue[itemCount] = v
    sc.itemPosition[itemCount] = Int32(truncatingIfNeeded: j)
    itemCount &+= 1
  }

  /// A value for the sentence's score and its clause's aspects.
  mutating func keep(_ v: Float, at j: Int, _ scratch: RuleScratch) {
    keepForSentence(v, at: j, scratch)
    clause.segSum += v
    clause.segItems &+= 1
  }

  /// `carries`: the sentence is short enough to continue the last clause of the one before.
  mutating func startSentence(start: Int, end: Int, emphasis: Float, asks: Bool, carries: Bool) {
    self.start = start
    sentenceAsks = asks
    self.end = end
    pending = -1
    phrasesAt = -1
    negatorSeen = false
    dismissSeen = false
    ratherSeen = false
    boosterAt = -8
    amendsAt = Int.max
    coveredEnd = 0
    forceUntil = 0
    contrastAt = -1
    politenessSeen = false
    rated = false
    intentThrough = -1
    breaks = 0
    itemCount = 0
    // The segment is always closed (and zero) between sentences.
    clause.emphasis = emphasis
    clause.sentenceMask = 0
    clause.sentenceClauses = 0
    // A short sentence opens in the last clause of the sentence before when that one named an
    // aspect.
    clause.clauseOpen = carries && clause.carriedMask != 0
    clause.carried = clause.clauseOpen
    clause.clauseMask = clause.carriedMask
    clause.clauseSum = 0
    clause.clauseItems = 0
    clause.contrast = 0
    clause.predicateNext = false
  }
}

/// Phrases found at one position: per match its length in positions and phrase id (shortest
/// first), and the token of each word walked.
final class PhraseMatches {
  let length: UnsafeMutablePointer<Int32>
  let phrase: UnsafeMutablePointer<Int32>
  let token: UnsafeMutablePointer<Int32>

  init(maxLength: Int) {
    let capacity = maxLength + 2
    length = .allocate(capacity: capacity)
    phrase = .allocate(capacity: capacity)
    token = .allocate(capacity: capacity)
  }

  deinit {
    length.deallocate()
    phrase.deallocate()
    token.deallocate()
  }
}

/// Scratch arrays for the rules over one document: per position (capacity, with the
/// sentinels) its token and info, and the current sentence's values with their positions.
final class RuleScratch {
  let capacity: Int
  let seq: UnsafeMutablePointer<Int32>
  let info: UnsafeMutablePointer<UInt64>
  let itemValue: UnsafeMutablePointer<Float>
  let itemPosition: UnsafeMutablePointer<Int32>

  init(capacity: Int) {
    self.capacity = capacity
    seq = .allocate(capacity: capacity)
    info = .allocate(capacity: capacity)
    itemValue = .allocate(capacity: capacity)
    itemPosition = .allocate(capacity: capacity)
  }

  deinit {
    seq.deallocate()
    info.deallocate()
    itemValue.deallocate()
    itemPosition.deallocate()
  }
}
