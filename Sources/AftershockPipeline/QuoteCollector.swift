import AftershockReport

/// Keeps, per aspect, the few most negative and most positive texts seen, for the report's
/// "what customers said" (bounded memory: a handful of strings per aspect).
struct QuoteCollector {
  private let perAspect: Int
  private var negative: [String: [RunSummary.Quote]] = [:]
  private var positive: [String: [RunSummary.Quote]] = [:]
  /// Longest quote kept, in characters.
  static let maximumLength = 280

  init(perAspect: Int) {
    self.perAspect = perAspect
  }

  /// Offers a text as a quote for `aspect` with the aspect's score in it.
  mutating func consider(aspect: String, score: Double, text: String, segment: String, recordID: String) {
    guard score.isFinite, abs(score) >= 0.3 else { return }
    if score < 0 {
      guard Self.qualifies(score, in: negative[aspect], count: perAspect, better: <) else { return }
      insert(&negative, aspect: aspect, RunSummary.Quote(aspect: aspect, score: score, text: text, segment: segment, recordID: recordID), by: <)
    } else {
      guard Self.qualifies(score, in: positive[aspect], count: perAspect, better: >) else { return }
      insert(&positive, aspect: aspect, RunSummary.Quote(aspect: aspect, score: score, text: text, segment: segment, recordID: recordID), by: >)
    }
  }

  private static func qualifies(_ score: Double, in list: [RunSummary.Quote]?, count: Int, better: (Double, Double) -> Bool) -> Bool {
    guard let list, list.count >= count, let last = list.last else { return true }
    return better(score, last.score)
  }

  private func insert(
    _ table: inout [String: [RunSummary.Quote]], aspect: String, _ quote: RunSummary.Quote, by better: (Double, Double) -> Bool
  ) {
    var quote = quote
    quote.text = Self.clean(quote.text)
    var list = table[aspect, default: []]
    guard !list.contains(where: { $0.text == quote.text }) else { return }
    list.append(quote)
    list.sort { better($0.score, $1.score) }
    if list.count > perAspect { list.removeLast() }
    table[aspect] = list
  }

  /// Redacts e-mail addresses and phone numbers, folds white space, cuts to a readable length.
  static func clean(_ text: String) -> String {
    let folded = Redactor.redact(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    guard folded.count > maximumLength else { return folded }
    return String(folded.prefix(maximumLength - 1)) + "…"
  }

  /// The quotes, aspect by aspect: most negative first, then the most positive.
  var quotes: [RunSummary.Quote] {
    let aspects = Set(negative.keys).union(positive.keys).sorted()
    return aspects.flatMap { (negative[$0] ?? []) + (positive[$0] ?? []) }
  }
}
