/// A three-way sentiment label at VADER's ±0.05 compound thresholds.
public enum SentimentLabel: String, Sendable, CaseIterable {
  /// Compound >= 0.05.
  case positive
  /// Compound strictly between -0.05 and 0.05.
  case neutral
  /// Compound <= -0.05.
  case negative

  /// The label of a compound score, as written to four decimals (the scored files' and
  /// `score --text`'s precision): 0.049996 shows as 0.0500 and is positive, not a neutral beside
  /// a printed 0.0500 (an outside audit).
  public init(compound: Double) {
    let shown = (compound * 10_000).rounded() / 10_000
    self = shown >= 0.05 ? .positive : shown <= -0.05 ? .negative : .neutral
  }
}

/// Rule-based sentiment of a text or sentence: compound in [-1, 1] and VADER-style shares.
public struct SentimentScores: Sendable, Equatable {
  /// Normalised overall valence in [-1, 1].
  public var compound: Double
  /// Share of positive intensity (0...1; the three shares sum to 1 when any token was seen).
  public var positive: Double
  /// Share of neutral tokens.
  public var neutral: Double
  /// Share of negative intensity.
  public var negative: Double

  /// The label at ±0.05.
  public var label: SentimentLabel { SentimentLabel(compound: compound) }

  /// Scores of an empty text.
  public static let empty = SentimentScores(compound: 0, positive: 0, neutral: 0, negative: 0)

  /// Creates scores.
  public init(compound: Double, positive: Double, neutral: Double, negative: Double) {
    self.compound = compound
    self.positive = positive
    self.neutral = neutral
    self.negative = negative
  }
}

/// The sentiment of one sentence of the last analysed text.
public struct SentenceSentiment: Sendable, Equatable {
  /// Byte range of the sentence in the analysed text (first to last token).
  public var byteRange: Range<Int>
  /// Compound of the sentence alone.
  public var compound: Double
  /// Label at ±0.05.
  public var label: SentimentLabel { SentimentLabel(compound: compound) }
}
