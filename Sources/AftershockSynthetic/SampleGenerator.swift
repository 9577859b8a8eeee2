import AftershockReport

/// Generates the synthetic sample (accounts, tickets, surveys and the ground truth) as CSV files.
///
/// Accounts are generated one at a time and written as they come through buffered
/// ``ByteSink``s, so memory stays flat however many accounts are asked for. Files appear
/// atomically when the run succeeds; a failed run leaves none of them half-written.
public struct SampleGenerator: Sendable {
  /// The settings of this generator.
  public let configuration: SampleConfiguration

  /// The files a run writes, relative to the output folder, in writing order.
  public static let relativePaths = [
    "accounts.csv", "tickets.csv", "surveys.csv", "truth/accounts_truth.csv", "truth/texts_truth.csv",
  ]

  /// Makes a generator (nothing is checked until ``generate(into:progressInterval:progress:)``).
  public init(configuration: SampleConfiguration) {
    self.configuration = configuration
  }

  /// Writes the sample into `directory` (created if needed) and returns what was written.
  ///
  /// - Parameters:
  ///   - directory: The output folder; existing files of the same names are replaced.
  ///   - progressInterval: Accounts between two calls of `progress`.
  ///   - progress: Called every `progressInterval` accounts and once at the end.
  /// - Throws: ``SyntheticError/invalidConfiguration(field:value:expected:)`` before writing
  ///   anything, or ``SyntheticError/cannotWrite(path:reason:)``.
  /// - Complexity: O(accounts + texts) time; memory independent of the number of accounts.
  public func generate(
    into directory: String, progressInterval: Int = 10_000, progress: ((GenerationProgress) -> Void)? = nil
  ) throws(SyntheticError) -> GenerationSummary {
    try configuration.validate()
    let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    let writer = try SampleWriter(directory: folder.isEmpty ? "/" : folder, configuration: configuration)
    let simulator = AccountSimulator(configuration: configuration)
    let interval = max(1, progressInterval)
    do {
      try writer.writeHeaders()
      for number in 1...configuration.accountCount {
        let account = simulator.account(number: number)
        try writer.write(account)
        if number % interval == 0 || number == configuration.accountCount {
          progress?(
            GenerationProgress(
              accountsWritten: number, accountCount: configuration.accountCount,
              ticketsWritten: writer.ticketCount, surveysWritten: writer.surveyCount))
        }
      }
      return try writer.commit()
    } catch {
      throw SampleWriter.mapped(error, directory: folder)
    }
  }
}
