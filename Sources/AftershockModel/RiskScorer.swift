/// Scores accounts with a churn model: probability, tier, and the top reasons in plain words.
///
/// A reason's weight is its column's contribution to the log-odds against the portfolio
/// average: Σ over the column's encoded features of coefficient × (z − mean z), in
/// standardised space, where the mean is taken over the scored table. Columns the wording
/// groups (latest NPS, mean NPS, detractor) count as one reason.
public struct RiskScorer: Sendable {
  /// Whose average a reason is measured against.
  public enum Baseline: String, Codable, Sendable, Equatable {
    /// The scored table itself (the portfolio being reviewed); needs the whole table.
    case portfolio
    /// The training table; each row is scored on its own (for streaming `score`).
    case training
  }

  /// Tier thresholds.
  public var tiers: RiskTiers
  /// Most reasons per account.
  public var driverCount: Int
  /// How reasons read.
  public var wording: DriverWording
  /// Whose average reasons are measured against.
  public var baseline: Baseline
  /// Whether every account's reasons are what raises its risk (a list of accounts at risk by
  /// ARR shows low-tier accounts too, whose reasons must say why they are there); otherwise a
  /// low-tier account's are what lowers it.
  public var reasonsRaiseRiskForEveryTier = false
  /// Columns whose reason, when it raises the account's risk, comes first whatever its weight
  /// (lower-cased): the account's own statements of leaving are the first thing its manager acts
  /// on, and a model can weigh them below its segment or size (an outside audit found "Consider
  /// this our notice" missing from the reasons of 16 of 211 open accounts that wrote one).
  public var alwaysShown: Set<String> = []

  /// A scorer (defaults: high ≥ 0.5, medium ≥ 0.2, three reasons, standard wording,
  /// measured against the portfolio).
  public init(
    tiers: RiskTiers = RiskTiers(), driverCount: Int = 3, wording: DriverWording = .standard,
    baseline: Baseline = .portfolio
  ) {
    self.tiers = tiers
    self.driverCount = driverCount
    self.wording = wording
    self.baseline = baseline
  }

  /// The risk of every row of `table` (the portfolio), in row order.
  /// - Throws: `ModelError.missingColumn` / `.columnKindChanged` when the table no longer
  ///   matches the model's schema, `.invalidConfiguration` for bad tiers.
  /// The mean of the values that are not NaN, nil when there are none; finite for any finite
  /// values (`TabularEncoder.moments`, which the encoder's standardisation uses too).
  static func mean(_ values: [Double]) -> Double? {
    let moments = TabularEncoder.moments(values, rows: Array(values.indices))
    return moments.count > 0 ? moments.mean : nil
  }

  public func score(_ table: DataTable, with model: ChurnModel) throws -> [AccountRisk] {
    try tiers.validate()
    guard driverCount >= 0 else {
      throw ModelError.invalidConfiguration(
        setting: "driverCount", value: String(driverCount), expected: "at least 0")
    }
    let scored = try model.scoreRows(table, baseline: baseline)
    let columns = model.encoder.columns
    let positions = Dictionary(
      columns.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    let means: [Double?] = zip(scored.typed, columns).map { typed, schema in
      guard case .values(let values) = typed else { return nil }
      return baseline == .training ? schema.mean : Self.mean(values)
    }
    let ids: [String]? = model.idColumn.flatMap { name in
      guard let index = table.index(ofColumn: name) else { return nil }
      switch table.columns[index] {
      case .text(let values): return values
      case .numbers(let values): return values.map { TableValue.format($0) }
      }
    }
    let groupNames = columns.map { wording.group(ofColumn: $0.name) }
    func cellText(_ position: Int, _ row: Int) -> String? {
      switch scored.typed[position] {
      case .values(let values): return values[row].isNaN ? nil : TableValue.format(values[row])
      case .codes(let codes, let levels): return codes[row] < 0 ? nil : levels[Int(codes[row])]
      }
    }
    let directions = columns.map { wording.directions[$0.name.lowercased()] }
    /// Whether a column's push on a row goes against the way it is known to push: its value
    /// above the portfolio's mean with a direction of -1 (a kinder sentiment) raising risk, say.
    func pushesAgainstItsDirection(_ position: Int, _ row: Int, _ contribution: Double) -> Bool {
      guard let direction = directions[position], let mean = means[position],
        case .values(let values) = scored.typed[position], !values[row].isNaN, values[row] != mean
      else { return false }
      return (values[row] - mean) * direction * contribution < 0
    }
    return (0..<table.rowCount).map { row in
      let probability = scored.probabilities[row]
      let tier = tiers.tier(for: probability)
      let wantRaising = reasonsRaiseRiskForEveryTier || tier != .low
      // Add up each group's columns; word the group by its heaviest member in the shown direction.
      var groupOrder = [String]()
      var groupSum = [String: Double]()
      var groupLead = [String: Int]()
      let rowContributions = scored.contributions(ofRow: row)
      let offset = rowContributions.startIndex
      for (position, contribution) in rowContributions.enumerated() {
        let group = groupNames[position]
        if groupSum[group] == nil { groupOrder.append(group) }
        groupSum[group, default: 0] += contribution
        let better = { (other: Int) in
          wantRaising
            ? contribution > rowContributions[offset + other]
            : contribution < rowContributions[offset + other]
        }
        if let lead = groupLead[group], !better(lead) { continue }
        groupLead[group] = position
      }
      var candidates = [(order: Int, lead: Int, total: Double)]()
      for (order, group) in groupOrder.enumerated() {
        let total = groupSum[group] ?? 0
        let lead = groupLead[group] ?? 0
        if wantRaising ? total > 1e-9 : total < -1e-9, !pushesAgainstItsDirection(lead, row, total) {
          candidates.append((order: order, lead: lead, total: total))
        }
      }
      candidates.sort { left, right in
        let a = abs(left.total)
        let b = abs(right.total)
        return a != b ? a > b : left.order < right.order
      }
      if !alwaysShown.isEmpty {
        let first = candidates.filter { alwaysShown.contains(columns[$0.lead].name.lowercased()) }
        if !first.isEmpty {
          candidates = first + candidates.filter { !alwaysShown.contains(columns[$0.lead].name.lowercased()) }
        }
      }
      let drivers = candidates.prefix(driverCount).map { candidate -> RiskDriver in
        let position = candidate.lead
        let contribution = candidate.total
        let schema = columns[position]
        var value: Double?
        var level: String?
        switch scored.typed[position] {
        case .values(let values): value = values[row].isNaN ? nil : values[row]
        case .codes(let codes, let levels): level = codes[row] < 0 ? nil : levels[Int(codes[row])]
        }
        let context = DriverContext(
          column: schema.name, kind: schema.kind, value: value, level: level,
          portfolioMean: means[position], baseline: baseline, raisesRisk: contribution > 0,
          lookup: { name in positions[name.lowercased()].flatMap { cellText($0, row) } })
        return RiskDriver(column: schema.name, contribution: contribution, text: wording.text(for: context))
      }
      return AccountRisk(
        row: row, id: ids?[row], churnProbability: probability, tier: tier, drivers: drivers)
    }
  }
}
