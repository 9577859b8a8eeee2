import AftershockReport
import AftershockText

/// Keeps, per aspect, the few most negative and most positive texts seen, for the report's
/// "what customers said" (bounded memory: a handful of strings per aspect).
///
/// The kept quotes are the `perAspect` best distinct texts in a total order (score, then record
/// id, then text), each text with its best score: they do not depend on the order texts arrive
/// in, so the collectors of a sharded run's shards merge into exactly the whole run's (`merge`).
struct QuoteCollector: Codable {
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
    let quote = RunSummary.Quote(aspect: aspect, score: score, text: text, segment: segment, recordID: recordID)
    let isNegative = score < 0
    // Cleaning the text costs; most texts are out before it.
    guard Self.qualifies(quote, in: (isNegative ? negative : positive)[aspect], count: perAspect, negative: isNegative)
    else { return }
    var cleaned = quote
    cleaned.text = Self.clean(text)
    if isNegative {
      Self.fold([cleaned], into: &negative, aspect: aspect, keep: perAspect, negative: true)
    } else {
      Self.fold([cleaned], into: &positive, aspect: aspect, keep: perAspect, negative: false)
    }
  }

  /// Whether `quote` may rank among the kept ones (by score and record id; the text decides later).
  private static func qualifies(_ quote: RunSummary.Quote, in list: [RunSummary.Quote]?, count: Int, negative: Bool)
    -> Bool
  {
    guard let list, list.count >= count, let last = list.last else { return true }
    return !ranks(last, before: quote, negative: negative, byText: false)
  }

  /// The order of quotes on one side: the stronger score first (lower for negative quotes), then
  /// the smaller record id, then the smaller text.
  private static func ranks(_ a: RunSummary.Quote, before b: RunSummary.Quote, negative: Bool, byText: Bool = true)
    -> Bool
  {
    if a.score != b.score { return negative ? a.score < b.score : a.score > b.score }
    if a.recordID != b.recordID { return a.recordID < b.recordID }
    return byText && a.text < b.text
  }

  /// Folds in the quotes another collector kept (another shard's).
  mutating func merge(_ other: QuoteCollector) {
    for (aspect, list) in other.negative {
      Self.fold(list, into: &negative, aspect: aspect, keep: perAspect, negative: true)
    }
    for (aspect, list) in other.positive {
      Self.fold(list, into: &positive, aspect: aspect, keep: perAspect, negative: false)
    }
  }

  /// Adds quotes (texts already cleaned) to an aspect's list: a text already kept keeps its better
  /// quote, and only the `keep` first in the order stay.
  private static func fold(
    _ quotes: [RunSummary.Quote], into table: inout [String: [RunSummary.Quote]], aspect: String, keep: Int,
    negative: Bool
  ) {
    var list = table[aspect, default: []]
    for quote in quotes {
      if let index = list.firstIndex(where: { $0.text == quote.text }) {
        guard ranks(quote, before: list[index], negative: negative) else { continue }
        list.remove(at: index)
      }
      list.append(quote)
    }
    list.sort { ranks($0, before: $1, negative: negative) }
    if list.count > keep { list.removeLast(list.count - keep) }
    table[aspect] = list
  }

  /// Removes markup, quoted mail and signature (`DisplayText.plain`), redacts e-mail addresses
  /// and phone numbers, folds white space, cuts to a readable length.
  static func clean(_ text: String) -> String {
    let folded = Redactor.redact(DisplayText.plain(text)).split(whereSeparator: { $0.isWhitespace }).joined(
      separator: " ")
    guard folded.count > maximumLength else { return folded }
    return String(folded.prefix(maximumLength - 1)) + "…"
  }

  /// The quotes, aspect by aspect: most negative first, then the most positive.
  var quotes: [RunSummary.Quote] {
    let aspects = Set(negative.keys).union(positive.keys).sorted()
    return aspects.flatMap { (negative[$0] ?? []) + (positive[$0] ?? []) }
  }
}
