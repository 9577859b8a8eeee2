import Foundation
import Testing

@testable import AftershockPipeline

/// The report's quote candidates: the same whatever order texts arrive in, so shards merge exactly.
struct QuoteCollectorTests {
  /// Texts with many equal scores and repeated texts (as generated tickets have).
  static func candidates(count: Int, seed: UInt64) -> [(aspect: String, score: Double, text: String, id: String)] {
    var state = seed
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    return (0..<count).map { index in
      let aspect = ["outage", "offer", "support"][Int(next() % 3)]
      let score = [-0.9, -0.7, -0.7, -0.5, 0.4, 0.6, 0.6, 0.8][Int(next() % 8)]
      let text = "text \(next() % 40) about the \(aspect)"
      return (aspect, score, text, String(format: "T-%05d", index))
    }
  }

  static func collect(_ items: some Sequence<(aspect: String, score: Double, text: String, id: String)>)
    -> QuoteCollector
  {
    var collector = QuoteCollector(perAspect: 3)
    for item in items {
      collector.consider(aspect: item.aspect, score: item.score, text: item.text, segment: "smb", recordID: item.id)
    }
    return collector
  }

  @Test func anyOrderAndAnySplitKeepTheSameQuotes() throws {
    for seed: UInt64 in [1, 2, 3, 42] {
      let items = Self.candidates(count: 400, seed: seed)
      let expected = Self.collect(items).quotes
      #expect(Self.collect(items.reversed()).quotes == expected, "seed \(seed): reversed")
      // Three shards dealt round-robin, merged in two orders, each through JSON as in a partial.
      let shards = (0..<3).map { shard in
        Self.collect(items.enumerated().filter { $0.offset % 3 == shard }.map(\.element))
      }
      for order in [[0, 1, 2], [2, 0, 1]] {
        var merged = try JSONDecoder().decode(QuoteCollector.self, from: JSONEncoder().encode(shards[order[0]]))
        for index in order.dropFirst() { merged.merge(shards[index]) }
        #expect(merged.quotes == expected, "seed \(seed): shards merged in order \(order)")
      }
    }
  }

  @Test func aRepeatedTextIsQuotedOnceWithItsStrongestScore() {
    var collector = QuoteCollector(perAspect: 3)
    collector.consider(aspect: "offer", score: -0.5, text: "the voucher is a joke", segment: "smb", recordID: "T-2")
    collector.consider(aspect: "offer", score: -0.8, text: "the voucher is a joke", segment: "smb", recordID: "T-9")
    collector.consider(aspect: "offer", score: -0.8, text: "an insult", segment: "smb", recordID: "T-5")
    #expect(collector.quotes.map(\.recordID) == ["T-5", "T-9"], "equal scores: the smaller record id first")
  }
}
