import Foundation

/// Roles a lexicon entry plays in the rules (one entry may have several).
package struct EntryRoles: OptionSet, Sendable {
  package let rawValue: UInt32
  package init(rawValue: UInt32) { self.rawValue = rawValue }
  package static let valence = EntryRoles(rawValue: 1 << 0)
  package static let negator = EntryRoles(rawValue: 1 << 1)
  static let existentialNegator = EntryRoles(rawValue: 1 << 2)
  package static let booster = EntryRoles(rawValue: 1 << 3)
  static let contrast = EntryRoles(rawValue: 1 << 4)
  static let clauseJoiner = EntryRoles(rawValue: 1 << 5)
  static let requestMarker = EntryRoles(rawValue: 1 << 6)
  static let politeness = EntryRoles(rawValue: 1 << 7)
  static let helpContext = EntryRoles(rawValue: 1 << 8)
  static let likeSubject = EntryRoles(rawValue: 1 << 9)
  static let currencyWord = EntryRoles(rawValue: 1 << 10)
  static let phraseStart = EntryRoles(rawValue: 1 << 11)
  static let competitor = EntryRoles(rawValue: 1 << 12)
  static let helpWord = EntryRoles(rawValue: 1 << 13)
  static let likeWord = EntryRoles(rawValue: 1 << 14)
  static let kindWord = EntryRoles(rawValue: 1 << 15)
  static let ofWord = EntryRoles(rawValue: 1 << 16)
  static let noWord = EntryRoles(rawValue: 1 << 17)
  static let leastWord = EntryRoles(rawValue: 1 << 18)
  static let atOrVery = EntryRoles(rawValue: 1 << 19)
  static let phraseSecond = EntryRoles(rawValue: 1 << 20)
  static let functionWord = EntryRoles(rawValue: 1 << 21)
  static let negationRaiser = EntryRoles(rawValue: 1 << 22)
  static let notNegating = EntryRoles(rawValue: 1 << 23)
  static let modal = EntryRoles(rawValue: 1 << 24)
  static let haveWord = EntryRoles(rawValue: 1 << 25)
  static let adverbOnly = EntryRoles(rawValue: 1 << 26)

}

/// Everything the rules know about words and phrases: valences (VADER's lexicon plus ours),
/// rule words, aspects, churn-intent phrases and competitor names, in one byte-keyed table so
/// each token costs one hash look-up.
///
/// Immutable once built and shared by any number of `TextAnalyzer`s.
public final class TextLexicon: @unchecked Sendable {
  let words: ByteKeyTable
  /// `words` in raw memory for the per-token look-up.
  let wordTable: FrozenByteKeyTable
  let emoticons: ByteKeyTable
  /// `emoticons` in raw memory for the tokenizer.
  let emoticonTable: FrozenByteKeyTable
  let roles: [EntryRoles]
  let valence: [Float]
  let boost: [Float]
  let phrases: ByteKeyTable
  let phraseValence: [Float]
  let phraseHasValence: [Bool]
  let maxPhraseLength: Int
  /// Stable copies of the per-entry valences and booster weights for the hot loop (immutable).
  package let valencePointer: UnsafeMutablePointer<Float>
  let boostPointer: UnsafeMutablePointer<Float>
  /// Per entry, what the rules read first in one word: roles (bits 0-26), intent kind
  /// (`intentInfoShift`), aspect bits (`aspectInfoShift`) and the phrase-pair buckets
  /// (`pairSecondShift`, `pairStartShift`). Bits 56 and up are left to the analyzer. Index -1
  /// (no entry) holds 0, so the look-up needs no branch.
  package let entryInfoPointer: UnsafeMutablePointer<UInt64>
  private let entryInfoStorage: UnsafeMutablePointer<UInt64>
  /// Per entry, its part in a greeting or closing line, or at a question's start (`Formula`);
  /// index -1 (no entry) holds 0.
  let formulaPointer: UnsafeMutablePointer<UInt8>
  private let formulaStorage: UnsafeMutablePointer<UInt8>

  /// Per entry, what it is as the object of an intent phrase, or before one, around an amount
  /// of money, or in a sign of irony (`ObjectClass`); index -1 (no entry) holds 0. Read only
  /// where an intent phrase, an amount or a rare word is found, never in the hot loop.
  let objectClassPointer: UnsafeMutablePointer<UInt32>
  private let objectClassStorage: UnsafeMutablePointer<UInt32>

  /// Per entry, whether no list holds it as a word of its own: it is only a word inside phrases
  /// ("systems" of "systems down"), so a name that contains it is still a name no lexicon knows
  /// ("Brightwater Systems confirmed they are moving"); index -1 (no entry) holds true.
  let unlistedPointer: UnsafeMutablePointer<Bool>
  private let unlistedStorage: UnsafeMutablePointer<Bool>

