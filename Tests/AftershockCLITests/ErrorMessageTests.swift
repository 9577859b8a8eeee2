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
    #expect(score.errors.contains("is a churn model (written by 'churn train'), not a sentiment model"), "\(score.errors)")
    #expect(!Self.hasDebugText(score.errors), "\(score.errors)")
    let eval = try workspace.run([
      "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
      "--model-file", churnModel,
    ])
    #expect(eval.status == 1)
    #expect(eval.errors.contains("is a churn model (written by 'churn train'), not a sentiment model"), "\(eval.errors)")
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
    #expect(run.errors.contains("is a sentiment model (written by 'sentiment train'), not a churn model"), "\(run.errors)")
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
      ("sentiment eval", [
        "sentiment", "eval", "--data", CLIWorkspace.fixture("cli-sentiment.csv"), "--text", "text", "--label", "label",
        "--model", "rules",
      ]),
      ("churn cv", ["churn", "cv", "--data", CLIWorkspace.fixture("cli-churn.csv"), "--label", "churned", "--folds", "2"]),
      ("churn cv", ["churn", "cv", "--help"]),
    ]
    for (name, arguments) in commands {
      let run = try workspace.run(arguments, standardOutput: .full)
      #expect(run.status == 1, "\(name): \(run.status)")
      #expect(run.errors.contains("aftershock \(name): error: cannot write"), "\(name): \(run.errors)")
      #expect(!run.errors.contains("aftershock :"), "\(run.errors)")
    }
  }
}
