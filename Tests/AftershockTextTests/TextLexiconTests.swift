import Foundation
import Testing

@testable import AftershockText

@Suite struct TextLexiconTests {
  /// A lexicon of the given files' text (each file named for messages), no standard files.
  static func lexicon(
    domain: String = "", aspects: String? = nil, intents: String? = nil, competitors: String? = nil
  ) throws -> TextLexicon {
    func file(_ name: String, _ text: String?) -> (name: String, bytes: [UInt8])? {
      text.map { (name, Array($0.utf8)) }
    }
    return try TextLexicon(
      sentimentLexicons: [("domain.txt", Array(domain.utf8))], aspects: file("aspects.txt", aspects),
      intents: file("intents.txt", intents), competitors: file("competitors.txt", competitors))
  }

  /// The error a lexicon build throws, as the user reads it (empty when it loads).
  /// A new folder holding one file `name` with `contents`; the caller removes the folder.
  static func temporaryFile(_ name: String, _ contents: String) throws -> (folder: String, file: String) {
    let folder = NSTemporaryDirectory() + "aftershock-lexicon-\(UInt64.random(in: 0...UInt64.max))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let file = folder + "/" + name
    try contents.write(toFile: file, atomically: true, encoding: .utf8)
    return (folder, file)
  }

  static func message(_ build: () throws -> TextLexicon) -> String {
    do {
      _ = try build()
      return ""
    } catch {
      return "\(error)"
    }
  }

