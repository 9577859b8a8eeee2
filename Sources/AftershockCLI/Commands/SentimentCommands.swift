import AftershockIngest
import AftershockPipeline
import AftershockReport
import AftershockText
import Foundation

/// `aftershock sentiment`: names the subcommands (train, eval, cv) and catches misspelled ones.
enum SentimentCommand: Command {
  static let spec = CommandSpec(
    name: "sentiment",
    abstract: "Train, evaluate or cross-validate a sentiment model on labelled texts (train|eval|cv).",
    discussion: """
      SUBCOMMANDS:
        train   Fit a model (nb, logistic, nb-logistic) and write it to a JSON file.
        eval    Score a saved model or the rule model on labelled data.
        cv      Stratified k-fold cross-validation of an algorithm.

      See 'aftershock sentiment <subcommand> --help'.
      """,
    positionalName: "SUBCOMMAND", positionalHelp: "train, eval or cv.", positionalCount: 0...Int.max)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    try ModelCommandSupport.unknownSubcommand(arguments, group: "sentiment", known: ["train", "eval", "cv"])
  }
}

/// `aftershock sentiment train`: fits a sentiment model and writes it to a JSON file.
enum SentimentTrainCommand: Command {
  static let spec = CommandSpec(
    name: "sentiment train",
    abstract: "Fit a sentiment model on labelled texts and write it to a JSON model file.",
    discussion: """
      EXAMPLES:
        aftershock sentiment train --data Data/corpora/uci_sentences.csv --text text --label label \\
          --model logistic --model-file Data/models/sentiment.json
        aftershock sentiment train --data reviews.jsonl --text review --label stars --model nb

      Labels are any strings (1/0, positive/negative/neutral, ...). Rows whose text or label is
      empty are skipped and counted. The model file is written atomically; without --model-file
      it is sentiment.json in the working directory. 'score --model-file' and 'sentiment eval'
      read it. The accuracy printed is on the training data itself (optimistic): use
      'sentiment cv' for an honest estimate. A label column with more than 100 distinct values,
      or more than 10 with under two rows each on average, looks like an id or free text and is
      refused before training (each class costs a weight per hash bucket).
      """,
    options: SentimentOptions.data + [
      .init(
        name: "--model", valueName: "ALGORITHM", help: "nb, logistic or nb-logistic (binary labels).",
        defaultValue: "logistic"),
      .init(name: "--model-file", valueName: "FILE", help: "Where to write the model.", defaultValue: "sentiment.json"),
      .init(name: "--seed", valueName: "S", help: "Seed of the SGD example order.", defaultValue: "42"),
    ] + SentimentOptions.common)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let algorithm = try SentimentOptions.algorithm(arguments, default: .logistic)
    if algorithm == .rules {
      throw UsageError(
        command: arguments.command,
        message:
          "the rules model has nothing to learn; use --model nb, logistic or nb-logistic (or 'sentiment eval --model rules')"
      )
    }
    let seed = try ModelCommandSupport.seed(arguments)
    let output = arguments.string("--model-file") ?? "sentiment.json"
    let json = try ModelCommandSupport.wantsJSON(arguments)
    let lexicon = try SentimentOptions.lexicon(arguments)
    let data = try SentimentOptions.load(arguments, console: console)
    let result = try SentimentPipeline.train(
      data, algorithm: algorithm, seed: seed, lexicon: lexicon, modelPath: output)
    try console.summary(of: arguments.command, outcome: "the model was written (to \(result.path))") {
      if json {
        try ModelCommandSupport.printJSON(
          [
            "command": "sentiment train", "model_file": result.path, "algorithm": result.algorithm.rawValue,
            "labels": result.labels, "examples": result.examples, "fit_seconds": result.fitSeconds,
            "training_accuracy": result.trainingAccuracy, "data": SentimentOptions.dataJSON(data),
          ], console: console)
        return
      }
      try console.line(SentimentOptions.dataLine(data))
      try console.line(
        "wrote \(result.path): \(result.algorithm.rawValue) model, labels \(result.labels.joined(separator: ", "))")
      try console.line(
        "examples per label: " + data.labelCounts.map { "'\($0.label)' \(grouped($0.count))" }.joined(separator: ", ")
          + " (\(grouped(result.examples)) total)")
      try console.line(
        String(
          format: "fit %.2f s; accuracy on the training data %.4f (optimistic; see 'sentiment cv')",
          result.fitSeconds, result.trainingAccuracy))
    }
    return 0
  }
}

