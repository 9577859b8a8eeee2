import AftershockIngest
import AftershockPipeline
import Foundation
import Testing

/// The run's churn tiers against the generator's truth in the weeks after the outage, when the
/// run's own model learns from the few renewals already due: the high tier (the one account
/// managers act on) must not promise much more churn than it holds, and weekly runs must not
/// reshuffle the tiers. An outside audit found the high tier predicting 0.63-0.71 against 0.43-0.59
/// realised and its count swinging week to week while each run fitted with a fixed weak penalty;
/// the run now chooses the penalty by cross-validated log-loss (`RegularizationSearch`).
@Suite struct ChurnTierGroundTruthTests {
  /// One run's open accounts: probability and tier by account.
  struct OpenAccounts {
    var probability: [String: Double] = [:]
    /// The model's own probability (`model_probability`).
    var model: [String: Double] = [:]
    var daysToRenewal: [String: Int] = [:]
    var tier: [String: String] = [:]
    var churnModel = ""
  }

  /// The committed sample's weekly runs, as `Scripts/risk_calibration.py --weekly 2024-07-26 2024-08-16` makes them.
  static let weeks: [Day] = [
    Day(year: 2024, month: 7, day: 26), Day(year: 2024, month: 8, day: 2), Day(year: 2024, month: 8, day: 9),
    Day(year: 2024, month: 8, day: 16),
  ].compactMap { $0 }

  static func run(asOf: Day) throws -> OpenAccounts {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-tiers-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var configuration = ForecastGroundTruthTests.sampleRun(into: folder)
    configuration.asOf = asOf
    // As `aftershock run --data Data/sample` reads them (the script's runs).
    let sample = NightlyRunTests.repositoryRoot + "/Data/sample/"
    configuration.competitorFiles = [sample + RunConfiguration.competitorsFileName]
    configuration.productFiles = [sample + RunConfiguration.productsFileName]
    let result = try NightlyRun.run(configuration)
    let risk = try TableLoader.load(path: folder + "/accounts_risk.csv").table
    guard case .text(let ids)? = try? risk.column(named: "account_id"),
      case .text(let status)? = try? risk.column(named: "status"),
      case .text(let probability)? = try? risk.column(named: "churn_probability"),
      case .text(let tier)? = try? risk.column(named: "tier"),
      case .text(let model)? = try? risk.column(named: "model_probability"),
      case .text(let days)? = try? risk.column(named: "days_to_renewal")
    else { throw PipelineError.failed("accounts_risk.csv lacks a column") }
    var open = OpenAccounts(churnModel: result.churnModel)
    for row in ids.indices where status[row] == "open" {
      open.probability[ids[row]] = Double(probability[row]) ?? .nan
      open.tier[ids[row]] = tier[row]
      open.model[ids[row]] = Double(model[row]) ?? .nan
      open.daysToRenewal[ids[row]] = Int(days[row])
    }
    return open
  }

  static func churnedOutcome() throws -> [String: Bool] {
    let truth = try TableLoader.load(path: NightlyRunTests.repositoryRoot + "/Data/sample/truth/accounts_truth.csv")
      .table
    guard case .text(let ids)? = try? truth.column(named: "account_id"),
      case .text(let outcome)? = try? truth.column(named: "churned_outcome")
    else { throw PipelineError.failed("the truth file lacks a column") }
    return Dictionary(uniqueKeysWithValues: zip(ids, outcome.map { $0 == "true" }))
  }

  /// Mean predicted churn of the high tier within 0.25 of the share of it that churned on every
  /// weekly run of the first three weeks, and within 0.16 on average (measured: 0.23, 0.08, 0.16,
  /// 0.06, mean 0.13; 0.05, 0.09, 0.16, 0.05 before days to renewal was read in years and carried
  /// past the renewals learned, which made the year's forecast cover the truth; with the fixed
  /// penalty 0.25, 0.25, 0.40, 0.25, mean 0.29, e.g. 372 high-tier accounts on 2024-08-09
  /// predicted at 0.77 of which 0.37 churned). The run names the strength it chose.
  @Test func theHighTierPromisesAboutTheChurnItHolds() throws {
    let churned = try Self.churnedOutcome()
    var gaps: [Double] = []
    for day in Self.weeks {
      let open = try Self.run(asOf: day)
      #expect(open.churnModel.contains("chosen by 5-fold cross-validated log-loss"), "\(open.churnModel)")
      let high = open.tier.keys.filter { open.tier[$0] == "high" }
      try #require(high.count >= 20, "\(day): \(high.count) high-tier accounts")
      let predicted = high.reduce(0.0) { $0 + open.probability[$1]! } / Double(high.count)
      let realised = Double(high.filter { churned[$0] == true }.count) / Double(high.count)
      #expect(predicted - realised < 0.25, "\(day): \(high.count) high, \(predicted) predicted, \(realised) churned")
      gaps.append(predicted - realised)
    }
    #expect(gaps.reduce(0, +) / Double(gaps.count) < 0.16, "\(gaps)")
  }

  /// Of the accounts open on both of two weekly runs, fewer change tier: 1,170 in all over the
  /// first three weeks (478, 355, 337; 1,381 with the fixed penalty: 497, 430, 454).
  @Test func weeklyRunsReshuffleFewerAccountsBetweenTiers() throws {
    let runs = try Self.weeks.map { try Self.run(asOf: $0) }
    var changes: [Int] = []
    for (earlier, later) in zip(runs, runs.dropFirst()) {
      changes.append(later.tier.filter { id, tier in earlier.tier[id].map { $0 != tier } ?? false }.count)
    }
    #expect(changes.reduce(0, +) < 1_300, "\(changes)")
  }

  /// An open account renewing within the notice lead has outlived the churns that give that much
  /// notice: it is shown its chance given that, below its model's. On the sample as of 2024-09-15
  /// the 199 accounts renewing in 1 to 30 days are shown 0.108 on average (their model 0.147) and
  /// 16 of them (0.080) churned; the 57 within 10 days 0.034 (model 0.106, churned 0.053). An
  /// account renewing later is shown its model's probability.
  @Test func anAccountRenewingWithinTheNoticeLeadIsShownItsChanceGivenItHasNotLeft() throws {
    let churned = try Self.churnedOutcome()
    let open = try Self.run(asOf: try #require(Day(year: 2024, month: 9, day: 15)))
    let soon = open.probability.keys.filter { (1...30).contains(open.daysToRenewal[$0] ?? 0) }
    try #require(soon.count >= 150, "\(soon.count) accounts renewing within 30 days")
    for id in open.probability.keys {
      let shown = open.probability[id]!
      let model = open.model[id]!
      if soon.contains(id) {
        #expect(shown <= model, "\(id): shown \(shown), model \(model)")
      } else {
        #expect(shown == model, "\(id) renews in \(open.daysToRenewal[id] ?? -1) days: shown \(shown), model \(model)")
      }
      #expect(open.tier[id] == (shown >= 0.5 ? "high" : shown >= 0.2 ? "medium" : "low"), "\(id)")
    }
    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
    let shown = mean(soon.map { open.probability[$0]! })
    let model = mean(soon.map { open.model[$0]! })
    let realised = Double(soon.filter { churned[$0] == true }.count) / Double(soon.count)
    #expect(shown < model - 0.02, "shown \(shown), model \(model)")
    #expect(abs(shown - realised) < abs(model - realised), "shown \(shown), model \(model), churned \(realised)")
  }
}
