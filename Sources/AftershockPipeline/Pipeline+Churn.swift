import AftershockIngest
import AftershockModel
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
    /// Records the reader rejected.
    public var quarantined: [QuarantineEntry]
    /// Columns removed with `--drop`.
    public var droppedColumns: [String]

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
    public var model: AnyChurnModel
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

  /// Reads a labelled table: drops `drop` columns, parses numbers, removes rows with a blank label.
  /// - Throws: `PipelineError` naming a missing label, id or drop column; `ModelError` for an invalid label.
  public static func loadTable(
    path: String, format: InputFormat? = nil, label: String, idColumn: String?, drop: [String]
  ) throws -> LabelledTable {
    let loaded = try TableLoader.load(path: path, format: format)
    var table = loaded.table
    guard let labelIndex = table.index(ofColumn: label) else {
      throw TableLoader.missingColumn(label, file: path, seen: loaded.columnsSeen)
    }
    let labelName = table.columnNames[labelIndex]
    var idName: String? = nil
    if let idColumn {
      guard let index = table.index(ofColumn: idColumn) else {
        throw TableLoader.missingColumn(idColumn, file: path, seen: loaded.columnsSeen)
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
      dropped.append(actual)
    }
    table = table.droppingColumns(dropped)
    guard case .text(let rawLabels) = try table.column(named: labelName) else {
      throw PipelineError.failed("internal error: label column did not load as text")
    }
    let keep = rawLabels.indices.filter { !rawLabels[$0].allSatisfy(\.isWhitespace) }
    let skipped = rawLabels.count - keep.count
    if skipped > 0 { table = table.selectingRows(keep) }
    let labels = try table.labels(ofColumn: labelName)
    table = table.parsingNumbers(excluding: [labelName] + (idName.map { [$0] } ?? []))
    return LabelledTable(
      table: table, labelColumn: labelName, idColumn: idName, labels: labels, recordsRead: loaded.recordsRead,
      skippedBlankLabel: skipped, quarantined: loaded.quarantined, droppedColumns: dropped)
  }

  // MARK: - Fitting

  /// Fits one algorithm on some rows (all when nil); `auto` selects by inner cross-validation.
  static func fit(
    _ algorithm: Algorithm, data: LabelledTable, rows: [Int]?, seed: UInt64, innerFolds: Int
  ) throws -> (AnyChurnModel, FitSummary, ModelSelection?) {
    let table = rows.map { data.table.selectingRows($0) } ?? data.table
    let labels = rows.map { $0.map { data.labels[$0] } } ?? data.labels
    switch algorithm {
    case .logistic:
      let model = try LogisticRegression().fit(table, label: data.labelColumn, idColumn: data.idColumn)
      let wrapped = AnyChurnModel.logistic(model)
      return (wrapped, wrapped.fitSummary, nil)
    case .gbdt:
      let model = try GradientBoostedChurnModel.fit(
        table, labels: labels, labelColumn: data.labelColumn, idColumn: data.idColumn, seed: seed)
      let wrapped = AnyChurnModel.gbdt(model)
      return (wrapped, wrapped.fitSummary, nil)
    case .auto:
      var inner = data
      inner.table = table
      inner.labels = labels
      let selection = try select(inner, folds: innerFolds, seed: seed)
      let chosen: Algorithm = selection.chosen == "gbdt" ? .gbdt : .logistic
      let (model, summary, _) = try fit(chosen, data: inner, rows: nil, seed: seed, innerFolds: innerFolds)
      return (model, summary, selection)
    }
  }

  /// Out-of-fold AUC of logistic regression and of the trees on the same folds, and the choice.
  static func select(_ data: LabelledTable, folds: Int, seed: UInt64) throws -> ModelSelection {
    let testFolds = try StratifiedKFold(foldCount: folds, seed: seed ^ 0xA070).testFolds(labels: data.labels)
    var logistic = [Double](repeating: .nan, count: data.labels.count)
    var trees = [Double](repeating: .nan, count: data.labels.count)
    for test in testFolds {
      let train = complement(test, count: data.labels.count)
      let testTable = data.table.selectingRows(test)
      for (algorithm, target) in [(Algorithm.logistic, 0), (Algorithm.gbdt, 1)] {
        let (model, _, _) = try fit(algorithm, data: data, rows: train, seed: seed, innerFolds: folds)
        let probabilities = try model.predictProbabilities(testTable)
        for (position, row) in test.enumerated() {
          if target == 0 { logistic[row] = probabilities[position] } else { trees[row] = probabilities[position] }
        }
      }
    }
    let logisticAUC = try ClassificationMetrics.rocAUC(logistic, data.labels)
    let treesAUC = try ClassificationMetrics.rocAUC(trees, data.labels)
    let chosen = treesAUC > logisticAUC + autoPreferenceMargin ? "gbdt" : "logistic"
    return ModelSelection(chosen: chosen, logisticAUC: logisticAUC, gbdtAUC: treesAUC, folds: folds)
  }

  private static func complement(_ rows: [Int], count: Int) -> [Int] {
    var inTest = [Bool](repeating: false, count: count)
    for row in rows { inTest[row] = true }
    return (0..<count).filter { !inTest[$0] }
  }

  // MARK: - Commands

  /// Stratified k-fold cross-validation; for `auto`, the choice is made inside each training
  /// part by a 3-fold inner cross-validation, so the outer metrics stay honest.
  /// - Throws: `ModelError` / `BoostingError` from the folds or the fits.
  public static func crossValidate(
    _ data: LabelledTable, algorithm: Algorithm, folds: Int, seed: UInt64,
    progress: ProgressHandler? = nil
  ) throws -> CrossValidationSummary {
    let testFolds = try StratifiedKFold(foldCount: folds, seed: seed).testFolds(labels: data.labels)
    var outOfFold = [Double](repeating: .nan, count: data.labels.count)
    var reports: [EvaluationReport] = []
    var seconds: [Double] = []
    var fits: [FitSummary] = []
    var selections: [ModelSelection] = []
    for (index, test) in testFolds.enumerated() {
      progress?(ProgressReport(stage: "cross-validate \(algorithm.rawValue)", fraction: Double(index) / Double(folds),
        detail: "fold \(index + 1) of \(folds)"))
      let train = complement(test, count: data.labels.count)
      let start = DispatchTime.now().uptimeNanoseconds
      let (model, summary, selection) = try fit(algorithm, data: data, rows: train, seed: seed, innerFolds: 3)
      seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      fits.append(summary)
      if let selection { selections.append(selection) }
      let probabilities = try model.predictProbabilities(data.table.selectingRows(test))
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
  /// - Throws: `ModelError` / `BoostingError` from the fit or the write.
  public static func train(
    _ data: LabelledTable, algorithm: Algorithm, folds: Int, seed: UInt64, modelPath: String
  ) throws -> TrainingResult {
    let start = DispatchTime.now().uptimeNanoseconds
    let (model, summary, selection) = try fit(algorithm, data: data, rows: nil, seed: seed, innerFolds: folds)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    try model.save(to: modelPath)
    return TrainingResult(path: modelPath, model: model, fitSeconds: seconds, fit: summary, selection: selection)
  }

  /// Scores a saved model on a labelled table, with global feature importance.
  /// - Throws: `ModelError` for a changed schema (missing column, a column of another kind).
  public static func evaluate(_ data: LabelledTable, model: AnyChurnModel) throws -> EvaluationSummary {
    let probabilities = try model.predictProbabilities(data.table)
    let report = try EvaluationReport(probabilities: probabilities, labels: data.labels)
    switch model {
    case .logistic(let logistic):
      let weights = (logistic.logistic?.coefficients ?? []).map { Importance(feature: $0.feature, value: $0.weight) }
      return EvaluationSummary(
        kind: "logistic", report: report, importance: weights.sorted { abs($0.value) > abs($1.value) },
        importanceMeasure: "standardized coefficient (log-odds per standard deviation; per level for categories)")
    case .gbdt(let trees):
      let importance = try trees.meanAbsoluteContributions(data.table)
      return EvaluationSummary(
        kind: "gbdt", report: report, importance: importance.sorted { $0.value > $1.value },
        importanceMeasure: "mean |SHAP| (log-odds) over the evaluated rows")
    }
  }
}

/// A fitted churn model of either kind, read from and written to the same JSON family
/// (`"format": "aftershock-churn-model"`, `"kind": "logistic" | "gbdt"`).
public enum AnyChurnModel: Sendable {
  /// Logistic regression (AftershockModel's `ChurnModel`).
  case logistic(ChurnModel)
  /// Gradient-boosted trees with their column coding.
  case gbdt(GradientBoostedChurnModel)

  /// `logistic` or `gbdt`.
  public var kind: String {
    switch self {
    case .logistic: return "logistic"
    case .gbdt: return "gbdt"
    }
  }

  /// The label column the model was trained on.
  public var labelColumn: String {
    switch self {
    case .logistic(let model): return model.labelColumn
    case .gbdt(let model): return model.labelColumn
    }
  }

  /// The id column the model was trained with, if any.
  public var idColumn: String? {
    switch self {
    case .logistic(let model): return model.idColumn
    case .gbdt(let model): return model.idColumn
    }
  }

  /// Rows and positives the model was trained on.
  public var trainingCounts: (rows: Int, positives: Int) {
    switch self {
    case .logistic(let model): return (model.trainingRows, model.positiveRows)
    case .gbdt(let model): return (model.trainingRows, model.positiveRows)
    }
  }

  /// The input columns the model reads.
  public var inputColumns: [String] {
    switch self {
    case .logistic(let model): return model.encoder.columns.map(\.name)
    case .gbdt(let model): return model.columns.map(\.name)
    }
  }

  /// Churn probability of every row.
  /// - Throws: `ModelError.missingColumn` / `.columnKindChanged` when the table's schema changed.
  public func predictProbabilities(_ table: DataTable) throws -> [Double] {
    switch self {
    case .logistic(let model): return try model.predictProbabilities(table)
    case .gbdt(let model): return try model.predictProbabilities(table)
    }
  }

  var fitSummary: ChurnPipeline.FitSummary {
    switch self {
    case .logistic(let model):
      guard let d = model.logistic?.diagnostics else {
        return ChurnPipeline.FitSummary(kind: "logistic", converged: true, detail: "")
      }
      var detail = "\(d.iterations) Newton iterations, gradient norm \(String(format: "%.2g", d.gradientNorm))"
      if d.dampedSteps > 0 { detail += ", \(d.dampedSteps) damped steps" }
      if d.separationSuspected { detail += ", separation suspected" }
      return ChurnPipeline.FitSummary(kind: "logistic", converged: d.converged, detail: detail)
    case .gbdt(let model):
      let s = model.trees.summary
      var detail = "\(s.treesKept) trees kept of \(s.iterationsRun) grown"
      if s.validationRowCount > 0 {
        detail += s.stoppedEarly ? ", stopped early on a \(s.validationRowCount)-row holdout" : ", no early stop"
      }
      return ChurnPipeline.FitSummary(kind: "gbdt", converged: true, detail: detail)
    }
  }

  /// Writes the model file atomically.
  /// - Throws: `ModelError.cannotWriteModel` / `BoostingError.cannotWriteModel`.
  public func save(to path: String) throws {
    switch self {
    case .logistic(let model): try model.save(to: path)
    case .gbdt(let model): try model.save(to: path)
    }
  }

  /// Reads a model file of either kind.
  /// - Throws: `ModelError.unreadableModel` / `.unsupportedModel`, `BoostingError.unreadableModel`.
  public static func load(from path: String) throws -> AnyChurnModel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ModelError.unreadableModel(path: path, reason: "no such file or not readable")
    }
    struct Header: Decodable { var kind: String? }
    if let header = try? JSONDecoder().decode(Header.self, from: data), header.kind == "gbdt" {
      return .gbdt(try GradientBoostedChurnModel(jsonData: data, path: path))
    }
    return .logistic(try ChurnModel(jsonData: data, path: path))
  }
}

