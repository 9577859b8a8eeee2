import Foundation
import Testing

@testable import AftershockText

@Suite struct LinearSentimentModelTests {
  let lexicon = TextTestSupport.lexicon

  static let texts = [
    "great support, very happy", "the outage was terrible", "love the product", "awful voucher, insulting",
    "fast and helpful agent", "we lost a day of work", "excellent communication", "the coupon is a joke",
    "works perfectly again", "never again, worst vendor",
  ]
  static let labels = ["pos", "neg", "pos", "neg", "pos", "neg", "pos", "neg", "pos", "neg"]

  @Test(arguments: SentimentAlgorithm.allCases)
  func fitsASmallSeparableSetWithStringLabels(algorithm: SentimentAlgorithm) throws {
    let trainer = LinearSentimentTrainer(configuration: .init(algorithm: algorithm, epochs: 30), lexicon: lexicon)
    let model = try trainer.fit(texts: Self.texts, labels: Self.labels)
    #expect(model.labels == ["neg", "pos"])
    let classifier = LinearSentimentClassifier(model: model, lexicon: lexicon)
    #expect(classifier.predictLabels(Self.texts) == Self.labels)
    let p = classifier.predict("support was great")
    #expect(p.probability > 0.5 && p.probability <= 1)
  }

  /// The label rides on made-up words no lexicon knows, so the rule scores are the same for
  /// every text and only the hashed word features can tell the classes apart.
  @Test(arguments: SentimentAlgorithm.allCases)
  func learnsFromWordsOutsideTheLexicons(algorithm: SentimentAlgorithm) throws {
    let texts = [
      "the zorblax order arrived", "the quibbit order arrived", "a zorblax unit shipped",
      "a quibbit unit shipped", "zorblax again today", "quibbit again today",
    ]
    let labels = ["a", "b", "a", "b", "a", "b"]
    let trainer = LinearSentimentTrainer(configuration: .init(algorithm: algorithm, epochs: 30), lexicon: lexicon)
    let model = try trainer.fit(texts: texts, labels: labels)
    let classifier = LinearSentimentClassifier(model: model, lexicon: lexicon)
    #expect(classifier.predictLabels(texts) == labels)
    #expect(classifier.predictLabels(["zorblax", "quibbit"]) == ["a", "b"])
  }

  /// An empty text first: it has no tokens to hash, and the features still come from a buffer
  /// that says it is hashed.
  @Test func aFreshClassifierTakesAnEmptyTextFirst() throws {
    let model = try LinearSentimentTrainer(lexicon: lexicon).fit(texts: Self.texts, labels: Self.labels)
    for first in ["", "   ", "!!!"] {
      let classifier = LinearSentimentClassifier(model: model, lexicon: lexicon)
      let p = classifier.predict(first)
      #expect(p.probability > 0 && p.probability <= 1, "\(first)")
      let fresh = LinearSentimentClassifier(model: model, lexicon: lexicon)
      #expect(classifier.predict("great support") == fresh.predict("great support"))
    }
  }

  @Test func threeClassLabelsWork() throws {
    let texts = Self.texts + ["the ticket number is 42", "we use it on 300 laptops", "the meeting is on monday"]
    let labels = Self.labels.map { $0 == "pos" ? "positive" : "negative" } + ["neutral", "neutral", "neutral"]
    let model = try LinearSentimentTrainer(configuration: .init(epochs: 40), lexicon: lexicon).fit(
      texts: texts, labels: labels)
    #expect(model.labels == ["negative", "neutral", "positive"])
    let classifier = LinearSentimentClassifier(model: model, lexicon: lexicon)
    let m = try SentimentEvaluation.evaluate(classifier, texts: texts, labels: labels)
    #expect(m.accuracy == 1)
    #expect(m.confusion.count == 3)
  }

