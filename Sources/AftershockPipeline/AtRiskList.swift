import AftershockReport
import AftershockStore
import Foundation

/// The account managers' view: accounts ranked by risk with their reasons and what changed.
public enum AtRiskList {
  /// The columns of the list, fitted to a 100-column terminal; only the free text (name,
  /// segment, reasons) is ever cut, never a number, an id, a tier or a change.
  public static let columns: [TextTable.Column] = [
    .init("Account", key: "account", maxWidth: 28),
    .init("ID", key: "account_id", isTruncatable: false),
    .init("Segment", key: "segment", maxWidth: 10),
    .init("ARR", key: "arr", display: .grouped(decimals: 0)),
    .init("Renews", key: "days_to_renewal", isNumeric: true),
    .init("Risk", key: "churn_probability", display: .percentDown(decimals: 0)),
    .init("Tier", key: "tier", isTruncatable: false),
    .init("Change", key: "change", isTruncatable: false),
    .init("Why", key: "why"),
  ]

  /// The columns that CSV and JSON add after ``columns``, for a team lead sorting or pivoting the
  /// list: who manages each account (the cell as stored, several names as the CRM wrote them) and
  /// the renewal's date (`YYYY-MM-DD`). Last, so a reader of the earlier CSV keeps its positions.
  public static let assignmentColumns: [TextTable.Column] = [
    .init("Account manager", key: "account_manager"),
    .init("Renewal date", key: "renewal_date", isTruncatable: false),
  ]

  /// What the list says, in every format, for an account with no stored reason.
  public static let noReason = "no reason above the portfolio average"

  /// The list as a table (terminal, CSV, Markdown or JSON are the table's renderers); with
  /// `assignment`, ``assignmentColumns`` follow the others.
  public static func table(_ listing: AtRiskListing, assignment: Bool = false) -> TextTable {
    TextTable(
      columns: columns + (assignment ? assignmentColumns : []),
      rows: listing.entries.map { entry in
        row(entry) + (assignment ? [entry.score.accountManager ?? "", entry.score.renewalDate ?? ""] : [])
      })
  }

  /// One account's row (``columns``).
  ///
  /// The risk is cut, not rounded, to its four decimals (`0.70968` is `0.7096`): a figure pasted
  /// from the CSV into `--min-risk` keeps the account it came from, which `0.7097` dropped (an
  /// outside audit), and the table's whole percent, cut from it, stays that of the probability.
  static func row(_ entry: AtRiskEntry) -> [String] {
    let score = entry.score
    return [
      score.name ?? score.accountID,
      score.accountID,
      score.segment ?? "",
      score.arr.map { String(format: "%.2f", $0) } ?? "",
      score.daysToRenewal.map(String.init) ?? "",
      FixedFormat.cut(score.churnProbability, decimals: 4),
      score.tier,
      entry.change.label,
      reasons(score),
    ]
  }

  /// The account's first three reasons, or ``noReason``.
  public static func reasons(_ score: AccountScore) -> String {
    score.drivers.isEmpty ? noReason : score.drivers.prefix(3).joined(separator: "; ")
  }

  /// `$9500`, `$12k`, `$1.2M`, `$3.4B` or `$118.0T`, for people (`$0` for a zero however signed).
  static func money(_ value: Double) -> String {
    guard value.isFinite else { return "n/a" }
    let magnitude = abs(value)
    // A value that rounds to $1.0M or more is in millions, billions or trillions (one decimal),
    // each unit taken while the figure would round to 1000 or more of it.
    if magnitude >= 999_500 {
      var figure = magnitude / 1_000_000
      var unit = "M"
      for larger in ["B", "T"] where figure >= 999.95 {
        figure /= 1_000
        unit = larger
      }
      return (value < 0 ? "-$" : "$") + FixedFormat.grouped(figure, decimals: 1) + unit
    }
    // Thousands grouped below $10k too ("$6,800", as the reasons write ARR), not "$6800".
    let text =
      magnitude >= 9_999.5 ? String(format: "%.0fk", magnitude / 1_000) : FixedFormat.grouped(magnitude, decimals: 0)
    return (value < 0 && text != "0" ? "-$" : "$") + text
  }