/// Gradient-boosted trees over a table: numeric columns as numbers, text columns as native
/// categories (the 254 most frequent training levels; rarer or unseen levels count as missing).
public struct GradientBoostedChurnModel: Sendable {
  /// How one input column becomes a feature.
  public struct Column: Codable, Sendable, Equatable {
    /// The column's name.
    public var name: String
    /// Numeric or categorical.
    public var kind: BoostingFeatureKind
    /// For categorical columns, the level of each code (0, 1, ...).
    public var levels: [String]
  }

  /// The label column of the training table.
  public var labelColumn: String
  /// The id column, ignored as a feature.
  public var idColumn: String?
  /// When the model was fitted.
  public var trainedAt: Date
  /// Training rows.
  public var trainingRows: Int
  /// Positive training rows.
  public var positiveRows: Int
  /// The input columns in feature order.
  public var columns: [Column]
  /// The trees.
  public var trees: GradientBoostedTrees

  static let maximumLevels = 254

  /// Fits the trees on every row of `table` (numbers already parsed) with `labels`.
  static func fit(
    _ table: DataTable, labels: [Bool], labelColumn: String, idColumn: String?, seed: UInt64
  ) throws -> GradientBoostedChurnModel {
    var columns: [Column] = []
    for (name, column) in zip(table.columnNames, table.columns) {
      if name == labelColumn || name == idColumn { continue }
      switch column {
      case .numbers:
        columns.append(Column(name: name, kind: .numeric, levels: []))
      case .text(let values):
        var counts: [String: Int] = [:]
        for value in values where !isMissing(value) { counts[value, default: 0] += 1 }
        let levels = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
          .prefix(maximumLevels).map(\.key)
        columns.append(Column(name: name, kind: .categorical, levels: levels))
      }
    }
    guard !columns.isEmpty else { throw ModelError.noFeatures }
    var configuration = GradientBoostingConfiguration()
    configuration.seed = seed
    let trees = try GradientBoostingClassifier(configuration: configuration)
      .fit(features(table, columns: columns), labels: labels)
    return GradientBoostedChurnModel(
      labelColumn: labelColumn, idColumn: idColumn, trainedAt: Date(), trainingRows: labels.count,
      positiveRows: labels.reduce(0) { $0 + ($1 ? 1 : 0) }, columns: columns, trees: trees)
  }