/// `aftershock sentiment eval`: scores a saved model or the rule model on labelled data.
enum SentimentEvalCommand: Command {
  static let spec = CommandSpec(
    name: "sentiment eval",
    abstract: "Score a saved sentiment model, or the rule model, on labelled texts.",
    discussion: """
      EXAMPLES:
        aftershock sentiment eval --data Data/corpora/uci_sentences.csv --text text --label label --model rules
        aftershock sentiment eval --data holdout.csv --text body --label sentiment --model-file sentiment.json

      Prints accuracy, macro-F1, per-class precision/recall/F1/support and the confusion matrix.
      The rule model maps its compound score onto the data's labels, read as a whole: with a
      neutral label (neutral/neu, or 0 beside -1 or negative) it uses VADER's ±0.05 thresholds;
      on binary labels (1/0, 1/-1, positive/negative, true/false) a text is positive when
      compound > 0.05, else negative. Numbers are read by value (1.0 is 1). A label that names
      none of these classes ('mixed', '2'), or two labels for one class ('1' and '1.0'), is
      refused with an error naming it, since the rules would never predict it. Rename such
      labels first with --label-map: '0=negative,2=neutral,4=positive' (Sentiment140's 0/2/4),
      '1=negative,2=negative,3=,4=positive,5=positive' (star ratings; '3=' leaves the
      three-star rows out). A trained model whose labels spell the same classes another way
      (the shipped model's 0/1 against the data's negative/positive) is scored in the data's
      spelling, and the model line says so.
      Without --model or --model-file, Data/models/sentiment.json is used when it exists,
      else the rules.
      """,
    options: SentimentOptions.data + [
      .init(name: "--model", valueName: "ALGORITHM", help: "rules (the lexicon model; no file needed)."),
      .init(name: "--model-file", valueName: "FILE", help: "A model written by 'sentiment train'."),
    ] + SentimentOptions.common)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let modelFile = arguments.string("--model-file")
    let named = try arguments.choice(
      "--model", from: ["rules"] + SentimentPipeline.Algorithm.allCases.map(\.rawValue).filter { $0 != "rules" })
    if let named, named != "rules" {
      throw UsageError(
        command: arguments.command,
        message:
          "'--model \(named)' names an algorithm to train; evaluate a trained model with --model-file FILE, or use --model rules"
      )
    }
    if named != nil && modelFile != nil {
      throw UsageError(command: arguments.command, message: "give either --model rules or --model-file FILE, not both")
    }
    let json = try ModelCommandSupport.wantsJSON(arguments)
    let directory = try DataDirectory.locate(explicit: arguments.string("--data-dir"))
    let lexicon = try TextLexicon(dataDirectory: directory.path)
    var path = modelFile
    if path == nil && named == nil {
      let shipped = directory.file("models/sentiment.json")
      if FileManager.default.fileExists(atPath: shipped) { path = shipped }
    }
    let data = try SentimentOptions.load(arguments, console: console)
    let result = try SentimentOptions.pointingToLabelMap(arguments) {
      try SentimentPipeline.evaluate(data, modelPath: path, lexicon: lexicon)
    }
    if json {
      try ModelCommandSupport.printJSON(
        [
          "command": "sentiment eval", "model": result.modelDescription, "data": SentimentOptions.dataJSON(data),
          "metrics": SentimentOptions.metricsJSON(result.metrics), "unknown_labels": result.unknownLabels,
        ], console: console)
      return 0
    }
    try console.line(SentimentOptions.dataLine(data))
    try console.line("model: \(result.modelDescription)")
    if !result.unknownLabels.isEmpty {
      console.diagnostic(
        "aftershock sentiment eval: warning: the model cannot predict label(s) "
          + result.unknownLabels.map { "'\($0)'" }.joined(separator: ", ") + " found in the data")
    }
    try console.write(SentimentOptions.metricsText(result.metrics))
    return 0
  }
}

