/// A survey score's standard question, which survey tools (SurveyMonkey, Typeform, Google Forms)
/// export as the column's name: "How likely are you to recommend us? (0-10)" is the NPS question,
/// "How satisfied were you with our support?" or "Overall satisfaction" a CSAT one.
///
/// A column is taken for the question only when its words ask it and nothing else: a follow-up
/// that asks for text ("Why did you give that score?", "What would make you more likely to
/// recommend us?", "How likely are you to recommend us? - Comment") never is, nor is a question
/// whose stated scale is another one ("How satisfied are you? (1-10)" is no 1–5 CSAT).
enum SurveyQuestion: Sendable {
  /// The NPS question: how likely the customer is to recommend, on 0–10.
  case recommend
  /// A CSAT question: how satisfied the customer is, on 1–5.
  case satisfaction

  /// Words that make a column a follow-up asking for text, or a category beside the score.
  static let followUpWords: Set<String> = [
    "why", "reason", "reasons", "explain", "explanation", "comment", "comments", "feedback", "verbatim", "text",
    "specify", "describe", "improve", "better", "group", "category", "segment",
  ]

  /// The highest score of the question's scale.
  var scaleTop: Int {
    switch self {
    case .recommend: return 10
    case .satisfaction: return 5
    }
  }

  /// Whether a column named `name` is this question.
  func isAsked(by name: String) -> Bool {
    let words = Self.words(name)
    guard !words.contains(where: Self.followUpWords.contains),
      Self.statedScaleTop(words).map({ $0 == scaleTop }) ?? true
    else { return false }
    switch self {
    case .recommend:
      // "How likely ... recommend", "Likelihood to recommend", "Likely to recommend (0-10)"; not
      // "more likely to recommend", which asks what would change the answer.
      guard words.contains(where: { $0.hasPrefix("recommend") }) else { return false }
      let likely = words.indices.contains {
        words[$0] == "likely" && ($0 == 0 || !["more", "less", "most", "least"].contains(words[$0 - 1]))
      }
      return likely || words.contains("likelihood")
    case .satisfaction:
      // "How satisfied were you ...", "Overall satisfaction", "Satisfaction rating (1-5)".
      if words.indices.contains(where: { $0 > 0 && words[$0] == "satisfied" && words[$0 - 1] == "how" }) { return true }
      return words.contains("satisfaction") && words.contains(where: ["overall", "rate", "rating", "score"].contains)
    }
  }

  /// A name's words: ASCII letters lowercased and digits, split at every other ASCII byte (other
  /// bytes stay in their word).
  static func words(_ name: String) -> [String] {
    var words: [String] = []
    var word: [UInt8] = []
    for b in name.utf8 {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(b | 0x20)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: word.append(b)
      default:
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        word.removeAll(keepingCapacity: true)
      }
    }
    if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
    return words
  }

  /// The top of a scale the name states as two numbers, the first below the second, side by side or
  /// joined by "to" (`(0-10)`, `1 to 5`); nil when it states none.
  static func statedScaleTop(_ words: [String]) -> Int? {
    for (i, word) in words.enumerated() {
      guard let low = Int(word), word.count <= 3 else { continue }
      let next = i + 1 < words.count && words[i + 1] == "to" ? i + 2 : i + 1
      guard next < words.count, words[next].count <= 3, let high = Int(words[next]), low < high else { continue }
      return high
    }
    return nil
  }
}
