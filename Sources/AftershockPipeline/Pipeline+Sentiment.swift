import AftershockIngest
import AftershockText
import Foundation

/// Training, evaluation and cross-validation of sentiment models on a labelled file
/// (what `aftershock sentiment train|eval|cv` runs).
public enum SentimentPipeline {
  /// The algorithm named by `--model`.
  public enum Algorithm: String, Sendable, CaseIterable {
    /// The lexicon rules (VADER-style); learns nothing. On binary labels, positive when compound > 0.05.
    case rules
    /// Multinomial naive Bayes over hashed features.
    case naiveBayes = "nb"
    /// L2-regularised logistic regression over hashed features and the rule scores.
    case logistic
    /// Logistic regression on naive-Bayes-scaled features (binary labels only).
    case nbLogistic = "nb-logistic"

    var trainedAlgorithm: SentimentAlgorithm? {
      switch self {
      case .rules: return nil
      case .naiveBayes: return .naiveBayes
      case .logistic: return .logistic
      case .nbLogistic: return .nbLogistic
      }
    }
  }

  /// Labelled texts read from a file, with what was skipped and why.
  public struct LabelledTexts: Sendable {
    /// The texts kept.
    public var texts: [String]
    /// Their labels.
    public var labels: [String]
    /// Records read (kept, skipped and quarantined).
    public var recordsRead: Int
    /// Rows skipped because the text was empty.
    public var skippedEmptyText: Int
    /// Rows skipped because the label was empty.
    public var skippedEmptyLabel: Int
    /// Rows left out because `--label-map` mapped their label to nothing.
    public var droppedByLabelMap = 0
    /// Records the reader rejected.
    public var quarantined: [QuarantineEntry]
    /// The columns used, as written in the file.
    public var textColumn: String
    /// The label column, as written in the file.
    public var labelColumn: String

    /// Examples per label, sorted by label.
    public var labelCounts: [(label: String, count: Int)] {
      var counts: [String: Int] = [:]
      for label in labels { counts[label, default: 0] += 1 }
      return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
  }

  /// What `train` wrote.
  public struct TrainingResult: Sendable {
    /// Where the model file was written.
    public var path: String
    /// The algorithm.
    public var algorithm: Algorithm
    /// The model's labels.
    public var labels: [String]
    /// Training examples.
    public var examples: Int
    /// Seconds spent fitting (features included).
    public var fitSeconds: Double
    /// Accuracy on the training data itself (an optimistic bound, not an estimate).
    public var trainingAccuracy: Double
  }

  /// What `eval` measured.
  public struct EvaluationResult: Sendable {
    /// Which model was scored (`rules`, or the model file and its algorithm).
    public var modelDescription: String
    /// The metrics.
    public var metrics: ClassificationMetrics
    /// Labels in the data that the model cannot predict.
    public var unknownLabels: [String]
    /// Seconds spent predicting.
    public var predictSeconds: Double
  }

  /// What `cv` measured.
  public struct CrossValidationSummary: Sendable {
    /// The algorithm.
    public var algorithm: Algorithm
    /// Per-fold and pooled metrics.
    public var result: CrossValidationResult
    /// Sample standard deviation of the folds' macro-F1.
    public var macroF1StandardDeviation: Double
    /// Seconds for the whole cross-validation.
    public var seconds: Double
  }

  /// Reads the text and label columns of a CSV, TSV or JSON Lines file; rows with an empty
  /// text or label are skipped and counted, rejected records kept as quarantine entries.
  /// - Throws: `PipelineError` naming a missing column; `IngestError` when the file is unreadable.
  public static func loadLabelledTexts(
    path: String, format: InputFormat? = nil, textColumn: String, labelColumn: String
  ) throws -> LabelledTexts {
    let loaded = try TableLoader.load(path: path, format: format, columns: [textColumn, labelColumn])
    if let column = TableLoader.columnIndex(textColumn, in: loaded.columnsSeen),
      column == TableLoader.columnIndex(labelColumn, in: loaded.columnsSeen)
    {
      throw PipelineError.failed(
        "the text column and the label column are both '\(loaded.columnsSeen[column])': a model would read the answer")
    }
    guard case .text(let rawTexts) = loaded.table.columns[0], case .text(let rawLabels) = loaded.table.columns[1]
    else { throw PipelineError.failed("internal error: \(path) did not load as text") }
    var result = LabelledTexts(
      texts: [], labels: [], recordsRead: loaded.recordsRead, skippedEmptyText: 0, skippedEmptyLabel: 0,
      quarantined: loaded.quarantined, textColumn: loaded.table.columnNames[0],
      labelColumn: loaded.table.columnNames[1])
    result.texts.reserveCapacity(rawTexts.count)
    result.labels.reserveCapacity(rawTexts.count)
    for (text, label) in zip(rawTexts, rawLabels) {
      let cleanLabel = label.trimmingCharacters(in: .whitespaces)
      if text.allSatisfy(\.isWhitespace) {
        result.skippedEmptyText += 1
      } else if cleanLabel.isEmpty {
        result.skippedEmptyLabel += 1
      } else {
        result.texts.append(text)
        result.labels.append(cleanLabel)
      }
    }
    return result
  }