/// `aftershock sentiment cv`: stratified k-fold cross-validation of a sentiment algorithm.
enum SentimentCrossValidateCommand: Command {
  static let spec = CommandSpec(
    name: "sentiment cv",
    abstract: "Stratified k-fold cross-validation of a sentiment algorithm on labelled texts.",
    discussion: """
      EXAMPLES:
        aftershock sentiment cv --data Data/corpora/uci_sentences.csv --text text --label label --model logistic
        aftershock sentiment cv --data Data/corpora/uci_sentences.csv --text text --label label --model rules --folds 10

      Each class is shuffled with --seed and dealt round-robin into the folds, so every fold keeps
      the class shares. Prints each fold's accuracy and macro-F1, their mean ± sample standard
      deviation, and the pooled per-class metrics and confusion matrix of all held-out predictions.
      With --model rules nothing is fitted (see 'sentiment eval --help' for how labels are mapped).
      A label column with more than 100 distinct values, or more than 10 with under two rows
      each on average (an id or free-text column), is refused before any fold is fitted.
      """,
    options: SentimentOptions.data + [
      .init(
        name: "--model", valueName: "ALGORITHM", help: "rules, nb, logistic or nb-logistic.", defaultValue: "logistic"),
      .init(name: "--folds", valueName: "K", help: "Number of folds (2 or more).", defaultValue: "5"),
      .init(name: "--seed", valueName: "S", help: "Seed of the fold assignment and of SGD.", defaultValue: "42"),
    ] + SentimentOptions.common)

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let algorithm = try SentimentOptions.algorithm(arguments, default: .logistic)
    let folds = try arguments.integer("--folds", in: 2...1000) ?? 5
    let seed = try ModelCommandSupport.seed(arguments)
    let json = try ModelCommandSupport.wantsJSON(arguments)
    let lexicon = try SentimentOptions.lexicon(arguments)
    let data = try SentimentOptions.load(arguments, console: console)
    let summary = try SentimentOptions.pointingToLabelMap(arguments) {
      try SentimentPipeline.crossValidate(data, algorithm: algorithm, folds: folds, seed: seed, lexicon: lexicon)
    }
    let result = summary.result
    if json {
      try ModelCommandSupport.printJSON(
        [
          "command": "sentiment cv", "algorithm": algorithm.rawValue, "folds": folds, "seed": NSNumber(value: seed),
          "data": SentimentOptions.dataJSON(data),
          "mean_accuracy": result.meanAccuracy, "accuracy_sd": result.accuracyStandardDeviation,
          "mean_macro_f1": result.meanMacroF1, "macro_f1_sd": summary.macroF1StandardDeviation,
          "per_fold": result.folds.map { ["accuracy": $0.accuracy, "macro_f1": $0.macroF1, "count": $0.count] },
          "pooled": SentimentOptions.metricsJSON(result.pooled), "seconds": summary.seconds,
        ], console: console)
      return 0
    }
    try console.line(SentimentOptions.dataLine(data))
    try console.line("model: \(algorithm.rawValue), \(folds)-fold stratified cross-validation, seed \(seed)")
    try console.line("")
    let rows = result.folds.enumerated().map { index, fold in
      [String(index + 1), grouped(fold.count), fourDecimals(fold.accuracy), fourDecimals(fold.macroF1)]
    }
    let table = TextTable(
      columns: [
        .init("fold", isNumeric: true), .init("examples", isNumeric: true), .init("accuracy", isNumeric: true),
        .init("macro-F1", isNumeric: true),
      ],
      rows: rows)
    try console.write(table.renderTerminal())
    try console.line(
      "accuracy \(fourDecimals(result.meanAccuracy)) ± \(fourDecimals(result.accuracyStandardDeviation))   "
        + "macro-F1 \(fourDecimals(result.meanMacroF1)) ± \(fourDecimals(summary.macroF1StandardDeviation))   (mean ± sd over folds)"
    )
    try console.line(String(format: "time %.2f s", summary.seconds))
    try console.line("")
    try console.line("pooled held-out predictions:")
    try console.write(SentimentOptions.metricsText(result.pooled))
    return 0
  }
}

