import AftershockForecast
import AftershockIngest
import AftershockStore
import Foundation
import Testing

@testable import AftershockPipeline

/// `ForecastCheck.compare`: a run's scores and forecast against a later file's outcomes, built by hand.
@Suite struct ForecastCheckTests {
  static let asOf = Day(iso8601: "2024-08-15")!
  static let run = RunRecord(id: 7, asOf: "2024-08-15", startedAt: "2024-08-15T00:00:00Z", status: "succeeded")

  static func day(_ text: String) -> Day { Day(iso8601: text)! }

  /// Four smb accounts renewing in 10, 20, 60 and 200 days, one enterprise renewing in 40.
  static let scores = [
    AccountScore(
      accountID: "A", segment: "smb", arr: 1_000, renewalDate: "2024-08-25", daysToRenewal: 10, churnProbability: 0.9,
      tier: "high"),
    AccountScore(
      accountID: "B", segment: "smb", arr: 2_000, renewalDate: "2024-09-04", daysToRenewal: 20, churnProbability: 0.2,
      tier: "low"),
    AccountScore(
      accountID: "C", segment: "smb", arr: 3_000, renewalDate: "2024-10-14", daysToRenewal: 60, churnProbability: 0.6,
      tier: "medium"),
    AccountScore(
      accountID: "D", segment: "smb", arr: 4_000, renewalDate: "2025-03-03", daysToRenewal: 200, churnProbability: 0.5,
      tier: "medium"),
    AccountScore(
      accountID: "E", segment: "enterprise", arr: 50_000, renewalDate: "2024-09-24", daysToRenewal: 40,
      churnProbability: 0.1, tier: "low"),
  ]

  static func compare(
    _ outcomes: [String: ForecastCheck.LaterOutcome], scores: [AccountScore] = scores, horizons: [Int] = [30, 90],
    knownUntil: String = "2024-11-16", quarantined: Set<String> = []
  ) throws -> (
    rows: [ForecastCheck.HorizonRow], quality: ForecastCheck.ProbabilityQuality?,
    accounts: [ForecastCheck.AccountRow]
  ) {
    // As `RunHistory.check` does: the forecast covers the run's accounts compared.
    let accounts = scores.filter { score in
      outcomes[score.accountID].map { ForecastCheck.isComparable($0, asOf: asOf) } ?? false
    }.map {
      ForecastAccount(
        accountID: $0.accountID, segment: $0.segment ?? "unknown", arr: $0.arr ?? 0,
        churnProbability: $0.churnProbability, daysToRenewal: $0.daysToRenewal)
    }
    let forecast = try RetentionForecaster(horizons: horizons).forecast(accounts)
    return try ForecastCheck.compare(
      run: run, asOf: asOf, scores: scores, forecast: forecast, checkedHorizons: horizons, outcomes: outcomes,
      quarantinedIDs: quarantined, knownUntil: day(knownUntil))
  }

  /// A churned at its renewal, D early (before its renewal, day 50), C renewed, B churned late
  /// (after --known-until: retained as far as the file knows), E renewed.
  static let outcomes: [String: ForecastCheck.LaterOutcome] = [
    "A": .init(churned: true, churnDate: day("2024-08-25")),
    "B": .init(churned: true, churnDate: day("2024-11-20")),
    "C": .init(churned: false, renewalDate: day("2024-10-14")),
    "D": .init(churned: true, churnDate: day("2024-10-04")),
    "E": .init(churned: false, renewalDate: day("2024-09-24")),
  ]

