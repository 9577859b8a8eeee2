import AftershockIngest
import AftershockReport
import AftershockText

/// The columns `scored_tickets.csv` and `scored_surveys.csv` hold: ids, dates and every text score.
enum ScoredText {
  /// Score columns shared by tickets and survey comments.
  static let scoreHeader: [String] =
    ["sentiment_compound", "sentiment_pos", "sentiment_neu", "sentiment_neg", "sentiment_label"]
    + Aspect.allCases.map { "aspect_\($0.description)" }
    + ["aspects", "churn_intent", "churn_intent_evidence", "competitor_mentioned", "other_language"]

  /// Columns of `scored_tickets.csv`.
  static let ticketHeader =
    ["ticket_id", "account_id", "created_at", "channel", "segment", "offer"] + scoreHeader

  /// Columns of `scored_surveys.csv`.
  static let surveyHeader = ["response_id", "account_id", "submitted_at", "nps", "csat"] + scoreHeader

  /// Writes one ticket's row straight into the sink (the hot path of a run: no array of cells).
  static func writeTicketRow(
    _ ticket: Ticket, _ analysis: TextAnalysis, segment: String, offer: String, writer: CSVWriter, sink: ByteSink
  ) throws {
    for cell in [ticket.ticketID, ticket.accountID] {
      try writer.writeField(cell, to: sink)
      try sink.write(byte: comma)
    }
    try sink.write(ticket.createdAt.description)
    try sink.write(byte: comma)
    for cell in [ticket.channel ?? "", segment, offer] {
      try writer.writeField(cell, to: sink)
      try sink.write(byte: comma)
    }
    let sentiment = analysis.sentiment
    for value in [sentiment.compound, sentiment.positive, sentiment.neutral, sentiment.negative] {
      try writeScore(value, to: sink)
      try sink.write(byte: comma)
    }
    try sink.write(sentiment.label.rawValue)
    for aspect in Aspect.allCases {
      try sink.write(byte: comma)
      if analysis.aspects.isMentioned(aspect) { try writeScore(analysis.aspects[score: aspect], to: sink) }
    }
    try sink.write(byte: comma)
    var first = true
    for aspect in Aspect.allCases where analysis.aspects.isMentioned(aspect) {
      if !first { try sink.write(byte: UInt8(ascii: ";")) }
      first = false
      try sink.write(aspect.description)
    }
    try sink.write(analysis.churnIntent ? ",true," : ",false,")
    if let evidence = analysis.churnIntentEvidence {
      try writer.writeField(TextAnalysis.text(of: evidence, in: ticket.body), to: sink)
    }
    try sink.write(analysis.competitorMentioned ? ",true" : ",false")
    try sink.write(analysis.readsAsAnotherLanguage ? ",true\n" : ",false\n")
  }

  private static let comma = UInt8(ascii: ",")

  /// Writes a score with at most four decimals (`-0.4215`, `0.5`, `0`) without making a String.
  static func writeScore(_ value: Double, to sink: ByteSink) throws {
    guard value.isFinite else { return }
    let scaled = Int((value * 10_000).rounded())
    try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
      var end = 32
      func push(_ byte: UInt8) {
        end -= 1
        digits[end] = byte
      }
      var magnitude = scaled.magnitude
      var fractionDigits = 4
      // Drop trailing zeros of the fraction, then write the rest from the right.
      while fractionDigits > 0, magnitude % 10 == 0, magnitude != 0 {
        magnitude /= 10
        fractionDigits -= 1
      }
      if magnitude == 0 {
        push(UInt8(ascii: "0"))
      } else {
        for _ in 0..<fractionDigits {
          push(UInt8(ascii: "0") + UInt8(magnitude % 10))
          magnitude /= 10
        }
        if fractionDigits > 0 { push(UInt8(ascii: ".")) }
        repeat {
          push(UInt8(ascii: "0") + UInt8(magnitude % 10))
          magnitude /= 10
        } while magnitude > 0
        if scaled < 0 { push(UInt8(ascii: "-")) }
      }
      try sink.write(UnsafeBufferPointer(rebasing: digits[end..<32]))
    }
  }

  /// One survey answer's row (scores blank when there is no comment).
  static func surveyRow(_ response: SurveyResponse, _ analysis: TextAnalysis?) -> [String] {
    let head = [
      response.responseID, response.accountID, response.submittedAt.description, response.nps.map(String.init) ?? "",
      response.csat.map(String.init) ?? "",
    ]
    guard let analysis else { return head + Array(repeating: "", count: scoreHeader.count) }
    return head + scores(analysis, text: response.comment ?? "")
  }

  /// The score cells of one analysed text.
  static func scores(_ analysis: TextAnalysis, text: String) -> [String] {
    let sentiment = analysis.sentiment
    var cells = [
      format(sentiment.compound), format(sentiment.positive), format(sentiment.neutral), format(sentiment.negative),
      sentiment.label.rawValue,
    ]
    for aspect in Aspect.allCases {
      cells.append(analysis.aspects.isMentioned(aspect) ? format(analysis.aspects[score: aspect]) : "")
    }
    cells.append(analysis.aspects.mentioned.map(\.description).joined(separator: ";"))
    cells.append(analysis.churnIntent ? "true" : "false")
    cells.append(analysis.churnIntentEvidence.map { TextAnalysis.text(of: $0, in: text) } ?? "")
    cells.append(analysis.competitorMentioned ? "true" : "false")
    cells.append(analysis.readsAsAnotherLanguage ? "true" : "false")
    return cells
  }

  /// A score with at most four decimals (`-0.4215`, `0.5`, `0`): the text `writeScore` writes.
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    let scaled = Int((value * 10_000).rounded())
    guard scaled != 0 else { return "0" }
    let magnitude = scaled.magnitude
    var text = (scaled < 0 ? "-" : "") + String(magnitude / 10_000)
    var fraction = String(magnitude % 10_000)
    guard fraction != "0" else { return text }
    fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    text += "." + fraction
    return text
  }
}
