/// A model coefficient with the name of the feature it multiplies.
public struct FeatureWeight: Codable, Sendable, Equatable {
  /// Encoded feature name (`Age`, `Geography=Spain`, `Age (missing)`).
  public var feature: String
  /// The coefficient.
  public var weight: Double

  /// A named coefficient.
  public init(feature: String, weight: Double) {
    self.feature = feature
    self.weight = weight
  }
}