  /// VADER's scale is -4..4, and the message says so: 9.5 (a typo for 0.95) was accepted.
  @Test(arguments: [("4", true), ("-4", true), ("-4.0", true), ("4.01", false), ("9.5", false), ("-10", false)])
  func valenceIsOnVadersScale(valence: String, accepted: Bool) {
    let message = Self.message { try Self.lexicon(domain: "# header\nzorkmid\t\(valence)\n") }
    if accepted {
      #expect(message.isEmpty, "\(message)")
    } else {
      #expect(
        message.hasPrefix("domain.txt:2: malformed line 'zorkmid\t\(valence)'") && message.contains("from -4 to 4"),
        "\(message)")
    }
  }

  /// Lines that loaded without a word and never matched: each is now an error naming the file,
  /// the line and why. (Each file's line 1 is a comment.)
  @Test(arguments: [
    ("domain.txt", "zorkfail bar.\t-3", "punctuation that is not part of a word"),
    ("domain.txt", "blorp, qux\t-3", "punctuation that is not part of a word"),
    ("domain.txt", "www.badvendor.com\t-3", "reads as a URL"),
    ("domain.txt", "see https://example.com/x\t-3", "reads as a URL"),
    ("domain.txt", "me@example.com\t-2", "reads as an e-mail address"),
    ("domain.txt", "\t-3", "the phrase is empty"),
    ("aspects.txt", "outage\t", "the phrase is empty"),
    ("aspects.txt", "outage\tthe outage.", "punctuation that is not part of a word"),
    ("intents.txt", "leave\t", "the phrase is empty"),
    ("competitors.txt", "\tAcmeSec", "the phrase is empty"),
    // One key with punctuation inside: texts are split there ("Yahoo" "!").
    ("competitors.txt", "Yahoo!", "has punctuation that is not part of a word"),
    ("competitors.txt", "AT&T", "has punctuation that is not part of a word"),
    ("domain.txt", "qqq!\t-3", "has punctuation that is not part of a word"),
    // Punctuation first, but not one emoticon as texts are read: never matched.
    ("domain.txt", "@bob\t-2", "texts read it as an @handle"),
    ("domain.txt", ">:(((((((\t-2", "not one emoticon"),
    ("domain.txt", "!!!\t-1", "not one emoticon"),
    ("domain.txt", "+1\t2", "texts read it as words and punctuation"),
    ("aspects.txt", "outage\t@support", "texts read it as an @handle"),
    ("aspects.txt", "none\tcredit", "the kind none takes two words or more"),
    (
      "aspects.txt", "nothing\tcredit card",
      "aspect one of outage, offer, support, communication, reliability, price, competitor, or none"
    ),
    ("intents.txt", "not-vendor\tMicrosoft Teams", "the kind not-vendor takes one word"),
    ("intents.txt", "not-object\tsupport ticket", "the kind not-object takes one word"),
    ("intents.txt", "vendor-word\tendpoint security", "the kind vendor-word takes one word"),
    ("intents.txt", "object-verb\tcancel out", "the kind object-verb takes one word"),
    ("intents.txt", "subject-leave\tgone", "the kind subject-leave takes two words or more"),
    (
      "intents.txt", "leave-too\tcancel",
      "kind one of leave, stay, leave-to, target, leave-to-name, not-vendor, not-object, vendor-word, service-object, object-verb, name-verb, leave-verb"
    ),
  ])
  func aLineThatCouldNeverMatchIsAnError(file: String, line: String, reason: String) {
    let text = "# header\n\(line)\n"
    let message = Self.message {
      try Self.lexicon(
        domain: file == "domain.txt" ? text : "", aspects: file == "aspects.txt" ? text : nil,
        intents: file == "intents.txt" ? text : nil, competitors: file == "competitors.txt" ? text : nil)
    }
    #expect(message.hasPrefix("\(file):2: malformed line '\(line)'") && message.contains(reason), "\(message)")
  }

  /// Every kind of intents.txt reads back from its own name (the error message lists them by it).
  @Test func intentKindsAreReadByTheirNames() {
    for raw in UInt8(1)...14 {
      let kind = ChurnIntentKind(rawValue: raw)!
      #expect(ChurnIntentKind(name: kind.name.uppercased()) == kind, "\(kind.name)")
    }
    #expect(ChurnIntentKind(rawValue: 15) == nil && ChurnIntentKind(name: "none") == nil)
  }

  /// A Latin-1 byte was replaced by U+FFFD (`String(decoding:)`), so "café" never matched.
  @Test func aLineThatIsNotUTF8IsAnError() {
    let bytes = Array("# header\ncaf".utf8) + [0xE9] + Array(" noir\t-3\n".utf8)
    let message = Self.message {
      try TextLexicon(sentimentLexicons: [("latin1.txt", bytes)], aspects: nil, intents: nil, competitors: nil)
    }
    #expect(
      message.hasPrefix("latin1.txt:2: malformed line") && message.contains("byte 4 of the line (0xE9) is not UTF-8"),
      "\(message)")
  }

  /// What still loads: plain phrases, emoticons, hyphenated and contracted words, comments and
  /// blank lines, and an entry of punctuation and spaces (VADER's `( '}{' )`), which is skipped.
  @Test func wellFormedLinesStillLoadAndMatch() throws {
    let lexicon = try Self.lexicon(
      domain: "# c\n\nzorkok bar\t-3\n:-)))\t2\nwell-made\t1.5\ncan't stand\t-2\n( '}{' )\t1.6\ncafé noir\t1\n",
      aspects: "outage\tzorkok\n", intents: "leave\tzork away\n", competitors: "AcmeSec\nAcme Sec\tnote\n")
    #expect(lexicon.valence(of: "zorkok bar") == -3)
    #expect(lexicon.valence(of: ":-)))") == 2)
    #expect(lexicon.valence(of: "well-made") == 1.5)
    #expect(lexicon.valence(of: "can't stand") == -2)
    #expect(lexicon.valence(of: "café noir") == 1)
  }

  /// A company's own competitor list, read beside the shipped one: a move to a name only it holds
  /// is churn intent and a competitor mention, and the lexicon's fingerprint (which shards and
  /// trained models record) tells the two lexicons apart. A missing file is an error that names it.
  @Test func competitorFilesAddToTheShippedList() throws {
    let (folder, file) = try Self.temporaryFile("competitors.txt", "# ours\nBastionware\nQuillon Security\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shipped = TextTestSupport.lexicon
    let ours = try TextLexicon(dataDirectory: TextTestSupport.dataDirectory, competitorFiles: [file])
    #expect(ours.fingerprint != shipped.fingerprint)
    let text = "We're moving to Bastionware next quarter."
    #expect(!TextAnalyzer(lexicon: shipped).analyze(text).churnIntent)
    let a = TextAnalyzer(lexicon: ours).analyze(text)
    #expect(a.churnIntent && a.competitorMentioned)
    #expect(a.churnIntentEvidence.map { TextAnalysis.text(of: $0, in: text) } == "moving to Bastionware")
    #expect(TextAnalyzer(lexicon: ours).analyze("Quillon Security called us with an offer.").competitorMentioned)
    #expect(TextAnalyzer(lexicon: ours).analyze("We're moving to SentinelOne.").churnIntent)
    let missing = Self.message {
      try TextLexicon(dataDirectory: TextTestSupport.dataDirectory, competitorFiles: [folder + "/none.txt"])
    }
    #expect(missing == "cannot read \(folder)/none.txt: no such file", "\(missing)")
  }

  /// The company's own product names: the service when cancelled or left, in any case, and never
  /// a competitor, even a name the shipped list holds (a vendor that is on it).
  @Test func productFilesNameTheServiceNotACompetitor() throws {
    let (folder, file) = try Self.temporaryFile("products.txt", "# ours\nAegis\nSentinelOne\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shipped = TextAnalyzer(lexicon: TextTestSupport.lexicon)
    let ours = TextAnalyzer(
      lexicon: try TextLexicon(dataDirectory: TextTestSupport.dataDirectory, productFiles: [file]))
    for text in ["We will cancel Aegis.", "we're leaving aegis", "not renewing aegis. period."] {
      #expect(!shipped.analyze(text).churnIntent, "\(text)")
      #expect(ours.analyze(text).churnIntent, "\(text)")
    }
    #expect(!ours.analyze("We will cancel the Aegis webinar.").churnIntent)
    #expect(shipped.analyze("SentinelOne support was slow.").competitorMentioned)
    #expect(!ours.analyze("SentinelOne support was slow.").competitorMentioned)
    #expect(!ours.analyze("We are moving to SentinelOne.").churnIntent)
  }

  /// A word's misspellings of one slip: a letter dropped (not the first), doubled, or swapped with
  /// its neighbour, in that order (what the analyzer reads them as: `TextAnalyzerTests`).
  @Test func misspellingsOfTheWordsOfLeavingReadAsTheWords() {
    let variants = TextLexicon.misspellings(of: Array("renew".utf8)).map { String(decoding: $0, as: UTF8.self) }
    #expect(
      variants == [
        "rnew", "reew", "renw", "rene", "reenew", "rennew", "reneew", "reneww", "ernew", "rneew", "reenw",
        "renwe",
      ])
    #expect(TextLexicon.misspellings(of: Array("cancel".utf8)).contains(Array("cancle".utf8)))
  }

  /// The shipped lexicons have none of the refused lines; VADER's own file keeps its letter-led
  /// emoticons (`d:`, `j/k`), which no other file may hold.
  @Test func shippedLexiconsLoad() throws {
    let lexicon = try TextLexicon(dataDirectory: TextTestSupport.dataDirectory)
    #expect(lexicon.entryCount > 7000)
    let line = Array("# VADER\nj/k\t-0.2\n".utf8)
    #expect(throws: Never.self) {
      try TextLexicon(sentimentLexicons: [("x/vader_lexicon.txt", line)], aspects: nil, intents: nil, competitors: nil)
    }
    #expect(throws: TextError.self) {
      try TextLexicon(sentimentLexicons: [("x/domain.txt", line)], aspects: nil, intents: nil, competitors: nil)
    }
  }
}
