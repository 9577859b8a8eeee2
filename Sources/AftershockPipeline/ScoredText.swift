import AftershockIngest
import AftershockText

/// The columns `scored_tickets.csv` and `scored_surveys.csv` hold: ids, dates and every text score.
enum ScoredText {
  /// Score columns shared by tickets and survey comments.
  static let scoreHeader: [String] =
    ["sentiment_compound", "sentiment_pos", "sentiment_neu", "sentiment_neg", "sentiment_label"]
    + Aspect.allCases.map { "aspect_\($0.description)" }
    + ["aspects", "churn_intent", "churn_intent_evidence", "competitor_mentioned"]

  /// Columns of `scored_tickets.csv`.
  static let ticketHeader =
    ["ticket_id", "account_id", "created_at", "channel", "segment", "offer"] + scoreHeader

  /// Columns of `scored_surveys.csv`.
  static let surveyHeader = ["response_id", "account_id", "submitted_at", "nps", "csat"] + scoreHeader

  /// One ticket's row.
  static func ticketRow(_ ticket: Ticket, _ analysis: TextAnalysis, segment: String, offer: String) -> [String] {
    [ticket.ticketID, ticket.accountID, ticket.createdAt.description, ticket.channel ?? "", segment, offer]
      + scores(analysis, text: ticket.body)
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
    return cells
  }

  /// A score with four decimals (`-0.4215`).
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    let scaled = (value * 10_000).rounded() / 10_000
    return scaled == 0 ? "0" : String(scaled)
  }
}
