/// Everything `TextAnalyzer` finds in one text; a value with no heap storage.
public struct TextAnalysis: Sendable, Equatable {
  /// Rule-based sentiment of the whole text (length-weighted mean of sentence compounds).
  public var sentiment: SentimentScores = .empty
  /// Per-aspect sentiment and mention counts.
  public var aspects = AspectScores()
  /// Whether the text states an intent to leave (cancel, not renew, switch to a competitor).
  public var churnIntent = false
  /// Byte range of the first intent phrase (the evidence), if any.
  public var churnIntentEvidence: Range<Int>? = nil
  /// Number of intent statements.
  public var churnIntentCount = 0
  /// Whether a competitor from `competitors.txt` is named.
  public var competitorMentioned = false
  /// Byte range of the first competitor name, if any.
  public var competitorEvidence: Range<Int>? = nil
  /// Whether an amount of money is mentioned (`$10`, `10 dollars`).
  public var mentionsMoney = false
  /// Number of sentences.
  public var sentenceCount = 0
  /// Number of scored tokens (words, numbers, emoji, emoticons).
  public var tokenCount = 0
  /// The trained model's prediction, when the analyzer has a model.
  public var modelPrediction: SentimentPrediction? = nil
  /// Words written in lower case (names and acronyms aside) among the text's first 24 tokens, and
  /// how many of them the lexicons know.
  public var lowerCaseWords = 0
  /// See `lowerCaseWords`.
  public var knownLowerCaseWords = 0

  /// Whether the text reads as written in another language than English: six lower-case words
  /// or more, under 3 in 10 of them known to the lexicons ("Nous allons résilier notre contrat,
  /// la panne était inacceptable."). English texts know most of theirs (the UCI sentences: 1 in
  /// 300 under that share, all of them lists of names). Its sentiment, aspects and intent are
  /// then not a reading of what it says.
  public var readsAsAnotherLanguage: Bool {
    lowerCaseWords >= 6 && knownLowerCaseWords * 10 < lowerCaseWords * 3
  }

  /// Creates an empty analysis.
  public init() {}

  /// The text of a byte range of the analysed text (e.g. `churnIntentEvidence`), as a reader
  /// should see it: HTML markup removed and entities decoded (`DisplayText.plain`).
  public static func text(of range: Range<Int>, in text: String) -> String {
    let utf8 = Array(text.utf8)
    guard range.lowerBound >= 0, range.upperBound <= utf8.count else { return "" }
    return DisplayText.plain(String(decoding: utf8[range], as: UTF8.self))
  }
}
