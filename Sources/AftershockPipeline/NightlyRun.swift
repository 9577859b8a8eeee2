import AftershockForecast
import AftershockIngest
import AftershockModel
import AftershockReport
import AftershockStore
import AftershockText
import Foundation

/// What a finished run reports back to whoever started it.
public struct RunResult: Sendable {
  /// The run's id in the history.
  public var runID: Int64
  /// The day it scored at.
  public var asOf: String
  /// Where the outputs are.
  public var outputDirectory: String
  /// The SQLite history.
  public var databasePath: String
  /// Output files, relative to the output folder.
  public var files: [String]
  /// Per-input counts.
  public var inputs: [RunSummary.InputCounts]
  /// Open accounts scored.
  public var openAccounts: Int
  /// Open accounts in the high tier.
  public var highRiskAccounts: Int
  /// Sum of ARR × churn probability over open accounts.
  public var arrAtRisk: Double
  /// Accounts settled as renewed by the as-of day (`RunSummary.renewedAccounts`): customers still,
  /// on neither the at-risk list nor the forecast.
  public var renewedAccounts: Int = 0
  /// Of those, the ones the model reads as high risk at the renewal they passed.
  public var renewedHighRisk: Int = 0
  /// How the churn model was obtained.
  public var churnModel: String
  /// What the run changed in its inputs or left out of a figure (`RunSummary.warnings`), one sentence each.
  public var warnings: [String]
  /// Seconds per stage, in order.
  public var stageSeconds: [(String, Double)]
  /// Whether an earlier run with the same as-of was replaced.
  public var replacedEarlierRun: Bool
  /// The latest as-of date in the history once the run is saved: a later one than the run's
  /// when the run was back-dated, and then `at-risk` and `report` need `--run` to show it.
  public var latestAsOf: String? = nil

  /// Whether the history holds a run of a later as-of date (this run was back-dated), so that
  /// the readers' default, the latest as-of, is another run.
  public var isBackDated: Bool { latestAsOf.map { $0 > asOf } ?? false }
}

/// The nightly job: ingest → score texts → account features → churn risk → aggregates →
/// forecast → history → reports, in one streaming pass over the texts.
///
/// Outputs are written into a staging folder inside `--out` and moved into place only when
/// everything succeeded (`manifest.json` last), so a killed or failed run leaves the previous
/// outputs as they were; the history is written in one transaction, committed after the move.
public enum NightlyRun {
  /// Tickets analysed together; a batch is split across the worker threads.
  static let batchSize = 4_096
  /// Quarantine entries kept for the history (all are written to `quarantine.csv`).
  static let storedQuarantineLimit = 50_000

  /// Runs the job.
  /// - Throws: `PipelineError` (or a library's error) when the run cannot complete; outputs are then
  ///   untouched. A history file that cannot take the run (`StoreError.foreignDatabase`, a newer
  ///   schema, a damaged file) is refused before any work (`checkHistory(_:outputDirectory:)`).
  public static func run(_ configuration: RunConfiguration, progress: ProgressHandler? = nil) throws -> RunResult {
    try checkHistory(configuration.databasePath, outputDirectory: configuration.outputDirectory)
    var job = try Job(configuration: configuration, progress: progress)
    return try job.execute()
  }

  /// Refuses, before any work and without changing anything, a history file the run could not
  /// write to: another program's database, a newer Aftershock's history or a damaged file
  /// (`RunStore.checkWritable(_:)`), and, given the output folder, a history the run's own outputs
  /// would be moved over (`PipelineError.historyNamedLikeAnOutput`).
  public static func checkHistory(_ path: String, outputDirectory: String? = nil) throws {
    if let outputDirectory, let name = outputName(of: path, in: outputDirectory) {
      throw PipelineError.historyNamedLikeAnOutput(database: path, output: outputDirectory, suggestion: name)
    }
    try RunStore.checkWritable(path)
  }

  /// The extensions of the files a run, a merge or a report publishes into the output folder.
  static let outputExtensions: Set<String> = ["csv", "md", "json", "svg", "ipynb"]

  /// When `history` lies in `output` under a name the outputs take (an output extension, or
  /// under `charts/`), a name to suggest instead (`<output>/aftershock.sqlite`); else nil.
  ///
  /// Both are compared as standardized absolute paths, the symlinks of their existing parts
  /// resolved (the history's own name is kept: an output would replace that entry, link or not).
  static func outputName(of history: String, in output: String) -> String? {
    let folder = PathName.canonical(output)
    let historyFolder = PathName.canonical(PathName.parent(of: history))
    let name = (history as NSString).lastPathComponent
    guard PathName.isSameOrInside(historyFolder, folder) else { return nil }
    let relative = String((historyFolder + "/" + name).dropFirst(folder == "/" ? 1 : folder.count + 1))
    let isChart = relative == "charts" || relative.hasPrefix("charts/")
    guard isChart || outputExtensions.contains((name as NSString).pathExtension.lowercased()) else { return nil }
    return (output.hasSuffix("/") ? output : output + "/") + "aftershock.sqlite"
  }
}

