/// Customer-satisfaction (1-5) answer counts, mergeable across shards.
public struct CSATTally: MergeableAggregate, Equatable {
  /// Answers of 1, 2, 3, 4 and 5 (index 0 holds the 1s).
  public private(set) var counts: [Int] = [0, 0, 0, 0, 0]
  /// Answers outside 1...5.
  public private(set) var outOfRange: Int = 0

  /// An empty tally.
  public init() {}

  /// Valid answers counted.
  public var responses: Int { counts.reduce(0, +) }

  /// Adds one 1-5 answer.
  public mutating func add(score: Int) {
    if (1...5).contains(score) { counts[score - 1] += 1 } else { outOfRange += 1 }
  }

  /// Folds another tally into this one.
  public mutating func merge(_ other: CSATTally) {
    for index in 0..<5 { counts[index] += other.counts[index] }
    outOfRange += other.outOfRange
  }

  /// Mean answer; NaN with no responses.
  public var mean: Double {
    responses > 0
      ? counts.enumerated().reduce(0.0) { $0 + Double($1.offset + 1) * Double($1.element) } / Double(responses) : .nan
  }

  /// Share answering 4 or 5 (the usual CSAT score) with its Wilson interval.
  public func satisfiedShare(confidence: Double = 0.95) -> ProportionInterval {
    .wilson(successes: counts[3] + counts[4], trials: responses, confidence: confidence)
  }

  private enum CodingKeys: String, CodingKey { case counts, outOfRange }

  /// Decodes a tally written by `encode(to:)`.
  /// - Throws: `DecodingError.dataCorrupted` unless it holds five counts, each in `0...mergeableCountLimit`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    var buckets = try container.nestedUnkeyedContainer(forKey: .counts)
    var counts: [Int] = []
    while !buckets.isAtEnd {
      let count = try buckets.decode(Int.self)
      guard (0...mergeableCountLimit).contains(count) else {
        throw DecodingError.dataCorruptedError(
          in: buckets, debugDescription: "\(count) is not a count (expected 0 to 2^48)")
      }
      counts.append(count)
    }
    guard counts.count == 5 else {
      throw DecodingError.dataCorruptedError(
        forKey: .counts, in: container, debugDescription: "\(counts.count) counts, expected 5 (answers 1 to 5)")
    }
    self.counts = counts
    outOfRange = try container.decodeCount(forKey: .outOfRange)
  }
}
