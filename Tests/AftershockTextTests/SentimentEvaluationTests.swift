import Testing

@testable import AftershockText

@Suite struct SentimentEvaluationTests {
  @Test func metricsMatchAHandComputedConfusionMatrix() {
    // true:  a a a b b c ; predicted: a b a b c c
    let m = ClassificationMetrics(
      trueLabels: ["a", "a", "a", "b", "b", "c"], predictedLabels: ["a", "b", "a", "b", "c", "c"])
    #expect(m.confusion == [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
    #expect(abs(m.accuracy - 4.0 / 6) < 1e-12)
    // a: p 1, r 2/3, f 0.8; b: p 0.5, r 0.5, f 0.5; c: p 0.5, r 1, f 2/3.
    #expect(abs(m.perClass[0].f1 - 0.8) < 1e-12)
    #expect(abs(m.perClass[1].precision - 0.5) < 1e-12 && abs(m.perClass[2].recall - 1) < 1e-12)
    #expect(abs(m.macroF1 - (0.8 + 0.5 + 2.0 / 3) / 3) < 1e-12)
  }

  @Test func stratifiedFoldsKeepClassSharesAndDependOnlyOnTheSeed() {
    let labels = Array(repeating: "x", count: 70) + Array(repeating: "y", count: 30)
    let folds = SentimentEvaluation.stratifiedFolds(labels: labels, folds: 5, seed: 7)
    for f in 0..<5 {
      let members = folds.indices.filter { folds[$0] == f }
      #expect(members.count == 20)
      #expect(members.filter { labels[$0] == "y" }.count == 6, "seed 7, fold \(f)")
    }
    #expect(folds == SentimentEvaluation.stratifiedFolds(labels: labels, folds: 5, seed: 7))
    #expect(folds != SentimentEvaluation.stratifiedFolds(labels: labels, folds: 5, seed: 8))
  }

  /// VADER (vaderSentiment 3.3.2) scores 0.8197 on these 3,000 sentences (Scripts/vader_compare.py).
  @Test func ruleModelBeatsVaderOnUCISentences() throws {
    let uci = try TextTestSupport.uci()
    #expect(uci.texts.count == 3000)
    let rules = try RuleSentimentClassifier(lexicon: TextTestSupport.lexicon, labels: ["0", "1"])
    let m = try SentimentEvaluation.evaluate(rules, texts: uci.texts, labels: uci.labels)
    #expect(m.accuracy >= 0.84, "accuracy \(m.accuracy)")
  }

  /// scikit-learn TF-IDF + LR scores 0.812 and MultinomialNB 0.832 in 5-fold CV on these sentences;
  /// the issue asks for 0.84, the README reports 0.8930 (seed 42). The rule features alone give
  /// 0.8433, so a trainer that loses the word features fails here.
  @Test func trainedModelCrossValidatesAbove087OnUCISentences() throws {
    let uci = try TextTestSupport.uci()
    let trainer = LinearSentimentTrainer(lexicon: TextTestSupport.lexicon)
    let cv = try SentimentEvaluation.crossValidate(trainer, texts: uci.texts, labels: uci.labels, folds: 5, seed: 42)
    #expect(cv.folds.count == 5 && cv.pooled.count == 3000)
    #expect(cv.meanAccuracy >= 0.87, "seed 42: mean accuracy \(cv.meanAccuracy)")
  }

