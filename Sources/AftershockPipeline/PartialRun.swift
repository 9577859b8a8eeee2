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
  /// The layout version; `merge` reads only its own. Version 2 added `fileDigests`: a version 1
  /// partial recorded only its files' sizes, so a same-size edit went unnoticed.
  static let currentFormatVersion = 2
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
  /// Sizes in bytes of the per-record outputs beside this file, to catch a missing or cut one.
  var fileSizes: [String: Int64]
  /// SHA-256 (hex) of the per-record outputs beside this file, to catch a changed one whatever its size.
  var fileDigests: [String: String]
  /// The competitor and product lists the shard read besides the shipped lexicons (nil in older
  /// partials), to name them when shards' lexicons differ.
  var nameLists: NameLists? = nil

  /// The extra competitor and product files a shard read.
  struct NameLists: Codable, Equatable {
    var competitors: [String]
    var products: [String]

    /// "competitors from a.txt, products from none".
    var description: String {
      "competitors from " + (competitors.isEmpty ? "no file" : competitors.joined(separator: ", "))
        + ", products from " + (products.isEmpty ? "no file" : products.joined(separator: ", "))
    }
  }

  /// The accounts input's counts.
  var accountsInput: RunSummary.InputCounts { inputs[0] }

  /// The shard's own inputs (tickets and survey answers).
  var shardInputs: ArraySlice<RunSummary.InputCounts> { inputs.dropFirst() }

  /// Folds another shard's state into this one (same accounts, as-of day and models).
  mutating func merge(_ other: PartialRun) throws {
    try features.merge(other.features)
    for index in ticketsPerAccount.indices {
      let tickets = ticketsPerAccount[index].addingReportingOverflow(other.ticketsPerAccount[index])
      let surveys = surveysPerAccount[index].addingReportingOverflow(other.surveysPerAccount[index])
      guard !tickets.overflow, !surveys.overflow else {
        throw PipelineError.failed(
          "the shards hold more than \(Int32.max) tickets or survey answers for account \(accounts[index].accountID)")
      }
      ticketsPerAccount[index] = tickets.partialValue
      surveysPerAccount[index] = surveys.partialValue
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
  /// One partial on disk: where it is and what shows whether it belongs to the run. The per-account
  /// state is read again when it is merged, so a merge holds one shard's state at a time besides
  /// the running total (memory grows with the accounts, not with the number of shards).
  struct Source {
    /// The folder holding `partial.json` and the per-record outputs.
    var folder: String
    /// The `partial.json` file.
    var file: String
    /// SHA-256 of `partial.json`: the last tie-break of the canonical order, and proof that the
    /// file merged is the file checked.
    var digest: String
    /// The aftershock version that scored the shard.
    var aftershockVersion: String
    /// The shard's as-of day.
    var asOf: String
    /// Its text models.
    var textModel: String
    /// Its input counts, accounts first.
    var inputs: [RunSummary.InputCounts]
    /// The competitor and product files it read (nil in older partials).
    var nameLists: NameLists?

    /// The accounts input's counts.
    var accountsInput: RunSummary.InputCounts { inputs[0] }
    /// The shard's own inputs.
    var shardInputs: ArraySlice<RunSummary.InputCounts> { inputs.dropFirst() }
    /// Orders shards by their inputs' names then digests: files split as `part-1`, `part-2`, ...
    /// merge in that order, so concatenated outputs keep the order of a single run.
    var orderKey: [String] { shardInputs.flatMap { [$0.file, $0.sha256 ?? ""] } }

    /// The whole state, read again.
    /// - Throws: `PipelineError.incompatiblePartial` when the file changed since it was checked.
    func state() throws -> PartialRun {
      let (partial, digest) = try PartialRun.read(file, given: folder)
      guard digest == self.digest else {
        throw PipelineError.incompatiblePartial(path: file, reason: "it changed while the merge read it")
      }
      return partial
    }
  }

  /// Reads and checks a partial (a shard's folder, or its `partial.json`).
  /// - Throws: `PipelineError.incompatiblePartial` when the file is missing, is not a partial,
  ///   was written by another format version, or does not fit its accounts and files.
  static func load(_ path: String) throws -> (source: Source, partial: PartialRun) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PipelineError.incompatiblePartial(path: path, reason: "no such file or folder")
    }
    let file = isDirectory.boolValue ? path + "/" + fileName : path
    let folder = isDirectory.boolValue ? path : PathName.parent(of: path)
    let (partial, digest) = try read(file, given: path)
    let source = Source(
      folder: folder.isEmpty ? "." : folder, file: file, digest: digest, aftershockVersion: partial.aftershockVersion,
      asOf: partial.asOf, textModel: partial.textModel, inputs: partial.inputs, nameLists: partial.nameLists)
    try partial.checkIntegrity(folder: source.folder)
    return (source, partial)
  }

  /// Decodes `partial.json` and hashes its bytes.
  private static func read(_ file: String, given path: String) throws -> (PartialRun, String) {
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
    if header?.formatVersion == 1 {
      throw PipelineError.incompatiblePartial(
        path: file,
        reason: "written by an earlier aftershock that recorded only the sizes of the shard's files, not their "
          + "sha256, so a changed file could not be detected; rerun the shard with this version")
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
      try partial.validate()
    } catch {
      throw PipelineError.incompatiblePartial(
        path: path, reason: "its \(fileName) is damaged: \(describe(error)); run the shard again")
    }
    var hasher = SHA256()
    data.withUnsafeBytes { hasher.update($0) }
    return (partial, hasher.finalizeHex())
  }

  /// Reads the partials one at a time, checks they can be merged into one run and puts them in
  /// the canonical order.
  /// - Throws: `PipelineError.incompatiblePartial` naming the first partial that does not fit and why.
  static func ordered(_ paths: [String]) throws -> [Source] {
    var sources: [Source] = []
    var reference: (source: Source, accounts: [Account])?
    for path in paths {
      let (source, partial) = try load(path)
      if let reference {
        let first = reference.source
        func refuse(_ reason: String) -> PipelineError {
          .incompatiblePartial(path: source.folder, reason: reason + " (\(first.folder) has the other)")
        }
        // Version, day and models first: the accounts as read depend on the as-of day (labels
        // dated after it are not known yet), so another day would look like another table.
        if source.aftershockVersion != first.aftershockVersion {
          throw refuse("scored by aftershock \(source.aftershockVersion), not \(first.aftershockVersion)")
        }
        if source.asOf != first.asOf {
          throw refuse("scored as of \(source.asOf), not \(first.asOf); give every shard the same --as-of")
        }
        if source.textModel != first.textModel {
          // Name the lists read, the likely difference ("the run named the files it read").
          let lists =
            if let mine = source.nameLists, let theirs = first.nameLists, mine != theirs {
              "; it read \(mine.description), \(first.folder) read \(theirs.description): give every shard the same "
                + "--competitors and --products"
            } else { "" }
          throw refuse("texts scored with \(source.textModel), not \(first.textModel)\(lists)")
        }
        if partial.accounts != reference.accounts || !source.accountsInput.sameRecords(as: first.accountsInput) {
          throw refuse(
            "built from another accounts table (\(source.accountsInput.describe) against "
              + "\(first.accountsInput.describe)); every shard needs the full, same accounts file")
        }
      } else {
        reference = (source, partial.accounts)
      }
      sources.append(source)
    }
    let sorted = sources.sorted { a, b in
      a.orderKey != b.orderKey ? a.orderKey.lexicographicallyPrecedes(b.orderKey) : a.digest < b.digest
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
      for input in source.shardInputs where input.read > 0 {
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

  /// Refuses a state no shard writes, before any of it is merged: a count that is negative or
  /// above `mergeableCountLimit` (so the sums of every shard's counts cannot overflow), inputs
  /// whose counts do not add up (`read = accepted + quarantined`), or per-account counts below 0.
  /// The aggregates check their own fields as they are decoded.
  /// - Throws: `DecodingError.dataCorrupted` naming the field.
  func validate() throws {
    func refuse(_ field: String, _ reason: String) -> DecodingError {
      .dataCorrupted(.init(codingPath: [], debugDescription: "\(field): \(reason)"))
    }
    func checkCount(_ value: Int, _ field: String) throws {
      guard (0...mergeableCountLimit).contains(value) else {
        throw refuse(field, "\(value) is not a count (expected 0 to 2^48)")
      }
    }
    guard inputs.count <= 3 else {
      throw refuse("inputs", "\(inputs.count) inputs (expected accounts, tickets and surveys)")
    }
    for (index, input) in inputs.enumerated() {
      let field = "inputs[\(index)]"
      try checkCount(input.read, field + ".read")
      try checkCount(input.accepted, field + ".accepted")
      try checkCount(input.quarantined, field + ".quarantined")
      try checkCount(Int(clamping: input.bytes), field + ".bytes")
      for (reason, count) in input.quarantinedByReason {
        try checkCount(count, field + ".quarantinedByReason." + reason)
      }
      guard input.read == input.accepted + input.quarantined else {
        throw refuse(field, "read \(input.read) is not accepted \(input.accepted) + quarantined \(input.quarantined)")
      }
    }
    try checkCount(negativeTexts, "negativeTexts")
    try checkCount(quarantineCount, "quarantineCount")
    for (name, counts) in [("ticketsPerAccount", ticketsPerAccount), ("surveysPerAccount", surveysPerAccount)] {
      if let index = counts.firstIndex(where: { $0 < 0 }) {
        throw refuse("\(name)[\(index)]", "\(counts[index]) is negative")
      }
    }
  }

  /// A decoding error in a few words: where in the file, and what is wrong there.
  static func describe(_ error: any Error) -> String {
    let context: DecodingError.Context
    switch error {
    case DecodingError.keyNotFound(let key, let found):
      return "\(path(found.codingPath + [key])) is missing"
    case DecodingError.typeMismatch(_, let found), DecodingError.valueNotFound(_, let found),
      DecodingError.dataCorrupted(let found):
      context = found
    default:
      return "\(error)"
    }
    let field = path(context.codingPath)
    return field.isEmpty ? context.debugDescription : "\(field): \(context.debugDescription)"
  }

  /// A coding path as `byDay[0].value.csat.counts`.
  private static func path(_ keys: [any CodingKey]) -> String {
    keys.reduce(into: "") { text, key in
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
  }

  /// Checks the state's arrays fit its accounts and the per-record outputs beside it are there, unchanged.
  func checkIntegrity(folder: String) throws {
    let count = accounts.count
    func damaged(_ reason: String) -> PipelineError { .incompatiblePartial(path: folder, reason: reason) }
    guard inputs.first?.kind == "accounts", count > 0 else {
      throw damaged("its \(PartialRun.fileName) holds no accounts")
    }
    guard features.accountCount == count, ticketsPerAccount.count == count, surveysPerAccount.count == count else {
      throw damaged("its per-account state does not cover its \(count) accounts")
    }
    let quarantined = inputs.reduce(0) { $0 + $1.quarantined }
    guard quarantineCount == quarantined else {
      throw damaged("its quarantine log holds \(quarantineCount) entries, its inputs quarantined \(quarantined)")
    }
    for name in PartialRun.recordFiles {
      let path = folder + "/" + name
      let expected = fileSizes[name]
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      let found = (attributes?[.size] as? NSNumber)?.int64Value
      guard let expected, found == expected else {
        throw damaged(
          "\(name) beside \(PartialRun.fileName) is "
            + (found == nil
              ? "missing" : "\(found!) bytes, not the \(expected.map(String.init) ?? "?") the shard wrote")
            + "; merge needs the shard's whole output folder")
      }
      // A same-size edit (an account id or a label changed in place) shows only in the content.
      guard let digest = fileDigests[name] else {
        throw damaged("its \(PartialRun.fileName) records no sha256 for \(name); run the shard again")
      }
      guard let actual = SHA256.hexDigest(ofFile: path) else {
        throw damaged("\(name) beside \(PartialRun.fileName) cannot be read")
      }
      guard actual == digest else {
        throw damaged(
          "\(name) changed since the shard wrote it (sha256 \(actual.prefix(12))…, the shard wrote "
            + "\(digest.prefix(12))…); merge needs the shard's files as it wrote them: restore them or run the shard again"
        )
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