  /// The bits of `objectClassPointer` (intents.txt's single-word kinds and `RuleWords`' lists).
  enum ObjectClass {
    /// Something other than the service ("ticket", "meeting": `not-object`).
    static let other: UInt32 = 1 << 0
    /// The kind of product the company sells ("security", "EDR": `vendor-word`).
    static let vendorWord: UInt32 = 1 << 1
    /// The service or the relationship ("subscription", "contract", "vendor": `service-object`).
    static let service: UInt32 = 1 << 2
    /// A word that ends the object ("unless", "at", "next year": `RuleWords.objectlessWords`).
    static let objectless: UInt32 = 1 << 3
    /// A verb whose object decides whether its phrase is an intent ("cancel", "terminate":
    /// `object-verb`, `name-verb`, `leave-verb`).
    static let verb: UInt32 = 1 << 4
    /// A word that makes an intent phrase right after it one that did not happen ("we almost
    /// cancelled", "we nearly switched to Sophos": `RuleWords.hedges`).
    static let hedge: UInt32 = 1 << 5
    /// A word passed over in an object, as function words are ("our remaining 18 months":
    /// `RuleWords.objectModifiers`).
    static let modifier: UInt32 = 1 << 6
    /// A head that reads on past "of" ("the rest of the contract": `RuleWords.partitives`).
    static let partitive: UInt32 = 1 << 7
    /// A word standing for an object named before ("please cancel it": `RuleWords.objectPronouns`).
    static let pronoun: UInt32 = 1 << 8
    /// A verb whose object may be the vendor's own name, a capitalised word no lexicon knows
    /// ("leaving Aegis", "we won't renew Aegis": `name-verb`, `leave-verb`).
    static let nameVerb: UInt32 = 1 << 9
    /// A verb that states an intent with no object only at its clause's end ("we're leaving.",
    /// not "we're leaving early today": `leave-verb`).
    static let strictVerb: UInt32 = 1 << 10
    /// Read only at an amount of money (`TextAnalyzer.amountAspect`): a number word of at most
    /// a hundred ("ten bucks": `RuleWords.smallNumberWords`).
    static let smallNumber: UInt32 = 1 << 11
    /// A word that makes the amount before it large ("$40k", "£2 million": `RuleWords.amountMultipliers`).
    static let multiplier: UInt32 = 1 << 12
    /// What an amount is charged per ("$28 a seat", "$10 per month": `RuleWords.rateUnits`).
    static let rateUnit: UInt32 = 1 << 13
    /// Read only where a text praises the offer (`TextAnalyzer.ironicOffer`): a sign of irony
    /// (`RuleWords.ironyMarkers`: "🙃").
    static let ironyMarker: UInt32 = 1 << 14
    /// An interjection of mock delight before praise or assent ("oh great", "ah yes": `RuleWords.ironyInterjections`).
    static let ironyInterjection: UInt32 = 1 << 15
    /// Assent after such an interjection ("yeah right": `RuleWords.ironyAssent`).
    static let ironyAssent: UInt32 = 1 << 16
    /// A word that inflates the small amount after it ("a whole ten dollars": `RuleWords.amountInflaters`).
    static let amountInflater: UInt32 = 1 << 17
    /// A word that makes an amount beside it a price (`RuleWords.chargeWords`).
    static let charge: UInt32 = 1 << 18
    /// A word that makes an amount beside it a loss (`RuleWords.lossWords`).
    static let loss: UInt32 = 1 << 19
    /// A verb that states an intent only with an object (`drop-verb`: "dropping Aegis", not
    /// "calls keep dropping").
    static let objectNeeded: UInt32 = 1 << 20
    /// An auxiliary between a passive verb and its subject (`RuleWords.auxiliaries`).
    static let auxiliary: UInt32 = 1 << 21
    /// A subject that is somebody else (`RuleWords.thirdPartySubjects`: "they", "companies").
    static let thirdParty: UInt32 = 1 << 22
    /// The writer as a subject (`RuleWords.firstPersonSubjects`: "we", "I").
    static let firstPerson: UInt32 = 1 << 23
    /// A verb that dismisses the offer ("keep your voucher": `RuleWords.dismissVerbs`); it
    /// arrives as a rare word.
    static let dismissVerb: UInt32 = 1 << 24
    /// A word of disbelief in a question (`RuleWords.disbeliefWords`), or one after "who"
    /// (`RuleWords.disbeliefAfterWho`: "who thought...").
    static let disbelief: UInt32 = 1 << 25
    static let afterWho: UInt32 = 1 << 26
    /// Part of the service (`RuleWords.partialObjects`: "seats", "plan").
    static let partial: UInt32 = 1 << 27
    /// A word that makes a place all of the service's (`RuleWords.wholeScope`: "all", "every").
    static let wholeScope: UInt32 = 1 << 28
    /// The account as a subject (`RuleWords.accountSubjects`: "customer").
    static let account: UInt32 = 1 << 29
    /// The vendor addressed, opening a phrase that names its subject ("you've lost us":
    /// `RuleWords.addressees`).
    static let addressee: UInt32 = 1 << 30
    /// A pronoun among the third parties (`RuleWords.thirdPartyPronouns`: "they").
    static let thirdPartyPronoun: UInt32 = 1 << 31
    /// The bits `TextAnalyzer.ironicOffer` looks for.
    static let irony: UInt32 = ironyMarker | ironyInterjection | amountInflater
  }

  /// The bits of `formulaPointer` (`RuleWords.closingWords` and the lists after it).
  enum Formula {
    static let closing: UInt8 = 1
    static let closingCore: UInt8 = 2
    static let greeting: UInt8 = 4
    static let greetingSecond: UInt8 = 8
    /// A word that opens a question (`RuleWords.questionOpeners`: "is", "can", "why").
    static let questionOpener: UInt8 = 16
    /// A word passed over before a question's opener (`RuleWords.questionLeadIns`: "so", "quick").
    static let questionLeadIn: UInt8 = 32
    /// A word of a technical fault (`RuleWords.problemWords`: "stuck", "crashed").
    static let problem: UInt8 = 64
    /// A thing a fault is in (`RuleWords.artefacts`: "file", "update"): "the bad file".
    static let artefact: UInt8 = 128
  }
  static let aspectInfoShift: UInt64 = 32
  static let aspectInfoMask: UInt64 = 0xff << 32
  static let intentInfoShift: UInt64 = 27
  static let intentInfoMask: UInt64 = 0x7 << 27
  /// A currency word, an entry with a part in a sign of irony (`ObjectClass.irony`) or a verb
  /// that may dismiss the offer (`ObjectClass.dismissVerb`): it arrives, and
  /// `TextAnalyzer.amountOrIrony` reads it.
  static let rareInfoBit: UInt64 = 1 << 30
  /// A phrase's second word has one of eight buckets (a hash of its entry), set as one bit here;
  /// a phrase's first word has here the buckets of every word that follows it in a phrase. Two
  /// words side by side may start a phrase only if the first's buckets hold the second's: one
  /// AND (`pairBuckets`) rules out most pairs of common words before the phrase trie is asked.
  static let pairSecondShift: UInt64 = 40
  static let pairStartShift: UInt64 = 48

  /// The intent kind in an entry's info.
  @inline(__always)
  static func intentKind(_ info: UInt64) -> UInt8 {
    UInt8(truncatingIfNeeded: (info & intentInfoMask) >> intentInfoShift)
  }

  /// Non-zero when the words with infos `first` and `second`, side by side, may start a phrase
  /// (see `pairSecondShift`).
  @inline(__always)
  static func pairBuckets(_ first: UInt64, _ second: UInt64) -> UInt64 {
    (first &>> (pairStartShift - pairSecondShift)) & second & 0xff << pairSecondShift
  }

