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

  /// Standard error of the NPS (on the -100...100 scale), from the answers as they are (0 when
  /// they all fall in one category; `confidenceInterval` adjusts for that).
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

  /// Adjusted Wald interval for the NPS at `confidence` (default 95%), clamped to -100...100.
  ///
  /// The plain Wald interval, NPS ± z·`standardError`, has no width when every answer falls in
  /// one category (one passive gives "0 to 0", fifty 10s "100 to 100"), as the Wald interval of a
  /// proportion does at 0 or 1. As Agresti–Coull do for a proportion, this one adds
  /// pseudo-answers before taking the Wald interval: 3 in all, 3/4 to promoters, 3/4 to detractors
  /// and 3/2 to passives. This is the adjusted Wald as Sauro and Lewis give it ("Confidence
  /// Intervals for Net Promoter Scores", MeasuringU), the family Rocks found to cover best
  /// ("Interval Estimation for the Net Promoter Score", The American Statistician 70(4), 2016).
  /// With P, D the adjusted counts and n' = n + 3, pP = P / n', pD = D / n':
  /// centre 100 (pP - pD), half-width 100 z √([pP + pD - (pP - pD)²] / n'). The interval is
  /// clamped to -100...100 and, since it is centred on the adjusted score, widened where needed
  /// to contain the reported NPS (`estimate`, from the real answers). NaN with no answers.
  public func confidenceInterval(confidence: Double = 0.95) -> ProportionInterval {
    let score = netPromoterScore
    guard responses > 0 else { return ProportionInterval(estimate: .nan, lower: .nan, upper: .nan) }
    let z = NormalDistribution.quantile(0.5 + confidence / 2)
    let n = Double(responses) + 3
    let promoterShare = (Double(promoters) + 0.75) / n
    let detractorShare = (Double(detractors) + 0.75) / n
    let difference = promoterShare - detractorShare
    let halfWidth = 100 * z * ((promoterShare + detractorShare - difference * difference) / n).squareRoot()
    let centre = 100 * difference
    return ProportionInterval(
      estimate: score, lower: min(score, max(-100, centre - halfWidth)), upper: max(score, min(100, centre + halfWidth))
    )
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
