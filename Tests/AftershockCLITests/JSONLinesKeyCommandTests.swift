import Foundation
import Testing

/// A key named by `--map` or `score --text-column` that no JSON Lines record has is an error
/// naming the keys seen, as a CSV column missing from the header is; a key first seen on a later
/// line is still read.
@Suite struct JSONLinesKeyCommandTests {
  static let intercom = """
    {"id": 1, "organization": "A1", "created_at": "2024-10-01", "text": "The outage was bad.", "source": {"body": "x"}}
    {"id": 2, "organization": "A2", "created_at": "2024-10-02", "text": "We are moving to SentinelOne."}

    """

  func write(_ text: String, _ name: String, in workspace: CLIWorkspace) throws {
    try text.write(toFile: workspace.path(name), atomically: true, encoding: .utf8)
  }

  @Test func validateRefusesAMappedKeyNoRecordHas() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(Self.intercom, "intercom.jsonl", in: workspace)
    let wrong = try workspace.run(["validate", "intercom.jsonl", "--kind", "tickets", "--map", "body=nosuchcol"])
    #expect(wrong.status == 1)
    #expect(
      wrong.errors.contains(
        "intercom.jsonl has no key 'nosuchcol' in any record for --map body=nosuchcol; "
          + "keys seen: id, organization, created_at, text, source"), "\(wrong.errors)")

    let right = try workspace.run(["validate", "intercom.jsonl", "--kind", "tickets", "--map", "body=text"])
    #expect(right.status == 0, "\(right.errors)")
    #expect(right.output.contains("2 read, 2 accepted, 0 quarantined"), "\(right.output)")
    #expect(right.output.contains("body <- \"text\""), "\(right.output)")

    // A key that first appears on the second line is read there.
    try write(
      """
      {"id": 1, "organization": "A1", "created_at": "2024-10-01"}
      {"id": 2, "organization": "A2", "created_at": "2024-10-02", "Description": "Great support."}

      """, "later.jsonl", in: workspace)
    let later = try workspace.run(["validate", "later.jsonl", "--kind", "tickets", "--map", "body=Description"])
    #expect(later.status == 0, "\(later.errors)")
    #expect(later.output.contains("2 read, 1 accepted, 1 quarantined"), "\(later.output)")
  }

  @Test func runFailsOnANestedKeyBeforeAnyOutputIsPublished() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(Self.intercom, "tickets.jsonl", in: workspace)
    try write("account_id,name\nA1,Acme\nA2,Beta\n", "accounts.csv", in: workspace)
    let inputs = ["run", "--accounts", "accounts.csv", "--tickets", "tickets.jsonl", "--as-of", "2024-11-01"]
    let nested = try workspace.run(inputs + ["--map", "tickets.body=source.body", "--out", "o1", "--db", "h1.db"])
    #expect(nested.status == 1)
    #expect(
      nested.errors.contains("tickets.jsonl has no key 'source.body' in any record for --map tickets.body=source.body"),
      "\(nested.errors)")
    #expect(nested.errors.contains("not as a path into a nested object"), "\(nested.errors)")
    #expect(nested.errors.contains(#"jq -c '. + {"source.body": .source.body}' tickets.jsonl > tickets.flat.jsonl"#))
    #expect(!FileManager.default.fileExists(atPath: workspace.path("o1/report.md")))
    #expect(!FileManager.default.fileExists(atPath: workspace.path("h1.db")))

    let valid = try workspace.run(inputs + ["--map", "tickets.body=text", "--out", "o2", "--db", "h2.db"])
    #expect(valid.status == 0, "\(valid.errors)")
    #expect(FileManager.default.fileExists(atPath: workspace.path("o2/report.md")))
  }

  @Test func scoreRefusesATextColumnNoRecordHasAndWritesNothing() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let lines = (1...40).map { #"{"id": \#($0), "text": "The outage was bad."}"# }
    try write(lines.joined(separator: "\n") + "\n", "hubspot_conversations.jsonl", in: workspace)
    for format in ["jsonl", "csv"] {
      let run = try workspace.run(
        ["score", "hubspot_conversations.jsonl", "--text-column", "Nope", "--output-format", format])
      #expect(run.status == 1)
      #expect(run.output.isEmpty, "\(format): \(run.output.prefix(200))")
      #expect(
        run.errors.contains(
          "hubspot_conversations.jsonl has no key 'Nope' in any record (--text-column Nope); keys seen: id, text"),
        "\(run.errors)")
    }
    // Without --text-column and no key of a common text name: refused as a CSV without one is.
    try write(#"{"id": 1, "msg": "The outage was bad."}"# + "\n", "msg.jsonl", in: workspace)
    let unnamed = try workspace.run(["score", "msg.jsonl"])
    #expect(unnamed.status == 1)
    #expect(unnamed.output.isEmpty)
    #expect(unnamed.errors.contains("msg.jsonl has no text key in any record"), "\(unnamed.errors)")
    #expect(unnamed.errors.contains("keys seen: id, msg; name it with --text-column"), "\(unnamed.errors)")

    // An input longer than a batch has written its first batches: the error says they are unscored.
    let long = try workspace.run(["score", "hubspot_conversations.jsonl", "--text-column", "Nope", "--batch", "16"])
    #expect(long.status == 1)
    #expect(long.errors.contains("the 32 record(s) written before the input ended were scored without their text"))
  }

  /// The text key given twice with different values is quarantined by `score` as by `validate`
  /// and `run` (an audit's record was scored with the first value, as praise).
  @Test func scoreQuarantinesATextKeyGivenTwiceWithDifferentValues() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(
      #"{"id": 1, "description": "Great service", "description": "We will cancel"}"# + "\n"
        + #"{"id": 2, "description": "ok", "description": "ok"}"# + "\n", "dup.jsonl", in: workspace)
    let run = try workspace.run(["score", "dup.jsonl"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.split(separator: "\n").count == 1, "\(run.output)")
    #expect(
      run.errors.contains("conflicting_fields: key 'description' is given twice with different values"), "\(run.errors)"
    )
  }

  @Test func scoreReadsATextColumnFirstSeenOnALaterLine() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try write(
      #"{"id": 1}"# + "\n" + #"{"id": 2, "Note": "The outage was awful."}"# + "\n", "late.jsonl", in: workspace)
    let run = try workspace.run(["score", "late.jsonl", "--text-column", "Note"])
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.output.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.last?.contains(#""sentiment_label":"negative""#) == true, "\(run.output)")
    #expect(run.errors.contains("1 without text (text column 'Note')"), "\(run.errors)")
    // A record without text has no scores, as the run's scored files leave them (it read as a
    // neutral 0, counted downstream as an answer's sentiment: an outside audit).
    #expect(lines.first?.contains(#""sentiment_compound":null,"#) == true, "\(run.output)")
    #expect(lines.first?.contains(#""sentiment_label":null,"#) == true, "\(run.output)")

    // No record with a value: the summary says what was looked for, not "text column ''".
    try write(#"{"id": 1, "body": null}"# + "\n", "nulls.jsonl", in: workspace)
    let nulls = try workspace.run(["score", "nulls.jsonl"])
    #expect(nulls.status == 0, "\(nulls.errors)")
    #expect(!nulls.errors.contains("text column ''"), "\(nulls.errors)")
    #expect(nulls.errors.contains("no record had a value under a text key: body, comment"), "\(nulls.errors)")

    try write("id,comment\n1,\n2,Great support\n", "empty.csv", in: workspace)
    let csv = try workspace.run(["score", "empty.csv"])
    #expect(csv.output.split(separator: "\n").dropFirst().first == "1,,,,,,,,,,,,,,,,,,", "\(csv.output)")
  }
}
