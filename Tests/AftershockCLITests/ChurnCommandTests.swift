import Foundation
import Testing

@Suite struct ChurnCommandTests {
  @Test func crossValidationPrintsAUCAndCalibration() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "churn", "cv", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned", "--id", "customer_id",
      "--folds", "4",
    ])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("240 rows used, 118 positive"))
    // The fixture's churn depends on tenure, tickets, NPS and plan, so logistic regression ranks well.
    let auc = try #require(number(after: "ROC AUC", in: run.output))
    #expect(auc > 0.7 && auc <= 1, "AUC \(auc)")
    #expect(run.output.contains("calibration (10 bins"))
    #expect(run.output.contains("recall in top 10%"))
    #expect(run.output.contains("fit time:"))
  }

  @Test func anIdColumnLeftAsAFeatureIsWarnedAbout() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let fixture = CLIWorkspace.fixture("cli-churn.csv")
    let bare = try workspace.run(["churn", "cv", "--data", fixture, "--label", "churned", "--folds", "3"])
    #expect(bare.status == 0, "\(bare.errors)")
    #expect(
      bare.errors.contains("warning: customer_id holds a different value on every row, like an id"), "\(bare.errors)")
    let named = try workspace.run([
      "churn", "cv", "--data", fixture, "--label", "churned", "--id", "customer_id", "--folds", "3",
    ])
    #expect(named.status == 0 && !named.errors.contains("like an id"), "\(named.errors)")
  }

  /// A column that records the outcome is named, with how to drop it; the fixture's own
  /// columns, which only predict, are not.
  @Test func aColumnThatRecordsTheOutcomeIsWarnedAbout() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let lines = try String(contentsOfFile: CLIWorkspace.fixture("cli-churn.csv"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let leaking =
      [lines[0] + ",cancel_reason"]
      + lines.dropFirst().map { $0 + ($0.hasSuffix(",1") ? ",moved to a competitor" : ",") }
    try (leaking.joined(separator: "\n") + "\n").write(
      toFile: workspace.path("leak.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["churn", "cv", "--data", "leak.csv", "--label", "churned", "--id", "customer_id"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(
      run.errors.contains("warning: cancel_reason alone tells the classes of 'churned' apart"), "\(run.errors)")
    #expect(run.errors.contains("drop it with --drop cancel_reason"))
    let plain = try workspace.run([
      "churn", "cv", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned", "--id", "customer_id",
    ])
    #expect(!plain.errors.contains("tells the classes"), "\(plain.errors)")
  }

  /// A plan the model never saw in training is scored, with a warning that says how many rows
  /// hold it and how they were scored (a second outside audit saw it scored without a word).
  @Test func evalNamesValuesTheModelNeverSaw() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let fixture = CLIWorkspace.fixture("cli-churn.csv")
    let train = try workspace.run([
      "churn", "train", "--data", fixture, "--label", "churned", "--id", "customer_id", "--model-file", "m.json",
    ])
    #expect(train.status == 0, "\(train.errors)")
    let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n").map(String.init)
    let renamed =
      [lines[0]] + lines.dropFirst().prefix(10).map { $0.replacingOccurrences(of: ",basic,", with: ",platinum,") }
      + lines.dropFirst(11)
    try (renamed.joined(separator: "\n") + "\n").write(
      toFile: workspace.path("new.csv"), atomically: true, encoding: .utf8)
    let count = renamed.filter { $0.contains(",platinum,") }.count
    #expect(count > 0)
    let eval = try workspace.run([
      "churn", "eval", "--data", "new.csv", "--model-file", "m.json", "--id", "customer_id",
    ])
    #expect(eval.status == 0, "\(eval.errors)")
    #expect(
      eval.errors.contains(
        "warning: \(count) row(s) hold a value of plan the model never saw in training ('platinum')"),
      "\(eval.errors)")
    let same = try workspace.run(["churn", "eval", "--data", fixture, "--model-file", "m.json", "--id", "customer_id"])
    #expect(!same.errors.contains("never saw"), "\(same.errors)")
  }

  /// Labels written as words (Churned/Active) are read with --positive naming the churned one;
  /// without it the error says how.
  @Test func wordLabelsAreReadWithPositive() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let fixture = try String(contentsOfFile: CLIWorkspace.fixture("cli-churn.csv"), encoding: .utf8)
    var lines = fixture.split(separator: "\n").map(String.init)
    for index in lines.indices.dropFirst() {
      lines[index] = String(lines[index].dropLast()) + (lines[index].hasSuffix("1") ? "Churned" : "Active")
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: workspace.path("words.csv"), atomically: true, encoding: .utf8)
    let bare = try workspace.run(["churn", "cv", "--data", "words.csv", "--label", "churned", "--id", "customer_id"])
    #expect(bare.status == 1)
    #expect(bare.errors.contains("name the churned value with --positive"), "\(bare.errors)")
    let named = try workspace.run([
      "churn", "cv", "--data", "words.csv", "--label", "churned", "--id", "customer_id", "--positive", "churned",
      "--folds", "4",
    ])
    #expect(named.status == 0, "\(named.errors)")
    #expect(named.output.contains("240 rows used, 118 positive"), "the same counts as the 0/1 fixture")
    let wrong = try workspace.run(["churn", "cv", "--data", "words.csv", "--label", "churned", "--positive", "Gone"])
    #expect(wrong.errors.contains("--positive 'Gone' matches no value of 'churned' (values seen: Active, Churned)"))
  }

  @Test func trainThenEvalRoundTripsBothKinds() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    for (kind, measure) in [("logistic", "standardized coefficient"), ("gbdt", "mean |SHAP|")] {
      let train = try workspace.run([
        "churn", "train", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned",
        "--drop", "customer_id", "--model", kind, "--model-file", "\(kind).json",
      ])
      #expect(train.status == 0, "\(train.errors)")
      #expect(train.output.contains("wrote \(kind).json: \(kind) model of churned on 4 columns"))
      let eval = try workspace.run([
        "churn", "eval", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--model-file", "\(kind).json",
        "--format", "json",
      ])
      #expect(eval.status == 0, "\(eval.errors)")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(eval.output.utf8)) as? [String: Any])
      #expect(object["kind"] as? String == kind)
      #expect((object["importance_measure"] as? String)?.hasPrefix(measure) == true)
      let metrics = try #require(object["metrics"] as? [String: Any])
      let auc = try #require(metrics["roc_auc"] as? Double)
      #expect(auc > 0.7, "\(kind) AUC on its training data \(auc)")
      let importance = try #require(object["importance"] as? [[String: Any]])
      #expect(!importance.isEmpty)
    }
  }

  /// Accounts without a plan (a blank text cell) are ordinary: the model `train` writes with them
  /// reads back, and `eval` scores a table with blanks (it once refused the file: "feature
  /// 'plan (missing)' (missing) does not fit categorical column 'plan'").
  @Test func blankTextCellsDoNotMakeTheModelFileUnreadable() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let fixture = try String(contentsOfFile: CLIWorkspace.fixture("cli-churn.csv"), encoding: .utf8)
    let lines = fixture.split(separator: "\n").enumerated().map { index, line in
      // customer_id,tenure_months,plan,...: blank the plan of every 12th customer.
      guard index > 0, index % 12 == 0 else { return String(line) }
      var fields = line.split(separator: ",", omittingEmptySubsequences: false)
      fields[2] = ""
      return fields.joined(separator: ",")
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: workspace.path("blank_plan.csv"), atomically: true, encoding: .utf8)
    for kind in ["logistic", "gbdt"] {
      let train = try workspace.run([
        "churn", "train", "--data", "blank_plan.csv", "--label", "churned", "--id", "customer_id", "--model", kind,
        "--model-file", "\(kind).json",
      ])
      #expect(train.status == 0, "\(kind): \(train.errors)")
      let eval = try workspace.run(["churn", "eval", "--data", "blank_plan.csv", "--model-file", "\(kind).json"])
      #expect(eval.status == 0, "\(kind): \(eval.errors)")
      let auc = try #require(number(after: "ROC AUC", in: eval.output), "\(kind): \(eval.output)")
      #expect(auc > 0.7, "\(kind) AUC \(auc)")
    }
  }

  /// 300 rows of `id,score,churned` where `score` predicts churn, with `bad` written in data row
  /// 40 (line 42 of the file) when given: the audit's num_one_bad.csv.
  static func scoredTable(bad: String?) -> String {
    "id,score,churned\n"
      + (0..<300).map { row in
        let score = Double((row * 37) % 100) / 100
        let churned = Double((row * 61) % 100) / 100 < score ? 1 : 0
        return "A\(row),\(row == 40 ? bad ?? "" : String(score)),\(churned)\n"
      }.joined()
  }

  /// One typo, infinity or out-of-range number in a column of numbers: train, cv and eval each
  /// quarantine that row, naming the file's line (42, not the row's place in a fold), the column
  /// and the value, and keep the column numeric (it once became 300 rare categories: AUC 0.5).
  @Test func oneBadCellInANumericColumnIsQuarantinedByLineEverywhere() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.scoredTable(bad: nil).write(toFile: workspace.path("clean.csv"), atomically: true, encoding: .utf8)
    let clean = try workspace.run([
      "churn", "train", "--data", "clean.csv", "--label", "churned", "--id", "id", "--model-file", "clean.json",
    ])
    #expect(clean.status == 0, "\(clean.errors)")
    for bad in ["abc", "inf", "1e400"] {
      try Self.scoredTable(bad: bad).write(toFile: workspace.path("one_bad.csv"), atomically: true, encoding: .utf8)
      let notice = "one_bad.csv:42: invalid_number: column 'score' holds '\(bad)' where its other values are numbers"
      let train = try workspace.run([
        "churn", "train", "--data", "one_bad.csv", "--label", "churned", "--id", "id", "--model-file", "m.json",
      ])
      #expect(train.status == 0, "\(bad): \(train.errors)")
      #expect(train.errors.contains("1 record(s) quarantined"), "\(bad): \(train.errors)")
      #expect(train.errors.contains(notice), "\(bad): \(train.errors)")
      #expect(train.output.contains("300 records read, 299 rows used") && train.output.contains("1 quarantined"))
      let model = try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: workspace.path("m.json"))))
      let columns = ((model as? [String: Any])?["encoder"] as? [String: Any])?["columns"] as? [[String: Any]]
      #expect(columns?.first?["kind"] as? String == "numeric", "\(bad)")

      let eval = try workspace.run(["churn", "eval", "--data", "one_bad.csv", "--id", "id", "--model-file", "m.json"])
      #expect(eval.status == 0, "\(bad): \(eval.errors)")
      #expect(
        eval.errors.contains(
          "one_bad.csv:42: invalid_number: column 'score' holds '\(bad)' where the model reads numbers"))
      let auc = try #require(number(after: "ROC AUC", in: eval.output))
      #expect(auc > 0.75, "\(bad): AUC \(auc)")

      let cv = try workspace.run(["churn", "cv", "--data", "one_bad.csv", "--label", "churned", "--id", "id"])
      #expect(cv.status == 0, "\(bad): \(cv.errors)")
      #expect(cv.errors.contains(notice), "\(bad): \(cv.errors)")
      let cvAUC = try #require(number(after: "ROC AUC", in: cv.output))
      #expect(cvAUC > 0.75, "\(bad): AUC \(cvAUC)")

      // A model trained on the clean table scores the others and quarantines that one.
      let other = try workspace.run([
        "churn", "eval", "--data", "one_bad.csv", "--id", "id", "--model-file", "clean.json",
      ])
      #expect(other.status == 0, "\(bad): \(other.errors)")
      #expect(other.output.contains("299 rows used"), "\(bad): \(other.output)")
    }
  }

  @Test func changedSchemaFailsNamingTheColumn() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let train = try workspace.run([
      "churn", "train", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned", "--id", "customer_id",
      "--model-file", "m.json",
    ])
    #expect(train.status == 0, "\(train.errors)")
    let renamed = try String(contentsOfFile: CLIWorkspace.fixture("cli-churn.csv"), encoding: .utf8)
      .replacingOccurrences(of: "tickets_90d", with: "tickets_30d")
    try renamed.write(toFile: workspace.path("renamed.csv"), atomically: true, encoding: .utf8)
    let eval = try workspace.run(["churn", "eval", "--data", "renamed.csv", "--model-file", "m.json"])
    #expect(eval.status == 1)
    #expect(eval.errors.contains("column 'tickets_90d' is missing"))
  }

  @Test func missingLabelColumnExitsOneNamingIt() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run(["churn", "cv", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "Exited"])
    #expect(run.status == 1)
    #expect(run.errors.contains("no column 'Exited'"))
  }

  @Test func badUsageExitsTwoWithAHint() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let folds = try workspace.run(["churn", "cv", "--data", "x.csv", "--label", "y", "--folds", "one"])
    #expect(folds.status == 2)
    #expect(folds.errors.contains("'--folds'"))
    #expect(folds.errors.contains("hint: see 'aftershock churn cv --help'"))
    let model = try workspace.run(["churn", "train", "--data", "x.csv", "--label", "y", "--model", "forest"])
    #expect(model.status == 2)
    #expect(model.errors.contains("please provide one of 'logistic', 'gbdt' or 'auto'"))
  }

  @Test func autoSaysWhichModelItPickedAndWhy() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "churn", "train", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned", "--id", "customer_id",
      "--model", "auto", "--model-file", "auto.json",
    ])
    #expect(run.status == 0, "\(run.errors)")
    // The fixture's log-odds are linear in its columns, so the simpler model must not lose.
    #expect(run.output.contains("auto: picked logistic: inner 5-fold AUC logistic "))
    let logistic = try #require(number(after: "AUC logistic ", in: run.output))
    let trees = try #require(number(after: "gbdt ", in: run.output))
    #expect(logistic + 0.005 >= trees, "logistic \(logistic), trees \(trees)")
    #expect(FileManager.default.fileExists(atPath: workspace.path("auto.json")))
  }

  /// A table of `rows` rows with a numeric feature and the label `y`: `positives` of them 1.
  static func table(rows: Int, positives: Int) -> String {
    "id,x,y\n" + (0..<rows).map { "\($0),\(Double($0 % 7) / 7),\($0 < positives ? 1 : 0)" }.joined(separator: "\n")
      + "\n"
  }

  /// One column cannot be both the label and the id, nor be dropped and used as the label or id.
  @Test func oneColumnInTwoRolesIsBadUsage() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let fixture = CLIWorkspace.fixture("cli-churn.csv")
    for subcommand in ["cv", "train", "eval"] {
      let run = try workspace.run(["churn", subcommand, "--data", fixture, "--label", "churned", "--id", "Churned"])
      #expect(run.status == 2, "churn \(subcommand): \(run.status) \(run.output)")
      #expect(run.errors.contains("--label 'churned' and --id 'Churned' name the same column"), "\(run.errors)")
      #expect(run.errors.contains("hint: see 'aftershock churn \(subcommand) --help'"), "\(run.errors)")
    }
    let dropLabel = try workspace.run(["churn", "cv", "--data", fixture, "--label", "churned", "--drop", "nps,churned"])
    #expect(dropLabel.status == 2)
    #expect(
      dropLabel.errors.contains("--label 'churned' and --drop 'churned' name the same column"), "\(dropLabel.errors)")
    let dropID = try workspace.run([
      "churn", "train", "--data", fixture, "--label", "churned", "--id", "customer_id", "--drop", "customer_id",
    ])
    #expect(dropID.status == 2)
    #expect(
      dropID.errors.contains("--id 'customer_id' and --drop 'customer_id' name the same column"), "\(dropID.errors)")
  }

  /// Cross-validation says which class is short, as train does, not that the table has no rows.
  @Test func crossValidationNamesTheShortClass() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.table(rows: 40, positives: 0).write(
      toFile: workspace.path("one_class.csv"), atomically: true, encoding: .utf8)
    let oneClass = try workspace.run(["churn", "cv", "--data", "one_class.csv", "--label", "y", "--id", "id"])
    #expect(oneClass.status == 1)
    #expect(
      oneClass.errors.contains("label column 'y' holds only negative rows, need both classes"), "\(oneClass.errors)")
    #expect(!oneClass.errors.contains("usable row"), "\(oneClass.errors)")
    try Self.table(rows: 40, positives: 1).write(
      toFile: workspace.path("one_positive.csv"), atomically: true, encoding: .utf8)
    let onePositive = try workspace.run(["churn", "cv", "--data", "one_positive.csv", "--label", "y", "--id", "id"])
    #expect(onePositive.status == 1)
    #expect(
      onePositive.errors.contains(
        "only 1 of the 40 rows is positive: 5-fold cross-validation needs at least 5 of each class"),
      "\(onePositive.errors)")
    try Self.table(rows: 40, positives: 20).write(
      toFile: workspace.path("balanced.csv"), atomically: true, encoding: .utf8)
    let manyFolds = try workspace.run([
      "churn", "cv", "--data", "balanced.csv", "--label", "y", "--id", "id", "--folds", "21",
    ])
    #expect(manyFolds.status == 1)
    #expect(
      manyFolds.errors.contains(
        "only 20 of the 40 rows are positive: 21-fold cross-validation needs at least 21 of each class"),
      "\(manyFolds.errors)")
    #expect(manyFolds.errors.contains("--folds 20"), "\(manyFolds.errors)")
  }

  /// Evaluating on a table without a data row fails as cross-validation does, rather than
  /// printing a report of n/a.
  @Test func evaluationOfAnEmptyTableFails() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.table(rows: 40, positives: 20).write(
      toFile: workspace.path("train.csv"), atomically: true, encoding: .utf8)
    try "id,x,y\n".write(toFile: workspace.path("empty.csv"), atomically: true, encoding: .utf8)
    let train = try workspace.run([
      "churn", "train", "--data", "train.csv", "--label", "y", "--id", "id", "--model-file", "m.json",
    ])
    #expect(train.status == 0, "\(train.errors)")
    for arguments in [["eval", "--model-file", "m.json"], ["cv"], ["train", "--model-file", "again.json"]] {
      let run = try workspace.run(["churn"] + arguments + ["--data", "empty.csv", "--label", "y", "--id", "id"])
      #expect(run.status == 1, "churn \(arguments[0]): \(run.status) \(run.output)")
      #expect(run.errors.contains("empty.csv has no labelled row"), "churn \(arguments[0]): \(run.errors)")
      #expect(!run.output.contains("n/a"))
    }
  }
}