  @Test func retainedCountsAndARRFollowTheChurnDatesUpToEachHorizon() throws {
    let (rows, _, _) = try Self.compare(Self.outcomes)
    let all30 = try #require(rows.first { $0.forecast.segment == "all" && $0.forecast.horizonDays == 30 })
    let all90 = try #require(rows.first { $0.forecast.segment == "all" && $0.forecast.horizonDays == 90 })
    #expect(all30.endDay == Self.day("2024-09-14"))
    #expect(all30.actualRetained == 4, "only A churned by 2024-09-14")
    #expect(all30.actualARRRetained == 59_000)
    #expect(all90.actualRetained == 3, "A and D by 2024-11-13; B churned after the file's known-until day")
    #expect(all90.actualARRRetained == 55_000)
    let smb90 = try #require(rows.first { $0.forecast.segment == "smb" && $0.forecast.horizonDays == 90 })
    #expect(smb90.actualRetained == 2)
    #expect(smb90.forecast.accounts == 4)
    // The forecast (churn at renewal) at 30 days: A 0.9 and B 0.2 can leave, so 2 to 4 of the 5 stay.
    #expect(all30.forecast.retainedLow <= 4 && all30.forecast.retainedHigh >= 4)
    #expect(all30.countCovered)
  }

  @Test func aCountOutsideTheIntervalIsNotCovered() throws {
    // Everyone churns in the first week; the forecast (churn at renewal) keeps E, C and D for sure at 30 days.
    let outcomes = Dictionary(
      uniqueKeysWithValues: Self.scores.map {
        ($0.accountID, ForecastCheck.LaterOutcome(churned: true, churnDate: Self.day("2024-08-20")))
      })
    let (rows, _, _) = try Self.compare(outcomes)
    let all30 = try #require(rows.first { $0.forecast.segment == "all" && $0.forecast.horizonDays == 30 })
    #expect(all30.actualRetained == 0)
    #expect(all30.forecast.retainedLow == 3)
    #expect(!all30.countCovered)
    #expect(!all30.arrCovered)
  }

  /// The probabilities are scored on the accounts whose renewal fell by the longest checked horizon
  /// and whose outcome the file knows by its known-until day: A, C and E. Not D (renewing in 200
  /// days, though it churned), nor B (its churn is dated after the known-until day, so by then the
  /// file did not know how its renewal went). Positives {A 0.9}, negatives {C 0.6, E 0.1}: AUC 1;
  /// log-loss -(ln 0.9 + ln 0.4 + ln 0.9) / 3; Brier (0.01 + 0.36 + 0.01) / 3.
  @Test func probabilitiesAreScoredOnTheRenewalsDueWithinTheCheckedHorizons() throws {
    let (_, quality, accounts) = try Self.compare(Self.outcomes)
    let scored = try #require(quality)
    #expect(scored.renewalsBy == Self.day("2024-11-13"))
    #expect(scored.accounts == 3)
    #expect(scored.churned == 1)
    #expect(accounts.filter(\.isScored).map(\.accountID) == ["A", "C", "E"])
    #expect(scored.rocAUC == 1)
    let logLoss = -(log(0.9) + log(0.4) + log(0.9)) / 3
    #expect(abs(scored.logLoss - logLoss) < 1e-12)
    #expect(abs(scored.brier - 0.38 / 3) < 1e-12)
    #expect(abs(scored.meanPredicted - 1.6 / 3) < 1e-12)
  }

  /// The same four accounts with B churned in time: positives {A 0.9, B 0.2}, negatives {C 0.6, E 0.1}:
  /// A beats both, B beats E only, AUC 3/4 (as `Scripts/risk_against_truth.py`'s `auc` gives).
  @Test func rocAUCCountsPairsOfChurnedAndRetainedAccounts() throws {
    var outcomes = Self.outcomes
    outcomes["B"] = .init(churned: true, churnDate: Self.day("2024-09-01"))
    let (_, quality, _) = try Self.compare(outcomes)
    #expect(try #require(quality).rocAUC == 0.75)
  }

  @Test func calibrationByTierComparesMeanPredictedWithTheShareThatChurned() throws {
    var outcomes = Self.outcomes
    outcomes["B"] = .init(churned: true, churnDate: Self.day("2024-09-01"))
    let quality = try #require(try Self.compare(outcomes).quality)
    #expect(quality.tiers.map(\.tier) == ["high", "medium", "low"], "high to low, as the run names them")
    let low = try #require(quality.tiers.first { $0.tier == "low" })
    #expect(low.calibration.count == 2)
    #expect(abs(low.calibration.meanPredicted - 0.15) < 1e-12)
    #expect(low.churned == 1)
    #expect(low.calibration.observedRate == 0.5)
    #expect(low.churnedInterval.lower < 0.5 && low.churnedInterval.upper > 0.5)
    let medium = try #require(quality.tiers.first { $0.tier == "medium" })
    #expect(medium.calibration.count == 1, "C only: D's renewal is past the checked horizons")
    #expect(ForecastCheckTable.tierRows(quality)[0] == ["high", "1", "0.900", "1", "1.000", "0.270", "1.000"])
  }