/// Options and output shared by the sentiment subcommands.
enum SentimentOptions {
  static let data: [CommandSpec.Option] = [
    .init(name: "--data", valueName: "FILE", help: "Labelled texts: CSV, TSV or JSON Lines ('-' for stdin)."),
    .init(name: "--text", valueName: "COLUMN", help: "The column holding the text."),
    .init(name: "--label", valueName: "COLUMN", help: "The column holding the label."),
    .init(
      name: "--input-format", valueName: "FORMAT", help: "csv, tsv or jsonl (default: by extension, then content)."),
    .init(
      name: "--label-map", valueName: "PAIRS",
      help: "Rename labels first: FROM=TO,... ('0=negative,2=neutral,4=positive'; 'TO' empty drops those rows)."),
  ]

  static let common: [CommandSpec.Option] = [
    .init(name: "--format", valueName: "FORMAT", help: "Output: table or json.", defaultValue: "table"),
    .init(
      name: "--data-dir", valueName: "DIR", help: "Aftershock's Data/ folder (lexicons, models).",
      defaultValue: "found automatically"),
  ]

  static func algorithm(_ arguments: ParsedArguments, default fallback: SentimentPipeline.Algorithm) throws
    -> SentimentPipeline.Algorithm
  {
    guard let name = try arguments.choice("--model", from: SentimentPipeline.Algorithm.allCases.map(\.rawValue)) else {
      return fallback
    }
    return SentimentPipeline.Algorithm(rawValue: name)!
  }

  /// Runs `body`; when the rules refuse the data's labels and no `--label-map` was given, the
  /// error says how to rename them.
  static func pointingToLabelMap<T>(_ arguments: ParsedArguments, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch TextError.invalidParameter(name: "labels", let value, let expected)
      where arguments.string("--label-map") == nil && expected.hasPrefix("labels the rules can map")
    {
      throw PipelineError.failed(
        TextError.invalidParameter(name: "labels", value: value, expected: expected).description
          + "; rename them first with --label-map, e.g. '1=negative,2=negative,3=,4=positive,5=positive' for"
          + " star ratings ('3=' leaves those rows out)")
    }
  }

  static func lexicon(_ arguments: ParsedArguments) throws -> TextLexicon {
    let directory = try DataDirectory.locate(explicit: arguments.string("--data-dir"))
    return try TextLexicon(dataDirectory: directory.path)
  }

