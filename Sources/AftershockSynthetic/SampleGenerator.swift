import AftershockReport
import Dispatch
import Foundation

/// Generates the synthetic sample (accounts, tickets, surveys and the ground truth) as CSV files.
///
/// Accounts are generated one at a time and written as they come through buffered
/// `ByteSink`s (AftershockReport), so memory stays flat however many accounts are asked for. Files appear
/// atomically when the run succeeds; a failed run leaves none of them half-written.
public struct SampleGenerator: Sendable {
  /// The settings of this generator.
  public let configuration: SampleConfiguration

  /// The files a run writes, relative to the output folder, in writing order.
  public static let relativePaths = [
    "accounts.csv", "tickets.csv", "surveys.csv", "truth/accounts_truth.csv", "truth/texts_truth.csv",
    "competitors.txt", "products.txt",
  ]

  /// Threads drawing accounts (the output does not depend on it); all cores by default.
  package var workerCount: Int

  /// Accounts drawn per round before they are written in order (bounds memory).
  static let batchSize = 2_048

  /// Makes a generator (nothing is checked until ``generate(into:replacingExisting:progressInterval:progress:)``).
  public init(configuration: SampleConfiguration) {
    self.configuration = configuration
    self.workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Writes the sample into `directory` (created if needed) and returns what was written.
  ///
  /// - Parameters:
  ///   - directory: The output folder.
  ///   - replacingExisting: Whether files of the sample's names already in `directory` may be
  ///     replaced; when false, they are refused before anything is written (a folder of real
  ///     exports named `accounts.csv`... is not overwritten by mistake).
  ///   - progressInterval: Accounts between two calls of `progress`.
  ///   - progress: Called every `progressInterval` accounts and once at the end.
  /// - Throws: ``SyntheticError/invalidConfiguration(field:value:expected:)`` or
  ///   ``SyntheticError/wouldReplace(directory:files:)`` before writing anything, or
  ///   ``SyntheticError/cannotWrite(path:reason:)``.
  /// - Complexity: O(accounts + texts) time; memory independent of the number of accounts.
  public func generate(
    into directory: String, replacingExisting: Bool = true, progressInterval: Int = 10_000,
    progress: ((GenerationProgress) -> Void)? = nil
  ) throws(SyntheticError) -> GenerationSummary {
    try configuration.validate()
    let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    if !replacingExisting {
      let existing = Self.existingFiles(in: folder.isEmpty ? "/" : folder)
      if !existing.isEmpty { throw .wouldReplace(directory: directory, files: existing) }
    }
    var writer = try SampleWriter(directory: folder.isEmpty ? "/" : folder, configuration: configuration)
    let simulator = AccountSimulator(configuration: configuration)
    let interval = max(1, progressInterval)
    do {
      try writer.writeHeaders()
      // Accounts are drawn in batches, in parallel (each from its own stream), then written in
      // order: the bytes are those of a sequential run and memory holds one batch at most.
      let total = configuration.accountCount
      var batch: [SyntheticAccount] = []
      var first = 1
      while first <= total {
        let count = min(Self.batchSize, total - first + 1)
        Self.draw(accounts: first..<(first + count), with: simulator, workers: workerCount, into: &batch)
        for (offset, account) in batch.enumerated() {
          try writer.write(account)
          let number = first + offset
          if number % interval == 0 || number == total {
            progress?(
              GenerationProgress(
                accountsWritten: number, accountCount: total,
                ticketsWritten: writer.ticketCount, surveysWritten: writer.surveyCount))
          }
        }
        first += count
      }
      return try writer.commit()
    } catch {
      throw SampleWriter.mapped(error, directory: folder)
    }
  }

  /// The files of ``relativePaths`` that are already in `directory` (anything under those names,
  /// a link or a folder too), in ``relativePaths`` order.
  public static func existingFiles(in directory: String) -> [String] {
    relativePaths.filter { path in
      (try? FileManager.default.attributesOfItem(atPath: directory + "/" + path)) != nil
    }
  }

  /// Draws the accounts numbered `range` into `batch` (replacing its contents), on `workers` threads.
  static func draw(
    accounts range: Range<Int>, with simulator: AccountSimulator, workers: Int, into batch: inout [SyntheticAccount]
  ) {
    batch.removeAll(keepingCapacity: true)
    let count = range.count
    let stripes = min(workers, max(1, count / 64))
    guard stripes > 1 else {
      for number in range { batch.append(simulator.account(number: number)) }
      return
    }
    var slots = [SyntheticAccount?](repeating: nil, count: count)
    slots.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
        // Each stripe owns the slots stripe, stripe + stripes, ...: no two threads touch one slot.
        var offset = stripe
        while offset < count {
          slots[offset] = simulator.account(number: range.lowerBound + offset)
          offset += stripes
        }
      }
    }
    for slot in slots {
      if let account = slot { batch.append(account) }
    }
  }
}