/// The state of one run while it executes.
struct Job {
  let configuration: RunConfiguration
  let progress: ProgressHandler?
  let asOf: Day
  let asOfSeconds: Double
  /// Where the outputs are written before they are moved into the output folder.
  let stagingFolder: StagingFolder
  /// The staging folder's path.
  var staging: String { stagingFolder.path }
  let startedAt = Date()
  var summary: RunSummary
  var stageSeconds: [(String, Double)] = []
  var quarantine: QuarantineLog
  var accounts: [Account] = []
  let directory = AccountDirectory()
  var features: AccountFeatureAccumulator
  var ticketsPerAccount: [Int32] = []
  var surveysPerAccount: [Int32] = []
  var quotes = QuoteCollector(perAspect: 3)
  /// Texts of the input being read that read as another language than English.
  var textsInAnotherLanguage = 0
  /// Segment and offer codes per account, for the text aggregates.
  var segmentCodes: [Int32] = []
  var offerCodes: [Int32] = []
  var textAggregates = TextAggregates(segmentNames: [], offerNames: [])
  /// SHA-256 of each input, computed on another core while the run reads them (nil in `merge`,
  /// whose partials carry their inputs' digests).
  let digests: InputDigests?
  /// The text models' identity (analyzer and lexicon fingerprint): shards must agree on it.
  var textModel = ""
  /// The churn model file the run scored with (`--model-file` or the shipped fallback), nil when
  /// it fitted its own: the manifest records its path and SHA-256.
  var churnModelFile: String?
  /// The partials a merged run was built from (empty for a run over the inputs).
  var mergedFrom: [String] = []

  init(configuration: RunConfiguration, progress: ProgressHandler?) throws {
    let today = Self.today()
    let paths =
      [configuration.accountsPath, configuration.ticketsPath] + (configuration.surveysPath.map { [$0] } ?? [])
    try self.init(
      configuration: configuration, asOf: configuration.asOf ?? today, progress: progress,
      digests: InputDigests(paths: paths))
  }

  /// A job scoring at `asOf` with nothing accumulated yet, its staging folder made inside the output folder.
  init(configuration: RunConfiguration, asOf: Day, progress: ProgressHandler?, digests: InputDigests?) throws {
    self.configuration = configuration
    self.progress = progress
    self.asOf = asOf
    // Features are computed at the end of the as-of day: its tickets count.
    asOfSeconds = Double(Int64(asOf.daysSinceEpoch) * 86_400 + 86_399)
    summary = RunSummary(asOf: asOf.description)
    stagingFolder = try StagingFolder(inside: configuration.outputDirectory)
    quarantine = try QuarantineLog(path: stagingFolder.path + "/quarantine.csv", keep: NightlyRun.storedQuarantineLimit)
    features = AccountFeatureAccumulator(asOf: asOfSeconds)
    self.digests = digests
  }

  mutating func execute() throws -> RunResult {
    defer { stagingFolder.remove() }
    try stream()
    return try finish()
  }

  /// The map side of a run: reads the accounts, then streams tickets and survey answers once,
  /// scoring each text and folding it into per-account features and the mergeable aggregates.
  mutating func stream() throws {
    try stage("read accounts") { try $0.readAccounts() }
    let analyzers = try stage("load text models") { try $0.loadAnalyzers() }
    try stage("score tickets") { try $0.scoreTickets(analyzers) }
    try stage("score surveys") { try $0.scoreSurveys(analyzers) }
    textAggregates.fill(&summary)
  }

  /// Puts each input's SHA-256 into the summary (waiting for the background hashing, if any).
  mutating func recordDigests() {
    guard let digests else { return }
    for index in summary.inputs.indices {
      summary.inputs[index].sha256 = digests.digest(of: summary.inputs[index].file)
    }
  }

  /// The reduce side, shared by `run` and `merge`: churn risk from the accumulated features,
  /// forecast and offer analysis, the history, and the reports, published atomically.
  mutating func finish() throws -> RunResult {
    noteWarnings()
    let scoring = try stage("churn risk") { try $0.scoreAccounts() }
    try stage("forecast") { try $0.forecast(scoring) }
    recordDigests()
    // The history's transaction commits only once the outputs are in place: a run that fails or is
    // killed while it writes them leaves the history as it was (an earlier run of the same as-of
    // included), never a run recorded as succeeded without its outputs.
    // When the commit (or anything after the outputs moved) fails, the publication is rolled back:
    // a run that fails leaves the previous outputs, whatever step failed.
    let history = configuration.databasePath
    var publication: Publication?
    let runID: Int64
    let replaced: Bool
    let latestAsOf: String?
    do {
      let store = try RunStore(path: history)
      (runID, replaced, latestAsOf) = try store.database.inTransaction { () throws -> (Int64, Bool, String?) in
        let (runID, replaced) = try stage("save history") { try $0.saveHistory(scoring, in: store) }
        publication = try stage("write reports") { try $0.writeOutputs(scoring, runID: runID) }
        return (runID, replaced, try store.latestRun()?.asOf)
      }
    } catch {
      let unrestored = publication?.rollBack() ?? []
      throw Self.historyError(error, history: history, outputsRestored: publication != nil, unrestored: unrestored)
    }
    let files = publication?.files ?? []
    let open = scoring.openRows
    return RunResult(
      runID: runID, asOf: asOf.description, outputDirectory: configuration.outputDirectory,
      databasePath: configuration.databasePath, files: files, inputs: summary.inputs, openAccounts: open.count,
      highRiskAccounts: open.filter { scoring.risks[$0].tier == .high }.count,
      arrAtRisk: open.reduce(0) { $0 + (accounts[$1].arr ?? 0) * scoring.risks[$1].churnProbability },
      renewedAccounts: summary.renewedAccounts ?? 0, renewedHighRisk: summary.renewedHighRisk ?? 0,
      churnModel: summary.churnModel,
      warnings: summary.warnings ?? [], stageSeconds: stageSeconds, replacedEarlierRun: replaced,
      latestAsOf: latestAsOf)
  }

