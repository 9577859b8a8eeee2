import AftershockIngest
import AftershockModel
import AftershockPipeline
import AftershockReport
import Foundation

/// `aftershock churn`: names the subcommands (train, eval, cv) and catches misspelled ones.
enum ChurnCommand: Command {
  static let spec = CommandSpec(
    name: "churn",
    abstract: "Train, evaluate or cross-validate a churn model on any labelled table (train|eval|cv).",
    discussion: """
      SUBCOMMANDS:
        train   Fit logistic regression, gradient-boosted trees or the better of both; write a JSON model.
        eval    Score a saved model on labelled data, with global feature importance.
        cv      Stratified k-fold cross-validation: AUC, PR AUC, log-loss, Brier, calibration, lift.

      See 'aftershock churn <subcommand> --help'.
      """,
    positionalName: "SUBCOMMAND", positionalHelp: "train, eval or cv.", positionalCount: 0...Int.max)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    try ModelCommandSupport.unknownSubcommand(arguments, group: "churn", known: ["train", "eval", "cv"])
  }
}

/// `aftershock churn cv`: stratified k-fold cross-validation of a churn algorithm.
enum ChurnCrossValidateCommand: Command {
  static let spec = CommandSpec(
    name: "churn cv",
    abstract: "Cross-validate a churn model on any labelled CSV: AUC, log-loss, Brier, calibration, lift.",
    discussion: """
      EXAMPLES:
        aftershock churn cv --data bank_churn.csv --label Exited --drop RowNumber,CustomerId,Surname
        aftershock churn cv --data out/account_features.csv --label churned --id account_id --model auto --folds 10

      Every column but the label, the id and the dropped ones is a feature: numbers as numbers
      (blank, NA, N/A, NaN, null = missing), anything else as categories. A column of numbers
      with a few other cells (at most 5%: a typo, inf, 1e400) stays numeric: the rows holding
      them are quarantined, each named by file, line, column and value. The label holds
      0/1, true/false or yes/no; rows with a blank label are skipped and counted.
      Folds are stratified (each keeps the share of positives) and fixed by --seed.
      Prints pooled out-of-fold metrics and the per-fold mean ± sd of ROC AUC, PR AUC (average
      precision), log-loss, Brier score, accuracy at 0.5, lift and recall in the riskiest 10%;
      the 10-bin calibration table; fit time and convergence of every fold.
      --model auto chooses, inside each training part, between logistic regression and the
      trees by an inner 5-fold cross-validation (fewer with fewer --folds; trees only when
      their AUC is higher by more than 0.005 and than one standard error of the difference),
      so the reported metrics stay honest.
      """,
    options: ChurnOptions.data + [
      .init(name: "--model", valueName: "ALGORITHM", help: "logistic, gbdt or auto.", defaultValue: "logistic"),
      .init(name: "--folds", valueName: "K", help: "Number of folds (2 or more).", defaultValue: "5"),
      .init(name: "--seed", valueName: "S", help: "Seed of the folds and of the trees.", defaultValue: "42"),
    ] + ChurnOptions.common)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let algorithm = try ChurnOptions.algorithm(arguments)
    let folds = try arguments.integer("--folds", in: 2...100) ?? 5
    let seed = try ModelCommandSupport.seed(arguments)
    let json = try ModelCommandSupport.wantsJSON(arguments)
    let data = try ChurnOptions.load(arguments, console: console)
    let summary = try ChurnPipeline.crossValidate(
      data, algorithm: algorithm, folds: folds, seed: seed, progress: { console.progress($0) })
    console.endProgress()
    if json {
      var object: [String: Any] = [
        "command": "churn cv", "algorithm": algorithm.rawValue, "folds": folds, "seed": NSNumber(value: seed),
        "data": ChurnOptions.dataJSON(data), "pooled": ChurnOptions.reportJSON(summary.pooled),
        "per_fold": summary.folds.map(ChurnOptions.reportJSON), "fit_seconds": summary.fitSeconds,
        "fits": summary.fits.map { ["kind": $0.kind, "converged": $0.converged, "detail": $0.detail] },
      ]
      var spreads: [String: Any] = [:]
      for (name, metric) in ChurnOptions.metrics {
        let spread = summary.spread(metric)
        spreads[name] = ["mean": spread.mean, "sd": spread.standardDeviation]
      }
      object["fold_mean_sd"] = spreads
      if !summary.selections.isEmpty { object["selections"] = summary.selections.map(ChurnOptions.selectionJSON) }
      try ModelCommandSupport.printJSON(object, console: console)
      return 0
    }
    try console.line(ChurnOptions.dataLine(data))
    try console.line("model: \(algorithm.rawValue), \(folds)-fold stratified cross-validation, seed \(seed)")
    try console.line("")
    let metrics = TextTable(
      columns: [.init("metric"), .init("pooled", isNumeric: true), .init("fold mean ± sd", alignment: .right)],
      rows: ChurnOptions.metrics.map { name, metric in
        let spread = summary.spread(metric)
        return [
          name, fourDecimals(summary.pooled[keyPath: metric]),
          "\(fourDecimals(spread.mean)) ± \(fourDecimals(spread.standardDeviation))",
        ]
      })
    try console.write(metrics.renderTerminal())
    try console.line("")
    try console.write(ChurnOptions.calibrationText(summary.pooled))
    try console.line("")
    var foldRows: [[String]] = []
    for (index, fold) in summary.folds.enumerated() {
      let fit = summary.fits[index]
      var model = fit.kind
      if index < summary.selections.count { model += " (auto)" }
      foldRows.append([
        String(index + 1), grouped(fold.rowCount), fourDecimals(fold.rocAUC), fourDecimals(fold.logLoss),
        String(format: "%.2f", summary.fitSeconds[index]), model, fit.converged ? "yes" : "NO", fit.detail,
      ])
    }
    let perFold = TextTable(
      columns: [
        .init("fold", isNumeric: true), .init("rows", isNumeric: true), .init("ROC AUC", isNumeric: true),
        .init("log-loss", isNumeric: true), .init("fit s", isNumeric: true), .init("model"), .init("converged"),
        .init("fit"),
      ],
      rows: foldRows)
    try console.write(perFold.renderTerminal(width: 140))
    let total = summary.fitSeconds.reduce(0, +)
    try console.line(String(format: "fit time: %.2f s in total, %.3f s per fold", total, total / Double(max(1, folds))))
    for (index, selection) in summary.selections.enumerated() {
      try console.line("fold \(index + 1): " + ChurnOptions.selectionText(selection))
    }
    if summary.fits.contains(where: { !$0.converged }) {
      console.diagnostic("aftershock churn cv: warning: some fits did not converge (see the 'converged' column)")
    }
    return 0
  }
}

