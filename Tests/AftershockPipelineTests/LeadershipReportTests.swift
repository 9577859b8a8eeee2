import AftershockForecast
import AftershockReport
import AftershockStore
import Foundation
import Testing

@testable import AftershockPipeline

/// What leadership reads in report.md and account managers in at_risk.md, on small hand-made runs.
struct LeadershipReportTests {
  static func score(
    _ id: String, arr: Double?, probability: Double = 0.6, tier: String = "high", manager: String = "Maria Gonzalez"
  ) -> AccountScore {
    AccountScore(
      accountID: id, name: "Account \(id)", segment: "smb", accountManager: manager, arr: arr, daysToRenewal: 30,
      churnProbability: probability, tier: tier, drivers: ["CSAT 2 of 5"])
  }

  static func markdown(_ summary: RunSummary, _ scores: [AccountScore]) -> String {
    LeadershipReport.document(summary: summary, scores: scores, runID: 1).markdown()
  }

  /// A summary with two scored texts (one negative) and an all-accounts forecast at 365 days.
  static func summary() throws -> RunSummary {
    var summary = RunSummary(asOf: "2026-08-09")
    summary.textSentiment.add(-0.5)
    summary.textSentiment.add(0.3)
    summary.negativeTexts = 1
    summary.forecast = try JSONDecoder().decode(
      [ForecastRow].self,
      from: Data(
        """
        [{"segment": "all", "horizonDays": 365, "accounts": 2, "expectedRetained": 1.2, "retainedLow": 0,
          "retainedHigh": 2, "arr": 0, "expectedARRRetained": 0, "arrLow": 0, "arrHigh": 0, "arrAtRisk": 0,
          "arrIntervalMethod": "simulation"}]
        """.utf8))
    return summary
  }

  // MARK: Markup (finding 07)

  @Test func quoteBulletsShowTheAspectInBoldAndTheQuoteAsLiteralText() throws {
    var summary = try Self.summary()
    summary.quotes = [
      RunSummary.Quote(
        aspect: "offer", score: -0.5, text: "a **x** voucher | `rm` [here](x)", segment: "smb", recordID: "T-1")
    ]
    let markdown = Self.markdown(summary, [Self.score("A-1", arr: 1000)])
    #expect(markdown.contains("\n- **offer** (-0.50, smb): “a \\*\\*x\\*\\* voucher | \\`rm\\` \\[here\\](x)”\n"))
    #expect(!markdown.contains("\\*\\*offer\\*\\*"))
  }

  /// The forecast paragraph gives the notice lead the run learned, and says when the churns span
  /// too few days for a longer lead to have shown.
  @Test func theNoticeLeadAndHowFarItCouldReachAreSaid() throws {
    var summary = try Self.summary()
    var notice = try #require(NoticeLead(leadDays: [0, 2, 3, 6]))
    notice.observableDays = 6
    summary.noticeLead = notice
    let markdown = Self.markdown(summary, [Self.score("A-1", arr: 1000)])
    #expect(markdown.contains("a notice lead like that of the 4 churns whose renewal was due: 0 to 6 days, median 2."))
    #expect(markdown.contains("The churns in the data span only 6 days up to the as-of day, so longer leads cannot"))
    notice.observableDays = 120
    summary.noticeLead = notice
    #expect(!Self.markdown(summary, [Self.score("A-1", arr: 1000)]).contains("cannot have shown yet"))
  }

