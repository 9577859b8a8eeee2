/// Net Promoter Score counts (promoters 9-10, passives 7-8, detractors 0-6), mergeable across shards.
public struct NPSTally: MergeableAggregate, Equatable {
  /// Answers of 9 or 10.
  public private(set) var promoters: Int = 0
  /// Answers of 7 or 8.
  public private(set) var passives: Int = 0
  /// Answers of 0 to 6.
  public private(set) var detractors: Int = 0
  /// Answers outside 0...10 (kept so nothing is silently dropped).
  public private(set) var outOfRange: Int = 0

  /// An empty tally.
  public init() {}

  /// Makes a tally from counts.
  public init(promoters: Int, passives: Int, detractors: Int) {
    self.promoters = promoters
    self.passives = passives
    self.detractors = detractors
  }

  /// Valid answers counted.
  public var responses: Int { promoters + passives + detractors }

  /// Adds one 0-10 answer.
  public mutating func add(score: Int) {
    switch score {
    case 9...10: promoters += 1
    case 7...8: passives += 1
    case 0...6: detractors += 1
    default: outOfRange += 1
    }
  }

  /// Folds another tally into this one.
  public mutating func merge(_ other: NPSTally) {
    promoters += other.promoters
    passives += other.passives
    detractors += other.detractors
    outOfRange += other.outOfRange
  }

  /// NPS = 100 (promoters - detractors) / responses; NaN with no responses.
  public var netPromoterScore: Double {
    responses > 0 ? 100 * Double(promoters - detractors) / Double(responses) : .nan
  }

  /// Standard error of the NPS (on the -100...100 scale).
  ///
  /// NPS/100 is the difference of two proportions of one multinomial sample, so
  /// Var = [pP (1 - pP) + pD (1 - pD) + 2 pP pD] / n = [pP + pD - (pP - pD)^2] / n.
  public var standardError: Double {
    guard responses > 0 else { return .nan }
    let n = Double(responses)
    let promoterShare = Double(promoters) / n
    let detractorShare = Double(detractors) / n
    let difference = promoterShare - detractorShare
    return 100 * ((promoterShare + detractorShare - difference * difference) / n).squareRoot()
  }

  /// Wald interval for the NPS at `confidence` (default 95%), clamped to -100...100.
  public func confidenceInterval(confidence: Double = 0.95) -> ProportionInterval {
    let z = NormalDistribution.quantile(0.5 + confidence / 2)
    let score = netPromoterScore
    return ProportionInterval(
      estimate: score, lower: max(-100, score - z * standardError), upper: min(100, score + z * standardError))
  }

  private enum CodingKeys: String, CodingKey { case promoters, passives, detractors, outOfRange }

  /// Decodes a tally written by `encode(to:)`.
  /// - Throws: `DecodingError.dataCorrupted` unless every count is in `0...mergeableCountLimit`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    promoters = try container.decodeCount(forKey: .promoters)
    passives = try container.decodeCount(forKey: .passives)
    detractors = try container.decodeCount(forKey: .detractors)
    outOfRange = try container.decodeCount(forKey: .outOfRange)
  }
}
