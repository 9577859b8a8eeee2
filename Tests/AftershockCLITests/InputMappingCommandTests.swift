import Foundation
import Testing

/// `--map` with several inputs, `validate --kind`, and the refusals every command shares, run as a user runs them.
@Suite(.serialized) struct InputMappingCommandTests {
  /// A generated sample whose tickets export names the account and the text with its own columns.
  func workspaceWithRenamedTicketColumns() throws -> CLIWorkspace {
    let workspace = try CLIWorkspace()
    let generated = try workspace.run(["generate", "--accounts", "80", "--seed", "5", "--out", "sample"])
    #expect(generated.status == 0, "\(generated.errors)")
    let tickets = try String(contentsOfFile: workspace.path("sample/tickets.csv"), encoding: .utf8)
    var lines = tickets.components(separatedBy: "\n")
    lines[0] = lines[0].replacingOccurrences(of: "account_id", with: "Org Ref").replacingOccurrences(
      of: "body", with: "Customer Notes")
    try lines.joined(separator: "\n").write(toFile: workspace.path("zendesk.csv"), atomically: true, encoding: .utf8)
    return workspace
  }

  @Test func runReadsAMapInTheInputThatHasItsFieldAndColumn() throws {
    let workspace = try workspaceWithRenamedTicketColumns()
    defer { workspace.remove() }
    let inputs = [
      "run", "--accounts", "sample/accounts.csv", "--tickets", "zendesk.csv", "--surveys", "sample/surveys.csv",
    ]
    let run = try workspace.run(
      inputs + ["--map", "account_id=Org Ref", "--map", "body=Customer Notes", "--as-of", "2024-11-01"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("run 1 as of 2024-11-01"), "\(run.output)")
    #expect(run.output.contains(" 0 quarantined  (zendesk.csv)"), "\(run.output)")

    let scoped = try workspace.run(
      inputs + [
        "--map", "tickets.account_id=Org Ref", "--map", "tickets.body=Customer Notes", "--as-of", "2024-11-01", "--out",
        "o2",
      ])
    #expect(scoped.status == 0, "\(scoped.errors)")

    // A misspelt column applies to no input: refused before anything is read, naming the inputs.
    let typo = try workspace.run(
      inputs + ["--map", "account_id=Org Reff", "--map", "body=Customer Notes", "--out", "o3"])
    #expect(typo.status == 1)
    #expect(typo.errors.contains("--map account_id=Org Reff applies to no input"), "\(typo.errors)")
    #expect(typo.errors.contains("zendesk.csv (tickets; columns ticket_id, Org Ref,"), "\(typo.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("o3")))

    // The same files through validate.
    let validate = try workspace.run(
      ["validate", "sample/accounts.csv", "zendesk.csv", "--map", "account_id=Org Ref", "--map", "body=Customer Notes"])
    #expect(validate.status == 0, "\(validate.errors)")
    #expect(validate.output.contains("zendesk.csv: tickets (csv; kind by its columns), "), "\(validate.output)")
    #expect(validate.output.contains("sample/accounts.csv: accounts (csv; kind by its name), "), "\(validate.output)")
  }

  @Test func validateTakesTheKindFromKindOrTheHeaderOverAWordOfTheName() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "response_id,account_id,submitted_at,nps,csat\nR1,A1,2024-11-06T08:12:47Z,5,4\n"
      .write(toFile: workspace.path("account_health_check.csv"), atomically: true, encoding: .utf8)
    let byHeader = try workspace.run(["validate", "account_health_check.csv"])
    #expect(byHeader.status == 0, "\(byHeader.errors)")
    #expect(
      byHeader.output.contains("account_health_check.csv: surveys (csv; kind by its columns), 1 read"),
      "\(byHeader.output)")
    let byOption = try workspace.run(["validate", "account_health_check.csv", "--kind", "accounts"])
    #expect(
      byOption.output.contains("account_health_check.csv: accounts (csv; kind by --kind), 1 read"), "\(byOption.output)"
    )
    let bad = try workspace.run(["validate", "account_health_check.csv", "--kind", "orders"])
    #expect(bad.status == 2)
  }

  @Test func scoreSkipsAQualtricsExportsExtraHeaderRowsAsValidateDoes() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let export = """
      ResponseId,ExternalReference,RecordedDate,Q1,Q3
      Response ID,External Data Reference,Recorded Date,How likely are you to recommend us?,What could we have done better?
      "{""ImportId"":""_recordId""}","{""ImportId"":""externalDataReference""}","{""ImportId"":""recordedDate"",""timeZone"":""America/Denver""}","{""ImportId"":""QID1""}","{""ImportId"":""QID3_TEXT""}"
      R_1,A1,2024-11-14 09:00:00,9,Quick fix and a fair credit.
      R_2,A2,2024-11-14 10:00:00,3,The outage cost us a day.

      """
    try export.write(toFile: workspace.path("survey.csv"), atomically: true, encoding: .utf8)
    let score = try workspace.run(["score", "survey.csv", "--text-column", "Q3"])
    #expect(score.status == 0, "\(score.errors)")
    let rows = score.output.split(separator: "\n")
    #expect(rows.count == 3, "\(score.output)")
    #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("R_") }, "\(score.output)")
    #expect(
      score.errors.contains(
        "2 record(s) scored, 0 quarantined of 2 read, skipped 2 extra header row(s) (Qualtrics export)"),
      "\(score.errors)")
    let validate = try workspace.run(["validate", "survey.csv"])
    #expect(validate.output.contains("2 read, 2 accepted"), "\(validate.output)")
  }

  @Test func everyCommandRefusesJSONLinesReadAsCSVAndAJSONArray() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let line =
      #"{"ticket_id": "T1", "account_id": "A1", "created_at": "2024-07-19", "body": "ok", "label": "positive", "churned": "no"}"#
    try (line + "\n").write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    try "account_id\nA1\n".write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let commands: [([String], String)] = [
      (["validate", "tickets.csv"], "--format jsonl"),
      (["run", "--accounts", "accounts.csv", "--tickets", "tickets.csv", "--as-of", "2024-07-20"], "--format jsonl"),
      (["score", "tickets.csv"], "--format jsonl"),
      (
        ["sentiment", "eval", "--data", "tickets.csv", "--text", "body", "--label", "label", "--model", "rules"],
        "--input-format jsonl"
      ),
      (["churn", "cv", "--data", "tickets.csv", "--label", "churned"], "--input-format jsonl"),
    ]
    for (arguments, hint) in commands {
      let run = try workspace.run(arguments)
      #expect(run.status == 1, "\(arguments): \(run.errors)")
      #expect(
        run.errors.contains("tickets.csv looks like JSON Lines but was read as CSV; give \(hint)"),
        "\(arguments): \(run.errors)")
    }
    try "[\n  \(line)\n]\n".write(toFile: workspace.path("api export.json"), atomically: true, encoding: .utf8)
    for arguments in [
      ["validate", "api export.json"],
      ["run", "--accounts", "accounts.csv", "--tickets", "api export.json", "--as-of", "2024-07-20"],
    ] {
      let run = try workspace.run(arguments)
      #expect(run.status == 1, "\(arguments): \(run.errors)")
      #expect(
        run.errors.contains(
          "api export.json holds a JSON array, not JSON Lines; convert it with: jq -c '.[]' 'api export.json' > 'api export.jsonl'"
        ),
        "\(arguments): \(run.errors)")
    }
  }

  @Test func runNamesTheConflictOfDataWithNamedInputsAndAMissingFolder() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let conflict = try workspace.run(["run", "--data", "x", "--accounts", "a.csv"])
    #expect(conflict.status == 2)
    #expect(conflict.errors.contains("--data and --accounts conflict"), "\(conflict.errors)")
    let missing = try workspace.run(["run", "--data", "nowhere"])
    #expect(missing.status == 1)
    #expect(missing.errors.contains("nowhere does not exist"), "\(missing.errors)")
  }
}