  /// VADER's own human-rated snippets (Hutto & Gilbert 2014), three classes at ±0.05 of rating/4
  /// and the non-neutral ones as two. Only Amazon's were looked at while writing the rules; the
  /// movie reviews and NYT editorials are held out, a check on language in general. VADER
  /// 3.3.2's accuracies (`Scripts/vader_compare.py --data Data`): the rules must stay within 0.01.
  @Test(arguments: [
    ("amazonReviewSnippets", 0.5874, 0.7200), ("movieReviewSnippets", 0.5532, 0.6538),
    ("nytEditorialSnippets", 0.5333, 0.6888),
  ])
  func ruleModelKeepsUpWithVaderOnItsHumanRatedSnippets(file: String, vader3: Double, vader2: Double) throws {
    let snippets = try CorpusReader.vaderGroundTruth(
      path: TextTestSupport.dataDirectory + "/corpora/vader_icwsm2014/\(file)_GroundTruth.txt")
    #expect(snippets.texts.count > 3000)
    let rules = try RuleSentimentClassifier(
      lexicon: TextTestSupport.lexicon, labels: ["negative", "neutral", "positive"])
    let three = try SentimentEvaluation.evaluate(rules, texts: snippets.texts, labels: snippets.labels)
    #expect(three.accuracy >= vader3 - 0.01, "3 classes: \(three.accuracy), VADER \(vader3)")
    let polar = zip(snippets.texts, snippets.labels).filter { $0.1 != "neutral" }
    let two = ClassificationMetrics(
      trueLabels: polar.map(\.1),
      predictedLabels: rules.predictLabels(polar.map(\.0)).map { $0 == "positive" ? "positive" : "negative" })
    #expect(two.accuracy >= vader2 - 0.01, "non-neutral: \(two.accuracy), VADER \(vader2)")
  }

