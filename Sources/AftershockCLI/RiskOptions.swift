import AftershockModel

/// The options `run` and `merge` share: the churn probabilities of the risk tiers and the
/// forecast's horizons (`forecast` takes the horizon too).
enum RiskOptions {
  /// The options' specs, in the order help lists them.
  static let specs: [CommandSpec.Option] = [
    .init(
      name: "--high", valueName: "P", help: "Churn probability from which an account is high risk.",
      defaultValue: "0.5"),
    .init(
      name: "--medium", valueName: "P", help: "Churn probability from which an account is medium risk.",
      defaultValue: "0.2"),
    .init(name: "--horizon", valueName: "DAYS", help: "One forecast horizon instead of 30, 90, 180 and 365 days."),
  ]

  /// The forecast's horizons when `--horizon` is not given.
  static let defaultHorizons = [30, 90, 180, 365]

  /// The tiers given by `--high` and `--medium` (0.5 and 0.2 by default).
  /// - Throws: `UsageError` naming `command` when `--medium` is above `--high`, or either is no
  ///   probability.
  static func tiers(from arguments: ParsedArguments, command: String) throws -> RiskTiers {
    let high = try arguments.number("--high", in: 0...1) ?? 0.5
    let medium = try arguments.number("--medium", in: 0...1) ?? 0.2
    guard medium <= high else {
      throw UsageError(command: command, message: "--medium (\(medium)) must not be above --high (\(high))")
    }
    return RiskTiers(high: high, medium: medium)
  }

  /// The horizons: the one `--horizon` gives (1 to 3650 days), or `defaultHorizons`.
  static func horizons(from arguments: ParsedArguments) throws -> [Int] {
    try arguments.integer("--horizon", in: 1...3650).map { [$0] } ?? defaultHorizons
  }
}
