// Prints the best of 5 wall-clock times for AftershockForecast's hot paths on synthetic input.
import AftershockForecast
import Foundation

func now() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_MONOTONIC, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

func best(of runs: Int = 5, _ body: () -> Double) -> (seconds: Double, check: Double) {
  var fastest = Double.infinity
  var check = 0.0
  for _ in 0..<runs {
    let start = now()
    check = body()
    fastest = min(fastest, now() - start)
  }
  return (fastest, check)
}

struct Generator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

let count = 1_000_000
var generator = Generator(state: 1)
let values = (0..<count).map { _ in 2 * generator.unit() - 1 }
let phrases = (0..<count).map { _ in "phrase \(Int(pow(generator.unit(), 3) * 5_000))" }
let segments = ["enterprise", "mid_market", "smb"]
let aspects = ["outage", "offer", "support"]
let channels = ["email", "chat", "phone", "survey"]
let offers = ["none", "voucher_10", "service_credit", "extended_service"]
let keys = (0..<count).map { index in
  SliceKey(
    day: "2024-07-\(10 + index % 20)", segment: segments[index % 3], aspect: aspects[(index / 3) % 3],
    channel: channels[(index / 7) % 4], offer: offers[(index / 11) % 4])
}

func report(_ name: String, _ result: (seconds: Double, check: Double), items: Int) {
  let perItem = result.seconds / Double(items) * 1e9
  print(String(format: "%-44@ %9.1f ms  %8.1f ns/item  (check %.3f)", name as NSString, result.seconds * 1e3, perItem, result.check))
}

print("AftershockForecast benchmark: \(count) items, best of 5")
report("RunningMoments.add", best {
  var moments = RunningMoments()
  for value in values { moments.add(value) }
  return moments.mean
}, items: count)
report("TDigest.add (compression 100)", best {
  var digest = TDigest()
  for value in values { digest.add(value) }
  return digest.quantile(0.5)
}, items: count)
report("SpaceSaving<String>.add (capacity 100)", best {
  var summary = SpaceSaving<String>(capacity: 100)
  for phrase in phrases { summary.add(phrase) }
  return Double(summary.top(1).first?.count ?? 0)
}, items: count)
report("KeyedAggregates<SliceKey, SliceAggregate>", best {
  var table = KeyedAggregates<SliceKey, SliceAggregate>()
  for index in 0..<count { table.update(keys[index]) { $0.addSentiment(values[index]) } }
  return Double(table.count)
}, items: count)
let shards: [KeyedAggregates<SliceKey, SliceAggregate>] = (0..<8).map { shard in
  var table = KeyedAggregates<SliceKey, SliceAggregate>()
  for index in stride(from: shard, to: count, by: 8) { table.update(keys[index]) { $0.addSentiment(values[index]) } }
  return table
}
let encoded = shards.map { try! JSONEncoder().encode($0) }
report("merge 8 shard tables from JSON", best {
  var total = KeyedAggregates<SliceKey, SliceAggregate>()
  for data in encoded { total.merge(try! JSONDecoder().decode(KeyedAggregates<SliceKey, SliceAggregate>.self, from: data)) }
  return Double(total.rollUp().sentiment.count)
}, items: encoded.count)
for accounts in [5_000, 50_000] {
  let book = (0..<accounts).map { index in
    ForecastAccount(
      accountID: "A\(index)", segment: segments[index % 3], arr: 1_000 + Double(index % 97) * 300,
      churnProbability: 0.02 + 0.4 * generator.unit(), daysToRenewal: Int(generator.next() % 400))
  }
  report("RetentionForecaster.forecast (\(accounts) accounts)", best(of: 3) {
    let forecast = try! RetentionForecaster().forecast(book)
    return forecast.rows[0].expectedRetained
  }, items: accounts)
}