/// `aftershock churn train`: fits a churn model on every row and writes it to a JSON file.
enum ChurnTrainCommand: Command {
  static let spec = CommandSpec(
    name: "churn train",
    abstract: "Fit a churn model on a labelled table and write it to a JSON model file.",
    discussion: """
      EXAMPLES:
        aftershock churn train --data bank_churn.csv --label Exited --drop RowNumber,CustomerId,Surname \\
          --model gbdt --model-file churn.json
        aftershock churn train --data history.csv --label churned --id account_id --model auto

      The file holds the column schema the model reads ('churn eval' and scoring refuse a table
      whose columns changed), and the coefficients (logistic) or the trees (gbdt).
      --model auto picks by a --folds inner cross-validation on the whole table and says why.
      Columns are read as 'churn cv' reads them: a few cells that are not numbers in a column of
      numbers (a typo, inf, 1e400) are quarantined, named by line, and the column stays numeric.
      """,
    options: ChurnOptions.data + [
      .init(name: "--model", valueName: "ALGORITHM", help: "logistic, gbdt or auto.", defaultValue: "logistic"),
      .init(name: "--model-file", valueName: "FILE", help: "Where to write the model.", defaultValue: "churn.json"),
      .init(name: "--folds", valueName: "K", help: "Inner folds for --model auto.", defaultValue: "5"),
      .init(name: "--seed", valueName: "S", help: "Seed of the trees and of the auto folds.", defaultValue: "42"),
    ] + ChurnOptions.common)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let algorithm = try ChurnOptions.algorithm(arguments)
    let folds = try arguments.integer("--folds", in: 2...100) ?? 5
    let seed = try ModelCommandSupport.seed(arguments)
    let json = try ModelCommandSupport.wantsJSON(arguments)
    let output = arguments.string("--model-file") ?? "churn.json"
    let data = try ChurnOptions.load(arguments, console: console)
    let result = try ChurnPipeline.train(data, algorithm: algorithm, folds: folds, seed: seed, modelPath: output)
    if json {
      var object: [String: Any] = [
        "command": "churn train", "model_file": result.path, "kind": result.model.kind.rawValue,
        "data": ChurnOptions.dataJSON(data), "fit_seconds": result.fitSeconds,
        "fit": ["converged": result.fit.converged, "detail": result.fit.detail],
        "features": result.model.encoder.columns.map(\.name),
      ]
      if let selection = result.selection { object["selection"] = ChurnOptions.selectionJSON(selection) }
      try console.summary(of: arguments.command, outcome: "the model was written (to \(result.path))") {
        try ModelCommandSupport.printJSON(object, console: console)
      }
      return 0
    }
    try console.summary(of: arguments.command, outcome: "the model was written (to \(result.path))") {
      try console.line(ChurnOptions.dataLine(data))
      if let selection = result.selection { try console.line("auto: " + ChurnOptions.selectionText(selection)) }
      try console.line(
        "wrote \(result.path): \(result.model.kind.rawValue) model of \(data.labelColumn) on \(result.model.encoder.columns.count) columns ("
          + result.model.encoder.columns.map(\.name).joined(separator: ", ") + ")")
      // A column the encoder found constant, or nearly so, is read and checked but weighs nothing
      // in a logistic model; say so rather than list it as if it counted.
      let encoder = result.model.encoder
      let unused = encoder.columns.map(\.name).filter { name in !encoder.features.contains { $0.column == name } }
      if result.model.kind == .logistic && !unused.isEmpty {
        try console.line(
          "not used as features (constant, or nearly so, in the training rows): " + unused.joined(separator: ", "))
      }
      try console.line(
        String(format: "fit %.2f s; ", result.fitSeconds) + (result.fit.converged ? "converged" : "DID NOT CONVERGE")
          + (result.fit.detail.isEmpty ? "" : " (\(result.fit.detail))"))
    }
    if !result.fit.converged {
      console.diagnostic("aftershock churn train: warning: the fit did not converge; see the detail above")
    }
    return 0
  }
}

