/// How rows are weighted by class when fitting.
public enum ClassWeight: String, Codable, Sendable, Equatable {
  /// Every row counts once.
  case none
  /// Each class's rows weigh n / (2 · rows of that class), as scikit-learn's `balanced`.
  case balanced

  /// The weight of each row given the labels.
  func weights(for labels: [Bool]) -> [Double] {
    switch self {
    case .none:
      return [Double](repeating: 1, count: labels.count)
    case .balanced:
      let positives = Double(labels.reduce(0) { $0 + ($1 ? 1 : 0) })
      let negatives = Double(labels.count) - positives
      let n = Double(labels.count)
      let positiveWeight = positives > 0 ? n / (2 * positives) : 0
      let negativeWeight = negatives > 0 ? n / (2 * negatives) : 0
      return labels.map { $0 ? positiveWeight : negativeWeight }
    }
  }
}
