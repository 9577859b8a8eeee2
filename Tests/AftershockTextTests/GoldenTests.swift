import Foundation
import Testing

@testable import AftershockText

/// Golden outputs for reviewed sentences (`Tests/Fixtures/text-golden.tsv`):
/// text, compound rounded to 3 decimals, label, aspects with their scores, churn intent.
/// Re-record after a deliberate change with `RECORD_GOLDEN=1 swift test --filter GoldenTests`,
/// then review the diff line by line.
@Suite struct GoldenTests {
  static let path = TextTestSupport.repoRoot + "/Tests/Fixtures/text-golden.tsv"

  static func render(_ text: String, _ analyzer: TextAnalyzer) -> String {
    let a = analyzer.analyze(text)
    let aspects = a.aspects.mentioned.map { String(format: "%@:%.3f", $0.description, a.aspects[score: $0]) }
    return [
      text, String(format: "%.3f", a.sentiment.compound), a.sentiment.label.rawValue,
      aspects.isEmpty ? "-" : aspects.joined(separator: ","),
      a.churnIntent ? "intent" : "-",
    ].joined(separator: "\t")
  }

  @Test func goldenSentencesKeepTheirReviewedScores() throws {
    let content = try String(contentsOfFile: Self.path, encoding: .utf8)
    let lines = content.split(separator: "\n").map(String.init)
    let header = lines.first ?? ""
    let rows = lines.dropFirst().filter { !$0.isEmpty }
    #expect(rows.count >= 30)
    let analyzer = TextTestSupport.analyzer()
    let rendered = rows.map { Self.render(String($0.split(separator: "\t")[0]), analyzer) }
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try ([header] + rendered).joined(separator: "\n").appending("\n").write(
        toFile: Self.path, atomically: true, encoding: .utf8)
      return
    }
    for (expected, actual) in zip(rows, rendered) {
      #expect(actual == expected)
    }
  }
}
