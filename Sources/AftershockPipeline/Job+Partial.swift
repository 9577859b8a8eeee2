import AftershockIngest
import AftershockReport
import Foundation

extension Job {
  // MARK: Map: a shard's partial state

  /// Streams the shard's inputs and publishes `partial.json` (last) beside the per-record outputs.
  mutating func executePartial() throws -> PartialResult {
    defer { stagingFolder.remove() }
    try stream()
    recordDigests()
    let files = try stage("write partial") { job in
      try job.quarantine.commit()
      var partial = job.partialState()
      for name in PartialRun.recordFiles {
        let attributes = try FileManager.default.attributesOfItem(atPath: job.staging + "/" + name)
        partial.fileSizes[name] = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        guard let digest = SHA256.hexDigest(ofFile: job.staging + "/" + name) else {
          throw PipelineError.failed("cannot read \(job.staging)/\(name) back to record its sha256")
        }
        partial.fileDigests[name] = digest
      }
      let sink = try ByteSink(atomicPath: job.staging + "/" + PartialRun.fileName)
      try sink.write(try JSONEncoder.sorted.encode(partial))
      try sink.write(byte: 0x0A)
      try sink.commit()
      return try job.publish(last: PartialRun.fileName).files
    }
    return PartialResult(
      asOf: asOf.description, outputDirectory: configuration.outputDirectory,
      partialPath: configuration.outputDirectory + "/" + PartialRun.fileName, files: files, inputs: summary.inputs,
      stageSeconds: stageSeconds)
  }

  /// The state after streaming, as `merge` reads it.
  func partialState() -> PartialRun {
    PartialRun(
      aftershockVersion: Pipeline.version, asOf: asOf.description, textModel: textModel,
      sentimentModel: summary.sentimentModel, accounts: accounts, inputs: summary.inputs, features: features,
      ticketsPerAccount: ticketsPerAccount, surveysPerAccount: surveysPerAccount, textSentiment: summary.textSentiment,
      negativeTexts: summary.negativeTexts, byDay: summary.byDay, byAspect: summary.byAspect,
      npsBySegment: summary.npsBySegment, intentPhrases: summary.intentPhrases, quotes: quotes,
      quarantineCount: quarantine.count, quarantineKept: quarantine.kept, fileSizes: [:], fileDigests: [:],
      nameLists: PartialRun.NameLists(
        competitors: configuration.competitorFiles, products: configuration.productFiles))
  }

  // MARK: Reduce: merging partials

  /// A job that finishes the run the partials (already checked and in canonical order) began.
  init(merging sources: [PartialRun.Source], configuration: MergeConfiguration, progress: ProgressHandler?) throws {
    let first = sources[0]
    let parts = first.asOf.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, let asOf = Day(year: parts[0], month: parts[1], day: parts[2]) else {
      throw PipelineError.incompatiblePartial(path: first.folder, reason: "as-of day '\(first.asOf)' is not a day")
    }
    // The inputs were read by the shards; only the finishing settings of this configuration are used.
    let run = RunConfiguration(
      accountsPath: first.accountsInput.file, ticketsPath: first.shardInputs.first?.file ?? "", surveysPath: nil,
      outputDirectory: configuration.outputDirectory, databasePath: configuration.databasePath, asOf: asOf,
      dataDirectory: configuration.dataDirectory, churnModelPath: configuration.churnModelPath,
      tiers: configuration.tiers, horizons: configuration.horizons, workerCount: 1)
    try self.init(configuration: run, asOf: asOf, progress: progress, digests: nil)
    mergedFrom = sources.map(\.folder)
  }

  /// Merges the partials, builds the per-record outputs from the shards' and runs the finishing step.
  mutating func executeMerge(_ sources: [PartialRun.Source]) throws -> RunResult {
    defer { stagingFolder.remove() }
    try stage("merge partials") { try $0.absorb(sources) }
    return try finish()
  }