/// `aftershock churn eval`: scores a saved churn model on labelled data, with feature importance.
enum ChurnEvalCommand: Command {
  static let spec = CommandSpec(
    name: "churn eval",
    abstract: "Score a saved churn model on a labelled table, with global feature importance.",
    discussion: """
      EXAMPLES:
        aftershock churn eval --data holdout.csv --label Exited --model-file churn.json
        aftershock churn eval --data holdout.csv --label Exited --model-file churn.json --format json

      Prints ROC AUC, PR AUC, log-loss, Brier, accuracy at 0.5, lift and recall in the riskiest
      10%, the calibration table, and global importance: standardized coefficients for logistic
      regression, mean |SHAP| for gradient-boosted trees. The table needs every column the model
      was trained on; a row whose cell does not fit its column's kind (a word where the model
      reads numbers) is quarantined, named by line, and the others are scored. --drop and --id
      work as for 'churn train' (extra columns are ignored). The label column defaults to the model's.
      """,
    options: [
      .init(name: "--data", valueName: "FILE", help: "Labelled table: CSV, TSV or JSON Lines ('-' for stdin)."),
      .init(name: "--label", valueName: "COLUMN", help: "The 0/1 label column.", defaultValue: "the model's"),
      .init(name: "--id", valueName: "COLUMN", help: "A row id column (not a feature)."),
      .init(
        name: "--positive", valueName: "VALUE",
        help: "The label value that means churned, for labels such as Churned/Active (other values: not churned)."),
      .init(name: "--drop", valueName: "A,B,...", help: "Columns to ignore.", isRepeatable: true),
      .init(
        name: "--input-format", valueName: "FORMAT", help: "csv, tsv or jsonl (default: by extension, then content)."),
      .init(
        name: "--model-file", valueName: "FILE", help: "A model written by 'churn train'.", defaultValue: "churn.json"),
      .init(name: "--top", valueName: "N", help: "Features shown in the importance list.", defaultValue: "15"),
    ] + ChurnOptions.common)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let json = try ModelCommandSupport.wantsJSON(arguments)
    let top = try arguments.integer("--top", in: 1...100_000) ?? 15
    let path = arguments.string("--model-file") ?? "churn.json"
    if let label = arguments.string("--label") { try ChurnOptions.requireOneRolePerColumn(arguments, label: label) }
    let model = try ChurnPipeline.loadModel(path: path)
    let data = try ChurnOptions.load(
      arguments, console: console, defaultLabel: model.labelColumn, schema: model.encoder)
    // Values of a category the model never saw in training are scored as its pooled rare values
    // (or as none): say how many, per column, rather than score them without a word.
    for schema in model.encoder.columns where schema.kind == .categorical {
      guard case .text(let values)? = try? data.table.column(named: schema.name) else { continue }
      let known = Set(schema.levels + schema.rareLevels)
      let unseen = values.filter { !$0.isEmpty && !known.contains($0) }
      guard !unseen.isEmpty else { continue }
      let examples = Array(Set(unseen)).sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ")
      console.diagnostic(
        "aftershock churn eval: warning: \(grouped(unseen.count)) row(s) hold a value of \(schema.name) the model never saw "
          + "in training (\(examples)\(Set(unseen).count > 3 ? ", ..." : "")); "
          + (model.kind != .logistic
            ? "its trees send them down the branch of the values they were not split on"
            : model.encoder.features.contains { $0.column == schema.name && $0.role == .otherLevels }
              ? "it scores them as the values too rare to have a weight of their own"
              : "it scores them as the training rows' average mix of values")
          + ", a guess: retrain on data that holds them")
    }
    let summary = try ChurnPipeline.evaluate(data, model: model)
    if json {
      try ModelCommandSupport.printJSON(
        [
          "command": "churn eval", "model_file": path, "kind": summary.kind, "data": ChurnOptions.dataJSON(data),
          "metrics": ChurnOptions.reportJSON(summary.report), "importance_measure": summary.importanceMeasure,
          "importance": summary.importance.map { ["feature": $0.feature, "value": $0.value] },
        ], console: console)
      return 0
    }
    try console.line(ChurnOptions.dataLine(data))
    let counts = (rows: model.trainingRows, positives: model.positiveRows)
    try console.line(
      "model: \(path) (\(summary.kind), trained on \(grouped(counts.rows)) rows, \(grouped(counts.positives)) positive)"
    )
    try console.line("")
    let metrics = TextTable(
      columns: [.init("metric"), .init("value", isNumeric: true)],
      rows: ChurnOptions.metrics.map { [$0.0, fourDecimals(summary.report[keyPath: $0.1])] })
    try console.write(metrics.renderTerminal())
    try console.line("")
    try console.write(ChurnOptions.calibrationText(summary.report))
    try console.line("")
    try console.line("global importance: \(summary.importanceMeasure)")
    let importance = TextTable(
      columns: [.init("feature"), .init("value", isNumeric: true)],
      rows: summary.importance.prefix(top).map { [$0.feature, fourDecimals($0.value)] })
    try console.write(importance.renderTerminal())
    if summary.importance.count > top {
      try console.line("(\(summary.importance.count - top) more; --top N to show them)")
    }
    return 0
  }
}