  @Test func saveAndLoadGiveIdenticalPredictions() throws {
    let model = try LinearSentimentTrainer(lexicon: lexicon).fit(texts: Self.texts, labels: Self.labels)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-\(UUID()).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try model.save(to: path)
    let loaded = try LinearSentimentModel(contentsOf: path)
    #expect(loaded.labels == model.labels && loaded.algorithm == model.algorithm && loaded.options == model.options)
    let a = LinearSentimentClassifier(model: model, lexicon: lexicon)
    let b = LinearSentimentClassifier(model: loaded, lexicon: lexicon)
    for text in Self.texts + ["something else entirely", ""] {
      #expect(a.predict(text) == b.predict(text))
    }
    let json = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: path)), encoding: .utf8))
    #expect(json.contains("\"format\":\"aftershock-sentiment-linear\"") && json.contains("\"version\":3"))
  }

  /// Version 1 hashed words with byte-wise FNV-1a, version 2 mixed every feature twice and
  /// counted it once: their weights would land on other features.
  @Test(arguments: [1, 2])
  func anOlderModelIsRefusedWithHowToRetrain(version: Int) throws {
    let model = try LinearSentimentTrainer(lexicon: lexicon).fit(texts: Self.texts, labels: Self.labels)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-\(UUID()).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try model.save(to: path)
    let old = try String(contentsOfFile: path, encoding: .utf8)
      .replacingOccurrences(of: "\"version\":3", with: "\"version\":\(version)")
    try old.write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try LinearSentimentModel(contentsOf: path)
      Issue.record("a version \(version) model loaded")
    } catch let TextError.invalidModelFile(_, reason) {
      #expect(reason.contains("version \(version)") && reason.contains("aftershock sentiment train"))
    }
  }

  @Test func sampleTextsGetPolarityFromTheGeneratorsTruth() throws {
    let sample = try CorpusReader.sampleSentiment(dataDirectory: TextTestSupport.dataDirectory)
    #expect(sample.texts.count == sample.labels.count && sample.texts.count > 4000)
    #expect(Set(sample.labels) == ["0", "1"])
    // Furious or insulted texts are negative, grateful ones positive; mixed ones are left out.
    let negatives = sample.labels.filter { $0 == "0" }.count
    #expect(negatives > sample.texts.count / 2, "the sample is mostly angry about the outage")
  }

  @Test func badModelFilesGiveClearErrors() throws {
    let dir = FileManager.default.temporaryDirectory.path
    let wrong = dir + "/wrong-\(UUID()).json"
    try Data("{\"format\":\"something-else\",\"version\":1}".utf8).write(to: URL(fileURLWithPath: wrong))
    defer { try? FileManager.default.removeItem(atPath: wrong) }
    #expect(throws: TextError.self) { try LinearSentimentModel(contentsOf: wrong) }
    #expect(throws: TextError.unreadableFile(path: dir + "/missing.json", reason: "no such file")) {
      try LinearSentimentModel(contentsOf: dir + "/missing.json")
    }
  }

  /// A model file of a few kilobytes whose labels × 2^hashBits weights would take gigabytes
  /// (2,000 labels at 2^24 buckets asked for 134 GB and aborted the process) is refused before
  /// anything is allocated, as is one just over the 2^26 weights the trainer can make.
  @Test(arguments: [(2000, 24, "2000 labels, at most 100"), (5, 24, "at most 2^26"), (101, 4, "101 labels")])
  func aModelFileTooLargeToHoldIsRefusedBeforeAllocating(labels: Int, hashBits: Int, reason: String) throws {
    let names = (0..<labels).map { "\"L\($0)\"" }.joined(separator: ",")
    let json = """
      {"format":"aftershock-sentiment-linear","version":3,"algorithm":"logistic","labels":[\(names)],
       "options":{"hashBits":\(hashBits),"bigrams":true,"negationMarking":true,"ruleFeatures":true},
       "lexiconFingerprint":"0","trainingExamples":1,
       "bias":[\(Array(repeating: "0", count: labels).joined(separator: ","))],"indices":[],
       "weights":[\(Array(repeating: "[]", count: labels).joined(separator: ","))]}
      """
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID()).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(json.utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try LinearSentimentModel(contentsOf: path)
      Issue.record("a model of \(labels) labels at hashBits \(hashBits) loaded")
    } catch let TextError.invalidModelFile(_, message) {
      #expect(message.contains(reason), "\(message)")
    }
  }

  /// A hand-made model with a weight of 1e38 loaded; its sums overflowed and every text scored
  /// the same. Weights and biases beyond ±10,000 are refused.
  @Test(arguments: [("[1e38]", "[0,0]"), ("[0.5]", "[3e4,0]"), ("[-2e4]", "[0,0]")])
  func aModelWithAbsurdWeightsIsRefused(weight: String, bias: String) throws {
    let json = """
      {"format":"aftershock-sentiment-linear","version":3,"algorithm":"logistic","labels":["0","1"],
       "options":{"hashBits":8,"bigrams":true,"negationMarking":true,"ruleFeatures":true},
       "lexiconFingerprint":"0","trainingExamples":1,"bias":\(bias),"indices":[3],"weights":[\(weight),[0]]}
      """
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("absurd-\(UUID()).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(json.utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try LinearSentimentModel(contentsOf: path)
      Issue.record("a model with weights \(weight), bias \(bias) loaded")
    } catch let TextError.invalidModelFile(_, message) {
      #expect(message.contains("beyond ±10000"), "\(message)")
    }
  }

  /// The trainer makes nothing the loader would refuse: 5 classes at 2^24 buckets exceed 2^26.
  @Test func trainingRefusesAModelLargerThanTheLoaderReads() {
    let trainer = LinearSentimentTrainer(configuration: .init(features: FeatureOptions(hashBits: 24)), lexicon: lexicon)
    let labels = ["a", "b", "c", "d", "e", "a", "b", "c", "d", "e"]
    #expect(throws: TextError.self) { try trainer.fit(texts: labels.map { "text \($0)" }, labels: labels) }
  }

  /// An id column given as the label (one value per row) trained a class per row: 1,500 rows
  /// took 4.6 GB. It is refused before any feature is extracted, in training and in CV.
  @Test func anIdColumnAsTheLabelIsRefusedBeforeTraining() throws {
    let texts = (0..<40).map { "ticket text number \($0)" }
    let ids = (0..<40).map { "T\($0)" }
    let trainer = LinearSentimentTrainer(lexicon: lexicon)
    do {
      _ = try trainer.fit(texts: texts, labels: ids)
      Issue.record("an id column trained")
    } catch let TextError.invalidTrainingData(reason) {
      #expect(reason.contains("40 distinct values in 40 rows") && reason.contains("id or free-text"), "\(reason)")
    }
    do {
      _ = try SentimentEvaluation.crossValidate(trainer, texts: texts, labels: ids, folds: 2)
      Issue.record("an id column was cross-validated")
    } catch let TextError.invalidTrainingData(reason) {
      #expect(reason.contains("40 distinct values in 40 rows"), "the whole data, not a fold: \(reason)")
    }
  }

  /// Where the line is drawn: more than 100 labels, or more than 10 with under two rows each.
  @Test(arguments: [
    (101, 10_000, false), (100, 10_000, true), (11, 21, false), (11, 22, true), (10, 10, true), (2, 3, true),
  ])
  func labelCountLimit(classes: Int, examples: Int, accepted: Bool) {
    let passed = (try? LinearSentimentTrainer.checkLabelCount(classes: classes, examples: examples)) != nil
    #expect(passed == accepted)
  }

  @Test func trainingRejectsUnusableData() {
    let trainer = LinearSentimentTrainer(lexicon: lexicon)
    #expect(throws: TextError.self) { try trainer.fit(texts: ["a", "b"], labels: ["x"]) }
    #expect(throws: TextError.self) { try trainer.fit(texts: ["a", "b"], labels: ["x", "x"]) }
    #expect(throws: TextError.self) { try trainer.fit(texts: [], labels: []) }
    let nb = LinearSentimentTrainer(configuration: .init(algorithm: .nbLogistic), lexicon: lexicon)
    #expect(throws: TextError.self) { try nb.fit(texts: ["a", "b", "c"], labels: ["x", "y", "z"]) }
  }

  @Test func shippedDefaultModelLoadsAndAgreesWithItsLexicon() throws {
    let path = TextTestSupport.dataDirectory + "/models/sentiment.json"
    let model = try LinearSentimentModel(contentsOf: path)
    #expect(model.labels == ["0", "1"])
    #expect(model.lexiconFingerprint == lexicon.fingerprint, "retrain: aftershock-bench text --train-default")
    let analyzer = TextAnalyzer(lexicon: lexicon, model: model)
    let good = try #require(analyzer.analyze("Great phone, works perfectly.").modelPrediction)
    let bad = try #require(analyzer.analyze("Terrible, it broke after a day.").modelPrediction)
    #expect(model.labels[good.labelIndex] == "1" && model.labels[bad.labelIndex] == "0")
    #expect((good.positiveProbability ?? 0) > 0.5 && (bad.positiveProbability ?? 1) < 0.5)
  }
}
