import Foundation
import Testing

/// What a user reads when a command fails: sentences, not Swift's debug descriptions.
@Suite struct ErrorMessageTests {
  static let shippedModels = CLIWorkspace.repositoryRoot.appendingPathComponent("Data/models").path

  /// Swift's own wording of a decoding error, which no message may show.
  static func hasDebugText(_ text: String) -> Bool {
    ["DecodingError", "CodingKeys", "intValue:", "Debug description"].contains { text.contains($0) }
  }

  /// The churn model where a sentiment model is expected is named for what it is.
  @Test func aChurnModelGivenAsASentimentModelIsNamed() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let churnModel = Self.shippedModels + "/churn.json"
    let score = try workspace.run(["score", CLIWorkspace.fixture("cli-tickets.csv"), "--model-file", churnModel])
    #expect(score.status == 1)
    #expect(
      score.errors.contains("is a churn model (written by 'churn train'), not a sentiment model"), "\(score.errors)")
    #expect(!Self.hasDebugText(score.errors), "\(score.errors)")
    let eval = try workspace.run([
      "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
      "--model-file", churnModel,
    ])
    #expect(eval.status == 1)
    #expect(
      eval.errors.contains("is a churn model (written by 'churn train'), not a sentiment model"), "\(eval.errors)")
    #expect(!Self.hasDebugText(eval.errors), "\(eval.errors)")
  }

  /// The sentiment model where a churn model is expected is named for what it is.
  @Test func aSentimentModelGivenAsAChurnModelIsNamed() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "churn", "eval", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned",
      "--model-file", Self.shippedModels + "/sentiment.json",
    ])
    #expect(run.status == 1)
    #expect(
      run.errors.contains("is a sentiment model (written by 'sentiment train'), not a churn model"), "\(run.errors)")
    #expect(!Self.hasDebugText(run.errors), "\(run.errors)")
  }

  /// A damaged model file says which field is missing or of the wrong type, in words.
  @Test func aDamagedModelFileNamesTheField() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try #"{"format": "aftershock-sentiment-linear", "version": 3}"#
      .write(toFile: workspace.path("missing.json"), atomically: true, encoding: .utf8)
    let missing = try workspace.run(["score", "--text", "fine", "--model-file", "missing.json"])
    #expect(missing.status == 1)
    #expect(missing.errors.contains("missing field 'algorithm'"), "\(missing.errors)")
    #expect(!Self.hasDebugText(missing.errors), "\(missing.errors)")
    try #"{"format": "aftershock-sentiment-linear", "version": "three"}"#
      .write(toFile: workspace.path("mistyped.json"), atomically: true, encoding: .utf8)
    let mistyped = try workspace.run(["score", "--text", "fine", "--model-file", "mistyped.json"])
    #expect(mistyped.status == 1)
    #expect(mistyped.errors.contains("field 'version' should be a number but is a string"), "\(mistyped.errors)")
    #expect(!Self.hasDebugText(mistyped.errors), "\(mistyped.errors)")
    try "{not json".write(toFile: workspace.path("broken.json"), atomically: true, encoding: .utf8)
    let broken = try workspace.run(["score", "--text", "fine", "--model-file", "broken.json"])
    #expect(broken.status == 1)
    #expect(broken.errors.contains("not valid JSON"), "\(broken.errors)")
    #expect(!Self.hasDebugText(broken.errors), "\(broken.errors)")
  }

  /// A failed write to standard output is reported under the command's own name.
  @Test func aFullStandardOutputIsReportedUnderTheCommandsName() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let commands: [(String, [String])] = [
      ("validate", ["validate", CLIWorkspace.fixture("cli-tickets.csv")]),
      (
        "sentiment eval",
        [
          "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label",
          "label",
          "--model", "rules",
        ]
      ),
      (
        "churn cv",
        ["churn", "cv", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned", "--folds", "2"]
      ),
      ("churn cv", ["churn", "cv", "--help"]),
    ]
    for (name, arguments) in commands {
      let run = try workspace.run(arguments, standardOutput: .full)
      #expect(run.status == 1, "\(name): \(run.status)")
      #expect(run.errors.contains("aftershock \(name): error: cannot write"), "\(name): \(run.errors)")
      #expect(!run.errors.contains("aftershock :"), "\(run.errors)")
    }
  }

  // MARK: The audit's D16: messages that did not say what was wrong

  /// A tiny accounts and tickets pair whose tickets give ids with a zero-width and a no-break space.
  static func writeInvisibleIDs(in workspace: CLIWorkspace) throws {
    try "account_id,name,arr\nACC-1,Acme,100\nACC-2,Beta,200\n"
      .write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    try
      "ticket_id,account_id,created_at,body\nT1,ACC-1,2024-08-01,fine\nT2,ACC-1\u{200B},2024-08-01,zwsp\nT3,ACC-2\u{A0},2024-08-01,nbsp\n"
      .write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
  }

  /// An id that differs from a known one by an invisible character reads as that id unless the
  /// character is written out; the message also names the known id.
  @Test func idsWithInvisibleCharactersAreWrittenOutAndTheKnownIdNamed() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeInvisibleIDs(in: workspace)
    let run = try workspace.run([
      "run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--as-of", "2024-11-13", "--max-bad", "1",
      "--out", "o",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let log = try String(contentsOfFile: workspace.path("o/quarantine.csv"), encoding: .utf8)
    #expect(
      log.contains(
        "account 'ACC-1\\u{200B}' is not in the accounts input; without its invisible characters it is account ACC-1, which is known"
      ), "\(log)")
    #expect(
      log.contains(
        "account 'ACC-2\\u{A0}' is not in the accounts input; without its invisible characters it is account ACC-2"),
      "\(log)")
  }

  /// A file saved with two byte-order marks keeps one in its first column's name: shown, and explained.
  @Test func aSecondByteOrderMarkShowsInTheColumnsSeen() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "\u{FEFF}\u{FEFF}ticket_id,account_id,created_at,body\nT1,A1,2024-08-01,fine\n"
      .write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let validate = try workspace.run(["validate", "tickets.csv", "--kind", "tickets"])
    #expect(validate.status == 1)
    #expect(
      validate.errors.contains(
        "columns seen: \\u{FEFF}ticket_id, account_id, created_at, body (the first column's name starts with a second byte-order mark"
      ), "\(validate.errors)")
  }

  /// Swapped inputs were reported only as a share of quarantined records (the accounts) or as
  /// missing columns (the tickets): the message says which kind the file looks like.
  @Test func swappedInputsAreNamedForTheKindTheyLookLike() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "account_id,name,segment,arr,renewal_date\nA1,Acme,smb,100,2025-01-01\nA2,Beta,smb,200,2025-01-01\n"
      .write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    try "ticket_id,account_id,created_at,body\nT1,A1,2024-08-01,fine\nT2,A1,2024-08-02,bad\nT3,A1,2024-08-03,ok\n"
      .write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let swapped = try workspace.run([
      "run", "--accounts", "tickets.csv", "--tickets", "accounts.csv", "--as-of", "2024-11-13", "--out", "o",
    ])
    #expect(swapped.status == 1)
    #expect(
      swapped.errors.contains(
        "tickets.csv, given as the accounts, looks like a tickets file (its columns fit tickets); were --accounts and --tickets swapped?"
      ), "\(swapped.errors)")
    let asTickets = try workspace.run([
      "run", "--accounts", "accounts.csv", "--tickets", "accounts.csv", "--as-of", "2024-11-13", "--out", "o",
    ])
    #expect(asTickets.status == 1)
    #expect(asTickets.errors.contains("cannot be read as tickets"), "\(asTickets.errors)")
    #expect(
      asTickets.errors.contains("this looks like an accounts file: were the inputs swapped?"), "\(asTickets.errors)")
  }

  /// A folder given as a model file is a folder, not a missing file.
  @Test func aFolderGivenAsAModelFileIsCalledAFolder() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("models"), withIntermediateDirectories: true)
    let score = try workspace.run(["score", "--text", "fine", "--model-file", "models"])
    #expect(score.status == 1)
    #expect(score.errors.contains("cannot read models: it is a folder, not a sentiment model file"), "\(score.errors)")
    let missing = try workspace.run(["score", "--text", "fine", "--model-file", "nowhere.json"])
    #expect(missing.errors.contains("cannot read nowhere.json: no such file"), "\(missing.errors)")
  }

  /// A churn model trained on another table names the model file, the column and the run's table.
  @Test func aChurnModelOfAnotherTableIsNamedWithTheColumnItReads() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try Self.writeInvisibleIDs(in: workspace)
    let train = try workspace.run([
      "churn", "train", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned", "--model-file",
      "other.json",
    ])
    #expect(train.status == 0, "\(train.errors)")
    let run = try workspace.run([
      "run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--as-of", "2024-11-13", "--max-bad", "1",
      "--out", "o", "--model-file", "other.json",
    ])
    #expect(run.status == 1)
    #expect(
      run.errors.contains(
        "churn model file other.json was trained on another table than the run's account features: it reads a column '"),
      "\(run.errors)")
    #expect(run.errors.contains("(they are ticket_count, "), "\(run.errors)")
  }

  /// A column the model read as another kind than the run's features hold is named with the
  /// account whose value does not fit, and the accounts file is named as a possible cause.
  @Test func aChurnModelReadingAColumnAsAnotherKindNamesTheAccount() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    var accounts = "account_id,name,arr,plan,churned\n"
    var tickets = "ticket_id,account_id,created_at,body\n"
    for n in 1...12 {
      accounts += "ACC-\(n),Firm \(n),\(n * 1000),\(n % 2 == 0 ? "pro" : "basic"),\(n % 3 == 0)\n"
      tickets += "T\(n),ACC-\(n),2024-08-01,\(n % 3 == 0 ? "We are cancelling." : "Thanks for the fix.")\n"
    }
    try accounts.write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    try tickets.write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let arguments = ["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--as-of", "2024-11-13"]
    let first = try workspace.run(arguments + ["--out", "o1"])
    #expect(first.status == 0, "\(first.errors)")
    // The plan as a number in the table the model is trained on: a column of numbers.
    let features = try String(contentsOfFile: workspace.path("o1/account_features.csv"), encoding: .utf8)
    try features.replacingOccurrences(of: ",pro,", with: ",2,").replacingOccurrences(of: ",basic,", with: ",1,")
      .write(toFile: workspace.path("numeric-plan.csv"), atomically: true, encoding: .utf8)
    let train = try workspace.run([
      "churn", "train", "--data", "numeric-plan.csv", "--label", "churned", "--id", "account_id", "--model-file",
      "m.json",
    ])
    #expect(train.status == 0, "\(train.errors)")
    let run = try workspace.run(arguments + ["--out", "o2", "--model-file", "m.json"])
    #expect(run.status == 1)
    #expect(
      run.errors.contains(
        "churn model file m.json does not fit the run's account features: it reads column 'plan' as numeric, as in the table it was trained on, but account ACC-1 has 'basic' there"
      ), "\(run.errors)")
    #expect(run.errors.contains("in the accounts file or the features"), "\(run.errors)")
    #expect(!run.errors.contains("(they are "), "\(run.errors)")
  }
}
