import AftershockForecast
import AftershockIngest
import AftershockModel
import Foundation

/// What a run over one shard of the tickets and survey answers leaves for `merge`
/// (`partial.json`): the state the finishing step reads, as mergeable values, and what shows
/// that shards belong to the same run.
///
/// The contract: every shard reads the same accounts table and scores at the same as-of day with
/// the same text models; tickets and survey answers are split across shards in any way, each
/// record in exactly one shard. Per-record outputs (`scored_tickets.csv`, `scored_surveys.csv`,
/// `quarantine.csv`) stay beside `partial.json` in the shard's folder, and `merge` concatenates
/// them. Merging is associative and commutative: partials are folded in a canonical order (by
/// their inputs), so the order they are given in never changes a figure.
struct PartialRun: Codable {
  /// The `format` of a partial file.
  static let formatName = "aftershock-partial"
  /// The layout version; `merge` reads only its own.
  static let currentFormatVersion = 1
  /// The state's file name inside a shard's output folder.
  static let fileName = "partial.json"
  /// The per-record outputs beside `partial.json`, which `merge` concatenates.
  static let recordFiles = ["scored_tickets.csv", "scored_surveys.csv", "quarantine.csv"]

  /// Always `aftershock-partial`.
  var format = PartialRun.formatName
  /// The layout version.
  var formatVersion = PartialRun.currentFormatVersion
  /// The aftershock version that scored the shard.
  var aftershockVersion: String
  /// The day the shard scored at (`YYYY-MM-DD`).
  var asOf: String
  /// The text analyzer and its lexicons' fingerprint.
  var textModel: String
  /// The sentiment model's description, for the report.
  var sentimentModel: String
  /// The accepted accounts, in input order (the index of every per-account array).
  var accounts: [Account]
  /// Counts per input: the accounts first, then the shard's tickets and survey answers.
  var inputs: [RunSummary.InputCounts]
  /// Per-account signals.
  var features: AccountFeatureAccumulator
  /// Accepted tickets per account.
  var ticketsPerAccount: [Int32]
  /// Accepted survey answers per account.
  var surveysPerAccount: [Int32]
  /// Sentiment of every scored text.
  var textSentiment: RunningMoments
  /// Texts at or below the negative threshold.
  var negativeTexts: Int
  /// Sentiment by day and segment.
  var byDay: KeyedAggregates<SliceKey, SliceAggregate>
  /// Aspect sentiment by segment and offer.
  var byAspect: KeyedAggregates<SliceKey, SliceAggregate>
  /// NPS by segment.
  var npsBySegment: KeyedAggregates<SliceKey, SliceAggregate>
  /// Churn-intent phrases.
  var intentPhrases: SpaceSaving<String>
  /// Quote candidates per aspect.
  var quotes: QuoteCollector
  /// Rows of the shard's `quarantine.csv` (its accounts' rows first).
  var quarantineCount: Int
  /// The first of those rows as values, for the history.
  var quarantineKept: [QuarantineEntry]
  /// Sizes in bytes of the per-record outputs beside this file, to catch a missing or changed one.
  var fileSizes: [String: Int64]

  /// The accounts input's counts.
  var accountsInput: RunSummary.InputCounts { inputs[0] }

  /// The shard's own inputs (tickets and survey answers).
  var shardInputs: ArraySlice<RunSummary.InputCounts> { inputs.dropFirst() }

  /// Orders shards by their inputs' names then digests: files split as `part-1`, `part-2`, ...
  /// merge in that order, so concatenated outputs keep the order of a single run.
  var orderKey: [String] { shardInputs.flatMap { [$0.file, $0.sha256 ?? ""] } }

  /// Folds another shard's state into this one (same accounts, as-of day and models).
  mutating func merge(_ other: PartialRun) throws {
    try features.merge(other.features)
    for index in ticketsPerAccount.indices {
      ticketsPerAccount[index] += other.ticketsPerAccount[index]
      surveysPerAccount[index] += other.surveysPerAccount[index]
    }
    textSentiment.merge(other.textSentiment)
    negativeTexts += other.negativeTexts
    byDay.merge(other.byDay)
    byAspect.merge(other.byAspect)
    npsBySegment.merge(other.npsBySegment)
    intentPhrases.merge(other.intentPhrases)
    quotes.merge(other.quotes)
    inputs += other.shardInputs
  }
}

extension PartialRun {
  /// One partial as read from disk.
  struct Source {
    /// The folder holding `partial.json` and the per-record outputs.
    var folder: String
    /// The decoded state.
    var partial: PartialRun
    /// SHA-256 of `partial.json`: the last tie-break of the canonical order.
    var digest: String
  }