  /// Takes the merged state of every shard as this job's own, as if it had streamed all the inputs.
  mutating func absorb(_ sources: [PartialRun.Source]) throws {
    // One shard's state at a time besides the total; of the quarantine entries kept for the
    // history, only as many as the history keeps (the accounts' once).
    var merged = try sources[0].state()
    var quarantineKept = [Array(merged.quarantineKept.prefix(NightlyRun.storedQuarantineLimit))]
    var room = NightlyRun.storedQuarantineLimit - quarantineKept[0].count
    merged.quarantineKept = []
    for source in sources.dropFirst() {
      var state = try source.state()
      quarantineKept.append(Array(state.quarantineKept.dropFirst(source.accountsInput.quarantined).prefix(room)))
      room -= quarantineKept[quarantineKept.count - 1].count
      state.quarantineKept = []
      do {
        try merged.merge(state)
      } catch {
        throw PipelineError.incompatiblePartial(
          path: source.folder, reason: "its counts do not add up with the other partials' (\(error))")
      }
    }
    guard merged.features.asOf == asOfSeconds else {
      throw PipelineError.incompatiblePartial(
        path: sources[0].folder, reason: "its features are not computed at the end of \(merged.asOf)")
    }
    accounts = merged.accounts
    features = merged.features
    ticketsPerAccount = merged.ticketsPerAccount
    surveysPerAccount = merged.surveysPerAccount
    quotes = merged.quotes
    textModel = merged.textModel
    summary.sentimentModel = merged.sentimentModel
    summary.inputs = merged.inputs
    summary.textSentiment = merged.textSentiment
    summary.negativeTexts = merged.negativeTexts
    summary.byDay = merged.byDay
    summary.byAspect = merged.byAspect
    summary.npsBySegment = merged.npsBySegment
    summary.intentPhrases = merged.intentPhrases

    for name in ["scored_tickets.csv", "scored_surveys.csv"] {
      try Self.concatenate(sources.map { $0.folder + "/" + name }, into: staging + "/" + name)
    }
    // Every shard read the whole accounts table: its rows open each shard's log and are kept once.
    for (position, source) in sources.enumerated() {
      let skipped = position == 0 ? 0 : source.accountsInput.quarantined
      let path = source.folder + "/quarantine.csv"
      let appended = try quarantine.append(rowsOf: path, skipping: skipped, kept: quarantineKept[position])
      let expected = source.inputs.reduce(0) { $0 + $1.quarantined }
      guard appended + skipped == expected else {
        throw PipelineError.incompatiblePartial(
          path: source.folder,
          reason: "quarantine.csv holds \(appended + skipped) rows, its inputs quarantined \(expected)")
      }
    }
  }

  /// Writes the CSV files one after another into `path`, the shared header once.
  /// - Throws: `PipelineError.failed` when a file cannot be read or its header differs from the first's.
  static func concatenate(_ paths: [String], into path: String) throws {
    let sink = try ByteSink(atomicPath: path)
    var firstHeader: [UInt8]? = nil
    for file in paths {
      guard let handle = FileHandle(forReadingAtPath: file) else {
        throw PipelineError.failed("cannot read \(file)")
      }
      defer { try? handle.close() }
      var header: [UInt8] = []
      var inHeader = true
      while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
        var body = block[...]
        if inHeader {
          // The headers this pipeline writes are plain names: the first line end closes them.
          if let end = block.firstIndex(of: 0x0A) {
            header += block[..<end]
            body = block[block.index(after: end)...]
            inHeader = false
            if let firstHeader {
              guard header == firstHeader else {
                throw PipelineError.failed("\(file) has other columns than \(paths[0])")
              }
            } else {
              firstHeader = header
              try sink.write(header)
              try sink.write(byte: 0x0A)
            }
          } else {
            header += block
            continue
          }
        }
        try sink.write(body)
      }
      if inHeader { throw PipelineError.failed("\(file) has no header line") }
    }
    try sink.commit()
  }
}
