import Foundation
import Testing

@testable import AftershockForecast

@Suite struct CSATTallyTests {
  @Test func answersAreBinnedAndTheMeanAndShareFollow() {
    var tally = CSATTally()
    for score in [5, 5, 4, 3, 1, 0, 6] { tally.add(score: score) }
    #expect(tally.counts == [1, 0, 1, 1, 2] && tally.outOfRange == 2)
    #expect(abs(tally.mean - 18.0 / 5) < 1e-12)
    #expect(tally.satisfiedShare().estimate == 0.6)
  }

  @Test func aDamagedTallyIsRefusedOnDecodingNotMerged() throws {
    var tally = CSATTally()
    tally.add(score: 4)
    #expect(try MergeTestSupport.throughJSON(tally) == tally)
    let refusals = [
      #"{"counts": [1], "outOfRange": 0}"#: "1 counts, expected 5",
      #"{"counts": [1, 2, 3, 4, 5, 6], "outOfRange": 0}"#: "6 counts, expected 5",
      #"{"counts": [1, -2, 3, 4, 5], "outOfRange": 0}"#: "-2 is not a count",
      #"{"counts": [1, 2, 3, 4, 9223372036854775807], "outOfRange": 0}"#: "is not a count",
      #"{"counts": [1, 2, 3, 4, 5], "outOfRange": -1}"#: "outOfRange: -1 is not a count",
    ]
    for (json, words) in refusals {
      let refusal = MergeTestSupport.refusal(CSATTally.self, json)
      #expect(refusal?.contains(words) == true, "\(json): \(refusal ?? "decoded")")
    }
  }

  @Test func theMeanOfHugeMergedCountsDoesNotOverflow() throws {
    let big = try JSONDecoder().decode(
      CSATTally.self, from: Data(#"{"counts": [0, 0, 0, 0, 281474976710656], "outOfRange": 0}"#.utf8))
    var total = CSATTally()
    for _ in 0..<4096 { total.merge(big) }
    #expect(total.mean == 5)
  }
}
