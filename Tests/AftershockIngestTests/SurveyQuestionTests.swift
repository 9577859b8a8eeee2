import Testing

@testable import AftershockIngest

/// SurveyMonkey, Typeform and Google Forms name a score's column by its question: the standard NPS
/// question is read as `nps` and the common CSAT wordings as `csat`, while a follow-up asking for
/// text, or a question on another scale, is never taken for a score.
@Suite struct SurveyQuestionTests {
  /// The field a surveys header with `column` beside the required ones reads it as, if any.
  static func field(of column: String) throws -> String? {
    let s = Scratch()
    let header = "Response ID,Account,Submitted,\"\(column.replacingOccurrences(of: "\"", with: "\"\""))\""
    let (_, _, summary) = try readSurveys(s.write("surveys.csv", header + "\nR1,A1,2024-11-12,\n"))
    return summary.columns.first { $0.column == column }?.field
  }

  @Test(arguments: [
    "How likely are you to recommend us? (0-10)",
    "How likely is it that you would recommend [Company] to a friend or colleague?",
    "On a scale from 0 to 10, how likely are you to recommend Acme to a friend?",
    "Likelihood to recommend (0-10)",
    "What is the likelihood that you would recommend us to a colleague?",
    "How LIKELY are you to RECOMMEND us?",
  ])
  func theStandardNPSQuestionIsReadAsNPS(column: String) throws {
    #expect(try Self.field(of: column) == "nps")
  }

  @Test(arguments: [
    "How satisfied were you with our support?",
    "Overall satisfaction",
    "Overall, how satisfied are you with Acme? (1-5)",
    "How would you rate your satisfaction with the response to the outage?",
    "Satisfaction rating (1 to 5)",
  ])
  func commonCSATQuestionsAreReadAsCSAT(column: String) throws {
    #expect(try Self.field(of: column) == "csat")
  }

  @Test(arguments: [
    "Why did you give that score?",
    "What would make you more likely to recommend us?",
    "How likely are you to recommend us? - Comment",
    "Please explain why you are likely to recommend us",
    "What is the main reason for your likelihood to recommend?",
    "Would you recommend us to a friend?",
    "How likely are you to renew?",
    "How likely are you to recommend us? (1-100)",
    "How satisfied are you with us? (1-10)",
    "How dissatisfied were you?",
    "What could we do to improve your satisfaction?",
    "Were you satisfied with the resolution?",
  ])
  func followUpsAndOtherScalesAreNotTakenForAScore(column: String) throws {
    let field = try Self.field(of: column)
    #expect(field != "nps" && field != "csat", "\(column) read as \(field ?? "nothing")")
  }

  @Test func theFreeTextFollowUpsAreReadAsBefore() throws {
    #expect(try Self.field(of: "What could we do better?") == "comment")
    #expect(try Self.field(of: "Why did you give that score?") == nil)
  }

  /// The audit's export: its NPS column was ignored, so 11, -1 and 7.5 went through unchecked
  /// and the report had no NPS. Now they are read, and refused.
  @Test func aQuestionColumnsScoresAreReadAndOutOfRangeOnesQuarantined() throws {
    let s = Scratch()
    let path = s.write(
      "surveys.csv",
      """
      Response ID,Account,Submitted,How likely are you to recommend us? (0-10),Comment
      R1,A-100,2024-11-12,0,"Terrible outage. $10? Really?"
      R2,A-101,2024-11-12,10,"Great recovery, thanks"
      R3,A-102,2024-11-12,11,"out of range"
      R4,A-103,2024-11-12,-1,"negative"
      R5,A-104,2024-11-12,7.5,"fraction"

      """)
    let (responses, quarantine, summary) = try readSurveys(path)
    #expect(responses.map(\.nps) == [0, 10])
    #expect(responses.map(\.comment) == ["Terrible outage. $10? Really?", "Great recovery, thanks"])
    #expect(quarantine.map(\.recordID) == ["R3", "R4", "R5"])
    #expect(quarantine.map(\.reason) == [.outOfRange, .outOfRange, .invalidNumber])
    #expect(summary.fieldsNotFound == ["csat"])
  }

  /// A named column still wins over a question: `NPS` beside the question is the score read.
  @Test func anAliasWinsOverAQuestion() throws {
    let s = Scratch()
    let path = s.write(
      "surveys.csv",
      "response_id,account_id,submitted_at,How likely are you to recommend us?,NPS\nR1,A1,2024-11-12,3,9\n")
    let (responses, _, summary) = try readSurveys(path)
    #expect(responses.map(\.nps) == [9])
    #expect(summary.columns.first { $0.field == "nps" }?.column == "NPS")
  }
}
