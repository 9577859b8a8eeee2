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
}