  static func load(_ arguments: ParsedArguments, console: Console) throws -> SentimentPipeline.LabelledTexts {
    let path = try ModelCommandSupport.required("--data", arguments)
    let text = try ModelCommandSupport.required("--text", arguments)
    let label = try ModelCommandSupport.required("--label", arguments)
    try ModelCommandSupport.requireDistinctColumns([("--text", text), ("--label", label)], arguments)
    let format = try arguments.choice("--input-format", from: ["csv", "tsv", "jsonl"]).flatMap(
      InputFormat.init(rawValue:))
    let data = try InputOptions.namingInputFormatOption {
      try SentimentPipeline.loadLabelledTexts(path: path, format: format, textColumn: text, labelColumn: label)
    }
    ModelCommandSupport.reportQuarantine(data.quarantined, command: arguments.command, console: console)
    if data.texts.isEmpty {
      throw PipelineError.failed("\(path) has no row with both a text and a label (\(grouped(data.recordsRead)) read)")
    }
    guard let spec = arguments.string("--label-map") else { return data }
    let map: SentimentPipeline.LabelMap
    do {
      map = try SentimentPipeline.LabelMap(parsing: spec)
    } catch let error as PipelineError {
      throw UsageError(command: arguments.command, message: error.description)
    }
    var mapped = data
    let unmatched = map.apply(to: &mapped)
    if !unmatched.isEmpty {
      let found = Set(data.labels).sorted()
      let shown = found.prefix(12).map { "'\($0)'" }.joined(separator: ", ") + (found.count > 12 ? ", ..." : "")
      console.diagnostic(
        "aftershock \(arguments.command): warning: --label-map names "
          + unmatched.map { "'\($0.from)'" }.joined(separator: ", ")
          + ", which no row has (the labels found: \(shown))")
    }
    if mapped.texts.isEmpty {
      throw PipelineError.failed(
        "--label-map dropped every row of \(path) (\(grouped(mapped.droppedByLabelMap)) mapped to nothing)")
    }
    return mapped
  }

  static func dataLine(_ data: SentimentPipeline.LabelledTexts) -> String {
    var line = "data: \(grouped(data.recordsRead)) records read, \(grouped(data.texts.count)) used"
    line += " (text column '\(data.textColumn)', label column '\(data.labelColumn)')"
    let skipped = data.skippedEmptyText + data.skippedEmptyLabel
    if skipped > 0 {
      line +=
        "; skipped \(grouped(skipped)): \(grouped(data.skippedEmptyText)) empty text, \(grouped(data.skippedEmptyLabel)) empty label"
    }
    if !data.quarantined.isEmpty { line += "; \(grouped(data.quarantined.count)) quarantined" }
    if data.droppedByLabelMap > 0 { line += "; \(grouped(data.droppedByLabelMap)) dropped by --label-map" }
    return line
  }

  static func dataJSON(_ data: SentimentPipeline.LabelledTexts) -> [String: Any] {
    [
      "records_read": data.recordsRead, "used": data.texts.count, "skipped_empty_text": data.skippedEmptyText,
      "skipped_empty_label": data.skippedEmptyLabel, "quarantined": data.quarantined.count,
      "dropped_by_label_map": data.droppedByLabelMap,
      "text_column": data.textColumn, "label_column": data.labelColumn,
    ]
  }

  static func metricsJSON(_ metrics: ClassificationMetrics) -> [String: Any] {
    [
      "accuracy": metrics.accuracy, "macro_f1": metrics.macroF1, "count": metrics.count, "labels": metrics.labels,
      "confusion": metrics.confusion,
      "per_class": metrics.perClass.map {
        ["label": $0.label, "precision": $0.precision, "recall": $0.recall, "f1": $0.f1, "support": $0.support]
      },
    ]
  }

  static func metricsText(_ metrics: ClassificationMetrics) -> String {
    var text =
      "accuracy \(fourDecimals(metrics.accuracy))   macro-F1 \(fourDecimals(metrics.macroF1))   (\(grouped(metrics.count)) examples)\n\n"
    let perClass = TextTable(
      columns: [
        .init("class"), .init("precision", isNumeric: true), .init("recall", isNumeric: true),
        .init("F1", isNumeric: true), .init("support", isNumeric: true),
      ],
      rows: metrics.perClass.map {
        [$0.label, fourDecimals($0.precision), fourDecimals($0.recall), fourDecimals($0.f1), grouped($0.support)]
      })
    text += perClass.renderTerminal() + "\n"
    text += "confusion matrix (rows: true label, columns: predicted)\n"
    let confusion = TextTable(
      columns: [.init("true \\ predicted")] + metrics.labels.map { .init($0, isNumeric: true) },
      rows: metrics.labels.indices.map { row in [metrics.labels[row]] + metrics.confusion[row].map { grouped($0) } })
    text += confusion.renderTerminal()
    return text
  }
}