  /// Reads `partial.json` from a shard's folder or from its own path.
  /// - Throws: `PipelineError.incompatiblePartial` when the file is missing, is not a partial,
  ///   or was written by another format version.
  static func load(_ path: String) throws -> Source {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PipelineError.incompatiblePartial(path: path, reason: "no such file or folder")
    }
    let file = isDirectory.boolValue ? path + "/" + fileName : path
    let folder = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
    guard let data = FileManager.default.contents(atPath: file) else {
      throw PipelineError.incompatiblePartial(
        path: path, reason: "no \(fileName) in it (write one with 'aftershock run --partial')")
    }
    struct Header: Decodable {
      var format: String?
      var formatVersion: Int?
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    let header = try? decoder.decode(Header.self, from: data)
    guard header?.format == formatName else {
      throw PipelineError.incompatiblePartial(
        path: file, reason: "not an aftershock partial (written by 'aftershock run --partial')")
    }
    guard header?.formatVersion == currentFormatVersion else {
      throw PipelineError.incompatiblePartial(
        path: file,
        reason: "partial format version \(header?.formatVersion.map(String.init) ?? "none"), this aftershock reads "
          + "version \(currentFormatVersion); rerun the shard with this version")
    }
    let partial: PartialRun
    do {
      partial = try decoder.decode(PartialRun.self, from: data)
    } catch {
      throw PipelineError.incompatiblePartial(path: file, reason: "damaged: \(error)")
    }
    var hasher = SHA256()
    data.withUnsafeBytes { hasher.update($0) }
    return Source(folder: folder.isEmpty ? "." : folder, partial: partial, digest: hasher.finalizeHex())
  }

  /// Checks that partials can be merged into one run and puts them in the canonical order.
  /// - Throws: `PipelineError.incompatiblePartial` naming the first partial that does not fit and why.
  static func ordered(_ sources: [Source]) throws -> [Source] {
    for source in sources { try source.checkIntegrity() }
    let sorted = sources.sorted { a, b in
      a.partial.orderKey != b.partial.orderKey
        ? a.partial.orderKey.lexicographicallyPrecedes(b.partial.orderKey) : a.digest < b.digest
    }
    guard let first = sorted.first else { return [] }
    let reference = first.partial
    for source in sorted.dropFirst() {
      let partial = source.partial
      func refuse(_ reason: String) -> PipelineError {
        .incompatiblePartial(path: source.folder, reason: reason + " (\(first.folder) has the other)")
      }
      if partial.aftershockVersion != reference.aftershockVersion {
        throw refuse("scored by aftershock \(partial.aftershockVersion), not \(reference.aftershockVersion)")
      }
      if partial.asOf != reference.asOf {
        throw refuse("scored as of \(partial.asOf), not \(reference.asOf); give every shard the same --as-of")
      }
      if partial.textModel != reference.textModel {
        throw refuse("texts scored with \(partial.textModel), not \(reference.textModel)")
      }
      if partial.accounts != reference.accounts || !partial.accountsInput.sameRecords(as: reference.accountsInput) {
        throw refuse(
          "built from another accounts table (\(partial.accountsInput.describe) against "
            + "\(reference.accountsInput.describe)); every shard needs the full, same accounts file")
      }
    }
    // Each record in exactly one shard: the same non-empty input read twice would count it twice.
    var seen: [String: String] = [:]
    var folders: [String: String] = [:]
    for source in sorted {
      let resolved = URL(fileURLWithPath: source.folder).standardizedFileURL.resolvingSymlinksInPath().path
      if let other = folders[resolved] {
        throw PipelineError.incompatiblePartial(path: source.folder, reason: "given twice (also as \(other))")
      }
      folders[resolved] = source.folder
      for input in source.partial.shardInputs where input.read > 0 {
        guard let sha = input.sha256 else { continue }
        if let other = seen[input.kind + sha] {
          throw PipelineError.incompatiblePartial(
            path: source.folder,
            reason: "its \(input.kind) (\(input.file), sha256 \(sha.prefix(12))…) were also read by \(other); "
              + "each ticket and survey answer must be in exactly one shard")
        }
        seen[input.kind + sha] = source.folder
      }
    }
    return sorted
  }
}

extension PartialRun.Source {
  /// Checks the state's arrays fit its accounts and the per-record outputs are there, unchanged.
  func checkIntegrity() throws {
    let count = partial.accounts.count
    func damaged(_ reason: String) -> PipelineError { .incompatiblePartial(path: folder, reason: reason) }
    guard partial.inputs.first?.kind == "accounts", count > 0 else {
      throw damaged("its \(PartialRun.fileName) holds no accounts")
    }
    guard partial.features.accountCount == count, partial.ticketsPerAccount.count == count,
      partial.surveysPerAccount.count == count
    else { throw damaged("its per-account state does not cover its \(count) accounts") }
    for name in PartialRun.recordFiles {
      let path = folder + "/" + name
      let expected = partial.fileSizes[name]
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      let found = (attributes?[.size] as? NSNumber)?.int64Value
      guard let expected, found == expected else {
        throw damaged(
          "\(name) beside \(PartialRun.fileName) is "
            + (found == nil ? "missing" : "\(found!) bytes, not the \(expected.map(String.init) ?? "?") the shard wrote")
            + "; merge needs the shard's whole output folder")
      }
    }
  }
}

extension RunSummary.InputCounts {
  /// Whether two readings of an input found the same records.
  func sameRecords(as other: RunSummary.InputCounts) -> Bool {
    read == other.read && accepted == other.accepted && quarantined == other.quarantined
  }

  /// The input in a few words: file, sha256 prefix and counts.
  var describe: String {
    "\(file), sha256 \(sha256.map { String($0.prefix(12)) + "…" } ?? "unknown"), \(accepted) accepted"
  }
}
