/// What a reporting slice accumulates: sentiment and risk moments, the sentiment distribution, NPS and CSAT.
public struct SliceAggregate: MergeableAggregate, Equatable {
  /// Sentiment scores (count, mean, variance, min, max).
  public var sentiment = RunningMoments()
  /// Sentiment distribution for quantiles.
  public var sentimentDistribution = TDigest(compression: 50)
  /// Churn-risk scores (count, mean, variance, min, max).
  public var risk = RunningMoments()
  /// NPS answers.
  public var nps = NPSTally()
  /// CSAT answers.
  public var csat = CSATTally()

  /// An empty slice.
  public init() {}

  /// Adds one scored text's sentiment.
  public mutating func addSentiment(_ score: Double) {
    sentiment.add(score)
    sentimentDistribution.add(score)
  }

  /// Adds one account's churn risk.
  public mutating func addRisk(_ probability: Double) { risk.add(probability) }

  /// Adds one 0-10 NPS answer.
  public mutating func addNPS(_ score: Int) { nps.add(score: score) }

  /// Adds one 1-5 CSAT answer.
  public mutating func addCSAT(_ score: Int) { csat.add(score: score) }

  /// Folds another slice into this one.
  public mutating func merge(_ other: SliceAggregate) {
    sentiment.merge(other.sentiment)
    sentimentDistribution.merge(other.sentimentDistribution)
    risk.merge(other.risk)
    nps.merge(other.nps)
    csat.merge(other.csat)
  }
}