  private init(
    labelColumn: String, idColumn: String?, trainedAt: Date, trainingRows: Int, positiveRows: Int, columns: [Column],
    trees: GradientBoostedTrees
  ) {
    self.labelColumn = labelColumn
    self.idColumn = idColumn
    self.trainedAt = trainedAt
    self.trainingRows = trainingRows
    self.positiveRows = positiveRows
    self.columns = columns
    self.trees = trees
  }

  /// The feature matrix of a table, column by column as at training time.
  /// - Throws: `ModelError.missingColumn`, `ModelError.columnKindChanged` naming the first bad cell.
  func features(_ table: DataTable) throws -> BoostingFeatures {
    try Self.features(table, columns: columns)
  }

  static func features(_ table: DataTable, columns: [Column]) throws -> BoostingFeatures {
    var values: [[Double]] = []
    values.reserveCapacity(columns.count)
    for column in columns {
      guard let index = table.index(ofColumn: column.name) else { throw ModelError.missingColumn(name: column.name) }
      let data = table.columns[index]
      switch (column.kind, data) {
      case (.numeric, .numbers(let numbers)):
        values.append(numbers)
      case (.numeric, .text(let text)):
        var numbers = [Double]()
        numbers.reserveCapacity(text.count)
        for (row, cell) in text.enumerated() {
          if Self.isMissing(cell) {
            numbers.append(.nan)
          } else if let value = Double(cell.trimmingCharacters(in: .whitespaces)), value.isFinite {
            numbers.append(value)
          } else {
            throw ModelError.columnKindChanged(column: column.name, expected: "numeric", row: row + 1, value: cell)
          }
        }
        values.append(numbers)
      case (.categorical, _):
        let code = Dictionary(uniqueKeysWithValues: column.levels.enumerated().map { ($1, Double($0)) })
        let text: [String]
        switch data {
        case .text(let cells): text = cells
        case .numbers(let numbers): text = numbers.map(Self.format)
        }
        values.append(text.map { code[$0] ?? .nan })
      }
    }
    return try BoostingFeatures(columns: values, names: columns.map(\.name), kinds: columns.map(\.kind))
  }

