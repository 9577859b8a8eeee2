import Foundation
import Testing

@testable import AftershockPipeline

/// `--label-map`: labels renamed or their rows dropped before a sentiment model sees them, and
/// a trained model's labels read in the data's spelling.
@Suite struct SentimentLabelMapTests {
  static func data(_ labels: [String]) -> SentimentPipeline.LabelledTexts {
    SentimentPipeline.LabelledTexts(
      texts: labels.indices.map { "text \($0)" }, labels: labels, recordsRead: labels.count, skippedEmptyText: 0,
      skippedEmptyLabel: 0, quarantined: [], textColumn: "text", labelColumn: "label")
  }

  @Test func sentiment140LabelsBecomeTheRulesClasses() throws {
    let map = try SentimentPipeline.LabelMap(parsing: "0=negative,2=neutral,4=positive")
    var data = Self.data(["4", "0", "2", "4", "0"])
    let unmatched = map.apply(to: &data)
    #expect(unmatched.isEmpty)
    #expect(data.labels == ["positive", "negative", "neutral", "positive", "negative"])
    #expect(data.texts == ["text 0", "text 1", "text 2", "text 3", "text 4"])
    #expect(data.droppedByLabelMap == 0)
  }

  /// "3=" drops the three-star rows, each text staying with its own label; numbers match by
  /// value and words whatever their case; labels the map does not name are kept.
  @Test func emptyTargetDropsRowsAndNumbersMatchByValue() throws {
    let map = try SentimentPipeline.LabelMap(parsing: " 1 = negative , 3= ,5.0=positive, Mixed=neutral ")
    var data = Self.data(["5", "3", "1.0", "3", "mixed", "2"])
    _ = map.apply(to: &data)
    #expect(data.labels == ["positive", "negative", "neutral", "2"])
    #expect(data.texts == ["text 0", "text 2", "text 4", "text 5"])
    #expect(data.droppedByLabelMap == 2)
    #expect(data.recordsRead == 6)
  }

  @Test func pairsNoRowHasAreReturned() throws {
    let map = try SentimentPipeline.LabelMap(parsing: "0=negative,4=positive,9=positive")
    var data = Self.data(["0", "4"])
    #expect(map.apply(to: &data).map(\.from) == ["9"])
  }

  @Test func malformedMapsAreRefusedNamingThePair() {
    let cases: [(String, String)] = [
      ("0=negative,4positive", "pair '4positive' has no '='"),
      ("0=negative,,4=positive", "has an empty pair"),
      ("=positive", "has no label before '='"),
      ("1=positive,1.0=negative", "names the label '1.0' twice ('1' and '1.0' are the same label)"),
      ("Pos=positive,pos=positive", "names the label 'pos' twice"),
    ]
    for (spec, message) in cases {
      #expect(throws: PipelineError.self, "\(spec)") { try SentimentPipeline.LabelMap(parsing: spec) }
      do {
        _ = try SentimentPipeline.LabelMap(parsing: spec)
      } catch {
        #expect("\(error)".contains(message), "\(spec): \(error)")
      }
    }
  }

  @Test func modelLabelsAreReadInTheDataSpelling() {
    #expect(
      SentimentPipeline.alignedLabels(model: ["0", "1"], data: ["positive", "negative", "positive"])
        == ["negative", "positive"])
    #expect(
      SentimentPipeline.alignedLabels(model: ["negative", "neutral", "positive"], data: ["-1", "0", "1"])
        == ["-1", "0", "1"])
    // The model's own labels, or a class the data spells twice: nothing to rename.
    #expect(SentimentPipeline.alignedLabels(model: ["0", "1"], data: ["1", "0"]) == nil)
    #expect(SentimentPipeline.alignedLabels(model: ["0", "1"], data: ["pos", "positive", "neg"]) == nil)
    // A model label that names no class (a topic model) is never renamed.
    #expect(SentimentPipeline.alignedLabels(model: ["billing", "outage"], data: ["negative", "positive"]) == nil)
    // Data with a class the model lacks: the others are still renamed; "neutral" stays unknown.
    #expect(
      SentimentPipeline.alignedLabels(model: ["0", "1"], data: ["negative", "neutral", "positive"])
        == ["negative", "positive"])
  }
}