  /// Puts into the summary what the run changed in its accounts or leaves out of a figure: a
  /// segment renamed off the total's label, an input's missing columns or unreadable records
  /// (`inputWarnings`), accounts whose contract starts after the as-of day.
  mutating func noteWarnings() {
    var warnings: [String] = []
    for input in summary.inputs where input.kind == "accounts" {
      for (segment, count) in (input.segmentsRenamed ?? [:]).sorted(by: { $0.key < $1.key }) {
        warnings.append(
          "\(input.file): \(LeadershipReport.grouped(count)) account\(count == 1 ? "" : "s") with the segment '\(segment)', the name of the "
            + "portfolio total or a name it is renamed to, read as segment '\(Self.segmentName(segment))' so that no "
            + "table mixes the two")
      }
    }
    for input in summary.inputs { warnings += Self.inputWarnings(input) }
    let notStarted = accounts.filter { $0.contractStart.map { $0 > asOf } ?? false }.count
    if notStarted > 0 {
      warnings.append(
        "\(LeadershipReport.grouped(notStarted)) account\(notStarted == 1 ? "'s contract starts" : "s' contracts start") after the as-of day "
          + "\(asOf): scored with a tenure of 0 days and left out of the survival curve until they start")
    }
    summary.warnings = warnings.isEmpty ? nil : warnings
  }

  /// An input whose columns are another kind's: given as `kind`, it looks like a `looksLike` file.
  static func swappedInputHint(file: String, kind: String, looksLike: String) -> String {
    let article = looksLike == "accounts" ? "an" : "a"
    return "\(file), given as the \(kind), looks like \(article) \(looksLike) file (its columns fit \(looksLike)); "
      + "were --\(kind) and --\(looksLike) swapped?"
  }