  /// Accounts absent from the later file, quarantined there, new in it, settled before the run or
  /// otherwise unexplained each get their own status: none is dropped without a word.
  @Test func everyAccountOfEitherSideHasAStatus() throws {
    var outcomes = Self.outcomes
    outcomes["D"] = nil
    outcomes["E"] = nil
    outcomes["N"] = .init(churned: nil, contractStart: Self.day("2024-09-01"))
    outcomes["S"] = .init(churned: true, churnDate: Self.day("2024-08-01"))
    outcomes["R"] = .init(churned: false, renewalDate: Self.day("2024-08-10"))
    outcomes["U"] = .init(churned: nil, contractStart: Self.day("2023-01-01"), renewalDate: Self.day("2025-01-01"))
    let (rows, _, accounts) = try Self.compare(outcomes, quarantined: ["E"])
    let status = Dictionary(uniqueKeysWithValues: accounts.map { ($0.accountID, $0.status) })
    #expect(
      status == [
        "A": .compared, "B": .compared, "C": .compared, "D": .missing, "E": .quarantined, "N": .new, "S": .settled,
        "R": .settled, "U": .unexplained,
      ])
    let all30 = try #require(rows.first { $0.forecast.segment == "all" && $0.forecast.horizonDays == 30 })
    #expect(all30.forecast.accounts == 3, "the forecast covers the accounts found in the file")
    #expect(!rows.contains { $0.forecast.segment == "enterprise" }, "E, the only enterprise account, is left out")
  }

  /// A renewal due within the horizons with `churned` blank in the later file is retained in the
  /// counts but not scored: the file does not say how it went.
  @Test func aDueRenewalWithoutARecordedOutcomeIsNotScored() throws {
    var outcomes = Self.outcomes
    outcomes["C"] = .init(churned: nil, renewalDate: Self.day("2024-10-14"))
    let (_, quality, accounts) = try Self.compare(outcomes)
    #expect(try #require(quality).accounts == 2, "A and E (B's churn is dated after the known-until day)")
    let c = try #require(accounts.first { $0.accountID == "C" })
    #expect(!c.isScored)
    #expect(!c.hasOutcome)
  }

  /// The file's latest churn date and latest renewal date of an account marked not churned are
  /// kept apart (the first is the default known-until day, the second may be a renewal still
  /// ahead); undecided accounts' renewal dates and dates past today do not count.
  @Test func latestDatesKeepChurnsAndNotChurnedRenewalsApart() {
    let outcomes: [String: ForecastCheck.LaterOutcome] = [
      "A": .init(churned: true, churnDate: Self.day("2024-10-01")),
      "B": .init(churned: false, renewalDate: Self.day("2024-11-16")),
      "C": .init(churned: nil, renewalDate: Self.day("2025-06-01")),
    ]
    let latest = ForecastCheck.latestDates(in: outcomes, today: Self.day("2026-01-01"))
    #expect(latest.churn == .init(day: Self.day("2024-10-01"), accountID: "A"))
    #expect(latest.renewalOfNotChurned == .init(day: Self.day("2024-11-16"), accountID: "B"))
    let early = ForecastCheck.latestDates(in: outcomes, today: Self.day("2024-09-01"))
    #expect(early.churn?.day == Self.day("2024-09-01"), "never past today")
    let undecided = ForecastCheck.latestDates(in: ["C": outcomes["C"]!], today: Self.day("2026-01-01"))
    #expect(undecided.churn == nil && undecided.renewalOfNotChurned == nil)
  }

  /// A later CRM export rolls a renewed account's renewal date forward a term: C (the run's renewal
  /// 2024-10-14) and E (2024-09-24) marked churned false with renewal dates a year on renewed at the
  /// run's renewal, so they are retained and scored, as with their renewal dates left as they were.
  @Test func aRenewalDateRolledPastTheRunsRenewalIsARenewal() throws {
    var rolled = Self.outcomes
    rolled["C"] = .init(churned: false, renewalDate: Self.day("2025-10-14"))
    rolled["E"] = .init(churned: false, renewalDate: Self.day("2025-09-24"))
    let (rows, quality, accounts) = try Self.compare(rolled)
    let (sameRows, sameQuality, _) = try Self.compare(Self.outcomes)
    #expect(rows == sameRows)
    #expect(quality == sameQuality)
    #expect(accounts.filter(\.isScored).map(\.accountID) == ["A", "C", "E"])
    #expect(accounts.filter(\.renewalRolledForward).map(\.accountID) == ["C", "E"])
    // Known only once the run's renewal day is: by 2024-10-01, C's renewal (2024-10-14) is ahead.
    let (_, _, early) = try Self.compare(rolled, horizons: [30], knownUntil: "2024-10-01")
    #expect(try #require(early.first { $0.accountID == "C" }).hasOutcome == false)
    #expect(try #require(early.first { $0.accountID == "E" }).hasOutcome == true)
  }

  /// An account the run had open that the later file has churned on or before the run's as-of day
  /// (its input did not know) is left out of the comparison, as a missing one is, not counted lost
  /// in the first horizon.
  @Test func aChurnOnOrBeforeTheAsOfDayIsLeftOutNotCountedLost() throws {
    var outcomes = Self.outcomes
    outcomes["E"] = .init(churned: true, churnDate: Self.day("2024-08-15"))
    let (rows, quality, accounts) = try Self.compare(outcomes)
    let e = try #require(accounts.first { $0.accountID == "E" })
    #expect(e.status == .churnedByAsOf)
    #expect(!e.isScored)
    let all30 = try #require(rows.first { $0.forecast.segment == "all" && $0.forecast.horizonDays == 30 })
    #expect(all30.forecast.accounts == 4)
    #expect(all30.actualRetained == 3, "B, C and D; A churned at its renewal; E left out")
    #expect(!rows.contains { $0.forecast.segment == "enterprise" })
    #expect(try #require(quality).accounts == 2, "A and C")
  }

  @Test func theAccountsTableSaysWhatBecameOfEachAccount() throws {
    var check = try Self.compare(Self.outcomes)
    check.accounts.append(
      ForecastCheck.AccountRow(
        accountID: "N", status: .new, score: nil, churnDay: nil, churnedUndated: false, hasOutcome: false,
        isScored: false))
    let full = ForecastCheck(
      run: Self.run, asOf: Self.asOf, laterFile: "later.csv",
      input: InputSummary(file: "later.csv", format: .csv, kind: .accounts), knownUntil: Self.day("2024-11-16"),
      knownUntilSource: .option, latestChurnDate: nil, latestRenewalOfNotChurned: nil, checkedHorizons: [30, 90],
      uncheckedHorizons: [],
      rows: check.rows, quality: check.quality, accounts: check.accounts, includesModelError: false)
    let rows = ForecastCheckTable.accountRows(full)
    #expect(
      rows[0] == ["A", "compared", "smb", "1000.00", "high", "0.900000", "2024-08-25", "churned", "2024-08-25", "yes"])
    #expect(rows[1][7] == "open", "B churned after the known-until day: no outcome by then")
    #expect(rows[2][7] == "retained")
    #expect(full.renewalsWithoutOutcome.map(\.accountID) == ["B"], "warned of on stderr")
    #expect(
      rows[3] == ["D", "compared", "smb", "4000.00", "medium", "0.500000", "2025-03-03", "churned", "2024-10-04", "no"])
    #expect(rows[5] == ["N", "new", "", "", "", "", "", "", "", "no"])
    #expect(ForecastCheckTable.rows(full).count == 6, "all, enterprise and smb at two horizons")
  }
}
