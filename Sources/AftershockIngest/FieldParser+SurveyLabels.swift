/// Survey scores exported as choice text (Qualtrics "Use choice text"): CSAT labels and NPS labels
/// led by their number. Read only when a value is not a plain number (a slower path).
extension FieldParser {
  /// What a label says.
  enum LabelResult: Equatable {
    case value(Int)
    /// A number whose label means another score (`1 - Very satisfied`: a reversed scale).
    case contradicts(number: Int, label: Int)
    case unknown
  }

  /// The standard 5-point satisfaction labels (Qualtrics, SurveyMonkey), lowercased, and their scores.
  private static let satisfactionLabels: [String: Int] = [
    "very dissatisfied": 1, "extremely dissatisfied": 1,
    "somewhat dissatisfied": 2, "dissatisfied": 2,
    "neither satisfied nor dissatisfied": 3, "neither satisfied or dissatisfied": 3, "neutral": 3,
    "somewhat satisfied": 4, "satisfied": 4,
    "very satisfied": 5, "extremely satisfied": 5,
  ]

  /// Splits `10 - Extremely likely` into its leading whole number and the label after the dash (or
  /// `:`); nil without such a number, and nil when what follows is no label: it must start with a
  /// letter and not be a month (a range or bucket `9-10`, `0-6`, `3 - 4`, or a cell Excel turned
  /// into a date, `5-Nov`, is not a score).
  private static func numberedLabel(_ text: String) -> (number: Int, label: String)? {
    let trimmed = text.trimmingASCIIWhitespace()
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 2, let number = Int(digits) else { return nil }
    var rest = trimmed.dropFirst(digits.count).drop { $0 == " " }
    guard let mark = rest.first, mark == "-" || mark == "–" || mark == "—" || mark == ":" else { return nil }
    rest = rest.dropFirst().drop { $0 == " " }
    guard let first = rest.first, first.isLetter else { return nil }
    let words = rest.split { !$0.isLetter }
    if words.count == 1, isMonthName(words[0].lowercased()) { return nil }
    return (number, String(rest))
  }

  /// A label's words lowercased, single-spaced.
  private static func normalizedLabel(_ text: String) -> String {
    text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// CSAT as a satisfaction label (`Somewhat satisfied` → 4) or a numbered one (`5 - Very satisfied`).
  static func csatLabel(_ text: String) -> LabelResult {
    if let (number, label) = numberedLabel(text) {
      if let meaning = satisfactionLabels[normalizedLabel(label)], meaning != number {
        return .contradicts(number: number, label: meaning)
      }
      return .value(number)
    }
    return satisfactionLabels[normalizedLabel(text)].map(LabelResult.value) ?? .unknown
  }

  /// NPS as a label led by its number (`10 - Extremely likely`, `0 - Not at all likely`); a label
  /// without its number is not read (which score would `Extremely likely` be?).
  static func npsLabel(_ text: String) -> LabelResult {
    numberedLabel(text).map { .value($0.number) } ?? .unknown
  }
}