  /// The bucket of a phrase's second word (`pairSecondShift`), from its bytes (FNV-1a, then
  /// the top three bits of a multiply): not from its entry id, so that an entry added to a
  /// lexicon leaves every other word's bucket, and so the pairs that reach the phrase trie, as
  /// they were.
  static func pairBucket(key: [UInt8]) -> UInt8 {
    var h: UInt32 = 2_166_136_261
    for b in key { h = (h ^ UInt32(b)) &* 16_777_619 }
    return UInt8(truncatingIfNeeded: (h &* 0x9E37_79B1) >> 29)
  }
  /// Every phrase and every proper prefix of one (two tokens or more) as a trie over entries:
  /// `PhraseTrie.first` goes from two entries to a prefix, `PhraseTrie.next` from a prefix and
  /// one more entry to a longer one, so matching walks forward a word at a time and stops at
  /// the first non-prefix.
  let phraseTrie: PhraseTrie
  /// Per prefix id: the phrase id when the prefix is a whole phrase, else -1.
  let prefixPhrasePointer: UnsafeMutablePointer<Int32>
  /// Per prefix id: whether a longer phrase continues it.
  let prefixContinuesPointer: UnsafeMutablePointer<Bool>
  /// Per phrase id, copies of the phrase arrays for the hot loop.
  let phraseAspectsPointer: UnsafeMutablePointer<UInt8>
  /// Per phrase id, the rare rules its finding calls for besides its valence, aspects and
  /// intent, as bits (`PhraseRule`): zero for most phrases, which are then applied with one test.
  let phraseRulesPointer: UnsafeMutablePointer<UInt8>
  let phraseIntentPointer: UnsafeMutablePointer<UInt8>
  let phraseCompetitorPointer: UnsafeMutablePointer<Bool>
  let phraseHasValencePointer: UnsafeMutablePointer<Bool>
  let phraseValencePointer: UnsafeMutablePointer<Float>
  /// The bit of a phrase's aspects while the lexicon is built (above the seven aspects' bits)
  /// that marks a phrase naming no aspect (aspects.txt's `none`; `PhraseRule.namesNoAspect`).
  static let noAspectWhileBuilding: UInt8 = 0x80

  /// The bits of `phraseRulesPointer`.
  enum PhraseRule {
    /// A competitor's name (competitors.txt).
    static let competitor: UInt8 = 1 << 0
    /// A phrase that names no aspect: its words' own aspects are taken back where it is found
    /// ("credit card", "credit where it's due": aspects.txt's `none`).
    static let namesNoAspect: UInt8 = 1 << 1
  }
  /// A fingerprint of all entries (FNV-1a over the files' bytes), stored in trained models.
  public let fingerprint: UInt64

  /// VADER's own lexicon file's name: the one file whose letter-led emoticons (`d:`, `j/k`) load
  /// as they are (`Builder.wordLedEntriesAreWords`).
  public static let vaderLexiconFileName = "vader_lexicon.txt"

  /// The standard file names inside a data directory (`Data/` of the repository).
  public static let standardFiles = (
    vader: "lexicons/" + vaderLexiconFileName, domain: "lexicons/aftershock_domain.txt",
    aspects: "lexicons/aspects.txt", intents: "lexicons/intents.txt", competitors: "lexicons/competitors.txt"
  )

  /// Loads the standard lexicons from a data directory (the repository's `Data/`), and the
  /// competitors of `competitorFiles` beside those of `lexicons/competitors.txt` (a company's own
  /// market: `aftershock run --competitors FILE`, or a data folder's `competitors.txt`), and the
  /// company's own product names of `productFiles` (`--products FILE`, a folder's `products.txt`).
  public convenience init(dataDirectory: String, competitorFiles: [String] = [], productFiles: [String] = []) throws {
    let f = TextLexicon.standardFiles
    let d = dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/"
    try self.init(
      sentimentLexiconPaths: [d + f.vader, d + f.domain], aspectsPath: d + f.aspects,
      intentsPath: d + f.intents, competitorsPath: d + f.competitors, competitorFiles: competitorFiles,
      productFiles: productFiles)
  }