  /// Churn probability of every row of `table`.
  /// - Throws: `ModelError` for a changed schema.
  public func predictProbabilities(_ table: DataTable) throws -> [Double] {
    try trees.predictProbabilities(features(table))
  }

  /// Mean absolute TreeSHAP contribution of each input column over the rows of `table`.
  func meanAbsoluteContributions(_ table: DataTable) throws -> [ChurnPipeline.Importance] {
    let contributions = try trees.contributions(features(table))
    return zip(columns, contributions.meanAbsolute()).map { ChurnPipeline.Importance(feature: $0.name, value: $1) }
  }

  // MARK: File

  /// Writes the model as JSON: the churn-model header, the column coding and the trees.
  public func save(to path: String) throws {
    let treesObject = try JSONSerialization.jsonObject(with: try trees.jsonData())
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    let columnsObject = try JSONSerialization.jsonObject(with: try encoder.encode(columns))
    var document: [String: Any] = [
      "format": ChurnModel.fileFormat, "version": ChurnModel.fileVersion, "kind": "gbdt",
      "trainedAt": ISO8601DateFormatter().string(from: trainedAt), "labelColumn": labelColumn,
      "trainingRows": trainingRows, "positiveRows": positiveRows, "columns": columnsObject, "trees": treesObject,
    ]
    if let idColumn { document["idColumn"] = idColumn }
    do {
      let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ModelError.cannotWriteModel(path: path, reason: error.localizedDescription.lowercased())
    }
  }