/// Options and output shared by the churn subcommands.
enum ChurnOptions {
  static let data: [CommandSpec.Option] = [
    .init(name: "--data", valueName: "FILE", help: "Labelled table: CSV, TSV or JSON Lines ('-' for stdin)."),
    .init(name: "--label", valueName: "COLUMN", help: "The 0/1 (true/false, yes/no) label column."),
    .init(name: "--id", valueName: "COLUMN", help: "A row id column (not a feature)."),
    .init(
      name: "--positive", valueName: "VALUE",
      help: "The label value that means churned, for labels such as Churned/Active (other values: not churned)."),
    .init(
      name: "--drop", valueName: "A,B,...", help: "Columns to ignore (repeatable or comma-separated).",
      isRepeatable: true),
    .init(
      name: "--input-format", valueName: "FORMAT", help: "csv, tsv or jsonl (default: by extension, then content)."),
  ]

  static let common: [CommandSpec.Option] = [
    .init(name: "--format", valueName: "FORMAT", help: "Output: table or json.", defaultValue: "table")
  ]

  /// The headline metrics, by name.
  static var metrics: [(String, KeyPath<EvaluationReport, Double>)] {
    [
      ("ROC AUC", \.rocAUC), ("PR AUC (average precision)", \.averagePrecision), ("log-loss", \.logLoss),
      ("Brier score", \.brierScore), ("accuracy at 0.5", \.accuracy), ("lift in top 10%", \.topDecile.lift),
      ("recall in top 10%", \.topDecile.recall),
    ]
  }

