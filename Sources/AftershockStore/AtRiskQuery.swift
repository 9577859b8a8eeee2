import AftershockIngest

/// Which accounts an at-risk listing shows: filters, ordering cut and the change threshold.
public struct AtRiskQuery: Equatable, Sendable {
  /// The run to list (`nil`: the run of ``runAsOf``, or the latest run by as-of date).
  public var runID: Int64?
  /// The as-of date (`YYYY-MM-DD`) of the run to list, when ``runID`` is `nil`.
  public var runAsOf: String?
  /// Only this account manager's accounts, those whose manager cell names them as
  /// ``ManagerName/cell(_:names:)`` says (whitespace and case aside; a cell may name several);
  /// an empty or blank name lists the accounts with no manager.
  public var accountManager: String?
  /// Only this segment, written as ingest writes segments (``segmentMatches(_:_:)``).
  public var segment: String?
  /// Only this tier (ASCII case-insensitive).
  public var tier: String?
  /// Only accounts whose churn probability is at least this (in [0, 1]).
  public var minimumProbability: Double?
  /// At most this many accounts, the riskiest first (`nil`: all).
  public var limit: Int?
  /// A move of more than this many percentage points counts as up or down (default 5).
  public var changeThresholdPoints: Double

  /// Makes a query.
  public init(
    runID: Int64? = nil, runAsOf: String? = nil, accountManager: String? = nil, segment: String? = nil,
    tier: String? = nil, minimumProbability: Double? = nil, limit: Int? = nil, changeThresholdPoints: Double = 5
  ) {
    self.runID = runID
    self.runAsOf = runAsOf
    self.accountManager = accountManager
    self.segment = segment
    self.tier = tier
    self.minimumProbability = minimumProbability
    self.limit = limit
    self.changeThresholdPoints = changeThresholdPoints
  }

  /// Whether a stored `value` passes a `filter` (`nil`: no filter): the same text up to case, in
  /// any script, and up to composition ("Lucía" typed precomposed or with a combining accent).
  ///
  /// Both sides are upper- then lower-cased, which folds more than lowercasing alone ("ß" and
  /// "SS", "ς" and "Σ"), and compared as Swift strings, whose equality is canonical equivalence.
  public static func matches(_ value: String?, _ filter: String?) -> Bool {
    guard let filter else { return true }
    guard let value else { return false }
    return value.uppercased().lowercased() == filter.uppercased().lowercased()
  }

  /// Whether a stored segment passes a segment `filter` (`nil`: no filter): both written as
  /// ingest writes a segment (`Account.categoryKey(_:)`: "Mid-Market" and "mid market" are
  /// `mid_market`), then compared as ``matches(_:_:)`` compares.
  public static func segmentMatches(_ value: String?, _ filter: String?) -> Bool {
    guard let filter else { return true }
    guard let value else { return false }
    return matches(Account.categoryKey(value), Account.categoryKey(filter))
  }
}

/// How an account's risk moved since the previous run.
public enum RiskChange: Equatable, Sendable {
  /// Not scored in the previous run (or no previous run).
  case new
  /// Scored in the previous run but not on its list under the same filters (another tier, under
  /// `--min-risk`); `points` is the move in percentage points (negative for a fall).
  case entered(points: Double)
  /// Risk rose by more than the threshold; `points` is the rise in percentage points.
  case up(points: Double)
  /// Risk fell by more than the threshold; `points` is the fall in percentage points (positive).
  case down(points: Double)
  /// Risk moved by at most the threshold.
  case unchanged

  /// A short label for tables: `new`, `entered, up 2.1 pts`, `up 7.2 pts`, `down 6.0 pts`,
  /// `same` (a word rather than "=", which a spreadsheet would take for a formula).
  public var label: String {
    switch self {
    case .new: return "new"
    case .entered(let points):
      return "entered, " + (points < 0 ? "down \(formatPoints(-points)) pts" : "up \(formatPoints(points)) pts")
    case .up(let points): return "up \(formatPoints(points)) pts"
    case .down(let points): return "down \(formatPoints(points)) pts"
    case .unchanged: return "same"
    }
  }
}

private func formatPoints(_ value: Double) -> String {
  let tenths = Int((value * 10).rounded())
  return "\(tenths / 10).\(abs(tenths % 10))"
}

/// One line of an at-risk listing: the account's score and its change since the previous run.
public struct AtRiskEntry: Equatable, Sendable {
  /// The account's score in the listed run.
  public var score: AccountScore
  /// The account's churn probability in the previous run, if it was scored then.
  public var previousProbability: Double?
  /// How the risk moved.
  public var change: RiskChange