  /// Loads lexicons from explicit paths; later sentiment lexicons override earlier entries.
  public convenience init(
    sentimentLexiconPaths: [String], aspectsPath: String?, intentsPath: String?, competitorsPath: String?,
    competitorFiles: [String] = [], productFiles: [String] = []
  ) throws {
    func read(_ path: String, expected: String = "a lexicon file") throws -> (String, [UInt8]) {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw TextError.unreadable(path, expected: expected)
      }
      return (path, [UInt8](data))
    }
    try self.init(
      sentimentLexicons: sentimentLexiconPaths.map { try read($0) }, aspects: aspectsPath.map { try read($0) },
      intents: intentsPath.map { try read($0) }, competitors: competitorsPath.map { try read($0) },
      moreCompetitors: competitorFiles.map { try read($0, expected: "a file of competitor names, one a line") },
      products: productFiles.map { try read($0, expected: "a file of product names, one a line") })
  }

  /// Builds the lexicon from file contents given as (name for messages, bytes); `moreCompetitors`
  /// are files in the format of `competitors`, read after it; `products` are files of the
  /// company's own product names in the same format, read last: a name there is the service
  /// ("we will cancel Aegis", "we're leaving aegis") and never a competitor, even one the shipped
  /// list holds (a vendor that is on it).
  public init(
    sentimentLexicons: [(name: String, bytes: [UInt8])], aspects: (name: String, bytes: [UInt8])?,
    intents: (name: String, bytes: [UInt8])?, competitors: (name: String, bytes: [UInt8])?,
    moreCompetitors: [(name: String, bytes: [UInt8])] = [], products: [(name: String, bytes: [UInt8])] = []
  ) throws {
    var b = Builder()
    b.addRuleWords()
    var fp = ByteKeyTable.hashSeed
    func mix(_ bytes: [UInt8]) {
      for x in bytes { fp = (fp ^ UInt64(x)) &* ByteKeyTable.hashPrime }
      fp = (fp ^ 0xff) &* ByteKeyTable.hashPrime
    }
    for file in sentimentLexicons {
      mix(file.bytes)
      b.wordLedEntriesAreWords = !file.name.hasSuffix(TextLexicon.vaderLexiconFileName)
      try Builder.forEachLine(file.bytes, name: file.name) { line, fields in
        let expected = "phrase<TAB>valence (a number from -4 to 4)"
        guard fields.count >= 2, let v = Float(fields[1]), v.isFinite, abs(v) <= 4 else {
          throw TextError.malformedLine(
            path: file.name, line: line, value: fields.joined(separator: "\t"), expected: expected)
        }
        try Builder.reporting(file.name, line, fields, expected: expected) { try b.setValence(fields[0], Float(v)) }
      }
    }
    b.wordLedEntriesAreWords = true
    if let file = aspects {
      mix(file.bytes)
      try Builder.forEachLine(file.bytes, name: file.name) { line, fields in
        let expected =
          "aspect<TAB>phrase with aspect one of " + Aspect.allCases.map(\.description).joined(separator: ", ")
          + ", or none"
        if fields.count >= 2 && fields[0].lowercased() == "none" {
          try Builder.reporting(file.name, line, fields, expected: "none<TAB>phrase of two words or more") {
            try b.addNoAspect(fields[1])
          }
          return
        }
        guard fields.count >= 2, let aspect = Aspect(name: fields[0]) else {
          throw TextError.malformedLine(
            path: file.name, line: line, value: fields.joined(separator: "\t"), expected: expected)
        }
        try Builder.reporting(file.name, line, fields, expected: "aspect<TAB>phrase") {
          try b.addAspect(fields[1], aspect)
        }
      }
    }
    if let file = intents {
      mix(file.bytes)
      try Builder.forEachLine(file.bytes, name: file.name) { line, fields in
        guard fields.count >= 2, let kind = ChurnIntentKind(name: fields[0]) else {
          throw TextError.malformedLine(
            path: file.name, line: line, value: fields.joined(separator: "\t"),
            expected: "kind<TAB>phrase with kind one of " + ChurnIntentKind.names.joined(separator: ", "))
        }
        try Builder.reporting(file.name, line, fields, expected: "kind<TAB>phrase") { try b.addIntent(fields[1], kind) }
      }
    }
    for file in (competitors.map { [$0] } ?? []) + moreCompetitors {
      mix(file.bytes)
      try Builder.forEachLine(file.bytes, name: file.name) { line, fields in
        try Builder.reporting(file.name, line, fields, expected: "one competitor name at the start of the line") {
          try b.addCompetitor(fields[0])
        }
      }
    }
    for file in products {
      mix(file.bytes)
      try Builder.forEachLine(file.bytes, name: file.name) { line, fields in
        try Builder.reporting(file.name, line, fields, expected: "one product name at the start of the line") {
          try b.addProduct(fields[0])
        }
      }
    }
    b.addMisspellings(of: RuleWords.misspelledWords, except: RuleWords.misspellingsThatAreWords)
    words = b.words
    wordTable = b.words.frozen()
    emoticons = b.emoticons
    emoticonTable = b.emoticons.frozen()
    roles = b.roles
    valence = b.valence
    boost = b.boost
    phrases = b.phrases
    phraseValence = b.phraseValence
    phraseHasValence = b.phraseHasValence
    maxPhraseLength = b.maxPhraseLength
    fingerprint = fp
    let count = max(1, b.roles.count)
    valencePointer = .allocate(capacity: count)
    boostPointer = .allocate(capacity: count)
    entryInfoStorage = .allocate(capacity: count + 1)
    entryInfoStorage[0] = 0
    entryInfoPointer = entryInfoStorage + 1
    formulaStorage = .allocate(capacity: count + 1)
    formulaStorage.initialize(repeating: 0, count: count + 1)
    formulaPointer = formulaStorage + 1
    for i in 0..<b.formula.count { formulaPointer[i] = b.formula[i] }
    objectClassStorage = .allocate(capacity: count + 1)
    objectClassStorage.initialize(repeating: 0, count: count + 1)
    objectClassPointer = objectClassStorage + 1
    for i in 0..<b.objectClass.count { objectClassPointer[i] = b.objectClass[i] }
    unlistedStorage = .allocate(capacity: count + 1)
    unlistedStorage.initialize(repeating: false, count: count + 1)
    unlistedStorage[0] = true
    unlistedPointer = unlistedStorage + 1
    for i in 0..<b.inPhrasesOnly.count { unlistedPointer[i] = b.inPhrasesOnly[i] }
    for i in 0..<b.roles.count {
      precondition(b.intent[i] <= 7 && b.roles[i].rawValue < 1 << TextLexicon.intentInfoShift)
      let second: UInt64 = b.roles[i].contains(.phraseSecond) ? 1 << UInt64(b.bucket[i]) : 0
      entryInfoPointer[i] =
        UInt64(b.roles[i].rawValue) | UInt64(b.aspects[i]) << TextLexicon.aspectInfoShift
        | UInt64(b.intent[i]) << TextLexicon.intentInfoShift | second << TextLexicon.pairSecondShift
        | UInt64(b.pairStarts[i]) << TextLexicon.pairStartShift
        | (b.objectClass[i] & (ObjectClass.irony | ObjectClass.dismissVerb) != 0 || b.roles[i].contains(.currencyWord)
          || b.laughter.contains(i) || b.durationUnits.contains(i)
          ? TextLexicon.rareInfoBit : 0)
      valencePointer[i] = b.valence[i]
      boostPointer[i] = b.boost[i]
    }
    var prefixes = ByteKeyTable(minimumCapacity: max(64, b.phrases.count * 2))
    var prefixPhrase: [Int32] = []
    var prefixContinues: [Bool] = []
    for pid in 0..<b.phrases.count {
      let key = Array(b.phrases.key(Int32(pid)))
      let tokens = key.count / 4
      guard tokens >= 2 else { continue }
      for length in 2...tokens {
        let (id, inserted) = prefixes.insert(Array(key[0..<length * 4]))
        if inserted {
          prefixPhrase.append(-1)
          prefixContinues.append(false)
        }
        if length == tokens { prefixPhrase[Int(id)] = Int32(pid) } else { prefixContinues[Int(id)] = true }
      }
    }
    var edges: [(key: UInt64, prefix: Int32)] = []
    for id in 0..<prefixes.count {
      let entries = Array(prefixes.key(Int32(id))).withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
      let key: UInt64
      if entries.count == 2 {
        key = PhraseTrie.firstKey(entries[0], entries[1])
      } else {
        let parent = Array(prefixes.key(Int32(id)).prefix((entries.count - 1) * 4))
        key = PhraseTrie.nextKey(prefixes.find(parent), entries[entries.count - 1])
      }
      edges.append((key, Int32(id)))
    }
    phraseTrie = PhraseTrie(edges: edges)
    prefixPhrasePointer = .allocate(capacity: max(1, prefixPhrase.count))
    prefixContinuesPointer = .allocate(capacity: max(1, prefixContinues.count))
    for i in 0..<prefixPhrase.count {
      prefixPhrasePointer[i] = prefixPhrase[i]
      prefixContinuesPointer[i] = prefixContinues[i]
    }
    let phraseCount = max(1, b.phrases.count)
    phraseAspectsPointer = .allocate(capacity: phraseCount)
    phraseRulesPointer = .allocate(capacity: phraseCount)
    phraseIntentPointer = .allocate(capacity: phraseCount)
    phraseCompetitorPointer = .allocate(capacity: phraseCount)
    phraseHasValencePointer = .allocate(capacity: phraseCount)
    phraseValencePointer = .allocate(capacity: phraseCount)
    for i in 0..<b.phrases.count {
      phraseAspectsPointer[i] = b.phraseAspects[i] & ~TextLexicon.noAspectWhileBuilding
      phraseRulesPointer[i] =
        (b.phraseCompetitor[i] ? PhraseRule.competitor : 0)
        | (b.phraseAspects[i] & TextLexicon.noAspectWhileBuilding != 0 ? PhraseRule.namesNoAspect : 0)
      phraseIntentPointer[i] = b.phraseIntent[i]
      phraseCompetitorPointer[i] = b.phraseCompetitor[i]
      phraseHasValencePointer[i] = b.phraseHasValence[i]
      phraseValencePointer[i] = b.phraseValence[i]
    }
  }

  deinit {
    valencePointer.deallocate()
    boostPointer.deallocate()
    entryInfoStorage.deallocate()
    formulaStorage.deallocate()
    objectClassStorage.deallocate()
    unlistedStorage.deallocate()
    prefixPhrasePointer.deallocate()
    prefixContinuesPointer.deallocate()
    phraseTrie.deallocate()
    phraseAspectsPointer.deallocate()
    phraseRulesPointer.deallocate()
    phraseIntentPointer.deallocate()
    phraseCompetitorPointer.deallocate()
    phraseHasValencePointer.deallocate()
    phraseValencePointer.deallocate()
  }

  /// Number of distinct single-token entries.
  public var entryCount: Int { words.count }
  /// Number of multi-token phrases.
  public var phraseCount: Int { phrases.count }

  /// The valence of a single word or phrase as the rules would read it alone, or nil.
  public func valence(of text: String) -> Double? {
    let ids = Builder.tokenIDs(text, words: words, emoticons: emoticonTable)
    guard let ids, !ids.isEmpty else { return nil }
    if ids.count == 1 {
      let id = Int(ids[0])
      return roles[id].contains(.valence) ? Double(valence[id]) : nil
    }
    let p = ids.withUnsafeBytes { phrases.find(hash: ByteKeyTable.hash($0), key: $0) }
    return p >= 0 && phraseHasValence[Int(p)] ? Double(phraseValence[Int(p)]) : nil
  }

  /// Mutable state while loading.
  private struct Builder {
    /// Whether an entry that starts with a letter or digit must be words (`keys`): true for every
    /// file but VADER's own, which is shipped as it is and holds emoticons such as `d:` and `j/k`
    /// that texts are tokenized otherwise.
    var wordLedEntriesAreWords = true
    var words = ByteKeyTable(minimumCapacity: 64)
    var emoticons = ByteKeyTable(minimumCapacity: 256)
    var roles: [EntryRoles] = []
    var valence: [Float] = []
    var boost: [Float] = []
    var aspects: [UInt8] = []
    var intent: [UInt8] = []
    /// Per entry, the buckets of the words that follow it in a phrase (`pairStartShift`).
    var pairStarts: [UInt8] = []
    /// Per entry, its own bucket as a phrase's second word (`TextLexicon.pairBucket(key:)`).
    var bucket: [UInt8] = []
    /// Per entry, `Formula` bits.
    var formula: [UInt8] = []
    /// Per entry, `ObjectClass` bits.
    var objectClass: [UInt32] = []
    /// Per entry, whether it was only ever made for a word inside a phrase.
    var inPhrasesOnly: [Bool] = []
    /// The entries of laughter (`RuleWords.laughter`).
    var laughter: Set<Int> = []
    /// The entries of units of elapsed time (`RuleWords.durationUnits`).
    var durationUnits: Set<Int> = []
    var phrases = ByteKeyTable(minimumCapacity: 1024)
    var phraseValence: [Float] = []
    var phraseHasValence: [Bool] = []
    var phraseAspects: [UInt8] = []
    var phraseIntent: [UInt8] = []
    var phraseCompetitor: [Bool] = []
    var maxPhraseLength = 1
    let buffer = TokenBuffer(capacity: 64)
    /// The emoticons so far in raw memory for the tokenizer, refrozen when one is added.
    var frozenEmoticons: FrozenByteKeyTable?
    var frozenEmoticonCount = -1

    /// Calls `body` with (line number, tab-separated fields) for each non-empty, non-comment line.
    static func forEachLine(
      _ bytes: [UInt8], name: String, _ body: (Int, [String]) throws -> Void
    ) throws {
      var lineNumber = 0
      var start = 0
      var i = 0
      let n = bytes.count
      if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
        start = 3
        i = 3
      }
      while start < n {
        while i < n && bytes[i] != 0x0A { i += 1 }
        lineNumber += 1
        var end = i
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        guard let line = String(validating: bytes[start..<end], as: UTF8.self) else {
          // `String(decoding:)` would put U+FFFD in its place and the entry would never match.
          let bad = Self.firstInvalidUTF8(bytes[start..<end])
          throw TextError.malformedLine(
            path: name, line: lineNumber, value: String(decoding: bytes[start..<end], as: UTF8.self),
            expected: "UTF-8 text, but byte \(bad - start + 1) of the line (0x"
              + String(bytes[bad], radix: 16, uppercase: true)
              + ") is not UTF-8 (a Latin-1 file?): save the file as UTF-8")
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty && !trimmed.hasPrefix("#") {
          let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
          }
          try body(lineNumber, fields)
        }
        i += 1
        start = i
      }
    }

    /// The index of the first byte of `bytes` that does not start or continue a valid UTF-8
    /// sequence (`bytes` holds one).
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
      var parser = Unicode.UTF8.ForwardParser()
      var iterator = bytes.makeIterator()
      var offset = bytes.startIndex
      while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let scalar): offset += scalar.count
        case .error: return offset
        case .emptyInput: return bytes.startIndex
        }
      }
    }

    /// Why an entry's text can never match what the tokenizer makes of a text.
    struct UnmatchableEntry: Error {
      let reason: String
    }

    /// Runs `body`, which adds the entry of a line, and reports an `UnmatchableEntry` as a
    /// malformed line of `file` (the entry would otherwise load and never match).
    static func reporting(
      _ file: String, _ line: Int, _ fields: [String], expected: String, _ body: () throws -> Void
    ) throws {
      do {
        try body()
      } catch let problem as UnmatchableEntry {
        throw TextError.malformedLine(
          path: file, line: line, value: fields.joined(separator: "\t"), expected: expected + ", but " + problem.reason)
      }
    }

    mutating func entry(_ key: [UInt8], inPhrase: Bool = false) -> Int {
      let (id, inserted) = words.insert(key)
      if !inserted {
        if !inPhrase { inPhrasesOnly[Int(id)] = false }
      } else {
        inPhrasesOnly.append(inPhrase)
        roles.append([])
        valence.append(0)
        boost.append(0)
        aspects.append(0)
        intent.append(0)
        pairStarts.append(0)
        bucket.append(TextLexicon.pairBucket(key: key))
        formula.append(0)
        objectClass.append(0)
      }
      return Int(id)
    }

    mutating func addRuleWords() {
      func add(_ list: [String], _ role: EntryRoles, boost b: Float = 0) {
        for w in list {
          let id = entry(Array(w.utf8))
          roles[id].insert(role)
          if b != 0 { boost[id] = b }
        }
      }
      add(RuleWords.negators, .negator)
      add(RuleWords.existentialNegators, [.negator, .existentialNegator])
      add(RuleWords.boostersUp, .booster, boost: 0.293)
      add(RuleWords.boostersDown, .booster, boost: -0.293)
      add(RuleWords.contrast, .contrast)
      add(RuleWords.clauseJoiners, .clauseJoiner)
      add(RuleWords.requestMarkers, .requestMarker)
      add(RuleWords.politeness, .politeness)
      for (list, bit) in [
        (RuleWords.closingWords, Formula.closing), (RuleWords.closingCore, Formula.closingCore),
        (RuleWords.greetingWords, Formula.greeting), (RuleWords.greetingSecondWords, Formula.greetingSecond),
        (RuleWords.questionOpeners, Formula.questionOpener), (RuleWords.questionLeadIns, Formula.questionLeadIn),
        (RuleWords.problemWords, Formula.problem), (RuleWords.artefacts, Formula.artefact),
      ] {
        for w in list { formula[entry(Array(w.utf8))] |= bit }
      }
      add(RuleWords.helpContext, .helpContext)
      add(RuleWords.likeSubjects, .likeSubject)
      add(RuleWords.currencyWords, .currencyWord)
      add(RuleWords.functionWords, .functionWord)
      let classLists: [([String], UInt32)] = [
        (RuleWords.objectlessWords, ObjectClass.objectless), (RuleWords.hedges, ObjectClass.hedge),
        (RuleWords.objectModifiers, ObjectClass.modifier), (RuleWords.partitives, ObjectClass.partitive),
        (RuleWords.objectPronouns, ObjectClass.pronoun), (RuleWords.smallNumberWords, ObjectClass.smallNumber),
        (RuleWords.amountMultipliers, ObjectClass.multiplier), (RuleWords.rateUnits, ObjectClass.rateUnit),
        (RuleWords.ironyMarkers, ObjectClass.ironyMarker),
        (RuleWords.ironyInterjections, ObjectClass.ironyInterjection),
        (RuleWords.ironyAssent, ObjectClass.ironyAssent), (RuleWords.amountInflaters, ObjectClass.amountInflater),
        (RuleWords.chargeWords, ObjectClass.charge), (RuleWords.lossWords, ObjectClass.loss),
        (RuleWords.auxiliaries, ObjectClass.auxiliary), (RuleWords.thirdPartySubjects, ObjectClass.thirdParty),
        (RuleWords.firstPersonSubjects, ObjectClass.firstPerson), (RuleWords.dismissVerbs, ObjectClass.dismissVerb),
        (RuleWords.disbeliefWords, ObjectClass.disbelief), (RuleWords.disbeliefAfterWho, ObjectClass.afterWho),
        (RuleWords.partialObjects, ObjectClass.partial), (RuleWords.wholeScope, ObjectClass.wholeScope),
        (RuleWords.accountSubjects, ObjectClass.account), (RuleWords.addressees, ObjectClass.addressee),
        (RuleWords.thirdPartyPronouns, ObjectClass.thirdPartyPronoun),
      ]
      for (list, bit) in classLists {
        for w in list { objectClass[entry(Array(w.utf8))] |= bit }
      }
      for w in RuleWords.laughter { laughter.insert(entry(Array(w.utf8))) }
      for w in RuleWords.durationUnits { durationUnits.insert(entry(Array(w.utf8))) }
      for w in RuleWords.shares + RuleWords.termsOfLeaving + RuleWords.firstPersonPossessives
        + RuleWords.alternatives + RuleWords.negationJoiners + RuleWords.clauseOpeningModals
        + RuleWords.praiseLeadIns + RuleWords.mockPraiseCues + RuleWords.praiseNouns + RuleWords.durationVerbs
        + RuleWords.durationApproximators + RuleWords.durationObjects + RuleWords.durationFillers
        + RuleWords.inabilityWords + RuleWords.abilityModals + RuleWords.nobodyWords + RuleWords.takeWords
        + RuleWords.durationCounts + RuleWords.concessives + RuleWords.resignedRemarks + RuleWords.thanksFillers
        + RuleWords.faultSubjects + RuleWords.loveWords + RuleWords.personalPossessives + RuleWords.pastPlanWords
        + RuleWords.pastAuxiliaries + RuleWords.oughtWords + RuleWords.shouldNots + RuleWords.beforeADate
        + RuleWords.afterARating + RuleWords.acknowledgements + RuleWords.flatNo + RuleWords.causes
        + RuleWords.amendsVerbs + RuleWords.shortOf + RuleWords.amendsIntensifiers + [
          // The words `TextAnalyzer` holds one entry id each of ("unrelated", "related" and
          // "nothing" open a disclaimer: `disclaimsTheVendor`).
          "even", "for", "to", "pending", "you're", "past", "unrelated", "related", "nothing", "up", "all",
          "unable", "why",
        ]
      {
        _ = entry(Array(w.utf8))
      }
      add(RuleWords.negationRaisers, .negationRaiser)
      add(RuleWords.notNegating, .notNegating)
      add(RuleWords.modals, .modal)
      add(RuleWords.adverbOnlyBoosters, .adverbOnly)
      add(["have", "'ve"], .haveWord)
      add(["help"], .helpWord)
      add(["like"], .likeWord)
      add(["kind", "sort"], .kindWord)
      add(["of"], .ofWord)
      add(["no"], .noWord)
      add(["least"], .leastWord)
      add(["at", "very"], .atOrVery)
    }

    /// Token ids of a phrase, inserting missing words when `insert` is true.
    static func tokenIDs(_ text: String, words: ByteKeyTable, emoticons: FrozenByteKeyTable) -> [Int32]? {
      let buffer = TokenBuffer(capacity: 64)
      Tokenizer(frozenEmoticons: emoticons, words: nil).tokenize(text, into: buffer)
      var ids: [Int32] = []
      for t in 0..<buffer.tokenCount where Builder.isKeyKind(buffer.tokens[t].kind) {
        let id = words.find(hash: buffer.tokens[t].hash, key: buffer.foldedBytes(t))
        if id < 0 { return nil }
        ids.append(id)
      }
      return ids
    }

    static func isKeyKind(_ kind: TokenKind) -> Bool {
      kind == .word || kind == .number || kind == .emoji || kind == .emoticon
    }

    /// Folded token keys of a phrase; an entry that starts with ASCII punctuation is an emoticon.
    /// Returns [] for an entry of punctuation and spaces only (VADER's `( '}{' )`), which no text
    /// can match (VADER itself splits on spaces) and which VADER's file holds: it is skipped.
    /// - Throws: `UnmatchableEntry` for an empty phrase, words with punctuation that is not part
    ///   of a word (`foo bar.`, `foo, bar`), and a URL or e-mail address (one masked token).
    mutating func keys(_ text: String) throws -> [[UInt8]] {
      let bytes = Array(text.utf8)
      guard let first = bytes.first else { throw UnmatchableEntry(reason: "the phrase is empty") }
      let isPunct =
        first < 0x80 && !(first >= 0x30 && first <= 0x39) && !((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A)
      if isPunct && !bytes.contains(32) {
        let key = bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
        emoticons.insert(key)
        if wordLedEntriesAreWords { try checkEmoticon(text, length: bytes.count) }
        return [key]
      }
      tokenize(text)
      var out: [[UInt8]] = []
      var covered = 0
      for t in 0..<buffer.tokenCount {
        let kind = buffer.tokens[t].kind
        if kind == .url || kind == .email || kind == .handle {
          // Masked as one token that is never looked up: the entry could not match.
          throw UnmatchableEntry(
            reason:
              "'\(text)' reads as \(kind == .url ? "a URL" : kind == .email ? "an e-mail address" : "an @handle"),"
              + " which the rules never look up, so it would never match")
        }
        guard Builder.isKeyKind(kind) else { continue }
        out.append(Array(buffer.foldedBytes(t)))
        covered += Int(buffer.tokens[t].end - buffer.tokens[t].start)
      }
      if covered != bytes.lazy.filter({ $0 != 32 }).count {
        // Not all of it is words ("8)", "d:<"): only an emoticon-like entry without spaces is
        // kept, as an emoticon; anything else would silently become a different entry.
        if bytes.contains(32) {
          guard out.isEmpty else {
            throw UnmatchableEntry(
              reason: "'\(text)' has punctuation that is not part of a word; texts are split there, so it would"
                + " never match (write the words alone, or an emoticon without spaces)")
          }
          return []
        }
        if wordLedEntriesAreWords {
          // "Yahoo!", "AT&T", "Node.js": texts are split at the punctuation, so the entry as one
          // key would never match (an emoticon starts with punctuation: ":-/").
          throw UnmatchableEntry(
            reason: "'\(text)' starts with a letter or digit but has punctuation that is not part of a word; texts"
              + " are split there, so it would never match (write the words alone, or an emoticon starting with"
              + " punctuation)")
        }
        let key = bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
        emoticons.insert(key)
        return [key]
      }
      return out
    }

    /// Tokenizes `text` into `buffer` with the emoticons so far.
    mutating func tokenize(_ text: String) {
      if frozenEmoticonCount != emoticons.count {
        frozenEmoticons = emoticons.frozen()
        frozenEmoticonCount = emoticons.count
      }
      Tokenizer(frozenEmoticons: frozenEmoticons, words: nil).tokenize(text, into: buffer)
    }

    /// Checks that an entry that starts with punctuation, just added as an emoticon, reads as that
    /// one emoticon: `@bob` is an @handle and `#fail` a hashtag's word, and an emoticon is at most
    /// eight characters, so such an entry would never match.
    /// - Throws: `UnmatchableEntry` saying what texts read it as.
    mutating func checkEmoticon(_ text: String, length: Int) throws {
      tokenize(text)
      let tokens = buffer.tokens
      if buffer.tokenCount == 1 && tokens[0].kind == .emoticon && tokens[0].start == 0 && Int(tokens[0].end) == length {
        return
      }
      let kinds = (0..<buffer.tokenCount).map { tokens[$0].kind }
      let reading: String
      if kinds.first == .handle {
        reading = "an @handle, which the rules never look up"
      } else if kinds.contains(.url) || kinds.contains(.email) {
        reading = "a URL or e-mail address, which the rules never look up"
      } else if kinds.contains(where: { $0 == .word || $0 == .number }) {
        reading = "words and punctuation (write the words alone)"
      } else {
        reading = "punctuation and not one emoticon"
      }
      throw UnmatchableEntry(
        reason: "'\(text)' starts with punctuation, and texts read it as \(reading), so it would never match (an"
          + " emoticon is 2 to 8 characters without spaces, such as ':-(' or '<3')")
    }

    /// Resolves a phrase to a single entry id or a phrase id (creating either).
    mutating func resolve(_ text: String) throws -> (entry: Int?, phrase: Int?) {
      let k = try keys(text)
      if k.isEmpty { return (nil, nil) }
      if k.count == 1 { return (entry(k[0]), nil) }
      var ids: [Int32] = []
      for key in k { ids.append(Int32(entry(key, inPhrase: true))) }
      return (nil, phrase(ids))
    }

    /// The phrase of entries `ids` (two or more), added if new.
    mutating func phrase(_ ids: [Int32]) -> Int {
      roles[Int(ids[0])].insert(.phraseStart)
      roles[Int(ids[1])].insert(.phraseSecond)
      pairStarts[Int(ids[0])] |= UInt8(1) << bucket[Int(ids[1])]
      let keyBytes = ids.withUnsafeBytes { Array($0) }
      let (pid, inserted) = phrases.insert(keyBytes)
      if inserted {
        phraseValence.append(0)
        phraseHasValence.append(false)
        phraseAspects.append(0)
        phraseIntent.append(0)
        phraseCompetitor.append(false)
        maxPhraseLength = max(maxPhraseLength, ids.count)
      }
      return Int(pid)
    }

    /// Adds the common misspellings of `list`'s words (`TextLexicon.misspellings(of:)`) as entries that read
    /// as the word does, in every phrase it is in ("we will cancle", "please cancell our
    /// subscrption", "we will not renw"): one letter dropped (not the first), doubled, or swapped
    /// with the next. A misspelling that is already a key (a word of its own), is in `except`
    /// (English words a misspelling can make: "contact" from "contract"), or misspells two of
    /// the words is left out.
    mutating func addMisspellings(of list: [String], except: [String]) {
      let excluded = Set(except.map { Array($0.utf8) })
      var target: [[UInt8]: Int32] = [:]
      var ambiguous: Set<[UInt8]> = []
      for word in list {
        let key = Array(word.utf8)
        let e = words.find(key)
        guard e >= 0 else { continue }
        for v in TextLexicon.misspellings(of: key) where words.find(v) < 0 && !excluded.contains(v) {
          if let other = target[v], other != e { ambiguous.insert(v) } else { target[v] = e }
        }
      }
      var aliases: [Int32: [Int32]] = [:]
      // In a fixed order: entry ids do not depend on a dictionary's.
      for v in target.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) where !ambiguous.contains(v) {
        let e = Int(target[v]!)
        let a = entry(v, inPhrase: inPhrasesOnly[e])
        roles[a] = roles[e].subtracting([.phraseStart, .phraseSecond])
        valence[a] = valence[e]
        boost[a] = boost[e]
        aspects[a] = aspects[e]
        intent[a] = intent[e]
        formula[a] = formula[e]
        objectClass[a] = objectClass[e]
        aliases[Int32(e), default: []].append(Int32(a))
      }
      // Each phrase with a misspelled word, once per misspelling in its place.
      for p in 0..<phrases.count {
        let ids = phrases.key(Int32(p)).withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
        for (i, id) in ids.enumerated() {
          for a in aliases[id] ?? [] {
            var copy = ids
            copy[i] = a
            let q = phrase(copy)
            phraseValence[q] = phraseValence[p]
            phraseHasValence[q] = phraseHasValence[p]
            phraseAspects[q] = phraseAspects[p]
            phraseIntent[q] = phraseIntent[p]
            phraseCompetitor[q] = phraseCompetitor[p]
          }
        }
      }
    }

    mutating func setValence(_ text: String, _ v: Float) throws {
      let r = try resolve(text)
      if let e = r.entry {
        // A valence of 0 makes the word neutral (ours overrides VADER's "support", "please"):
        // no valence role, so no rule treats it as a sentiment word.
        if v == 0 { roles[e].remove(.valence) } else { roles[e].insert(.valence) }
        valence[e] = v
      } else if let p = r.phrase {
        phraseValence[p] = v
        phraseHasValence[p] = true
      }
    }

    mutating func addAspect(_ text: String, _ aspect: Aspect) throws {
      let r = try resolve(text)
      if let e = r.entry { aspects[e] |= aspect.bit } else if let p = r.phrase { phraseAspects[p] |= aspect.bit }
    }

    /// A phrase that names no aspect (aspects.txt's `none`): its words' own aspects are taken
    /// back where it is found ("credit card", "credit where it's due").
    mutating func addNoAspect(_ text: String) throws {
      let r = try resolve(text)
      guard let p = r.phrase else { throw UnmatchableEntry(reason: "the kind none takes two words or more") }
      phraseAspects[p] |= TextLexicon.noAspectWhileBuilding
    }

    mutating func addIntent(_ text: String, _ kind: ChurnIntentKind) throws {
      if let bit = kind.objectClass {
        // A word that needs only to be known (not-vendor) or an object class, which no rule of
        // the hot loop reads: no intent kind, no event.
        let k = try keys(text)
        guard k.count == 1 else { throw UnmatchableEntry(reason: "the kind \(kind.name) takes one word") }
        objectClass[entry(k[0])] |= bit
        return
      }
      let r = try resolve(text)
      if let e = r.entry {
        // A word's kind lives in three bits of its info.
        guard kind.rawValue <= 7 else {
          throw UnmatchableEntry(reason: "the kind \(kind.name) takes two words or more")
        }
        intent[e] = kind.rawValue
      } else if let p = r.phrase {
        phraseIntent[p] = kind.rawValue
      }
    }

    /// A name of the company's own product: its last word is the service as an object's head
    /// ("cancel Aegis", "we won't renew falcon complete"), and the name is no competitor.
    mutating func addProduct(_ text: String) throws {
      let k = try keys(text)
      guard let last = k.last else { return }
      let r = try resolve(text)
      if let e = r.entry {
        roles[e].remove(.competitor)
        aspects[e] &= ~Aspect.competitor.bit
      } else if let p = r.phrase {
        phraseCompetitor[p] = false
        phraseAspects[p] &= ~Aspect.competitor.bit
      }
      objectClass[entry(last, inPhrase: k.count > 1)] |= ObjectClass.service
    }

    mutating func addCompetitor(_ text: String) throws {
      let r = try resolve(text)
      if let e = r.entry {
        roles[e].insert(.competitor)
        aspects[e] |= Aspect.competitor.bit
      } else if let p = r.phrase {
        phraseCompetitor[p] = true
        phraseAspects[p] |= Aspect.competitor.bit
        // A name is not an opinion: "Microsoft Defender" must not score "defender".
        if !phraseHasValence[p] {
          phraseHasValence[p] = true
          phraseValence[p] = 0
        }
      }
    }
  }
}