  /// `at_risk.md`: for each account manager, their accounts in the given tiers, riskiest first.
  /// `thresholds` (high, medium) are said when given: the list named tiers without saying where
  /// they start (an outside audit).
  public static func markdown(
    scores: [AccountScore], asOf: String, tiers: Set<String>, thresholds: (high: Double, medium: Double)? = nil
  ) -> String {
    let chosen = scores.filter { tiers.contains($0.tier) }
    let byManager = byManager(chosen)
    var markdown = MarkdownBuilder()
    markdown.heading("Accounts at risk, \(asOf)", level: 1)
    // The ARR at risk beside each manager counts the listed accounts only; the report's headline
    // counts every open account, so the list says both (an audit could not reconcile the two).
    let allAtRisk = scores.reduce(0) { $0 + ($1.arrAtRisk ?? 0) }
    let listedAtRisk = chosen.reduce(0) { $0 + ($1.arrAtRisk ?? 0) }
    let totals =
      scores.contains { $0.arrAtRisk != nil }
      ? " The ARR at risk beside each manager counts the accounts listed (\(money(listedAtRisk)) in all); the "
        + "\(LeadershipReport.counted(scores.count, "open account", "open accounts")) of every tier hold "
        + "\(money(allAtRisk)), the report's headline figure."
      : ""
    markdown.paragraph(
      "\(LeadershipReport.counted(chosen.count, "open account", "open accounts")) in the "
        + "\(tiers.sorted().joined(separator: " and ")) \(tiers.count == 1 ? "tier" : "tiers"), by account manager; "
        + "each with the three reasons that raise its risk most against the portfolio average."
        + (thresholds.map {
          " High risk is a churn probability from \(LeadershipReport.fixed($0.high, 2)), medium from "
            + "\(LeadershipReport.fixed($0.medium, 2))."
        } ?? "") + totals)
    for (manager, list) in byManager {
      let arrAtRisk = list.reduce(0) { $0 + ($1.arrAtRisk ?? 0) }
      // Unknown ARR is not $0 at risk.
      let atRisk = list.contains { $0.arrAtRisk != nil } ? "\(money(arrAtRisk)) ARR at risk" : "ARR not given"
      markdown.heading(
        "\(manager) — \(LeadershipReport.counted(list.count, "account", "accounts")), \(atRisk)", level: 2)
      markdown.table(
        header: ["Account", "Segment", "ARR", "Renews in", "Risk", "Tier", "Why"],
        rows: list.map { score in
          [
            score.name.map { "\($0) (\(score.accountID))" } ?? score.accountID, score.segment ?? "",
            score.arr.map(money) ?? "", score.daysToRenewal.map { "\($0) days" } ?? "",
            FixedFormat.percentDown(score.churnProbability), score.tier,
            reasons(score),
          ]
        },
        alignments: [.left, .left, .right, .right, .right, .left, .left])
    }
    return markdown.text
  }

  /// The heading for accounts with no manager in `at_risk.md`.
  static let noManager = "(no account manager)"

  /// `scores` under each manager their cell names, as `at-risk --manager` finds them
  /// (`ManagerName`): a name written with other case or spacing is one manager, under its
  /// commonest spelling, and an account whose cell names several managers is under each; names
  /// differing by accents stay apart. Managers in order of name, each's accounts riskiest first.
  static func byManager(_ scores: [AccountScore]) -> [(manager: String, scores: [AccountScore])] {
    var groups: [String: (spellings: [String: Int], scores: [AccountScore])] = [:]
    for score in scores {
      let names = ManagerName.names(in: score.accountManager)
      for name in names.isEmpty ? [noManager] : names {
        let key = names.isEmpty ? "" : ManagerName.key(name)
        groups[key, default: ([:], [])].spellings[name, default: 0] += 1
        groups[key, default: ([:], [])].scores.append(score)
      }
    }
    return groups.values.map { group in
      let manager = group.spellings.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key ?? noManager
      return (manager, group.scores.sorted { $0.churnProbability > $1.churnProbability })
    }.sorted { $0.manager < $1.manager }
  }
}