  @Test func ruleClassifierNeedsToKnowWhichLabelIsPositive() {
    #expect(throws: TextError.self) {
      try RuleSentimentClassifier(lexicon: TextTestSupport.lexicon, labels: ["a", "b"])
    }
  }

  /// A label set is read as a whole. `nil` where the set has no neutral class.
  @Test(
    arguments: [
      (["0", "1"], "1", "0", nil), (["-1", "1"], "1", "-1", nil), (["-1", "0", "1"], "1", "-1", "0"),
      (["0", "negative", "positive"], "positive", "negative", "0"), (["-1.0", "0.0", "1.0"], "1.0", "-1.0", "0.0"),
      (["+1", "0"], "+1", "0", nil), (["NEG", "Neu", "POS"], "POS", "NEG", "Neu"),
      (["false", "true"], "true", "false", nil),
      (["0", "neutral", "positive"], "positive", "0", "neutral"),
    ] as [([String], String, String, String?)])
  func ruleClassifierReadsTheLabelSetAsAWhole(labels: [String], positive: String, negative: String, neutral: String?)
    throws
  {
    let rules = try RuleSentimentClassifier(lexicon: TextTestSupport.lexicon, labels: labels)
    #expect(rules.labels[rules.positiveIndex] == positive)
    #expect(rules.labels[rules.negativeIndex] == negative)
    #expect(rules.neutralIndex.map { rules.labels[$0] } == neutral)
  }

  /// `0` beside `negative` is neutral, as the help says: it was read as negative, so `negative`
  /// was never predicted (accuracy 0.667 here).
  @Test func zeroBesideNegativeIsNeutral() throws {
    let texts = [
      "I love it and it is great", "This is terrible and awful", "The box is blue", "It arrived on Tuesday",
      "wonderful", "horrible",
    ]
    let labels = ["positive", "negative", "0", "0", "positive", "negative"]
    let rules = try RuleSentimentClassifier(lexicon: TextTestSupport.lexicon, labels: Array(Set(labels)).sorted())
    let m = try SentimentEvaluation.evaluate(rules, texts: texts, labels: labels)
    #expect(m.accuracy == 1, "\(m.confusion)")
  }

  /// Beside two classes with many examples, a third with one is refused too: the fold that tests
  /// it never trains on it, so its recall would be 0 whatever the model (the README promises
  /// the refusal; an audit found it cross-validated with 2 folds).
  @Test func crossValidationRefusesAThirdClassOfOneExample() throws {
    let trainer = LinearSentimentTrainer(lexicon: TextTestSupport.lexicon)
    let texts = (0..<41).map { "text number \($0)" }
    let labels = (0..<41).map { $0 == 40 ? "neutral" : $0 % 2 == 0 ? "pos" : "neg" }
    for folds in [2, 5] {
      do {
        _ = try SentimentEvaluation.crossValidate(trainer, texts: texts, labels: labels, folds: folds, seed: 1)
        Issue.record("\(folds) folds: a class of one example was cross-validated")
      } catch let TextError.invalidTrainingData(reason) {
        #expect(
          reason.hasPrefix(
            "class 'neutral' has only 1 example, so the fold that tests it would train on classes 'neg', 'pos' only"),
          "\(reason)")
      }
    }
  }

  /// A class with one example leaves the fold that tests it training on the other class alone:
  /// the message names that class and its count, not "only one class ('1')" of data with two.
  /// Three examples are enough to cross-validate (each training part holds two of them).
  @Test func crossValidationNamesAClassTooRareForItsFolds() throws {
    let trainer = LinearSentimentTrainer(lexicon: TextTestSupport.lexicon)
    let texts = (0..<101).map { $0 == 100 ? "This is terrible and awful" : "Great product, works well \($0)" }
    let labels = (0..<101).map { $0 == 100 ? "0" : "1" }
    do {
      _ = try SentimentEvaluation.crossValidate(trainer, texts: texts, labels: labels, folds: 5, seed: 42)
      Issue.record("a class of one example was cross-validated")
    } catch let TextError.invalidTrainingData(reason) {
      #expect(
        reason.hasPrefix(
          "class '0' has only 1 example, so the fold that tests it would train on class '1' alone "
            + "and could never predict it; 5-fold cross-validation needs at least 2 examples of each class"),
        "\(reason)")
      #expect(!reason.contains("only one class"), "\(reason)")
    }
    var three = labels
    three[0] = "0"
    three[1] = "0"
    let result = try SentimentEvaluation.crossValidate(trainer, texts: texts, labels: three, folds: 5, seed: 42)
    #expect(result.pooled.count == 101)
  }

  /// In `cv --model rules` every fold reads the labels as the whole set does: with one
  /// `negative` among `0`s, the folds without it read `0` as negative (binary) and scored the
  /// neutral texts' `0` as wrong or right by chance of the fold.
  @Test func rulesCrossValidationReadsTheLabelSetOnceForAllFolds() throws {
    var texts: [String] = []
    var labels: [String] = []
    for i in 0..<6 {
      texts += ["I love it and it is great \(i)", "The box is blue \(i)"]
      labels += ["positive", "0"]
    }
    texts.append("This is terrible and awful")
    labels.append("negative")
    let result = try SentimentEvaluation.crossValidate(
      RuleSentimentTrainer(lexicon: TextTestSupport.lexicon), texts: texts, labels: labels, folds: 3, seed: 1)
    #expect(result.folds.allSatisfy { $0.accuracy == 1 }, "\(result.folds.map(\.accuracy))")
  }

  /// A label the rules cannot map was a class never predicted, without a word; now it is refused
  /// by name, as are two spellings of one class.
  @Test(arguments: [
    (["-1", "01", "1", "1.0"], "'01', '1', '1.0' all read as positive"),
    (["mixed", "negative", "positive"], "'mixed' is none"),
    (["0", "1", "2"], "'2' is none"), (["1", "positive", "0"], "'1', 'positive' all read as positive"),
    (["-1", "0"], "a positive and a negative label"), (["nan", "0", "1"], "'nan' is none"),
  ])
  func ruleClassifierRefusesALabelItCannotMapByName(labels: [String], named: String) {
    do {
      _ = try RuleSentimentClassifier(lexicon: TextTestSupport.lexicon, labels: labels)
      Issue.record("\(labels) accepted")
    } catch {
      #expect("\(error)".contains(named), "\(error)")
    }
  }
}