  static func algorithm(_ arguments: ParsedArguments) throws -> ChurnPipeline.Algorithm {
    let name = try arguments.choice("--model", from: ChurnPipeline.Algorithm.allCases.map(\.rawValue)) ?? "logistic"
    return ChurnPipeline.Algorithm(rawValue: name)!
  }

  /// Reads `--data`; rows with a cell that does not fit its column (a word among numbers; for
  /// eval, a cell that does not fit the kind `schema` reads) are quarantined and reported.
  static func load(
    _ arguments: ParsedArguments, console: Console, defaultLabel: String? = nil, schema: TabularEncoder? = nil
  ) throws -> ChurnPipeline.LabelledTable {
    let path = try ModelCommandSupport.required("--data", arguments)
    let label: String
    if let given = arguments.string("--label") {
      label = given
    } else if let defaultLabel {
      label = defaultLabel
    } else {
      label = try ModelCommandSupport.required("--label", arguments)
    }
    let drop = arguments.strings("--drop").flatMap { $0.split(separator: ",") }
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let format = try arguments.choice("--input-format", from: ["csv", "tsv", "jsonl"]).flatMap(
      InputFormat.init(rawValue:))
    let idColumn = arguments.string("--id")
    try requireOneRolePerColumn(arguments, label: label)
    let data = try InputOptions.namingInputFormatOption {
      try ChurnPipeline.loadTable(
        path: path, format: format, label: label, idColumn: idColumn, drop: drop,
        positive: arguments.string("--positive"),
        schema: schema)
    }
    ModelCommandSupport.reportQuarantine(data.quarantined, command: arguments.command, console: console)
    if data.labels.isEmpty {
      var counts = ["\(grouped(data.recordsRead)) record(s) read"]
      if data.skippedBlankLabel > 0 {
        counts.append("\(grouped(data.skippedBlankLabel)) with a blank '\(data.labelColumn)'")
      }
      if !data.quarantined.isEmpty { counts.append("\(grouped(data.quarantined.count)) quarantined") }
      throw PipelineError.failed("\(path) has no labelled row (\(counts.joined(separator: ", ")))")
    }
    var declared: Set<String> = [data.labelColumn]
    if let id = data.idColumn { declared.insert(id) }
    let idLike = data.table.identifierLikeColumns(excluding: declared)
    if !idLike.isEmpty {
      console.diagnostic(
        "aftershock \(arguments.command): warning: \(idLike.joined(separator: ", ")) "
          + (idLike.count == 1 ? "holds" : "hold") + " a different value on every row, like an id; as a feature "
          + (idLike.count == 1 ? "it" : "each")
          + " can only fit noise: name an id with --id, drop the others with --drop")
    }
    for (column, why) in data.table.labelLeakingColumns(labels: data.labels, excluding: declared.union(idLike)) {
      console.diagnostic(
        "aftershock \(arguments.command): warning: \(column) alone tells the classes of '\(data.labelColumn)' apart (\(why)): "
          + "it very likely records the outcome (a cancellation date, a CRM status); a model would read the answer "
          + "from it and score new accounts no better for it: drop it with --drop \(column) unless it is known before the outcome"
      )
    }
    if data.skippedBlankLabel > 0 {
      console.diagnostic(
        "aftershock \(arguments.command): warning: \(grouped(data.skippedBlankLabel)) row(s) with a blank '\(data.labelColumn)' skipped"
      )
    }
    return data
  }

  /// Refuses a column named as two of the label, the id and a dropped column (bad usage).
  /// - Parameter label: the label column, given or the model's.
  static func requireOneRolePerColumn(_ arguments: ParsedArguments, label: String) throws {
    let drop = arguments.strings("--drop").flatMap { $0.split(separator: ",") }
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    try ModelCommandSupport.requireDistinctColumns(
      [(arguments.string("--label") == nil ? "the model's label" : "--label", label)]
        + (arguments.string("--id").map { [("--id", $0)] } ?? []) + drop.map { ("--drop", $0) },
      arguments)
  }

