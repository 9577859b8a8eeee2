import AftershockForecast
import AftershockIngest
import Foundation
import Testing

@testable import AftershockPipeline

/// The report's offer comparison as a reader sees it: retention by offer over the renewals that
/// were due by the as-of day (a churn before a renewal date still ahead has no peers settled beside
/// it, and is left out and counted), and a what-if table whose columns say they are forecasts.
@Suite struct RunOfferComparisonTests {
  /// As of 2024-11-11: none and voucher_10 each had four renewals due on 2024-06-01 (one churned);
  /// two more voucher_10 accounts churned in October before their 2025 renewal, while three
  /// voucher_10 accounts renewing on the same 2025 day are still open.
  static let accounts = """
    account_id,name,segment,arr,contract_start,renewal_date,offer,churned,churn_date
    N1,Acme,smb,1000,2023-06-01,2024-06-01,none,false,
    N2,Globex,smb,1000,2023-06-01,2024-06-01,none,false,
    N3,Initech,smb,1000,2023-06-01,2024-06-01,none,false,
    N4,Umbrella,smb,1000,2023-06-01,2024-06-01,none,true,2024-05-20
    V1,Hooli,smb,1000,2023-06-01,2024-06-01,voucher_10,false,
    V2,Vandelay,smb,1000,2023-06-01,2024-06-01,voucher_10,false,
    V3,Stark,smb,1000,2023-06-01,2024-06-01,voucher_10,false,
    V4,Wayne,smb,1000,2023-06-01,2024-06-01,voucher_10,true,2024-05-25
    V5,Tyrell,smb,1000,2024-03-01,2025-03-01,voucher_10,true,2024-10-01
    V6,Cyberdyne,smb,1000,2024-03-01,2025-03-01,voucher_10,true,2024-10-02
    V7,Soylent,smb,1000,2024-03-01,2025-03-01,voucher_10,,
    V8,Oscorp,smb,1000,2024-03-01,2025-03-01,voucher_10,,
    V9,Massive,smb,1000,2024-03-01,2025-03-01,voucher_10,,

    """

  /// Runs the accounts above as of 2024-11-11 and returns the folder (the caller removes it).
  static func run() throws -> String {
    let folder = try RunInputWarningsTests.export(accounts: accounts)
    _ = try RunInputWarningsTests.run(folder)
    return folder
  }

  /// The row of `offer` in a summary CSV, keyed by its header.
  static func row(_ file: String, offer: String) throws -> [String: String] {
    let rows = try AsOfWindowTests.rows(file)
    let row = try #require(rows.dropFirst().first { $0.first == offer }, "\(rows)")
    return Dictionary(uniqueKeysWithValues: zip(rows[0], row))
  }

  /// Before, voucher_10 counted its two early churns (3 retained of 6, 0.50, "worse" than no
  /// offer's 0.75) while their peers renewing in 2025 were open; on the renewals due both are 0.75.
  @Test func offerRetentionCountsOnlyTheRenewalsThatWereDue() throws {
    let folder = try Self.run()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let voucher = try Self.row(folder + "/out/summary_offer_retention.csv", offer: "voucher_10")
    #expect(voucher["accounts"] == "4")
    #expect(voucher["retained"] == "3")
    #expect(voucher["retention"] == "0.7500")
    let none = try Self.row(folder + "/out/summary_offer_retention.csv", offer: "none")
    #expect(none["accounts"] == "4")
    #expect(none["retention"] == "0.7500")
    let difference = try Self.row(folder + "/out/summary_offer_differences.csv", offer: "voucher_10")
    #expect(difference["difference"] == "0.0000")
    // One segment, no impact known: the adjusted difference is the difference (its interval a Wald one).
    #expect(difference["adjusted"] == "0.0000")
    let low = try #require(Double(difference["adjusted_low95"] ?? ""))
    let high = try #require(Double(difference["adjusted_high95"] ?? ""))
    #expect(low < 0 && high > 0 && difference["conclusive"] == "no")
  }