  /// What an input's reading leaves out that a reader of the figures must know: a surveys input
  /// with no column for any of `nps`, `csat` and `comment` (its answers carry nothing to score), or
  /// for neither `nps` nor `csat` (no NPS or CSAT figure, though its comments are scored), an
  /// accounts input with no `arr` column (ARR at risk counts nothing) or no `churned` column (no
  /// account renewed: all open, the shipped model, no offer comparison), and records quarantined as
  /// `invalid_utf8` (a Windows-1252 save loses exactly the texts with accents and curly quotes).
  static func inputWarnings(_ input: RunSummary.InputCounts) -> [String] {
    var warnings: [String] = []
    let notFound = Set(input.fieldsNotFound ?? [])
    let kind = input.kind
    if kind == "surveys", input.read > 0, notFound.isSuperset(of: ["nps", "csat", "comment"]) {
      warnings.append(
        "\(input.file): no column was found for nps, csat or comment, so its answers (\(LeadershipReport.grouped(input.accepted)) "
          + "accepted) carry no score and no text; name the columns, e.g. --map surveys.nps=COLUMN "
          + "(validate lists the columns it matched)")
    } else if kind == "surveys", input.read > 0, notFound.isSuperset(of: ["nps", "csat"]) {
      warnings.append(
        "\(input.file): no column was found for nps or csat, so its answers (\(LeadershipReport.grouped(input.accepted)) "
          + "accepted) give no NPS or CSAT figure, only their comments are scored; name the score's column, e.g. "
          + "--map surveys.nps=COLUMN or --map surveys.csat=COLUMN (validate lists the columns it matched)")
    }
    if kind == "accounts", input.read > 0, notFound.contains("arr") {
      warnings.append(NightlyRun.missingARRWarning(file: input.file))
    }
    if kind == "accounts", input.read > 0, notFound.contains("churned") {
      warnings.append(NightlyRun.missingChurnedWarning(file: input.file))
    }
    if let conflict = input.decimalMarkConflict, let read = conflict["read_with_grouping"],
      let refused = conflict["refused"]
    {
      warnings.append(InputSummary.decimalMarkWarning(file: input.file, readWithGrouping: read, refused: refused))
    }
    if let dates = input.dateOrderEvidence {
      warnings.append(dates.warning(file: input.file))
    }
    if let other = input.looksLike {
      warnings.append(swappedInputHint(file: input.file, kind: kind, looksLike: other))
    }
    if kind == "accounts", input.read > 0, notFound.contains("renewal_date"), !notFound.contains("churned") {
      warnings.append(
        "\(input.file): no renewal_date column was found, so no account marked not churned reads as renewed: "
          + "each is scored as open with its renewal unknown (no days to renewal, no renewal-dated forecast), and "
          + "the churn model learns churned against still-active accounts, a snapshot rather than renewals; name "
          + "the column with --map accounts.renewal_date=COLUMN")
    } else if let count = input.notChurnedWithoutRenewalDate, count > 0 {
      warnings.append(
        "\(input.file): \(LeadershipReport.grouped(count)) account\(count == 1 ? "" : "s") marked not churned "
          + "\(count == 1 ? "has" : "have") no renewal date: read as open with the renewal unknown, not as renewed "
          + "(a CRM's \"Active\" is a customer whose renewal may be ahead), and as not churned for the churn model")
    }
    if let currencies = input.arrCurrencies, currencies.count > 1 {
      let listed = currencies.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        .map { "\($0.key) \(LeadershipReport.grouped($0.value))" }.joined(separator: ", ")
      warnings.append(
        "\(input.file): ARR is written in more than one currency (\(listed)): amounts are read as numbers, not "
          + "converted, so every ARR sum and ARR at risk adds them as one; convert them to one currency first")
    }
    if let count = input.churnDatesAheadOfToday, count > 0 {
      let first = input.firstChurnDateAheadOfToday.map { " (the first: \($0))" } ?? ""
      warnings.append(
        "\(input.file): \(LeadershipReport.grouped(count)) account\(count == 1 ? " has a churn date" : "s have churn dates") "
          + "after today\(first): read as open on the as-of day, a cancellation not yet in effect, and scored "
          + "(check the date if it is a typo)")
    }
    // From 1 text in 100: English corpora have up to 1 in 200 false alarms (a line of dish names),
    // which the scored file's column shows without a note.
    if let count = input.textsInAnotherLanguage, count > 0, count * 100 >= input.accepted {
      warnings.append(
        "\(input.file): \(LeadershipReport.grouped(count)) text\(count == 1 ? " reads" : "s read") as written in another "
          + "language than English (under 3 in 10 of the first two dozen words known to the lexicons): the rules read "
          + "English, so their sentiment, aspects and churn intent say little; the scored file marks them in "
          + "other_language (translate them, or read them yourself)")
    }
    if let count = input.quarantinedByReason[QuarantineReason.invalidUTF8.rawValue], count > 0 {
      warnings.append(
        "\(input.file): \(LeadershipReport.grouped(count)) record\(count == 1 ? " was" : "s were") quarantined as "
          + "invalid_utf8 and left out of every figure; " + InputSummary.windows1252Hint(file: input.file))
    }
    return warnings
  }

  /// The label of the portfolio total in every per-segment table, forecast and chart.
  static let totalLabel = "all"
  /// What a segment spelled like `totalLabel` gets appended (`all` is read as `all (segment)`).
  static let renamedSuffix = " (segment)"