  static func dataLine(_ data: ChurnPipeline.LabelledTable) -> String {
    var line = "data: \(grouped(data.recordsRead)) records read, \(grouped(data.labels.count)) rows used, "
    line +=
      "\(grouped(data.positiveCount)) positive (\(String(format: "%.1f%%", 100 * Double(data.positiveCount) / Double(max(1, data.labels.count)))))"
    line += "; label '\(data.labelColumn)'"
    if let id = data.idColumn { line += ", id '\(id)'" }
    if !data.droppedColumns.isEmpty { line += ", dropped \(data.droppedColumns.joined(separator: ", "))" }
    if data.skippedBlankLabel > 0 { line += "; \(grouped(data.skippedBlankLabel)) blank label skipped" }
    if !data.quarantined.isEmpty { line += "; \(grouped(data.quarantined.count)) quarantined" }
    return line
  }

  static func dataJSON(_ data: ChurnPipeline.LabelledTable) -> [String: Any] {
    var object: [String: Any] = [
      "records_read": data.recordsRead, "rows": data.labels.count, "positives": data.positiveCount,
      "skipped_blank_label": data.skippedBlankLabel, "quarantined": data.quarantined.count,
      "label_column": data.labelColumn, "dropped": data.droppedColumns,
    ]
    if let id = data.idColumn { object["id_column"] = id }
    return object
  }

  static func reportJSON(_ report: EvaluationReport) -> [String: Any] {
    [
      "rows": report.rowCount, "positives": report.positiveCount, "roc_auc": report.rocAUC,
      "pr_auc": report.averagePrecision, "log_loss": report.logLoss, "brier": report.brierScore,
      "accuracy": report.accuracy, "top10_lift": report.topDecile.lift, "top10_recall": report.topDecile.recall,
      "confusion": [
        "threshold": report.confusion.threshold, "tp": report.confusion.truePositives,
        "fp": report.confusion.falsePositives, "tn": report.confusion.trueNegatives,
        "fn": report.confusion.falseNegatives,
      ],
      "calibration": report.calibration.map {
        [
          "lower": $0.lower, "upper": $0.upper, "count": $0.count, "mean_predicted": $0.meanPredicted,
          "observed_rate": $0.observedRate,
        ]
      },
    ]
  }

  static func selectionJSON(_ selection: ChurnPipeline.ModelSelection) -> [String: Any] {
    [
      "chosen": selection.chosen, "logistic_auc": selection.logisticAUC, "gbdt_auc": selection.gbdtAUC,
      "inner_folds": selection.folds,
    ]
  }

  static func selectionText(_ selection: ChurnPipeline.ModelSelection) -> String {
    let why =
      selection.chosen == "gbdt"
      ? "the trees' AUC is higher by more than \(ChurnPipeline.autoPreferenceMargin) and one standard error"
      : "the trees' AUC is not higher by more than both \(ChurnPipeline.autoPreferenceMargin) and one standard error"
    return
      "picked \(selection.chosen): inner \(selection.folds)-fold AUC logistic \(fourDecimals(selection.logisticAUC)), "
      + "gbdt \(fourDecimals(selection.gbdtAUC)) (\(why))"
  }

  static func calibrationText(_ report: EvaluationReport) -> String {
    let confusion = report.confusion
    var text =
      "at threshold \(confusion.threshold): TP \(grouped(confusion.truePositives)), FP \(grouped(confusion.falsePositives)), "
      + "TN \(grouped(confusion.trueNegatives)), FN \(grouped(confusion.falseNegatives))\n\n"
    text += "calibration (10 bins of predicted probability)\n"
    let table = TextTable(
      columns: [
        .init("bin"), .init("rows", isNumeric: true), .init("mean predicted", isNumeric: true),
        .init("observed rate", isNumeric: true),
      ],
      rows: report.calibration.map {
        [
          String(format: "%.1f-%.1f", $0.lower, $0.upper), grouped($0.count),
          $0.count > 0 ? fourDecimals($0.meanPredicted) : "", $0.count > 0 ? fourDecimals($0.observedRate) : "",
        ]
      })
    return text + table.renderTerminal()
  }
}