  /// The risk section says which accounts are shown lower than their model and why; when the churns
  /// span too few days for longer leads to have shown, it says the accounts renewing further out
  /// may run high (an audit found the lead of a week after the outage stated as fact there).
  @Test func theRiskSectionSaysWhichAccountsAreReadAgainstTheNoticeLead() throws {
    var summary = try Self.summary()
    var notice = try #require(NoticeLead(leadDays: [0, 2, 3, 6]))
    notice.observableDays = 6
    summary.noticeLead = notice
    var soon = Self.score("A-1", arr: 1000, probability: 0.05, tier: "low")
    soon.modelProbability = 0.2
    var later = Self.score("A-2", arr: 1000, probability: 0.3, tier: "medium")
    later.modelProbability = 0.3
    let markdown = Self.markdown(summary, [soon, later])
    #expect(
      markdown.contains(
        "1 open account renews within the notice lead (0 to 6 days) and has not left: it has outlived the churns "
          + "that give that much notice, so its risk is lower than the churn model's own figure (mean 0.050 against "
          + "0.200; `accounts_risk.csv` gives both"), "\(markdown)")
    #expect(markdown.contains("an account renewing more than 6 days ahead is not read lower"), "\(markdown)")
    notice.observableDays = 120
    summary.noticeLead = notice
    #expect(!Self.markdown(summary, [soon, later]).contains("is not read lower"))
    // No account read that way (or a run saved before session 37, without model probabilities): no paragraph.
    #expect(!Self.markdown(summary, [later]).contains("renews within the notice lead"))
    #expect(!Self.markdown(summary, [Self.score("A-3", arr: 1000)]).contains("within the notice lead"))
  }

  /// The tiers' thresholds are said (an audit found them counted but never defined), and a risk
  /// learned from renewals over a few weeks is called an early estimate in the headline and the
  /// risk section (an audit found the headline's ARR at risk 36-82% above the truth then).
  @Test func theRiskSectionSaysWhereTiersStartAndWhenItIsAnEarlyEstimate() throws {
    var summary = try Self.summary()
    summary.highRiskFrom = 0.5
    summary.mediumRiskFrom = 0.2
    summary.settledRenewalSpanDays = 40
    let scores = [Self.score("A-1", arr: 1000)]
    var markdown = Self.markdown(summary, scores)
    #expect(markdown.contains("Tiers by churn probability: high from 0.50, medium from 0.20, low below 0.20."))
    #expect(
      markdown.contains("An early estimate: the churn model has learned from renewals due over 40 days"), "\(markdown)")
    #expect(markdown.contains("ARR at risk (ARR × churn probability at the next renewal), an early estimate (see the"))
    summary.settledRenewalSpanDays = 118
    markdown = Self.markdown(summary, scores)
    #expect(!markdown.contains("early estimate"))
    // A run saved before session 38 kept neither: nothing is said.
    summary.highRiskFrom = nil
    summary.settledRenewalSpanDays = nil
    markdown = Self.markdown(summary, scores)
    #expect(!markdown.contains("Tiers by churn probability") && !markdown.contains("early estimate"))
  }

  /// Records dated after the as-of day are counted apart from bad ones: a backdated run leaves
  /// them for a later run (an outside audit read a backdated run's "14,790 records were
  /// quarantined" as a data disaster).
  @Test func recordsAfterTheAsOfDayAreNotCalledBad() throws {
    var summary = try Self.summary()
    summary.inputs = [
      RunSummary.InputCounts(
        kind: "tickets", file: "tickets.csv", read: 10, accepted: 6, quarantined: 4,
        quarantinedByReason: ["after_as_of": 3, "invalid_date": 1], bytes: 100)
    ]
    let markdown = Self.markdown(summary, [Self.score("A-1", arr: 1000)])
    #expect(
      markdown.contains(
        "Of them, 3 are dated after the as-of day (after_as_of): not bad, left for a run of a later day; 1 was "
          + "rejected as unreadable or implausible."), "\(markdown)")
  }

  /// The forecast paragraph names the command that checks this run's forecast once outcomes are
  /// known (`--against`), and the cohort backtest as something else, both as code.
  @Test func forecastParagraphShowsTheBacktestCommandAsCode() throws {
    let markdown = Self.markdown(try Self.summary(), [Self.score("A-1", arr: 1000)])
    #expect(
      markdown.contains(
        "once the outcomes are known, `aftershock forecast --against LATER_ACCOUNTS_FILE` checks this run's forecast "
          + "and churn probabilities against them (`aftershock forecast --backtest` tests a cohort curve fitted on an "
          + "accounts file's past instead)."), "\(markdown)")
    #expect(!markdown.contains("\\`aftershock forecast"))
  }

  // MARK: Zero cases and wording (finding 12)

  /// The forecast table's ARR intervals are simulated for small rows and normal for large ones
  /// (`arr_interval_method`): the paragraph says both, and names the column.
  @Test func forecastParagraphSaysBothARRIntervalMethodsAndNamesTheColumn() throws {
    let markdown = Self.markdown(try Self.summary(), [])
    #expect(!markdown.contains("ARR intervals come from simulation."))
    #expect(
      markdown.contains(
        "ARR intervals come from 2,000 simulated outcomes for a row of up to 2,000 accounts and from the normal "
          + "approximation for a larger one: the arr_interval_method column (monte_carlo or normal) says which."))
  }

  /// `report --out DIR` writes no quarantine.csv: the data quality section says where it is.
  @Test func dataQualitySaysWhereQuarantineCSVIs() throws {
    var summary = try Self.summary()
    #expect(Self.markdown(summary, []).contains("No record was quarantined. For every input"))
    summary.inputs = [
      RunSummary.InputCounts(
        kind: "tickets", file: "in/tickets.csv", read: 3, accepted: 1, quarantined: 2,
        quarantinedByReason: ["missing_field": 2], bytes: 100)
    ]
    let markdown = Self.markdown(summary, [])
    #expect(!markdown.contains("(see quarantine.csv"))
    #expect(
      markdown.contains(
        "2 records were quarantined, each listed in quarantine.csv (file, line, id, reason, raw text) in the run's "
          + "output folder (aftershock run --out; aftershock report does not copy it)."), "\(markdown)")
  }

  @Test func noTextsSaysThereWereNoneToScoreInsteadOfAZeroMean() throws {
    var summary = try Self.summary()
    summary.textSentiment = RunningMoments()
    summary.negativeTexts = 0
    let markdown = Self.markdown(summary, [Self.score("A-1", arr: 1000)])
    #expect(markdown.contains("- No texts to score"))
    #expect(!markdown.contains("0 texts scored"))
    #expect(!markdown.contains("mean sentiment +0.00"))
  }

  @Test func someTextsStillGiveTheirCountShareAndMean() throws {
    let markdown = Self.markdown(try Self.summary(), [Self.score("A-1", arr: 1000)])
    #expect(markdown.contains("- 2 texts scored; 50.0% negative (mean sentiment -0.10)."))
  }

  @Test func arrMissingForEveryAccountIsReportedAsUnknownNotZero() throws {
    let scores = [Self.score("A-1", arr: nil), Self.score("A-2", arr: nil, probability: 0.1, tier: "low")]
    let markdown = Self.markdown(try Self.summary(), scores)
    #expect(
      markdown.contains(
        "- 2 open accounts (renewal pending), ARR not given for any of them; 1 at high risk; ARR at risk unknown."))
    #expect(
      markdown.contains(
        "open accounts retained (90% interval 0–2), ARR unknown; customers whose renewal is already settled are not in it."
      ))
    #expect(!markdown.contains("\\$0"))
    // The top-accounts table leaves unknown ARR blank, as at-risk does.
    #expect(markdown.contains("| A-1 | Account A-1 | smb | Maria Gonzalez |  | 0.6000 |  | CSAT 2 of 5 |"))
  }

  /// An account on the top-ARR list for its ARR alone (no reason above the portfolio average)
  /// says so, as `at-risk` does, rather than leaving the reason blank (an outside audit found 5
  /// of 15 blank).
  @Test func topARRAccountWithoutAReasonSaysSo() throws {
    var big = Self.score("A-9", arr: 900_000, probability: 0.05, tier: "low")
    big.drivers = []
    let markdown = Self.markdown(try Self.summary(), [big, Self.score("A-1", arr: 10_000)])
    #expect(
      markdown.contains(
        "| A-9 | Account A-9 | smb | Maria Gonzalez | 900000.00 | 0.0500 | 45000.00 | no reason above the portfolio average |"
      ), "\(markdown)")
  }

  // MARK: Amounts and control characters (audit D18, D19)

  /// Amounts for people take the unit they read in, up to trillions; a zero is `$0` however signed.
  @Test func amountsReadInTheirUnitUpToTrillionsAndZeroIsUnsigned() {
    #expect(AtRiskList.money(118e12) == "$118.0T")
    #expect(AtRiskList.money(3.4e9) == "$3.4B")
    #expect(AtRiskList.money(999_999_999) == "$1.0B", "not $1000.0M")
    #expect(AtRiskList.money(1.2e6) == "$1.2M")
    #expect(AtRiskList.money(999_700) == "$1.0M", "not $1000k")
    #expect(AtRiskList.money(12_300) == "$12k")
    #expect(AtRiskList.money(9_500) == "$9,500", "grouped like the reasons' ARR $9,500")
    #expect(AtRiskList.money(2e18) == "$2,000,000.0T")
    #expect(AtRiskList.money(-0.0) == "$0")
    #expect(AtRiskList.money(-0.3) == "$0")
  }

  /// ARR at the 1e12 cap: the headline reads $118.0T, not $118000000.0M.
  @Test func theHeadlineOfAHugeBookReadsInTrillions() throws {
    let scores = (1...118).map { Self.score("A-\($0)", arr: 1e12, probability: 0.5) }
    let markdown = Self.markdown(try Self.summary(), scores)
    #expect(
      markdown.contains("- 118 open accounts (renewal pending), \\$118.0T ARR; 118 at high risk; \\$59.0T ARR at risk"),
      "\(markdown)")
    #expect(!markdown.contains("000.0M"))
  }

  /// A terminal escape sequence in an account name is written out (`\u{1B}`) in report.md and
  /// at_risk.md, as `at-risk` shows it: `cat at_risk.md` must not clear the screen.
  @Test func controlCharactersInNamesAreWrittenOutInBothMarkdownFiles() throws {
    var score = Self.score("A-1", arr: 120_000)
    score.name = "\u{1B}[2J\u{1B}[31mEvil Corp\u{9B}1m\u{202E}x"
    let atRisk = AtRiskList.markdown(scores: [score], asOf: "2026-08-09", tiers: ["high"])
    let report = Self.markdown(try Self.summary(), [score])
    for markdown in [atRisk, report] {
      #expect(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
      #expect(!markdown.unicodeScalars.contains("\u{202E}"))
      #expect(markdown.contains("\\u{1B}\\[2J\\u{1B}\\[31mEvil Corp\\u{9B}1m\\u{202E}x"), "\(markdown)")
    }
  }

  @Test func arrMissingForSomeAccountsSaysHowMany() throws {
    let scores = [Self.score("A-1", arr: 1000), Self.score("A-2", arr: nil)]
    let markdown = Self.markdown(try Self.summary(), scores)
    #expect(
      markdown.contains(
        "- 2 open accounts (renewal pending), \\$1,000 ARR (not given for 1 account); 2 at high risk; \\$600 ARR at risk"
      ))
  }

  @Test func aspectMeanThatRoundsToZeroFromBelowPrintsWithoutASign() throws {
    var summary = try Self.summary()
    summary.byAspect.update(SliceKey(segment: "smb", aspect: "outage", offer: "none")) {
      $0.sentiment.add(-0.0003)
      $0.sentiment.add(-0.0001)
    }
    summary.byAspect.update(SliceKey(segment: "smb", aspect: "offer", offer: "none")) { $0.sentiment.add(0.0001) }
    let markdown = Self.markdown(summary, [Self.score("A-1", arr: 1000)])
    #expect(markdown.contains("| smb | 0.00 (n=1) | 0.00 (n=2) |"))
    #expect(markdown.contains("| none | 0.000 | 2 | 0.000 | 1 |"))
    #expect(!markdown.contains("-0.00"))
    let document = LeadershipReport.document(summary: summary, scores: [Self.score("A-1", arr: 1000)], runID: 1)
    let table = try #require(document.exportedTables.first { $0.csvName == "aspect_by_segment" })
    // The CSV gives each aspect's mean and texts in columns of their own, as numbers (it held
    // `'-0.06 (n=647)`, formula-guarded text, until an outside audit).
    let csv = ReportDocument.summaryCSV(for: table)
    #expect(csv.hasPrefix("segment,offer_mean,offer_texts,outage_mean,outage_texts\n"), "\(csv)")
    #expect(csv.contains("\nsmb,0.0001,1,-0.0002,2\n"), "\(csv)")
  }

  @Test func atRiskListSaysOneAccountInTheSingular() {
    let text = AtRiskList.markdown(scores: [Self.score("A-1", arr: 1000)], asOf: "2026-08-09", tiers: ["high"])
    #expect(text.contains("\n1 open account in the high tier, by account manager;"))
    #expect(text.contains("\n## Maria Gonzalez — 1 account, \\$600 ARR at risk\n"))
  }

  @Test func atRiskListCountsSeveralAccountsInThePlural() {
    let scores = [Self.score("A-1", arr: 1000), Self.score("A-2", arr: 2000, tier: "medium")]
    let text = AtRiskList.markdown(scores: scores, asOf: "2026-08-09", tiers: ["high", "medium"])
    #expect(text.contains("\n2 open accounts in the high and medium tiers, by account manager;"))
    #expect(!text.contains("High risk is"))
    let withThresholds = AtRiskList.markdown(
      scores: scores, asOf: "2026-08-09", tiers: ["high", "medium"], thresholds: (0.5, 0.2))
    #expect(withThresholds.contains("High risk is a churn probability from 0.50, medium from 0.20."))
    #expect(text.contains("\n## Maria Gonzalez — 2 accounts, \\$1,800 ARR at risk\n"))
  }

  /// The managers' figures count the listed accounts, the headline every open account: the list
  /// says both, so that a reader can reconcile them (an audit found $1.65M against $4.2M).
  @Test func atRiskListSaysWhatItsARRAtRiskCounts() {
    let scores = [Self.score("A-1", arr: 1000), Self.score("A-2", arr: 100_000, probability: 0.1, tier: "low")]
    let text = AtRiskList.markdown(scores: scores, asOf: "2026-08-09", tiers: ["high"])
    #expect(
      text.contains(
        "The ARR at risk beside each manager counts the accounts listed (\\$600 in all); the 2 open accounts of every "
          + "tier hold \\$11k, the report's headline figure."), "\(text)")
  }

  /// An interval that rounds to one figure at one decimal gets more, up to three.
  @Test func anARRIntervalKeepsItsEndsApart() {
    #expect(LeadershipReport.moneyInterval(3.53e9, 3.52e9, 3.54e9) == "$3.53B ARR ($3.52B–$3.54B)")
    #expect(LeadershipReport.moneyInterval(3.5e9, 3.2e9, 3.8e9) == "$3.5B ARR ($3.2B–$3.8B)")
    #expect(LeadershipReport.moneyInterval(42_000, 40_000, 44_000) == "$42k ARR ($40k–$44k)")
  }

  /// at_risk.md groups managers as `at-risk --manager` finds them: a name written with other case
  /// or spacing is one manager, an account of several managers is under each, a name differing
  /// only by accents is another manager's.
  @Test func atRiskListGroupsManagersAsAtRiskMatchesThem() {
    let scores = [
      Self.score("A-1", arr: 1000, probability: 0.9, manager: "Maria Gonzalez"),
      Self.score("A-2", arr: 1000, probability: 0.8, manager: "maria\u{00A0} gonzalez "),
      Self.score("A-3", arr: 1000, probability: 0.7, manager: "Maria Gonzalez; Tom Hargreaves"),
      Self.score("A-4", arr: 1000, probability: 0.6, manager: "Mar\u{ED}a Gonz\u{E1}lez"),
      Self.score("A-5", arr: 1000, probability: 0.5, manager: "Tom  Hargreaves"),
      AccountScore(
        accountID: "A-6", name: "Account A-6", segment: "smb", accountManager: " ", arr: 1000, daysToRenewal: 30,
        churnProbability: 0.55, tier: "high"),
    ]
    let text = AtRiskList.markdown(scores: scores, asOf: "2026-08-09", tiers: ["high"])
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { $0.split(separator: " — ")[0] }
    #expect(
      headings == ["## (no account manager)", "## Maria Gonzalez", "## Mar\u{ED}a Gonz\u{E1}lez", "## Tom Hargreaves"],
      "\(text)")
    func accounts(under manager: String) -> [String] {
      let section = text.components(separatedBy: "\n## " + manager + " — ").dropFirst().first ?? ""
      let body = section.components(separatedBy: "\n## ").first ?? ""
      return ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"].filter { body.contains("(\($0))") }
    }
    #expect(accounts(under: "Maria Gonzalez") == ["A-1", "A-2", "A-3"], "\(text)")
    #expect(accounts(under: "Tom Hargreaves") == ["A-3", "A-5"], "\(text)")
    #expect(accounts(under: "Mar\u{ED}a Gonz\u{E1}lez") == ["A-4"], "\(text)")
    #expect(accounts(under: "(no account manager)") == ["A-6"], "\(text)")
    #expect(text.contains("\n## Maria Gonzalez — 3 accounts, \\$2,400 ARR at risk\n"), "\(text)")
    // Each account once in the count of the list.
    #expect(text.contains("\n6 open accounts in the high tier, by account manager;"), "\(text)")
  }

  @Test func atRiskListSaysARRIsNotGivenRatherThanZeroAtRisk() {
    let text = AtRiskList.markdown(scores: [Self.score("A-1", arr: nil)], asOf: "2026-08-09", tiers: ["high"])
    #expect(text.contains("\n## Maria Gonzalez — 1 account, ARR not given\n"))
  }
}
