/// What happened while a gradient-boosted model was fitted: one entry per averaged model.
public struct BoostingTrainingSummary: Sendable, Equatable, Codable {
  /// How one of the averaged models (the only one for `ensembleFolds` 1) was grown.
  public struct Member: Sendable, Equatable, Codable {
    /// Boosting iterations run before stopping.
    public var iterationsRun: Int
    /// Trees kept (the best validation iteration when early stopping ran).
    public var treesKept: Int
    /// Whether early stopping ended the fit before `maxIterations`.
    public var stoppedEarly: Bool
    /// Rows the trees were grown on.
    public var trainingRowCount: Int
    /// Rows held out for early stopping (0 when it was off).
    public var validationRowCount: Int
    /// Validation log-loss after 0, 1, 2, ... trees (empty when early stopping was off).
    public var validationLosses: [Double]
  }

  /// The averaged models, in fold order.
  public var members: [Member]

  /// A summary of the given members.
  public init(members: [Member]) {
    self.members = members
  }

  /// Boosting iterations run, over all members.
  public var iterationsRun: Int { members.reduce(0) { $0 + $1.iterationsRun } }
  /// Trees in the model, over all members.
  public var treesKept: Int { members.reduce(0) { $0 + $1.treesKept } }
  /// Whether early stopping ended every member before `maxIterations`.
  public var stoppedEarly: Bool { !members.isEmpty && members.allSatisfy(\.stoppedEarly) }
  /// Rows a member held out for early stopping (the largest; 0 when it was off).
  public var validationRowCount: Int { members.map(\.validationRowCount).max() ?? 0 }

  private enum CodingKeys: String, CodingKey { case members }

  /// Reads `{"members": [...]}`, or the single member that version 1 files hold at top level.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let members = try container.decodeIfPresent([Member].self, forKey: .members) {
      self.members = members
    } else {
      self.members = [try Member(from: decoder)]
    }
  }

  /// Writes `{"members": [...]}`.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(members, forKey: .members)
  }
}