/// Helpers shared by the model commands (sentiment, churn): required options, seeds, JSON output, quarantine notes.
enum ModelCommandSupport {
  static func required(_ name: String, _ arguments: ParsedArguments) throws -> String {
    guard let value = arguments.string(name), !value.isEmpty else {
      let valueName = name == "--data" ? "FILE" : "COLUMN"
      throw UsageError(command: arguments.command, message: "missing expected option '\(name) <\(valueName)>'")
    }
    return value
  }

  /// Refuses one column named for two roles (`--label y --id y`, `--text label --label label`):
  /// bad usage whatever the file holds. Names are compared ignoring case, as columns are matched.
  /// - Parameter roles: each option (or what stands for it) with the column it names.
  static func requireDistinctColumns(_ roles: [(option: String, column: String)], _ arguments: ParsedArguments) throws {
    for (index, first) in roles.enumerated() {
      for second in roles[(index + 1)...]
      where first.option != second.option && first.column.lowercased() == second.column.lowercased() {
        throw UsageError(
          command: arguments.command,
          message: "\(first.option) '\(first.column)' and \(second.option) '\(second.column)' name the same column; "
            + "a column has one role (label, id, text, feature or dropped)")
      }
    }
  }

  static func seed(_ arguments: ParsedArguments) throws -> UInt64 {
    guard let text = arguments.string("--seed") else { return 42 }
    guard let value = UInt64(text) else {
      throw UsageError(
        command: arguments.command, message: "the value '\(text)' is invalid for '--seed'; expected a whole number ≥ 0")
    }
    return value
  }

  static func wantsJSON(_ arguments: ParsedArguments) throws -> Bool {
    try arguments.choice("--format", from: ["table", "json"]) == "json"
  }

  static func printJSON(_ object: [String: Any], console: Console) throws {
    let data = try JSONSerialization.data(
      withJSONObject: sanitized(object), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    try console.writeJSON(String(decoding: data, as: UTF8.self) + "\n")
  }

  /// NaN and infinities become null (JSON has no such numbers).
  static func sanitized(_ value: Any) -> Any {
    switch value {
    case let number as Double: return number.isFinite ? number : NSNull()
    case let dictionary as [String: Any]: return dictionary.mapValues(sanitized)
    case let array as [Any]: return array.map(sanitized)
    default: return value
    }
  }

  /// Tells on stderr how many records were quarantined, with the first few.
  static func reportQuarantine(_ entries: [QuarantineEntry], command: String, console: Console) {
    guard !entries.isEmpty else { return }
    console.diagnostic("aftershock \(command): warning: \(grouped(entries.count)) record(s) quarantined (not used):")
    for entry in entries.prefix(5) {
      console.diagnostic("  \(entry.file):\(entry.line): \(entry.reason.rawValue): \(entry.detail)")
    }
    if entries.count > 5 { console.diagnostic("  ... and \(grouped(entries.count - 5)) more") }
  }

  static func unknownSubcommand(_ arguments: ParsedArguments, group: String, known: [String]) throws -> Int32 {
    guard let word = arguments.positionals.first else {
      throw UsageError(command: group, message: "missing subcommand: expected one of \(known.joined(separator: ", "))")
    }
    var message = "unknown subcommand '\(word)'"
    if let close = known.min(by: { editDistance($0, word) < editDistance($1, word) }), editDistance(close, word) <= 2 {
      message += "; did you mean '\(close)'?"
    } else {
      message += "; expected one of \(known.joined(separator: ", "))"
    }
    throw UsageError(command: group, message: message)
  }
}

/// A number with four decimals.
func fourDecimals(_ value: Double) -> String {
  value.isFinite ? String(format: "%.4f", value) : "n/a"
}
