import Foundation
import Testing

@Suite struct SentimentCommandTests {
  @Test func crossValidationPrintsAccuracyAndReportsSkippedRows() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "sentiment", "cv", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
      "--model", "nb", "--folds", "3",
    ])
    #expect(run.status == 0, "\(run.errors)")
    // 100 labelled rows plus one with an empty text and one with an empty label.
    #expect(run.output.contains("102 records read, 100 used"))
    #expect(run.output.contains("1 empty text, 1 empty label"))
    // The summary line: "accuracy 0.xxxx ± 0.xxxx   macro-F1 ...".
    let accuracy = try #require(number(after: "\naccuracy ", in: run.output))
    #expect(accuracy > 0.5 && accuracy <= 1, "accuracy \(accuracy)")
    #expect(run.output.contains("confusion matrix"))
  }

  @Test func ruleModelEvaluationMatchesItsConfusionMatrix() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
      "--model", "rules", "--format", "json",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let metrics = try #require(object["metrics"] as? [String: Any])
    let confusion = try #require(metrics["confusion"] as? [[Int]])
    let accuracy = try #require(metrics["accuracy"] as? Double)
    let correct = confusion.indices.reduce(0) { $0 + confusion[$1][$1] }
    let total = confusion.joined().reduce(0, +)
    #expect(total == 100)
    #expect(abs(accuracy - Double(correct) / Double(total)) < 1e-12)
  }

  @Test func trainWritesAModelThatEvalReads() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let train = try workspace.run([
      "sentiment", "train", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
      "--model", "logistic", "--model-file", "model.json",
    ])
    #expect(train.status == 0, "\(train.errors)")
    #expect(train.output.contains("wrote model.json: logistic model, labels 0, 1"))
    #expect(FileManager.default.fileExists(atPath: workspace.path("model.json")))
    let eval = try workspace.run([
      "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
      "--model-file", "model.json",
    ])
    #expect(eval.status == 0, "\(eval.errors)")
    #expect(eval.output.contains("model: model.json (logistic"))
  }

  /// 100 texts labelled 1 and one labelled 0 (the audit's single_negative.csv): cv names the
  /// rare class and its count; it once said "only one class ('1')" of data with two.
  @Test func crossValidationNamesTheClassWithTooFewExamples() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let rows = (0..<100).map { "Great value and it works well \($0),1" } + ["Terrible and broken on arrival,0"]
    try ("text,label\n" + rows.joined(separator: "\n") + "\n")
      .write(toFile: workspace.path("single_negative.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run([
      "sentiment", "cv", "--data", "single_negative.csv", "--text", "text", "--label", "label",
    ])
    #expect(run.status == 1)
    #expect(run.errors.contains("class '0' has only 1 example"), "\(run.errors)")
    #expect(run.errors.contains("5-fold cross-validation needs at least 2 examples of each class"), "\(run.errors)")
    #expect(!run.errors.contains("only one class"), "\(run.errors)")
  }

  @Test func missingColumnExitsOneNamingIt() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "review", "--label", "label",
      "--model", "rules",
    ])
    #expect(run.status == 1)
    #expect(run.errors.contains("no column 'review'"))
    #expect(run.errors.contains("columns seen: text, label"))
  }

  @Test func misspelledSubcommandExitsTwoWithAHint() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run(["sentiment", "trian"])
    #expect(run.status == 2)
    #expect(run.errors.contains("did you mean 'train'?"))
    #expect(run.errors.contains("hint: see 'aftershock sentiment --help'"))
  }

  /// The text column cannot also be the label: the model would learn the answer from itself.
  @Test func oneColumnAsTextAndLabelIsBadUsage() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    for subcommand in ["cv", "train", "eval"] {
      let run = try workspace.run([
        "sentiment", subcommand, "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "label", "--label",
        "Label",
      ])
      #expect(run.status == 2, "sentiment \(subcommand): \(run.status) \(run.output)")
      #expect(run.errors.contains("--text 'label' and --label 'Label' name the same column"), "\(run.errors)")
      #expect(!run.output.contains("accuracy"), "nothing is scored")
    }
  }

  /// Star ratings: the rules refuse labels they cannot map; `--label-map` renames them and
  /// drops the rows mapped to nothing, and the rules score what is left.
  @Test func labelMapLetsTheRulesScoreStarRatings() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let rows = [
      "I love it and it works great!,5", "Really good value.,4", "It is a laptop.,3", "The box arrived on Monday.,3",
      "Terrible support and a broken screen.,1", "Disappointing and slow.,2",
    ]
    try ("text,stars\n" + rows.joined(separator: "\n") + "\n")
      .write(toFile: workspace.path("stars.csv"), atomically: true, encoding: .utf8)
    let refused = try workspace.run([
      "sentiment", "eval", "--data", "stars.csv", "--text", "text", "--label", "stars", "--model", "rules",
    ])
    #expect(refused.status == 1)
    #expect(refused.errors.contains("'2', '3', '4', '5' are none of these"), "\(refused.errors)")
    #expect(refused.errors.contains("--label-map"), "the help says how to map them: \(refused.errors)")

    let run = try workspace.run([
      "sentiment", "eval", "--data", "stars.csv", "--text", "text", "--label", "stars", "--model", "rules",
      "--label-map", "1=negative, 2=negative, 3=, 4.0=positive, 5=positive", "--format", "json",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let data = try #require(object["data"] as? [String: Any])
    #expect(data["records_read"] as? Int == 6)
    #expect(data["used"] as? Int == 4)
    #expect(data["dropped_by_label_map"] as? Int == 2)
    let metrics = try #require(object["metrics"] as? [String: Any])
    #expect(metrics["labels"] as? [String] == ["negative", "positive"])
    #expect(metrics["accuracy"] as? Double == 1, "\(metrics)")
  }

  @Test func labelMapPairWithoutEqualsIsBadUsage() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    for map in ["0=negative,4positive", "0=negative,,4=positive", "=positive", "1=positive,1.0=negative"] {
      let run = try workspace.run([
        "sentiment", "cv", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
        "--label-map", map,
      ])
      #expect(run.status == 2, "\(map): \(run.status) \(run.errors)")
      #expect(run.errors.contains("--label-map"), "\(map): \(run.errors)")
      #expect(!run.output.contains("accuracy"), "nothing is scored")
    }
  }

  /// A label the map names but no row has is most likely a typo: it is named on stderr with the
  /// labels the data does have.
  @Test func labelMapNamingNoRowsLabelWarns() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
      "--model", "rules", "--label-map", "0=negative,1=positive,4=positive",
    ])
    #expect(run.status == 0, "\(run.errors)")
    #expect(
      run.errors.contains("warning: --label-map names '4', which no row has (the labels found: '0', '1')"),
      "\(run.errors)")
  }

  /// The shipped model says 0/1; data spelled negative/positive is scored in its own spelling,
  /// with the same predictions as under 0/1.
  @Test func shippedModelIsScoredInTheDataSpelling() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    func accuracy(_ extra: [String]) throws -> (Double, [String], String) {
      let run = try workspace.run(
        [
          "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label",
          "label", "--format", "json",
        ] + extra)
      #expect(run.status == 0, "\(run.errors)")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
      let metrics = try #require(object["metrics"] as? [String: Any])
      return (
        try #require(metrics["accuracy"] as? Double), try #require(metrics["labels"] as? [String]),
        try #require(object["model"] as? String)
      )
    }
    let (plain, plainLabels, _) = try accuracy([])
    let (renamed, renamedLabels, model) = try accuracy(["--label-map", "0=negative,1=positive"])
    #expect(plainLabels == ["0", "1"])
    #expect(renamedLabels == ["negative", "positive"])
    #expect(plain > 0.8, "the shipped model on UCI-like sentences: \(plain)")
    #expect(renamed == plain)
    #expect(model.contains("its labels 0, 1 read as negative, positive"), "\(model)")
  }
}