  /// The report says what the adjusted columns are, and names a difference that the strata
  /// explains (the sample's extended_service: +0.12 overall, +0.06 within segments).
  @Test func aDifferenceThatSegmentExplainsIsNamed() throws {
    func comparison(_ offer: String, _ crude: (Double, Double, Double), _ within: (Double, Double, Double)) throws
      -> OfferReport.Comparison
    {
      try JSONDecoder().decode(
        OfferReport.Comparison.self,
        from: Data(
          #"""
          {"offer": "\#(offer)", "baseline": "none", "isConclusive": false, "segmentAdjustedAccounts": 300,
           "difference": {"estimate": \#(crude.0), "lower": \#(crude.1), "upper": \#(crude.2)},
           "segmentAdjustedDifference": {"estimate": \#(within.0), "lower": \#(within.1), "upper": \#(within.2)}}
          """#.utf8))
    }
    let text = LeadershipReport.adjustedNote([
      try comparison("extended_service", (0.122, 0.043, 0.199), (0.064, -0.013, 0.142)),
      try comparison("voucher_10", (-0.048, -0.117, 0.031), (-0.046, -0.117, 0.026)),
      try comparison("service_credit", (0.100, 0.027, 0.177), (0.030, -0.047, 0.108)),
    ])
    // A run saved before session 36 adjusted for segment alone (no `adjustedFor`).
    #expect(
      text.hasPrefix("adjusted compares each offer with no offer inside every stratum of segment that holds both"))
    #expect(text.contains("conclusive only when both intervals exclude zero on the same side"))
    #expect(
      text.contains(
        "Adjusted, the difference could be zero for extended_service (+0.122 overall, +0.064 adjusted, -0.013 to "
          + "0.142) and service_credit (+0.100 overall, +0.030 adjusted, -0.047 to 0.108): the data cannot tell that "
          + "gain from none, which is not to say there is none."), "\(text)")
    // Where the truth is known, the adjusted figure ran below it: the report says so (an outside
    // audit read "could be zero" as "made no difference").
    #expect(text.contains("the adjusted differences came out below them"), "\(text)")
    #expect(!text.contains("voucher_10"))
    let none = try comparison("voucher_10", (-0.048, -0.117, 0.031), (-0.046, -0.117, 0.026))
    #expect(!LeadershipReport.adjustedNote([none]).contains("could be zero"))

    // Each offer in a sentence, the voucher's too, said as far as its intervals go (an audit
    // found no sentence saying what the $10 voucher did).
    var summary = RunSummary(asOf: "2024-11-15")
    summary.offerComparisons = [
      try comparison("extended_service", (0.122, 0.043, 0.199), (0.064, -0.013, 0.142)), none,
      try comparison("service_credit", (0.100, 0.027, 0.177), (0.080, 0.010, 0.150)),
    ]
    let verdicts = LeadershipReport.offerVerdicts(summary)
    #expect(
      verdicts.hasPrefix("Each offer against none, on the renewals due: extended_service: difference "), "\(verdicts)")
    #expect(
      verdicts.contains(
        "difference +0.122 (0.043 to 0.199), adjusted +0.064 (-0.013 to 0.142): higher overall, not shown within the strata."
      ))
    #expect(
      verdicts.contains(
        "voucher_10: difference -0.048 (-0.117 to 0.031), adjusted -0.046 (-0.117 to 0.026): no difference these renewals can tell."
      ))
    #expect(
      verdicts.contains(
        "service_credit: difference +0.100 (0.027 to 0.177), adjusted +0.080 (0.010 to 0.150): higher, within the strata too, though not conclusive"
      ))
  }

  @Test func reportSaysWhatTheOfferComparisonCountsAndWhatItLeavesOut() throws {
    let folder = try Self.run()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let report = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
    #expect(report.contains("Observed retention of the accounts whose renewal was due by 2024-11-11"), "\(report)")
    #expect(report.contains("Left out: 2 accounts that churned before a renewal date still ahead."))
    #expect(!report.contains("Observed retention of accounts whose renewal has been settled"))
  }

  /// The open accounts' expected retention with their own offers is a forecast, not a count:
  /// its column no longer says "actual". With too few renewals due to fit a model of the offers
  /// (8 here), the run has no what-if and says why.
  @Test func whatIfColumnsSayTheyAreTheModelsExpectations() throws {
    let folder = try Self.run()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let header = try #require(try AsOfWindowTests.rows(folder + "/out/summary_offer_what_if.csv").first)
    #expect(
      header == [
        "scenario_offer", "accounts", "retained_own_offer", "retained_scenario", "low90", "high90", "arr_own_offer",
        "arr_scenario",
      ], "the interval's ends as numbers of their own (an audit found '2811–3646' as text)")
    let report = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
    #expect(!report.contains("retained_actual"))
    #expect(
      report.contains(
        "What-if: none in this run, as this run has only 8 labelled accounts (2 churned, 6 renewed): at least 50 "
          + "labelled accounts, 10 churned and 10 renewed, are needed to fit a model of the offers."), "\(report)")
  }

  /// The what-if reads the offer's whole effect: its model of the renewals due reads only what no
  /// offer could change. Re-scored through the churn model, which also reads the accounts'
  /// reactions to the offer they got, the sample's open accounts retained 32.9 more with no offer
  /// at all, where the generator's equations give 24.6 fewer (an outside audit's replay, session
  /// 36); the credits' gains (+53.8 and +64.3 there) now read +54.0 and +67.3.
  @Test func theWhatIfModelReadsOnlyWhatNoOfferCouldChange() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-whatif-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try NightlyRun.run(ForecastGroundTruthTests.sampleRun(into: folder))
    let rows = try AsOfWindowTests.rows(folder + "/summary_offer_what_if.csv")
    var gain: [String: Double] = [:]
    for row in rows.dropFirst() {
      gain[row[0]] = (Double(row[3]) ?? .nan) - (Double(row[2]) ?? .nan)
    }
    #expect(gain.count == 4, "\(rows)")
    #expect((gain["service_credit"] ?? 0) > 30 && (gain["extended_service"] ?? 0) > 40, "\(gain)")
    #expect((gain["voucher_10"] ?? 0) < 0, "\(gain)")
    let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
    #expect(
      report.contains(
        "from a model of the renewals that were due that reads only what no offer could change and the offer "
          + "(logistic on tenure_days, log_arr, seats, days_to_renewal, segment, plan, outage_impact_hours, offer of "
          + "the 958 renewals due"), "\(report)")
    #expect(report.contains("whatever else steered an offer to an account is still in the differences"))
  }

  /// A settled account's reason about its renewal says when it was decided, not that it is
  /// "overdue" (two outside audits found renewed accounts with "renewal 98 days overdue" beside
  /// a next renewal 267 days ahead); an open account's pending renewal may still be overdue.
  @Test func aSettledAccountsRenewalReasonSaysWhenItWasDecided() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-settled-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try NightlyRun.run(ForecastGroundTruthTests.sampleRun(into: folder))
    let rows = try AsOfWindowTests.rows(folder + "/accounts_risk.csv")
    let header = rows[0]
    let status = try #require(header.firstIndex(of: "status"))
    let reasons =
      try #require(header.firstIndex(of: "driver_1"))..<(try #require(header.firstIndex(of: "driver_3")) + 1)
    let settled = rows.dropFirst().filter { $0[status] != "open" }
    #expect(!settled.isEmpty)
    #expect(!settled.contains { row in row[reasons].contains { $0.contains("overdue") } })
    #expect(
      settled.contains { row in
        row[reasons].contains { $0.hasPrefix("renewed ") && $0.hasSuffix(" before the as-of day") }
      })
  }

  /// A run saved before session 36 re-scored through the churn model: its report says what that
  /// held fixed.
  @Test func aWhatIfSavedBeforeTheOfferModelSaysWhatItHeldFixed() {
    let summary = RunSummary(asOf: "2024-11-11")
    let note = LeadershipReport.whatIfNote(summary)
    #expect(note.contains("re-scored through the churn model"))
    #expect(note.contains("which holds much of an offer's effect fixed"))
  }

  /// A run stored before the comparison left early churns out still says it counted every
  /// settled account: its figures are not relabelled.
  @Test func aRunSavedBeforeTheChangeKeepsItsOwnWording() {
    var summary = RunSummary(asOf: "2024-11-11")
    #expect(
      LeadershipReport.offerCounts(summary).hasPrefix("Observed retention of accounts whose renewal has been settled"))
    summary.offerChurnsBeforeRenewal = 0
    #expect(LeadershipReport.offerCounts(summary).hasPrefix("Observed retention of the accounts whose renewal was due"))
    #expect(!LeadershipReport.offerCounts(summary).contains("Left out"))
  }

  /// Cramér's V is read out in words: its scale, what this value means, whether it is chance.
  @Test func offerSegmentAssociationIsExplainedInWords() throws {
    func confounding(_ v: Double, p: Double, confounded: Bool) throws -> OfferReport.Confounding {
      try JSONDecoder().decode(
        OfferReport.Confounding.self,
        from: Data(
          #"{"cramersV": \#(v), "chiSquare": 9, "degreesOfFreedom": 6, "pValue": \#(p), "isConfounded": \#(confounded)}"#
            .utf8))
    }
    let text = LeadershipReport.association(try confounding(0.26, p: 1.8e-10, confounded: false))
    #expect(text.contains("Cramér's V 0.26 measures how much the offer an account got went with its segment"))
    #expect(text.contains("from 0 (every segment got the same mix of offers) to 1"))
    #expect(text.contains("here offers leaned toward some segments, an association too strong to be chance"))
    #expect(text.contains("From 0.3 a difference between offers may be a difference between segments"))
    let confounded = LeadershipReport.association(try confounding(0.42, p: 0.2, confounded: true))
    #expect(confounded.contains("here offers went largely by segment, an association that could be chance"))
    #expect(confounded.contains("offers were not assigned at random here"))
  }
}