extension TextLexicon {
  /// The entry id of folded key bytes, or -1.
  package func entryID(key: UnsafeRawBufferPointer) -> Int32 {
    words.find(hash: ByteKeyTable.hash(key), key: key)
  }

  /// The folded key bytes of every single-token entry, by id (for the benchmark's reference).
  package var entryKeys: [[UInt8]] { (0..<words.count).map { Array(words.key(Int32($0))) } }

  /// For measuring only (`aftershock-bench text --without`): clears every word's intent and
  /// competitor bits (`intents`) or its aspect bits (`aspects`), so that a run times the rules
  /// with fewer words sent to those readings. Phrases keep theirs; a lexicon so changed must not
  /// score texts for anyone.
  package func clearWordReadings(intents: Bool, aspects: Bool) {
    var mask: UInt64 = 0
    if intents { mask |= TextLexicon.intentInfoMask | UInt64(EntryRoles.competitor.rawValue) }
    if aspects { mask |= 0xff << TextLexicon.aspectInfoShift }
    for i in 0..<words.count { entryInfoPointer[i] &= ~mask }
  }
}

extension TextLexicon {
  /// A word's misspellings of one slip: a letter dropped (after the first, in words of five
  /// letters or more), a letter doubled (after the first), two neighbours swapped (distinct
  /// ones); in that order, without repeats or the word itself.
  static func misspellings(of word: [UInt8]) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var seen: Set<[UInt8]> = [word]
    func add(_ v: [UInt8]) { if seen.insert(v).inserted { out.append(v) } }
    let n = word.count
    if n >= 5 {
      for i in 1..<n {
        var v = word
        v.remove(at: i)
        add(v)
      }
    }
    for i in 1..<n {
      var v = word
      v.insert(word[i], at: i)
      add(v)
    }
    for i in 0..<(n - 1) where word[i] != word[i + 1] {
      var v = word
      v.swapAt(i, i + 1)
      add(v)
    }
    return out
  }
}
