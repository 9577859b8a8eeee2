import AftershockIngest
import AftershockModel
import AftershockText
import Foundation

/// Training, evaluation and cross-validation of churn models on any labelled table
/// (what `aftershock churn train|eval|cv` runs): logistic regression, gradient-boosted trees,
/// or an automatic choice between them by inner cross-validation.
public enum ChurnPipeline {
  /// The algorithm named by `--model`.
  public enum Algorithm: String, Sendable, CaseIterable {
    /// L2-regularised logistic regression (standardised columns, one-hot levels).
    case logistic
    /// Histogram gradient-boosted trees with native categorical splits.
    case gbdt
    /// Whichever of the two has the higher inner cross-validated ROC AUC (logistic on near-ties).
    case auto
  }

  /// How much higher the trees' inner AUC must be for `auto` to prefer them over the simpler,
  /// directly interpretable logistic model.
  public static let autoPreferenceMargin = 0.005

  /// A labelled table ready for modelling.
  public struct LabelledTable: Sendable {
    /// Feature, label and id columns (numbers parsed), rows with a blank label removed.
    public var table: DataTable
    /// The label column as written in the file.
    public var labelColumn: String
    /// The id column as written in the file, if any.
    public var idColumn: String?
    /// The labels, one per row.
    public var labels: [Bool]
    /// Records read from the file.
    public var recordsRead: Int
    /// Rows skipped because the label was blank.
    public var skippedBlankLabel: Int
    /// Records the reader rejected, and rows set aside for a cell that does not fit its column
    /// (a word among numbers).
    public var quarantined: [QuarantineEntry]
    /// Columns removed with `--drop`.
    public var droppedColumns: [String]
    /// The line of the file on which each row of `table` starts, to name rows as the user finds them.
    public var lines: [Int]

    /// Positive rows.
    public var positiveCount: Int { labels.reduce(0) { $0 + ($1 ? 1 : 0) } }
  }

  /// How one fit ended.
  public struct FitSummary: Sendable, Codable, Equatable {
    /// `logistic` or `gbdt`.
    public var kind: String
    /// Whether the fit converged (logistic: Newton tolerance met; trees: always).
    public var converged: Bool
    /// Iterations, trees, early stopping, separation warnings.
    public var detail: String
  }

  /// Why `auto` chose a model: the inner cross-validated AUC of each.
  public struct ModelSelection: Sendable, Codable, Equatable {
    /// `logistic` or `gbdt`.
    public var chosen: String
    /// Pooled out-of-fold ROC AUC of logistic regression.
    public var logisticAUC: Double
    /// Pooled out-of-fold ROC AUC of the trees.
    public var gbdtAUC: Double
    /// Inner folds used.
    public var folds: Int
  }

  /// Results of k-fold cross-validation.
  public struct CrossValidationSummary: Sendable {
    /// The algorithm.
    public var algorithm: Algorithm
    /// Folds.
    public var foldCount: Int
    /// The fold seed.
    public var seed: UInt64
    /// Metrics of all out-of-fold predictions together.
    public var pooled: EvaluationReport
    /// Metrics of each fold.
    public var folds: [EvaluationReport]
    /// Seconds to fit each fold's model (inner selection included for `auto`).
    public var fitSeconds: [Double]
    /// How each fold's final fit ended.
    public var fits: [FitSummary]
    /// For `auto`, the choice made in each fold.
    public var selections: [ModelSelection]

    /// Mean and sample standard deviation of a per-fold metric.
    public func spread(_ metric: KeyPath<EvaluationReport, Double>) -> (mean: Double, standardDeviation: Double) {
      let values = folds.map { $0[keyPath: metric] }
      guard !values.isEmpty else { return (.nan, .nan) }
      let mean = values.reduce(0, +) / Double(values.count)
      guard values.count > 1 else { return (mean, 0) }
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
      return (mean, variance.squareRoot())
    }
  }