  /// Fits `algorithm` on the data and writes the model to `modelPath` (JSON).
  /// - Throws: `TextError` for unusable data or an unwritable path; `PipelineError` for `rules`.
  public static func train(
    _ data: LabelledTexts, algorithm: Algorithm, seed: UInt64, lexicon: TextLexicon, modelPath: String
  ) throws -> TrainingResult {
    guard let trained = algorithm.trainedAlgorithm else {
      throw PipelineError.failed("the rules model has nothing to learn; use --model nb, logistic or nb-logistic")
    }
    let configuration = LinearSentimentTrainer.Configuration(algorithm: trained, seed: seed)
    let trainer = LinearSentimentTrainer(configuration: configuration, lexicon: lexicon)
    let start = DispatchTime.now().uptimeNanoseconds
    let model = try trainer.fit(texts: data.texts, labels: data.labels)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    try model.save(to: modelPath)
    let classifier = LinearSentimentClassifier(model: model, lexicon: lexicon)
    let predicted = classifier.predictLabels(data.texts)
    let correct = zip(predicted, data.labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return TrainingResult(
      path: modelPath, algorithm: algorithm, labels: model.labels, examples: data.texts.count, fitSeconds: seconds,
      trainingAccuracy: data.texts.isEmpty ? 0 : Double(correct) / Double(data.texts.count))
  }

  /// Scores the rule model (`modelPath == nil`) or a saved model on labelled data.
  /// - Throws: `TextError` for an unreadable model or labels the rules cannot map.
  public static func evaluate(_ data: LabelledTexts, modelPath: String?, lexicon: TextLexicon) throws
    -> EvaluationResult
  {
    guard !data.texts.isEmpty else { throw TextError.invalidTrainingData(reason: "no labelled rows to evaluate") }
    let model: any SentimentModel
    let description: String
    if let modelPath {
      let linear = try loadModel(path: modelPath)
      let classifier = LinearSentimentClassifier(model: linear, lexicon: lexicon)
      var about = "\(linear.algorithm.rawValue), \(linear.trainingExamples) training examples"
      if let renamed = alignedLabels(model: classifier.labels, data: data.labels) {
        model = RelabelledSentimentModel(classifier, labels: renamed)
        about +=
          "; its labels " + classifier.labels.joined(separator: ", ") + " read as " + renamed.joined(separator: ", ")
      } else {
        model = classifier
      }
      description = "\(modelPath) (\(about))"
    } else {
      model = try RuleSentimentClassifier(lexicon: lexicon, labels: Array(Set(data.labels)).sorted())
      description = "rules (lexicon; positive when compound > 0.05)"
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let metrics = try SentimentEvaluation.evaluate(model, texts: data.texts, labels: data.labels)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let known = Set(model.labels)
    return EvaluationResult(
      modelDescription: description, metrics: metrics,
      unknownLabels: Array(Set(data.labels).subtracting(known)).sorted(), predictSeconds: seconds)
  }

  /// Reads a model written by `train`; a churn model file given instead is named as such.
  /// - Throws: `PipelineError` for a churn model; `TextError` for anything else unreadable.
  public static func loadModel(path: String) throws -> LinearSentimentModel {
    do {
      return try LinearSentimentModel(contentsOf: path)
    } catch {
      if let textError = error as? TextError, case .invalidModelFile = textError,
        savedModelFormat(atPath: path) == ChurnPipeline.modelFileFormat
      {
        throw PipelineError.failed(
          "\(path) is a churn model (written by 'churn train'), not a sentiment model: give a file written by 'sentiment train'"
        )
      }
      throw error
    }
  }

  /// Stratified k-fold cross-validation of `algorithm` (the rules are scored on each fold too).
  /// - Throws: `TextError` for too few examples per fold or unusable labels.
  public static func crossValidate(
    _ data: LabelledTexts, algorithm: Algorithm, folds: Int, seed: UInt64, lexicon: TextLexicon
  ) throws -> CrossValidationSummary {
    let trainer: any SentimentTrainer
    if let trained = algorithm.trainedAlgorithm {
      trainer = LinearSentimentTrainer(
        configuration: LinearSentimentTrainer.Configuration(algorithm: trained, seed: seed), lexicon: lexicon)
    } else {
      trainer = RuleSentimentTrainer(lexicon: lexicon)
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try SentimentEvaluation.crossValidate(
      trainer, texts: data.texts, labels: data.labels, folds: folds, seed: seed)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let f1 = result.folds.map(\.macroF1)
    let mean = f1.reduce(0, +) / Double(max(1, f1.count))
    let variance = f1.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, f1.count - 1))
    return CrossValidationSummary(
      algorithm: algorithm, result: result, macroF1StandardDeviation: variance.squareRoot(), seconds: seconds)
  }
}

/// The `format` a saved model file declares (`aftershock-churn-model`, `aftershock-sentiment-linear`),
/// or nil when the file is not a JSON object with one: to tell a user which kind of model they gave.
func savedModelFormat(atPath path: String) -> String? {
  guard let data = FileManager.default.contents(atPath: path),
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  else { return nil }
  return object["format"] as? String
}