  /// For a segment spelled like the total, or like a name one is renamed to (`all`,
  /// `all (segment)`, `all (segment) (segment)`..., any case, spaces trimmed), how many times
  /// `renamedSuffix` follows `all`; nil for any other segment.
  static func suffixesAfterTotal(_ segment: String) -> Int? {
    var text = Substring(segment.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    var count = 0
    while text.hasSuffix(renamedSuffix) {
      text = text.dropLast(renamedSuffix.count)
      count += 1
    }
    return text == totalLabel ? count : nil
  }

  /// Whether a segment as written is renamed (`segmentName`).
  static func spellsTotal(_ segment: String) -> Bool { suffixesAfterTotal(segment) != nil }

  /// A segment as the run's tables name it: one more `renamedSuffix` for one spelled like the
  /// total or a renamed one, so `all` becomes `all (segment)` and a segment already called
  /// `all (segment)` becomes `all (segment) (segment)`: no two segments, and no segment and the
  /// total, share a name.
  static func segmentName(_ segment: String) -> String {
    guard let count = suffixesAfterTotal(segment) else { return segment }
    return totalLabel + String(repeating: renamedSuffix, count: count + 1)
  }

  /// The error a failed saving step throws: the history named, a lock held by another process
  /// said in words; the library's error kept otherwise (a stage's own message names its file).
  static func historyError(_ error: any Error, history: String, outputsRestored: Bool, unrestored: [String])
    -> any Error
  {
    let database: DatabaseError?
    switch error {
    case let error as DatabaseError: database = error
    case StoreError.database(let error): database = error
    default: database = nil
    }
    if let database, database.resultCode == 5 || database.resultCode == 6 {  // SQLITE_BUSY, SQLITE_LOCKED
      return PipelineError.historyLocked(database: history)
    }
    guard database != nil || outputsRestored else { return error }
    let reason = database?.message ?? String(describing: error)
    return PipelineError.historyNotSaved(
      database: history, reason: reason, outputsRestored: outputsRestored, unrestored: unrestored)
  }

  /// Runs one stage, timing it and reporting its start and end.
  mutating func stage<T>(_ name: String, _ body: (inout Job) throws -> T) throws -> T {
    progress?(ProgressReport(stage: name, fraction: 0))
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body(&self)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    stageSeconds.append((name, seconds))
    summary.stageSeconds[name] = seconds
    progress?(ProgressReport(stage: name, fraction: 1, detail: String(format: "%.2f s", seconds)))
    return value
  }

  // MARK: Ingest

  mutating func readAccounts() throws {
    let path = configuration.accountsPath
    let window = AsOfWindow(asOf: asOf)
    var accepted: [Account] = []
    var log = quarantine
    var aheadOfToday = 0
    var firstAheadOfToday: String?
    var undecided = 0
    // Segments spelled like the total's label ("all"), as written → accounts.
    var renamed: [String: Int] = [:]
    // The reader finds duplicates in a directory of its own; an account joins the run's only when
    // it belongs to the run, so the tickets of one quarantined for its churn date say so.
    let read = AccountDirectory()
    let directory = self.directory
    let input = try Ingest.streamAccounts(
      from: path, options: configuration.ingestOptions, into: read,
      onAccount: { account in
        if window.isAheadOfTheClock(account) {
          aheadOfToday += 1
          if firstAheadOfToday == nil, let day = account.churnDate {
            firstAheadOfToday = "\(account.accountID) on \(day)"
          }
        }
        if window.isUndecided(account) { undecided += 1 }
        var account = window.asOfDay(account)
        let index = directory.insert(account.accountID).index
        account.accountID = directory.id(at: index)
        directory.noteName(account.name, ofAccountAt: index)
        if let segment = account.segment, Self.spellsTotal(segment) {
          renamed[segment, default: 0] += 1
          account.segment = Self.segmentName(segment)
        }
        accepted.append(account)
      },
      onQuarantine: { entry in
        if let id = entry.recordID, let line = read.quarantinedLine(of: id) {
          directory.noteQuarantined(id, line: line)
        }
        try log.add(entry)
      })
    quarantine = log
    accounts = accepted
    try record(input)
    if !renamed.isEmpty { summary.inputs[summary.inputs.count - 1].segmentsRenamed = renamed }
    if undecided > 0 { summary.inputs[summary.inputs.count - 1].notChurnedWithoutRenewalDate = undecided }
    if aheadOfToday > 0 {
      summary.inputs[summary.inputs.count - 1].churnDatesAheadOfToday = aheadOfToday
      summary.inputs[summary.inputs.count - 1].firstChurnDateAheadOfToday = firstAheadOfToday
    }
    guard !accounts.isEmpty else { throw PipelineError.noAccounts(file: path) }
    var segments: [String: Int32] = [:]
    var offers: [String: Int32] = [:]
    segmentCodes = accounts.map { account in
      let name = account.segment ?? "unknown"
      if let code = segments[name] { return code }
      segments[name] = Int32(segments.count)
      return Int32(segments.count - 1)
    }
    offerCodes = accounts.map { account in
      let name = account.offer?.description ?? "unknown"
      if let code = offers[name] { return code }
      offers[name] = Int32(offers.count)
      return Int32(offers.count - 1)
    }
    textAggregates = TextAggregates(
      segmentNames: segments.sorted { $0.value < $1.value }.map(\.key),
      offerNames: offers.sorted { $0.value < $1.value }.map(\.key))
    ticketsPerAccount = Array(repeating: 0, count: accounts.count)
    surveysPerAccount = Array(repeating: 0, count: accounts.count)
    features.registerAccounts(count: accounts.count)
    for (index, account) in accounts.enumerated() {
      precondition(directory.index(of: account.accountID) == index, "account directory order")
      features.setAccount(
        index,
        AccountAttributes(
          contractStart: account.contractStart.map { min(Self.seconds($0), asOfSeconds) },
          renewalDate: account.renewalDate.map(Self.seconds),
          annualRecurringRevenue: account.arr, seats: account.seats.map(Double.init), segment: account.segment,
          plan: account.plan, outageImpactHours: account.outageImpactHours, offer: account.offer?.description,
          offerRedeemed: account.offerRedeemed))
    }
  }

  static func seconds(_ day: Day) -> Double { Double(Int64(day.daysSinceEpoch) * 86_400) }

  /// The wall clock's day in UTC.
  static func today() -> Day {
    Day(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
  }

  /// Adds an input's counts to the summary and fails the run when too much of it was quarantined.
  mutating func record(_ input: InputSummary) throws {
    summary.inputs.append(
      RunSummary.InputCounts(
        kind: input.kind.rawValue, file: input.file, read: input.read, accepted: input.accepted,
        quarantined: input.quarantined,
        quarantinedByReason: Dictionary(
          uniqueKeysWithValues: input.quarantinedByReason.map { ($0.key.rawValue, $0.value) }),
        bytes: input.bytesRead, sha256: nil,
        nestedValuesLeftEmpty: input.nestedValuesLeftEmpty.isEmpty ? nil : input.nestedValuesLeftEmpty,
        columns: Dictionary(input.columns.map { ($0.field, $0.column) }, uniquingKeysWith: { first, _ in first }),
        fieldsNotFound: input.fieldsNotFound, rowsSkipped: input.rowsSkipped.isEmpty ? nil : input.rowsSkipped,
        decimalMarkConflict: input.decimalMarkConflict.map {
          ["read_with_grouping": $0.readWithGrouping, "refused": $0.refused]
        },
        dateOrderEvidence: input.dateOrderEvidence, looksLike: input.looksLike?.rawValue,
        textsInAnotherLanguage: textsInAnotherLanguage > 0 ? textsInAnotherLanguage : nil))
    summary.inputs[summary.inputs.count - 1].arrCurrencies = input.arrCurrencies
    textsInAnotherLanguage = 0
    // Records dated after the as-of day are a later run's, not bad input: they count for neither
    // side of the share (a run at a past as-of day over a whole export must not fail on them).
    let later = input.quarantinedByReason[.afterAsOf] ?? 0
    let bad = input.read > later ? Double(input.quarantined - later) / Double(input.read - later) : 0
    if bad > configuration.maximumBadShare {
      try? quarantine.commit(to: configuration.outputDirectory + "/" + PipelineError.failedRunQuarantineFile)
      // Mostly invalid UTF-8: the file is very likely a Windows-1252 save; say how to convert it.
      let invalidUTF8 = input.quarantinedByReason[.invalidUTF8] ?? 0
      let hint =
        input.looksLike.map {
          Self.swappedInputHint(file: input.file, kind: input.kind.rawValue, looksLike: $0.rawValue)
        }
        ?? (invalidUTF8 * 2 > input.quarantined - later
          ? "most are invalid UTF-8: " + InputSummary.windows1252Hint(file: input.file)
          : Self.commonestReasonHint(input, examples: quarantine.firstEntries[input.file] ?? [:]))
      throw PipelineError.tooManyBadRecords(
        file: input.file, share: bad, limit: configuration.maximumBadShare, hint: hint)
    }
  }

  /// Names the reason most of an input's records were quarantined for (records after the as-of
  /// day aside) with its first record, whose detail says what to do ("... is ambiguous: ...; say
  /// which with --date-order mdy or --date-order dmy"); nil when none was.
  static func commonestReasonHint(_ input: InputSummary, examples: [QuarantineReason: AftershockIngest.QuarantineEntry])
    -> String?
  {
    let counts = input.quarantinedByReason.filter { $0.key != .afterAsOf && $0.value > 0 }
    let total = counts.values.reduce(0, +)
    guard
      let (reason, count) = counts.max(by: { a, b in
        a.value != b.value ? a.value < b.value : a.key.rawValue > b.key.rawValue
      })
    else { return nil }
    let share = count * 2 > total ? "most (\(count) of \(total)) are" : "the commonest reason (\(count) of \(total)) is"
    guard let example = examples[reason] else { return "\(share) \(reason.rawValue)" }
    let record = example.recordID.map { " (\($0))" } ?? ""
    // Ambiguous dates: the file's other dates may tell which --date-order reads them.
    let dates = reason == .invalidDate && example.detail.contains(" is ambiguous: ") ? input.dateOrderEvidence : nil
    return "\(share) \(reason.rawValue), e.g. line \(example.line)\(record): \(example.detail)"
      + (dates.map { "; \($0.advice)" } ?? "")
  }

  // MARK: Texts

  mutating func loadAnalyzers() throws -> [TextAnalyzer] {
    let data = configuration.dataDirectory
    let lexicon = try TextLexicon(
      dataDirectory: data.path, competitorFiles: configuration.competitorFiles, productFiles: configuration.productFiles
    )
    textModel = Self.textModel(lexicon)
    // The run scores with the rules: per sentence and per aspect, which the features and the report need.
    return (0..<max(1, configuration.workerCount)).map { _ in
      let analyzer = TextAnalyzer(lexicon: lexicon)
      analyzer.checksLanguage = true
      return analyzer
    }
  }

  mutating func scoreTickets(_ analyzers: [TextAnalyzer]) throws {
    summary.sentimentModel = "rules (VADER lexicon + domain lexicon, per sentence and aspect)"
    let sink = try ByteSink(atomicPath: staging + "/scored_tickets.csv")
    let writer = CSVWriter()
    try writer.writeRow(ScoredText.ticketHeader, to: sink)
    let fileSize = Self.fileSize(configuration.ticketsPath)
    var batch: [Ticket] = []
    batch.reserveCapacity(NightlyRun.batchSize)
    var bytesSeen = 0
    var count = 0
    var log = quarantine
    var job = self
    // While one batch is analysed in the background, the next is read and the previous written.
    var pending: (tickets: [Ticket], analysis: BackgroundAnalysis)?
    func consumePending() throws {
      guard let (tickets, analysis) = pending else { return }
      pending = nil
      for (ticket, result) in zip(tickets, analysis.wait()) {
        try job.consumeTicket(ticket, result, writer: writer, sink: sink)
      }
      count += tickets.count
    }
    func flush() throws {
      let previous = pending
      if let previous { _ = previous.analysis.wait() }
      let current = batch
      batch = []
      batch.reserveCapacity(NightlyRun.batchSize)
      pending = nil
      if !current.isEmpty {
        pending = (current, BackgroundAnalysis(texts: current.map(\.body), analyzers: analyzers))
      }
      if let previous {
        for (ticket, result) in zip(previous.tickets, previous.analysis.wait()) {
          try job.consumeTicket(ticket, result, writer: writer, sink: sink)
        }
        count += previous.tickets.count
      }
      if let fileSize, fileSize > 0 {
        job.progress?(
          ProgressReport(
            stage: "score tickets", fraction: min(0.99, Double(bytesSeen) / Double(fileSize)),
            detail: "\(count) tickets"))
      }
    }
    let window = AsOfWindow(asOf: asOf)
    let path = configuration.ticketsPath
    var afterAsOf = 0
    var input = try Ingest.streamTickets(
      from: path, options: configuration.ingestOptions, knownAccounts: directory,
      onTicket: { ticket in
        bytesSeen += ticket.body.utf8.count + 64
        if let entry = window.entry(for: ticket, file: path) {
          afterAsOf += 1
          try log.add(entry)
          return
        }
        batch.append(ticket)
        if batch.count == NightlyRun.batchSize { try flush() }
      },
      onQuarantine: { try log.add($0) })
    try flush()
    try consumePending()
    AsOfWindow.quarantine(afterAsOf, in: &input)
    self = job
    quarantine = log
    try sink.commit()
    try record(input)
  }

  mutating func consumeTicket(_ ticket: Ticket, _ analysis: TextAnalysis, writer: CSVWriter, sink: ByteSink) throws {
    guard let index = directory.index(of: ticket.accountID) else { return }
    let aspects = analysis.aspects
    features.addTicket(
      account: index, createdAt: Double(ticket.createdAt.secondsSinceEpoch), sentiment: analysis.sentiment.compound,
      outageSentiment: aspects.isMentioned(.outage) ? aspects[score: .outage] : nil,
      offerSentiment: aspects.isMentioned(.offer) ? aspects[score: .offer] : nil, churnIntent: analysis.churnIntent,
      competitorMention: analysis.competitorMentioned)
    ticketsPerAccount[index] += 1
    aggregate(analysis, text: ticket.body, recordID: ticket.ticketID, day: ticket.createdAt.day, account: index)
    try ScoredText.writeTicketRow(
      ticket, analysis, segment: textAggregates.segmentNames[Int(segmentCodes[index])],
      offer: textAggregates.offerNames[Int(offerCodes[index])], writer: writer, sink: sink)
  }

  mutating func scoreSurveys(_ analyzers: [TextAnalyzer]) throws {
    let sink = try ByteSink(atomicPath: staging + "/scored_surveys.csv")
    let writer = CSVWriter()
    try writer.writeRow(ScoredText.surveyHeader, to: sink)
    guard let path = configuration.surveysPath else {
      try sink.commit()
      return
    }
    var batch: [SurveyResponse] = []
    batch.reserveCapacity(NightlyRun.batchSize)
    var log = quarantine
    var job = self
    func flush() throws {
      let analyses = ParallelAnalysis.analyze(batch.map { $0.comment ?? "" }, with: analyzers)
      for (response, analysis) in zip(batch, analyses) {
        try job.consumeSurvey(response, analysis, writer: writer, sink: sink)
      }
      batch.removeAll(keepingCapacity: true)
    }
    let window = AsOfWindow(asOf: asOf)
    var afterAsOf = 0
    var input = try Ingest.streamSurveys(
      from: path, options: configuration.ingestOptions, knownAccounts: directory,
      onResponse: { response in
        if let entry = window.entry(for: response, file: path) {
          afterAsOf += 1
          try log.add(entry)
          return
        }
        batch.append(response)
        if batch.count == NightlyRun.batchSize { try flush() }
      },
      onQuarantine: { try log.add($0) })
    try flush()
    AsOfWindow.quarantine(afterAsOf, in: &input)
    self = job
    quarantine = log
    try sink.commit()
    try record(input)
  }

  mutating func consumeSurvey(_ response: SurveyResponse, _ analysis: TextAnalysis, writer: CSVWriter, sink: ByteSink)
    throws
  {
    guard let index = directory.index(of: response.accountID) else { return }
    let account = accounts[index]
    features.addSurvey(
      account: index, submittedAt: Double(response.submittedAt.secondsSinceEpoch), nps: response.nps.map(Double.init),
      csat: response.csat.map(Double.init))
    surveysPerAccount[index] += 1
    let segment = account.segment ?? "unknown"
    if let nps = response.nps {
      summary.npsBySegment.update(SliceKey(segment: segment)) { $0.addNPS(nps) }
    }
    let hasComment = !(response.comment ?? "").isEmpty
    if let comment = response.comment, hasComment {
      let aspects = analysis.aspects
      // Survey comments feed the same account signals as tickets (dated when submitted).
      features.addTicket(
        account: index, createdAt: Double(response.submittedAt.secondsSinceEpoch),
        sentiment: analysis.sentiment.compound,
        outageSentiment: aspects.isMentioned(.outage) ? aspects[score: .outage] : nil,
        offerSentiment: aspects.isMentioned(.offer) ? aspects[score: .offer] : nil, churnIntent: analysis.churnIntent,
        competitorMention: analysis.competitorMentioned)
      aggregate(analysis, text: comment, recordID: response.responseID, day: response.submittedAt.day, account: index)
    }
    try writer.writeRow(ScoredText.surveyRow(response, hasComment ? analysis : nil), to: sink)
  }

  /// Adds one scored text to the run's aggregates and quote candidates.
  mutating func aggregate(_ analysis: TextAnalysis, text: String, recordID: String, day: Day, account: Int) {
    let compound = analysis.sentiment.compound
    guard compound.isFinite, analysis.tokenCount > 0 else { return }
    let segment = Int(segmentCodes[account])
    summary.textSentiment.add(compound)
    if compound <= AccountFeatureAccumulator.negativeThreshold { summary.negativeTexts += 1 }
    if analysis.readsAsAnotherLanguage { textsInAnotherLanguage += 1 }
    textAggregates.add(analysis, day: day.daysSinceEpoch, segment: segment, offer: Int(offerCodes[account]))
    for aspect in analysis.aspects.mentioned {
      quotes.consider(
        aspect: aspect.description, score: analysis.aspects[score: aspect], text: text,
        segment: textAggregates.segmentNames[segment], recordID: recordID)
    }
    if analysis.churnIntent, let evidence = analysis.churnIntentEvidence {
      let phrase = TextAnalysis.text(of: evidence, in: text).lowercased()
      if !phrase.isEmpty { summary.intentPhrases.add(phrase) }
    }
  }

  /// The analyzer's identity: its kind and the fingerprint of the lexicons it loaded.
  static func textModel(_ lexicon: TextLexicon) -> String {
    let hex = String(lexicon.fingerprint, radix: 16)
    return "rules, lexicon fingerprint " + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
  }

  static func fileSize(_ path: String) -> Int? {
    guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
    return (attributes[.size] as? NSNumber)?.intValue
  }
}

extension NightlyRun {
  /// An accounts file with no column read as `churned`: what a run makes of it and the fix (`run`'s
  /// warnings, and `validate`'s, which said only "not found: churned").
  /// The warning for an accounts file without an `arr` column (`run` and `validate` give it).
  public static func missingARRWarning(file: String) -> String {
    "\(file): no arr column was found, so ARR at risk and the ARR forecast count nothing; name it with "
      + "--map accounts.arr=COLUMN (a CRM's \"Annual Revenue\" is the customer's own revenue, not what it pays)"
  }

  public static func missingChurnedWarning(file: String) -> String {
    "\(file): no churned column was found, so no account reads as renewed (only a churn_date marks one "
      + "churned): every other account is scored as open, no churn model can be fitted on your renewals (the "
      + "run uses --model-file or the shipped stand-in, trained on synthetic data), and the offer comparison "
      + "has no renewal to count; name the column with --map accounts.churned=COLUMN (a CRM status such as "
      + "Churned/Renewed/Active is read)"
  }

  /// The day of the latest ticket, survey answer or recorded churn in the inputs that is not in
  /// the future: the default as-of of a run over an export (a pre-pass that parses the inputs
  /// without scoring them).
  ///
  /// A date after tomorrow (UTC) cannot be an export's latest activity (a typo such as
  /// 2099-01-01, a bad clock), so it never sets the as-of day; the run then quarantines that
  /// record as dated after its as-of day. An input given as `-` is kept for the run's own read
  /// (standard input is copied to a temporary file when it is not a file already).
  /// - Parameters:
  ///   - configuration: the run's inputs and reading options.
  ///   - today: the wall clock's day in UTC (nil: read the clock).
  /// - Returns: nil when no record is dated (the run then scores at today).
  public static func latestActivityDay(_ configuration: RunConfiguration, today: Day? = nil) throws -> Day? {
    let lastDay = AsOfWindow.latestPlausibleDay(today: today ?? Job.today())
    let latestPlausible = Timestamp(lastDay).secondsSinceEpoch + 86_399
    var latest: Timestamp?
    func see(_ timestamp: Timestamp) {
      guard timestamp.secondsSinceEpoch <= latestPlausible else { return }
      if latest.map({ timestamp > $0 }) ?? true { latest = timestamp }
    }
    let paths = [configuration.accountsPath, configuration.ticketsPath, configuration.surveysPath]
    let standardInput = paths.contains("-") ? try RewindableStandardInput() : nil
    _ = try Ingest.streamAccounts(
      from: configuration.accountsPath, options: configuration.ingestOptions, into: AccountDirectory(),
      onAccount: { account in if let day = account.churnDate { see(Timestamp(day)) } }, onQuarantine: { _ in })
    _ = try Ingest.streamTickets(
      from: configuration.ticketsPath, options: configuration.ingestOptions, knownAccounts: nil,
      onTicket: { see($0.createdAt) }, onQuarantine: { _ in })
    if let surveys = configuration.surveysPath {
      _ = try Ingest.streamSurveys(
        from: surveys, options: configuration.ingestOptions, knownAccounts: nil,
        onResponse: { see($0.submittedAt) }, onQuarantine: { _ in })
    }
    try standardInput?.rewind()
    return latest.map { $0.day }
  }
}