  /// What `train` wrote.
  public struct TrainingResult: Sendable {
    /// Where the model file was written.
    public var path: String
    /// The fitted model.
    public var model: ChurnModel
    /// Seconds to fit (selection included for `auto`).
    public var fitSeconds: Double
    /// How the fit ended.
    public var fit: FitSummary
    /// For `auto`, why this model.
    public var selection: ModelSelection?
  }

  /// One feature's global weight in a model.
  public struct Importance: Sendable, Codable, Equatable {
    /// The feature (encoded name for logistic: `Geography=Germany`).
    public var feature: String
    /// Mean |SHAP| (log-odds) for trees; the standardised coefficient for logistic.
    public var value: Double
  }

  /// What `eval` measured.
  public struct EvaluationSummary: Sendable {
    /// The model's kind.
    public var kind: String
    /// The metrics on the table.
    public var report: EvaluationReport
    /// Global importance, largest magnitude first.
    public var importance: [Importance]
    /// What `importance` holds, for people.
    public var importanceMeasure: String
  }

  // MARK: - Loading

  /// Reads a labelled table: drops `drop` columns, removes rows with a blank label, sets aside
  /// (quarantines) rows with a cell that does not fit its column, and parses numbers.
  ///
  /// A cell does not fit when it is not of the kind the `schema` reads its column as (`churn eval`:
  /// the model's), or, without a schema (`churn train` and `cv`), when its column's other cells are
  /// numbers and it is not one (`abc`, `inf`, `1e400` among numbers: at most 5% of the column).
  /// Such a row is a quarantine entry naming the file, its line, the column and the value; the
  /// column stays numeric, the same way in every fold of a cross-validation.
  /// - Throws: `PipelineError` naming a missing label, id or drop column, or the line of an
  ///   invalid label; `ModelError.missingColumn` when the schema reads a column the file lacks.
  /// - Parameters:
  ///   - path: the file (`-` for standard input).
  ///   - format: the input format; by the file's extension, then its first bytes, when nil.
  ///   - label: the label column.
  ///   - idColumn: a row id column, kept out of the features.
  ///   - drop: columns to leave out.
  ///   - positive: the label value that means churned (`Churned`, `Exited`, ...), matched
  ///     ignoring case and surrounding spaces; every other non-blank value is not churned. Nil: the
  ///     labels must read as 0/1, true/false or yes/no.
  ///   - schema: the encoder of the model to be evaluated (`churn eval`), which decides each
  ///     column's kind; nil for `churn train` and `cv`.
  public static func loadTable(
    path: String, format: InputFormat? = nil, label: String, idColumn: String?, drop: [String],
    positive: String? = nil, schema: TabularEncoder? = nil
  ) throws -> LabelledTable {
    let loaded = try TableLoader.load(path: path, format: format)
    var table = loaded.table
    var lines = loaded.lines
    guard let labelIndex = table.index(ofColumn: label) else {
      throw TableLoader.missingColumn(label, file: path, seen: loaded.columnsSeen)
    }
    let labelName = table.columnNames[labelIndex]
    var idName: String? = nil
    if let idColumn {
      guard let index = table.index(ofColumn: idColumn) else {
        throw TableLoader.missingColumn(idColumn, file: path, seen: loaded.columnsSeen)
      }
      guard index != labelIndex else {
        throw PipelineError.failed("the label column and the id column are both '\(labelName)'; a column has one role")
      }
      idName = table.columnNames[index]
    }
    var dropped: [String] = []
    for name in drop {
      guard let index = table.index(ofColumn: name) else {
        throw TableLoader.missingColumn(name, file: path, seen: loaded.columnsSeen)
      }
      let actual = table.columnNames[index]
      if actual == labelName { throw PipelineError.failed("--drop names the label column '\(actual)'") }
      if actual == idName { throw PipelineError.failed("--drop names the id column '\(actual)'") }
      dropped.append(actual)
    }
    table = table.droppingColumns(dropped)
    guard case .text(let rawLabels) = try table.column(named: labelName) else {
      throw PipelineError.failed("internal error: label column did not load as text")
    }
    let keep = rawLabels.indices.filter { !rawLabels[$0].allSatisfy(\.isWhitespace) }
    let skipped = rawLabels.count - keep.count
    if skipped > 0 {
      table = table.selectingRows(keep)
      lines = keep.map { lines[$0] }
    }
    if let positive {
      let wanted = positive.trimmingCharacters(in: .whitespaces).lowercased()
      guard case .text(let values) = try table.column(named: labelName) else {
        throw PipelineError.failed("internal error: label column did not load as text")
      }
      guard values.contains(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }) else {
        throw PipelineError.failed(
          "--positive '\(positive)' matches no value of '\(labelName)' (values seen: "
            + Array(Set(values)).sorted().prefix(8).joined(separator: ", ") + ")")
      }
      table = table.droppingColumns([labelName])
      try table.appendColumn(
        named: labelName,
        .text(values.map { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted ? "1" : "0" }))
    }
    var labels: [Bool]
    do {
      labels = try table.labels(ofColumn: labelName)
    } catch ModelError.invalidLabel(let column, let row, let value) {
      // The table's row counts neither the header nor the rows skipped above: name the file's line.
      throw PipelineError.failed(
        "\(path):\(lines[row - 1]): label column '\(column)' holds '\(value)', expected 0/1, true/false or yes/no "
          + "(name the churned value with --positive, e.g. --positive '\(value)' if that one means churned)")
    }
    let notFeatures = [labelName] + (idName.map { [$0] } ?? [])
    let issues = try schema?.cellIssues(in: table) ?? table.cellIssues(excluding: notFeatures)
    var quarantined = loaded.quarantined
    if !issues.isEmpty {
      quarantined += quarantineEntries(
        issues, in: table, file: path, lines: lines, idColumn: idName, fromModel: schema != nil)
      let bad = Set(issues.map(\.row))
      let kept = (0..<table.rowCount).filter { !bad.contains($0) }
      table = table.selectingRows(kept)
      labels = kept.map { labels[$0] }
      lines = kept.map { lines[$0] }
    }
    table = table.parsingNumbers(excluding: notFeatures)
    return LabelledTable(
      table: table, labelColumn: labelName, idColumn: idName, labels: labels, recordsRead: loaded.recordsRead,
      skippedBlankLabel: skipped, quarantined: quarantined, droppedColumns: dropped, lines: lines)
  }

  /// One quarantine entry per row with cells that do not fit their column, naming each cell.
  /// - Parameter fromModel: whether the kinds are a model's (eval) rather than the table's own (train, cv).
  static func quarantineEntries(
    _ issues: [CellIssue], in table: DataTable, file: String, lines: [Int], idColumn: String?, fromModel: Bool
  ) -> [QuarantineEntry] {
    let ids: [String]? = idColumn.flatMap { name in
      guard case .text(let values) = try? table.column(named: name) else { return nil }
      return values
    }
    var entries: [QuarantineEntry] = []
    var index = issues.startIndex
    while index < issues.endIndex {
      let row = issues[index].row
      var end = index
      while end < issues.endIndex, issues[end].row == row { end += 1 }
      let cells = issues[index..<end]
      let details = cells.map { issue -> String in
        let value = issue.value.count > 40 ? issue.value.prefix(40) + "..." : issue.value
        let what = issue.expected == .boolean ? "yes/no" : "numbers"
        return "column '\(issue.column)' holds '\(value)' where "
          + (fromModel ? "the model reads \(what)" : "its other values are \(what)")
      }
      // The row's cells as read, for the excerpt a quarantine entry keeps.
      let record = table.columns.map { column -> String in
        switch column {
        case .text(let values): return values[row]
        case .numbers(let values): return values[row].isNaN ? "" : String(values[row])
        }
      }.joined(separator: ",")
      let raw = Array(record.utf8).withUnsafeBytes { QuarantineEntry.excerpt($0) }
      entries.append(
        QuarantineEntry(
          file: file, line: lines[row], recordID: ids?[row],
          reason: cells.first?.expected == .boolean ? .invalidBoolean : .invalidNumber,
          detail: details.joined(separator: "; "), raw: raw))
      index = end
    }
    return entries
  }

  /// The `format` of churn model files (`savedModelFormat(atPath:)` tells them apart).
  static let modelFileFormat = ChurnModel.fileFormat

  /// Reads a model written by `train`; a sentiment model file given instead is named as such.
  /// - Throws: `PipelineError` for a sentiment model; `ModelError` for anything else unreadable.
  public static func loadModel(path: String) throws -> ChurnModel {
    do {
      return try ChurnModel.load(from: path)
    } catch {
      if savedModelFormat(atPath: path) == LinearSentimentModel.format {
        throw PipelineError.failed(
          "\(path) is a sentiment model (written by 'sentiment train'), not a churn model: give a file written by 'churn train'"
        )
      }
      throw error
    }
  }

  // MARK: - Fitting

  /// Fits one algorithm on some rows (all when nil); `auto` selects by inner cross-validation
  /// (AftershockModel's `AutomaticChurnEstimator`).
  static func fit(
    _ algorithm: Algorithm, data: LabelledTable, rows: [Int]?, seed: UInt64, innerFolds: Int
  ) throws -> (ChurnModel, FitSummary, ModelSelection?) {
    let table = rows.map { data.table.selectingRows($0) } ?? data.table
    switch algorithm {
    case .logistic:
      let model = try LogisticRegression().fit(table, label: data.labelColumn, idColumn: data.idColumn)
      return (model, fitSummary(model), nil)
    case .gbdt:
      let model = try boostedTrees(seed: seed).fit(table, label: data.labelColumn, idColumn: data.idColumn)
      return (model, fitSummary(model), nil)
    case .auto:
      let automatic = AutomaticChurnEstimator(
        logistic: LogisticRegression(), boostedTrees: boostedTrees(seed: seed),
        folds: StratifiedKFold(foldCount: innerFolds, seed: seed ^ 0xA070), margin: autoPreferenceMargin)
      let selection = try automatic.select(table, label: data.labelColumn, idColumn: data.idColumn)
      let model: ChurnModel
      switch selection.chosen {
      case .logistic: model = try automatic.logistic.fit(table, label: data.labelColumn, idColumn: data.idColumn)
      case .gbdt: model = try automatic.boostedTrees.fit(table, label: data.labelColumn, idColumn: data.idColumn)
      }
      let why = ModelSelection(
        chosen: selection.chosen.rawValue, logisticAUC: selection.logistic.pooled.rocAUC,
        gbdtAUC: selection.boostedTrees.pooled.rocAUC, folds: innerFolds)
      return (model, fitSummary(model), why)
    }
  }

  /// Boosted trees with the library's defaults and `seed`.
  static func boostedTrees(seed: UInt64) -> BoostedTreesEstimator {
    var configuration = GradientBoostingConfiguration()
    configuration.seed = seed
    return BoostedTreesEstimator(trees: configuration)
  }

  /// How a fit ended, for people.
  static func fitSummary(_ model: ChurnModel) -> FitSummary {
    switch model.kind {
    case .logistic:
      guard let d = model.logistic?.diagnostics else {
        return FitSummary(kind: "logistic", converged: true, detail: "")
      }
      var detail = "\(d.iterations) \(d.solver) iterations, gradient norm \(String(format: "%.2g", d.gradientNorm))"
      if d.dampedSteps > 0 { detail += ", \(d.dampedSteps) damped steps" }
      if d.separationSuspected { detail += ", separation suspected" }
      return FitSummary(kind: "logistic", converged: d.converged, detail: detail)
    case .gbdt:
      guard let s = model.gbdt?.summary else { return FitSummary(kind: "gbdt", converged: true, detail: "") }
      let members = s.members.count
      var detail = "\(s.treesKept) trees kept of \(s.iterationsRun) grown"
      if members > 1 { detail += " in \(members) averaged models" }
      if s.validationRowCount > 0 {
        let fold =
          members > 1 ? "each on its own \(s.validationRowCount)-row fold" : "on a \(s.validationRowCount)-row holdout"
        let stopped = s.members.filter(\.stoppedEarly).count
        detail += stopped == 0 ? ", no early stop" : ", \(stopped == members ? "" : "\(stopped) ")stopped early \(fold)"
      }
      return FitSummary(kind: "gbdt", converged: true, detail: detail)
    }
  }

  /// Churn probabilities only: for trees, margins without the TreeSHAP pass that
  /// `ChurnModel.predictProbabilities` makes for drivers (same numbers, a fraction of the time).
  static func probabilities(_ model: ChurnModel, _ table: DataTable) throws -> [Double] {
    guard model.kind == .gbdt, let trees = model.gbdt else { return try model.predictProbabilities(table) }
    let features = try model.encoder.boostingFeatures(table)
    let margins = try trees.predictMargins(features)
    var probabilities = margins.map { 1 / (1 + exp(-$0)) }
    if let calibration = model.calibration { probabilities = probabilities.map(calibration.calibrate) }
    return probabilities
  }

  /// Checks that each class has at least `minimum` rows, as stratified folds need: one class
  /// only is the error `train` gives; a short class is named with its count and what needs more.
  /// - Parameters:
  ///   - purpose: what needs the rows (`5-fold cross-validation`), for the message.
  ///   - option: the option that sets `minimum`, suggested when a lower value would do.
  static func requireBothClasses(_ data: LabelledTable, atLeast minimum: Int, for purpose: String, fold option: String)
    throws
  {
    let positives = data.positiveCount
    let negatives = data.labels.count - positives
    guard !data.labels.isEmpty else {
      throw PipelineError.failed("the table has no labelled row; \(purpose) needs at least \(minimum) of each class")
    }
    guard positives > 0, negatives > 0 else {
      throw ModelError.singleClass(column: data.labelColumn, value: positives > 0)
    }
    let short = min(positives, negatives)
    guard short >= minimum else {
      let which = positives <= negatives ? "positive" : "negative"
      var message =
        "only \(short) of the \(data.labels.count) rows \(short == 1 ? "is" : "are") \(which): "
        + "\(purpose) needs at least \(minimum) of each class"
      if short >= 2 { message += "; use \(option) \(short) or fewer, or more data" }
      throw PipelineError.failed(message)
    }
  }

  private static func complement(_ rows: [Int], count: Int) -> [Int] {
    var inTest = [Bool](repeating: false, count: count)
    for row in rows { inTest[row] = true }
    return (0..<count).filter { !inTest[$0] }
  }

  // MARK: - Commands

  /// Stratified k-fold cross-validation; for `auto`, the choice is made inside each training
  /// part by an inner cross-validation of `folds` folds, at most 5 (`train` chooses with `folds`),
  /// so the outer metrics stay honest.
  /// - Throws: `ModelError` from the folds or the fits.
  public static func crossValidate(
    _ data: LabelledTable, algorithm: Algorithm, folds: Int, seed: UInt64,
    progress: ProgressHandler? = nil
  ) throws -> CrossValidationSummary {
    try requireBothClasses(data, atLeast: folds, for: "\(folds)-fold cross-validation", fold: "--folds")
    if algorithm == .auto {
      // Each training part leaves out about 1/folds of the short class, and chooses inside it.
      let inner = min(folds, 5)
      let short = min(data.positiveCount, data.labels.count - data.positiveCount)
      let fewest = short - (short + folds - 1) / folds
      if fewest < inner {
        throw PipelineError.failed(
          "--model auto chooses inside each training part by \(inner)-fold cross-validation, which needs at least "
            + "\(inner) rows of each class there, but a training part has only \(fewest) "
            + (data.positiveCount == short ? "positive" : "negative")
            + " rows; use --model logistic or gbdt, or more data")
      }
    }
    let testFolds = try StratifiedKFold(foldCount: folds, seed: seed).testFolds(labels: data.labels)
    var outOfFold = [Double](repeating: .nan, count: data.labels.count)
    var reports: [EvaluationReport] = []
    var seconds: [Double] = []
    var fits: [FitSummary] = []
    var selections: [ModelSelection] = []
    for (index, test) in testFolds.enumerated() {
      progress?(
        ProgressReport(
          stage: "cross-validate \(algorithm.rawValue)", fraction: Double(index) / Double(folds),
          detail: "fold \(index + 1) of \(folds)"))
      let train = complement(test, count: data.labels.count)
      let start = DispatchTime.now().uptimeNanoseconds
      let (model, summary, selection) = try fit(
        algorithm, data: data, rows: train, seed: seed, innerFolds: min(folds, 5))
      seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      fits.append(summary)
      if let selection { selections.append(selection) }
      let probabilities = try probabilities(model, data.table.selectingRows(test))
      for (position, row) in test.enumerated() { outOfFold[row] = probabilities[position] }
      reports.append(try EvaluationReport(probabilities: probabilities, labels: test.map { data.labels[$0] }))
    }
    progress?(ProgressReport(stage: "cross-validate \(algorithm.rawValue)", fraction: 1, detail: "done"))
    return CrossValidationSummary(
      algorithm: algorithm, foldCount: testFolds.count, seed: seed,
      pooled: try EvaluationReport(probabilities: outOfFold, labels: data.labels), folds: reports,
      fitSeconds: seconds, fits: fits, selections: selections)
  }

  /// Fits on every row and writes the model file (JSON; either kind).
  /// - Throws: `ModelError` from the fit or the write.
  public static func train(
    _ data: LabelledTable, algorithm: Algorithm, folds: Int, seed: UInt64, modelPath: String
  ) throws -> TrainingResult {
    let start = DispatchTime.now().uptimeNanoseconds
    if algorithm == .auto {
      try requireBothClasses(
        data, atLeast: folds, for: "--model auto (it chooses by \(folds)-fold cross-validation)", fold: "--folds")
    }
    let (model, summary, selection) = try fit(algorithm, data: data, rows: nil, seed: seed, innerFolds: folds)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    try model.save(to: modelPath)
    return TrainingResult(path: modelPath, model: model, fitSeconds: seconds, fit: summary, selection: selection)
  }

  /// Scores a saved model on a labelled table, with global feature importance.
  /// - Throws: `ModelError` for a changed schema (missing column, a column of another kind).
  public static func evaluate(_ data: LabelledTable, model: ChurnModel) throws -> EvaluationSummary {
    guard !data.labels.isEmpty else { throw PipelineError.failed("the table has no labelled row to evaluate on") }
    let probabilities = try probabilities(model, data.table)
    let report = try EvaluationReport(probabilities: probabilities, labels: data.labels)
    switch model.kind {
    case .logistic:
      let weights = (model.logistic?.coefficients ?? []).map { Importance(feature: $0.feature, value: $0.weight) }
      return EvaluationSummary(
        kind: "logistic", report: report, importance: weights.sorted { abs($0.value) > abs($1.value) },
        importanceMeasure: "standardized coefficient (log-odds per standard deviation; per level for categories)")
    case .gbdt:
      guard let trees = model.gbdt else {
        throw ModelError.unreadableModel(path: "(model)", reason: "gbdt model without trees")
      }
      let features = try model.encoder.boostingFeatures(data.table)
      let contributions = try trees.contributions(features)
      let importance = zip(features.names, contributions.meanAbsolute()).map { Importance(feature: $0, value: $1) }
      return EvaluationSummary(
        kind: "gbdt", report: report, importance: importance.sorted { $0.value > $1.value },
        importanceMeasure: "mean |SHAP| (log-odds) over the evaluated rows")
    }
  }
}
