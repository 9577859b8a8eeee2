import Foundation
import Testing

@testable import AftershockForecast

@Suite struct KeyedAggregatesTests {
  private struct Observation {
    var key: SliceKey
    var sentiment: Double
    var nps: Int
  }

  private func observations(_ count: Int, generator: inout SeededGenerator) -> [Observation] {
    let segments = ["enterprise", "mid_market", "smb"]
    let aspects = ["outage", "offer"]
    let channels = ["email", "chat", "survey"]
    let offers = ["none", "voucher_10", "service_credit", "extended_service"]
    return (0..<count).map { _ in
      let key = SliceKey(
        day: "2024-07-\(19 + Int(generator.next() % 5))", segment: segments[Int(generator.next() % 3)],
        aspect: aspects[Int(generator.next() % 2)], channel: channels[Int(generator.next() % 3)],
        offer: offers[Int(generator.next() % 4)])
      return Observation(key: key, sentiment: 2 * generator.nextUnit() - 1, nps: Int(generator.next() % 11))
    }
  }

  private func table(_ items: [Observation]) -> KeyedAggregates<SliceKey, SliceAggregate> {
    var table = KeyedAggregates<SliceKey, SliceAggregate>()
    for item in items {
      table.update(item.key) {
        $0.addSentiment(item.sentiment)
        $0.addNPS(item.nps)
        $0.addCSAT(1 + item.nps / 2)
      }
    }
    return table
  }

  @Test func mergeOfAnySplitEqualsTheWholeKeywise() throws {
    for seed in UInt64(1)...15 {
      var generator = SeededGenerator(seed: seed)
      let items = observations(1_500, generator: &generator)
      let whole = table(items)
      let parts = try MergeTestSupport.randomShards(items, generator: &generator).map {
        try MergeTestSupport.throughJSON(table($0))
      }
      let merged = MergeTestSupport.mergeRandomly(parts, generator: &generator)
      #expect(merged.sortedKeys == whole.sortedKeys, "seed \(seed)")
      for key in whole.sortedKeys {
        let left = try #require(merged[key])
        let right = try #require(whole[key])
        #expect(left.nps == right.nps, "seed \(seed) \(key)")
        #expect(left.csat == right.csat, "seed \(seed) \(key)")
        #expect(left.sentiment.count == right.sentiment.count, "seed \(seed) \(key)")
        #expect(MergeTestSupport.relativeClose(left.sentiment.mean, right.sentiment.mean), "seed \(seed) \(key)")
        if right.sentiment.count > 1 {
          #expect(
            MergeTestSupport.relativeClose(left.sentiment.variance, right.sentiment.variance), "seed \(seed) \(key)")
        }
        #expect(left.sentimentDistribution.count == right.sentimentDistribution.count, "seed \(seed) \(key)")
      }
    }
  }

  @Test func rollUpFoldsOneSegmentAcrossDays() {
    var generator = SeededGenerator(seed: 5)
    let items = observations(400, generator: &generator)
    let rolled = table(items).rollUp { $0.segment == "smb" }
    #expect(rolled.nps.responses == items.filter { $0.key.segment == "smb" }.count)
  }

  @Test func encodingIsIndependentOfInsertionOrder() throws {
    var generator = SeededGenerator(seed: 9)
    let items = observations(200, generator: &generator)
    var first = KeyedAggregates<SliceKey, NPSTally>()
    var second = KeyedAggregates<SliceKey, NPSTally>()
    for item in items { first.update(item.key) { $0.add(score: item.nps) } }
    for item in items.reversed() { second.update(item.key) { $0.add(score: item.nps) } }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    #expect(try encoder.encode(first) == encoder.encode(second))
  }

  @Test func aTableWithAKeyTwiceIsRefusedOnDecoding() {
    let cell = #"{"promoters":1,"passives":0,"detractors":0,"outOfRange":0}"#
    typealias Table = KeyedAggregates<String, NPSTally>
    #expect(
      MergeTestSupport.refusal(Table.self, "[{\"key\":\"a\",\"value\":\(cell)},{\"key\":\"b\",\"value\":\(cell)}]")
        == nil)
    let twice = MergeTestSupport.refusal(
      Table.self, "[{\"key\":\"a\",\"value\":\(cell)},{\"key\":\"a\",\"value\":\(cell)}]")
    #expect(twice?.contains("a key comes twice: a") == true, "\(twice ?? "decoded")")
  }
}
