import AftershockForecast
import AftershockIngest

/// What `RunHistory.backtest` found: the comparison, and what of the accounts input it could not use.
public struct BacktestOutcome: Sendable {
  /// The forecast at the cut against what happened.
  public var result: BacktestResult
  /// Sentences on what may mislead (an account left out for its dates, a flat curve).
  public var warnings: [String]
  /// The accounts input's counts: read, accepted, quarantined and why.
  public var input: InputSummary
  /// The first ``examplesKept`` quarantined account records, in input order (`input` counts them
  /// all, by reason): none is in the backtest.
  public var quarantined: [AftershockIngest.QuarantineEntry]
  /// How many quarantined records are kept as examples: memory stays that of the accounts'
  /// histories however many records of a long, dirty history are quarantined.
  public static let examplesKept = 5
  /// Accepted accounts without a `contract_start`: they cannot be placed on a tenure curve, so
  /// they are not in the backtest either.
  public var withoutContractStart: Int
}