  /// Reads a model written by `save(to:)`.
  /// - Throws: `ModelError.unreadableModel` / `.unsupportedModel`.
  public init(jsonData data: Data, path: String) throws {
    guard let document = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
      throw ModelError.unreadableModel(path: path, reason: "not a JSON object")
    }
    guard document["format"] as? String == ChurnModel.fileFormat else {
      throw ModelError.unreadableModel(
        path: path, reason: "format is '\(document["format"] ?? "absent")', expected '\(ChurnModel.fileFormat)'")
    }
    let version = document["version"] as? Int ?? 0
    guard version == ChurnModel.fileVersion, document["kind"] as? String == "gbdt" else {
      throw ModelError.unsupportedModel(
        path: path, format: ChurnModel.fileFormat, version: version, kind: "\(document["kind"] ?? "absent")")
    }
    guard let label = document["labelColumn"] as? String, let rows = document["trainingRows"] as? Int,
      let positives = document["positiveRows"] as? Int, let columnsObject = document["columns"],
      let treesObject = document["trees"]
    else {
      throw ModelError.unreadableModel(
        path: path, reason: "missing one of labelColumn, trainingRows, positiveRows, columns, trees")
    }
    do {
      columns = try JSONDecoder().decode([Column].self, from: JSONSerialization.data(withJSONObject: columnsObject))
      trees = try GradientBoostedTrees(jsonData: JSONSerialization.data(withJSONObject: treesObject))
    } catch {
      throw ModelError.unreadableModel(path: path, reason: "\(error)")
    }
    guard trees.featureNames == columns.map(\.name) else {
      throw ModelError.unreadableModel(path: path, reason: "the trees' features do not match the columns")
    }
    labelColumn = label
    idColumn = document["idColumn"] as? String
    trainedAt = (document["trainedAt"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } ?? Date(
      timeIntervalSince1970: 0)
    trainingRows = rows
    positiveRows = positives
  }

  static func isMissing(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return true }
    guard trimmed.utf8.count <= 4 else { return false }
    let lowered = trimmed.lowercased()
    return lowered == "na" || lowered == "n/a" || lowered == "nan" || lowered == "null"
  }

  static func format(_ value: Double) -> String {
    if value.isNaN { return "" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}