  /// Makes an entry.
  public init(score: AccountScore, previousProbability: Double?, change: RiskChange) {
    self.score = score
    self.previousProbability = previousProbability
    self.change = change
  }
}

/// An at-risk listing: the run listed, the run compared against, and the accounts.
public struct AtRiskListing: Equatable, Sendable {
  /// The run listed.
  public var run: RunRecord
  /// The run with the greatest as-of date before `run`'s, if any.
  public var previousRun: RunRecord?
  /// The accounts, riskiest first.
  public var entries: [AtRiskEntry]
  /// The manager or segment filters that match no account of the run (a typo, or a name from
  /// another run), with the run's own values, so the listing can say what was meant.
  public var unmatched: [UnmatchedFilter]
  /// The accounts the filters match before the `limit` cut (`entries.count` when nothing was cut).
  public var matchingCount: Int
  /// When a manager filter matched: the run's other managers whose names differ from it only by
  /// accents ("María González" for "Maria Gonzalez"), not listed, with their accounts in the run.
  public var similarManagers: [ManagerAccounts]

  /// Makes a listing.
  public init(
    run: RunRecord, previousRun: RunRecord?, entries: [AtRiskEntry], unmatched: [UnmatchedFilter] = [],
    matchingCount: Int? = nil, similarManagers: [ManagerAccounts] = []
  ) {
    self.run = run
    self.previousRun = previousRun
    self.entries = entries
    self.unmatched = unmatched
    self.matchingCount = matchingCount ?? entries.count
    self.similarManagers = similarManagers
  }

  /// Whether `limit` left accounts out.
  public var isCut: Bool { matchingCount > entries.count }
}

/// An account manager's name and how many accounts of a run it manages.
public struct ManagerAccounts: Equatable, Sendable {
  /// The name as the run writes it (its most common spelling).
  public var name: String
  /// The run's accounts whose manager cell names it.
  public var accountCount: Int
  /// The run, when it is not the one listed.
  public var run: RunRecord?

  /// Makes one.
  public init(name: String, accountCount: Int, run: RunRecord? = nil) {
    self.name = name
    self.accountCount = accountCount
    self.run = run
  }
}

/// A manager or segment filter that no account of a run matches.
public struct UnmatchedFilter: Equatable, Sendable {
  /// The column filtered: `account_manager` or `segment`.
  public var column: String
  /// The value asked for.
  public var value: String
  /// Every value the run holds in that column, sorted (for managers, each name once, a cell
  /// naming several split into its names).
  public var known: [String]
  /// For a manager: the latest other run of the history whose open accounts the name manages,
  /// and how many (the history keeps each run's open accounts only, so a manager missing from
  /// a run may have had every account renew or churn by then).
  public var otherRun: ManagerAccounts?

  /// Makes one.
  public init(column: String, value: String, known: [String], otherRun: ManagerAccounts? = nil) {
    self.column = column
    self.value = value
    self.known = known
    self.otherRun = otherRun
  }

  /// Those of ``nearest(_:)`` near enough to `value` to be what was meant: containing it (at
  /// least 3 letters of it) or within an edit distance of about a quarter of its length (at
  /// least 2), accents and case aside. Empty when no name is near: listing the alphabet's first
  /// managers for a name the run lacks reads as a typo of theirs.
  public func near(_ count: Int = 3) -> [String] {
    let target = ManagerName.accentlessKey(value)
    let allowed = max(2, target.count / 4)
    return nearest(known.count).filter { candidate in
      let other = ManagerName.accentlessKey(candidate)
      return (target.count >= 3 && other.contains(target)) || Self.editDistance(target, other) <= allowed
    }.prefix(count).map { $0 }
  }

  /// Levenshtein distance between `a` and `b` by Unicode scalars.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let target = Array(a.unicodeScalars)
    let other = Array(b.unicodeScalars)
    var row = Array(0...other.count)
    for (i, x) in target.enumerated() {
      var previous = row[0]
      row[0] = i + 1
      for (j, y) in other.enumerated() {
        let substitution = previous + (x == y ? 0 : 1)
        previous = row[j + 1]
        row[j + 1] = min(substitution, row[j] + 1, row[j + 1] + 1)
      }
    }
    return row[other.count]
  }

  /// Up to `count` of `known`, the closest to `value` first: those containing it (`ent` for
  /// `enterprise`), then by edit distance, ignoring case.
  public func nearest(_ count: Int = 3) -> [String] {
    let lowered = value.lowercased()
    return known.map { ($0, $0.lowercased().contains(lowered) ? 0 : 1, Self.editDistance(lowered, $0.lowercased())) }
      .sorted { ($0.1, $0.2, $0.0) < ($1.1, $1.2, $1.0) }.prefix(count).map(\.0)
  }
}
