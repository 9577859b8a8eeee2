import Foundation
import Testing

@Suite struct ScoreCommandTests {
  @Test func csvGainsScoreColumnsAndFormulasAreNeutralised() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run(["score", CLIWorkspace.fixture("cli-tickets.csv")])
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
    let header = String(lines[0])
    #expect(header.hasPrefix("ticket_id,account_id,created_at,subject,body,sentiment_compound,"))
    for column in [
      "sentiment_label", "aspect_offer", "aspects", "churn_intent", "churn_intent_evidence", "competitor_mentioned",
      "other_language",
    ] {
      #expect(header.contains(column))
    }
    // T1 threatens to leave for a competitor; T3's body is a formula and must not run in a spreadsheet.
    let t1 = try #require(lines.first { $0.hasPrefix("T1,") })
    #expect(t1.contains(",negative,"))
    #expect(t1.hasSuffix(",true,false"), "a competitor named; read as English")
    #expect(t1.contains(",true,"))
    let t3 = try #require(lines.first { $0.hasPrefix("T3,") })
    #expect(t3.contains(#""'=HYPERLINK("#))
    // The ragged row is quarantined on stderr, counted, and not written.
    #expect(!run.output.contains("T4,"))
    #expect(run.errors.contains("ragged_row"))
    #expect(run.errors.contains("5 record(s) scored, 1 quarantined of 6 read"))
  }

  /// A scored file scored again keeps one set of score columns, this run's: the output is the same
  /// as scoring the original, in CSV and in JSON Lines, and the summary says what was replaced.
  /// `--competitors FILE` adds a company's competitors: a move to one is churn intent.
  @Test func competitorsOfYourOwnAreRead() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "# ours\nBastionware\n".write(toFile: workspace.path("ours.txt"), atomically: true, encoding: .utf8)
    let text = "We are moving to Bastionware at renewal."
    let plain = try workspace.run(["score", "--text", text])
    #expect(plain.status == 0 && plain.output.contains("churn intent: no"), "\(plain.output)")
    let ours = try workspace.run(["score", "--text", text, "--competitors", "ours.txt"])
    #expect(ours.status == 0, "\(ours.errors)")
    #expect(ours.output.contains("churn intent: yes, \"moving to Bastionware\""), "\(ours.output)")
    #expect(ours.output.contains("competitor mentioned: yes"), "\(ours.output)")
  }

  @Test(arguments: ["csv", "jsonl"])
  func scoringAScoredFileReplacesItsScores(format: String) throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let once = try workspace.run(["score", CLIWorkspace.fixture("cli-tickets.csv"), "--output-format", format])
    #expect(once.status == 0, "\(once.errors)")
    try once.output.write(toFile: workspace.path("scored.\(format)"), atomically: true, encoding: .utf8)
    let twice = try workspace.run(["score", "scored.\(format)"])
    #expect(twice.status == 0, "\(twice.errors)")
    #expect(twice.output == once.output, "no score column twice, and the same scores")
    #expect(twice.errors.contains("replaced the 17 score column(s) the input already had"), "\(twice.errors)")
  }

  /// A Qualtrics export names its questions by tag: its one text-entry question (ImportId
  /// `QID3_TEXT`) is the text `score` reads, as validate and run take it for the comment.
  @Test func aQualtricsExportIsScoredOnItsTextEntryQuestion() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try """
    ResponseId,RecordedDate,Q1,Q3
    Response ID,Recorded Date,How likely are you to recommend us?,Anything else?
    "{""ImportId"":""_recordId""}","{""ImportId"":""recordedDate""}","{""ImportId"":""QID1""}","{""ImportId"":""QID3_TEXT""}"
    R_1,2024-11-06 08:12:47,2,The outage was a disaster and the voucher is insulting

    """.write(toFile: workspace.path("survey.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["score", "survey.csv"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.errors.contains("(text column 'Q3')"), "\(run.errors)")
    #expect(run.output.contains(",negative,"), "\(run.output)")
    // A text-entry question whose column is named like a field (the account id asked for) is no text.
    try """
    ResponseId,RecordedDate,account_id
    Response ID,Recorded Date,Please enter your account ID
    "{""ImportId"":""_recordId""}","{""ImportId"":""recordedDate""}","{""ImportId"":""QID2_TEXT""}"
    R_1,2024-11-06 08:12:47,ACC-1

    """.write(toFile: workspace.path("ids.csv"), atomically: true, encoding: .utf8)
    let ids = try workspace.run(["score", "ids.csv"])
    #expect(ids.status == 1 && ids.errors.contains("has no text column"), "\(ids.errors)")
  }

  @Test func jsonLinesFromStandardInputStayJSONLines() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let input = try Data(contentsOf: URL(fileURLWithPath: CLIWorkspace.fixture("cli-surveys.jsonl")))
    let run = try workspace.run(["score", "-", "--format", "jsonl"], input: input)
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.output.split(separator: "\n")
    #expect(lines.count == 3)
    let objects = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.map { $0["response_id"] as? String } == ["S1", "S2", "S4"])
    #expect(objects[0]["churn_intent"] as? Bool == true)
    #expect(objects[0]["nps"] as? Int == 2)
    #expect(objects[1]["comment"] as? String == #"Great recovery, "really" impressed by the team."#)
    #expect((objects[1]["sentiment_compound"] as? Double ?? 0) > 0.05)
    #expect(objects[1]["aspect_offer"] is NSNull)
    #expect(run.errors.contains("-:3: malformed_json"))
  }

  /// An API export's nested members (Zendesk's via, tags, custom_fields) come back as they were,
  /// as JSON in JSON Lines and as JSON text in a CSV cell; they are never taken for the text.
  @Test func nestedMembersPassThroughUntouched() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let line =
      #"{"id":1,"via":{"channel":"email","source":{"from":{}}},"tags":["outage","vip"],"description":"The outage was terrible"}"#
    let jsonl = try workspace.run(["score", "-", "--format", "jsonl"], input: Data((line + "\n").utf8))
    #expect(jsonl.status == 0, "\(jsonl.errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(jsonl.output.utf8)) as? [String: Any])
    #expect((object["via"] as? [String: Any])?["channel"] as? String == "email")
    #expect(object["tags"] as? [String] == ["outage", "vip"])
    #expect(object["sentiment_label"] as? String == "negative")
    #expect(jsonl.errors.contains("text column 'description'"))
    let csv = try workspace.run(
      ["score", "-", "--format", "jsonl", "--output-format", "csv"], input: Data((line + "\n").utf8))
    #expect(
      csv.output.contains(
        #"1,"{""channel"":""email"",""source"":{""from"":{}}}","[""outage"",""vip""]",The outage was terrible,"#))
  }

  /// A text that is a JSON array or object is no text: `score` quarantines the record as `validate`
  /// and `run` do (`nested_value`) rather than score it neutral, and streams the others.
  @Test func aTextThatIsAnArrayOrAnObjectIsQuarantinedAsValidateDoes() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let lines = [
      #"{"ticket_id":"T1","account_id":"A1","created_at":"2024-08-01","body":["terrible","awful outage, we are cancelling"]}"#,
      #"{"ticket_id":"T2","account_id":"A1","created_at":"2024-08-01","body":{"text":"terrible awful outage"}}"#,
      #"{"ticket_id":"T3","account_id":"A1","created_at":"2024-08-01","body":"The outage was terrible"}"#,
    ]
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: workspace.path("tickets.jsonl"), atomically: true, encoding: .utf8)
    let validate = try workspace.run(["validate", "tickets.jsonl"])
    #expect(validate.output.contains("nested_value: 2"), "\(validate.output)")

    let run = try workspace.run(["score", "tickets.jsonl"])
    #expect(run.status == 0, "\(run.errors)")
    let written = run.output.split(separator: "\n")
    #expect(written.count == 1)
    #expect(written.first?.hasPrefix(#"{"ticket_id":"T3""#) == true)
    #expect(written.first?.contains(#""sentiment_label":"negative""#) == true)
    #expect(run.errors.contains("quarantined tickets.jsonl:1: nested_value: member 'body' (the text) holds an array"))
    #expect(run.errors.contains("quarantined tickets.jsonl:2: nested_value: member 'body' (the text) holds an object"))
    #expect(run.errors.contains("1 record(s) scored, 2 quarantined of 3 read"), "\(run.errors)")

    let strict = try workspace.run(["score", "tickets.jsonl", "--max-bad", "0.5"])
    #expect(strict.status == 1, "two thirds quarantined is more than --max-bad")
  }

  /// A spreadsheet's `;`-separated export, which `validate` and `run` read, is scored too.
  @Test func aSemicolonSeparatedCSVIsScoredAsValidateReadsIt() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let csv = "ticket_id;account_id;created_at;body\nT1;ACC-000001;2024-08-01T00:00:00Z;terrible awful outage\n"
    try csv.write(toFile: workspace.path("tickets.csv"), atomically: true, encoding: .utf8)
    let validate = try workspace.run(["validate", "tickets.csv"])
    #expect(validate.status == 0 && validate.output.contains("1 read, 1 accepted"), "\(validate.output)")
    let run = try workspace.run(["score", "tickets.csv"])
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.output.split(separator: "\n")
    #expect(lines.first?.hasPrefix("ticket_id,account_id,created_at,body,sentiment_compound,") == true)
    #expect(lines.dropFirst().first?.hasPrefix("T1,ACC-000001,2024-08-01T00:00:00Z,terrible awful outage,-") == true)
    #expect(run.errors.contains("text column 'body'"))
  }

  /// Two exports joined one after another repeat the header: that row is skipped, as validate
  /// and run skip it, not scored as a ticket whose text is "body" (an outside audit).
  @Test func aRepeatedHeaderRowIsSkippedNotScored() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let csv = "id,body\n1,fine\n2,ok\n3,good\nid,body\n4,awful outage\n"
    try csv.write(toFile: workspace.path("joined.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["score", "joined.csv"])
    #expect(run.status == 0, "\(run.errors)")
    let ids = run.output.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
    #expect(ids == ["1", "2", "3", "4"], "\(run.output)")
    #expect(run.errors.contains("4 record(s) scored, 0 quarantined of 4 read"), "\(run.errors)")
    #expect(run.errors.contains("skipped 1 row(s) repeating the header"), "\(run.errors)")
  }

  /// A user's own column named like a score (a reader's gold `sentiment_label`) is data: kept as
  /// `sentiment_label_input` unless the input is an earlier output of score (every score column),
  /// whose old scores, the model's among them, are all replaced (an outside audit).
  @Test func aUsersColumnNamedLikeAScoreIsKeptAndOldScoresAreReplacedWhole() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "id,body,sentiment_label\n1,Support was great,negative\n".write(
      toFile: workspace.path("gold.csv"), atomically: true, encoding: .utf8)
    let gold = try workspace.run(["score", "gold.csv"])
    #expect(gold.status == 0, "\(gold.errors)")
    let header = gold.output.split(separator: "\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
    #expect(header.prefix(3) == ["id", "body", "sentiment_label_input"], "\(header)")
    #expect(header.filter { $0 == "sentiment_label" }.count == 1)
    #expect(gold.output.split(separator: "\n").dropFirst().first?.hasPrefix("1,Support was great,negative,") == true)
    #expect(gold.errors.contains("kept the input's 'sentiment_label' as <name>_input"), "\(gold.errors)")
    try #"{"id": 1, "body": "Support was great", "aspects": "support+"}"#.write(
      toFile: workspace.path("gold.jsonl"), atomically: true, encoding: .utf8)
    let json = try workspace.run(["score", "gold.jsonl"])
    #expect(json.output.hasPrefix(#"{"id":1,"body":"Support was great","aspects_input":"support+","#), "\(json.output)")

    // An earlier output scored again, with the model's columns of a run that had a model: they
    // go too, not kept beside the new rule scores.
    let once = try workspace.run(["score", "gold.csv"])
    let rescoredInput = once.output.replacingOccurrences(
      of: "other_language\n", with: "other_language,sentiment_model_label\n"
    )
    .replacingOccurrences(of: ",false\n", with: ",false,positive\n")
    try rescoredInput.write(toFile: workspace.path("scored.csv"), atomically: true, encoding: .utf8)
    let again = try workspace.run(["score", "scored.csv"])
    #expect(again.status == 0, "\(again.errors)")
    #expect(!again.output.contains("sentiment_model_label"), "\(again.output)")
    #expect(again.errors.contains("replaced the"), "\(again.errors)")
  }

  /// A text with nothing to read (blank, markup only, punctuation) has blank scores, as an empty
  /// one has, and counts as without text; a HubSpot export's "Ticket description" is found as
  /// validate and run find it.
  @Test func aTextWithNothingToReadHasBlankScores() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "Ticket ID,Ticket description\n1,<p></p>\n2,-\n3,Awful outage\n".write(
      toFile: workspace.path("hubspot.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["score", "hubspot.csv"])
    #expect(run.status == 0, "\(run.errors)")
    let rows = run.output.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
    #expect(rows.first?.hasPrefix("1,<p></p>,,,,,,") == true, "\(run.output)")
    #expect(
      rows.dropFirst().first?.hasPrefix("2,'-,,,,,,") == true || rows.dropFirst().first?.hasPrefix("2,-,,,,,,") == true,
      "\(run.output)")
    #expect(rows.dropFirst(2).first?.hasPrefix("3,Awful outage,-") == true, "\(run.output)")
    #expect(run.errors.contains("2 without text (text column 'Ticket description')"), "\(run.errors)")
  }

  /// Two columns of the text's name are refused, as validate refuses them, unless --text-column
  /// names one exactly; JSON Lines written from a CSV with a repeated or empty column name gets
  /// unique keys (a JSON parser keeps one of two equal keys).
  @Test func duplicateColumnNamesAreNotReadAtRandom() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "id,Body,body\n1,first,awful outage\n".write(
      toFile: workspace.path("dup.csv"), atomically: true, encoding: .utf8)
    let refused = try workspace.run(["score", "dup.csv"])
    #expect(refused.status == 1, "\(refused.errors)")
    #expect(refused.errors.contains("'Body' (column 2), 'body' (column 3)"), "\(refused.errors)")
    let picked = try workspace.run(["score", "dup.csv", "--text-column", "body"])
    #expect(picked.status == 0, "\(picked.errors)")
    #expect(picked.output.split(separator: "\n").dropFirst().first?.hasPrefix("1,first,awful outage,-") == true)

    try "id,Status,body,Status,\n1,open,fine,closed,\n".write(
      toFile: workspace.path("status.csv"), atomically: true, encoding: .utf8)
    let json = try workspace.run(["score", "status.csv", "--output-format", "jsonl"])
    #expect(json.status == 0, "\(json.errors)")
    #expect(
      json.output.hasPrefix(#"{"id":"1","Status":"open","body":"fine","Status_2":"closed","column_5":"","#),
      "\(json.output)")
    #expect(json.errors.contains("wrote column(s) 'Status' as 'Status_2', '' as 'column_5'"), "\(json.errors)")
  }

  /// Every record quarantined: nothing scored is a failure (exit 1), whatever --max-bad allows;
  /// invalid UTF-8 comes with the iconv line, once.
  @Test func nothingScoredExitsOneAndInvalidUTF8GetsItsHint() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let bytes = Array("id,body\n1,caf".utf8) + [0xE9] + Array("\n2,na".utf8) + [0xEF] + Array("ve\n".utf8)
    _ = FileManager.default.createFile(atPath: workspace.path("latin1.csv"), contents: Data(bytes))
    let run = try workspace.run(["score", "latin1.csv"])
    #expect(run.status == 1, "\(run.errors)")
    #expect(run.errors.contains("no record was scored: all 2 were quarantined"), "\(run.errors)")
    #expect(run.errors.components(separatedBy: "iconv -f WINDOWS-1252").count == 2, "\(run.errors)")
  }

  /// `score` is a pipe's filter (the map step of Hadoop Streaming): what comes down a pipe is
  /// sniffed as a file is, in the reader's buffer, so a `;` CSV and JSON Lines need no --format.
  @Test func aSemicolonCSVOrJSONLinesOnAPipeIsReadAsTheSameFileWouldBe() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let csv = "ticket_id;account_id;created_at;body\nT1;ACC-000001;2024-08-01T00:00:00Z;terrible awful outage\n"
    let fromCSV = try workspace.run(["score", "-"], input: Data(csv.utf8))
    #expect(fromCSV.status == 0, "\(fromCSV.errors)")
    #expect(
      fromCSV.output.split(separator: "\n").dropFirst().first?.hasPrefix(
        "T1,ACC-000001,2024-08-01T00:00:00Z,terrible awful outage,-") == true)

    let jsonl =
      #"{"ticket_id":"T1","account_id":"ACC-000001","created_at":"2024-08-01T00:00:00Z","body":"great support"}"# + "\n"
    let fromJSON = try workspace.run(["score", "-"], input: Data(jsonl.utf8))
    #expect(fromJSON.status == 0, "\(fromJSON.errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(fromJSON.output.utf8)) as? [String: Any])
    #expect(object["ticket_id"] as? String == "T1")
    #expect(object["sentiment_label"] as? String == "positive")
  }

  @Test func oneTextIsExplainedSentenceBySentence() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "score", "--text", "The outage cost us a full day. A $10 voucher is an insult. We are cancelling our contract.",
    ])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.hasPrefix("sentiment: negative, compound -"))
    #expect(run.output.contains("sentences:\n  1. "))
    #expect(run.output.contains("  3. "))
    #expect(run.output.contains("offer "))
    #expect(run.output.contains("churn intent: yes"))
    #expect(!run.output.contains("another language"))
  }

  /// A text in another language is scored, and the explanation says its scores say little.
  @Test func oneTextInAnotherLanguageSaysSo() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run(["score", "--text", "Nous allons résilier notre contrat, la panne était inacceptable."])
    #expect(run.status == 0, "\(run.errors)")
    #expect(
      run.output.contains("note: this reads as written in another language than English (1 of its first 8 lower-case"),
      "\(run.output)")
  }

  @Test func missingTextColumnExitsOneNamingIt() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run(["score", CLIWorkspace.fixture("cli-tickets.csv"), "--text-column", "description"])
    #expect(run.status == 1)
    #expect(run.errors.contains("no column 'description'"))
  }

  @Test func badUsageExitsTwoWithAHint() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run(["score", "--output-format", "xml"])
    #expect(run.status == 2)
    #expect(run.errors.contains("please provide one of 'csv' or 'jsonl'"))
    #expect(run.errors.contains("hint: see 'aftershock score --help'"))
  }

  @Test func outputDoesNotDependOnBatchesOrThreads() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    for fixture in ["cli-tickets.csv", "cli-surveys.jsonl"] {
      let sequential = try workspace.run(["score", CLIWorkspace.fixture(fixture), "--jobs", "1"])
      let overlapped = try workspace.run(["score", CLIWorkspace.fixture(fixture), "--jobs", "3", "--batch", "1"])
      #expect(sequential.status == 0 && overlapped.status == 0)
      #expect(!sequential.output.isEmpty)
      #expect(sequential.output == overlapped.output, "\(fixture)")
    }
  }

  @Test func pipedIntoHeadItStopsQuietly() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    // About 1 MB of output, far more than a pipe holds, so the writer meets the closed pipe.
    var csv = "ticket_id,account_id,created_at,body\n"
    for row in 0..<4000 {
      csv += "T\(row),A\(row % 50),2024-07-20,\"The outage was bad, but support was helpful and the credit is fair.\"\n"
    }
    try csv.write(toFile: workspace.path("big.csv"), atomically: true, encoding: .utf8)
    let script = "'\(CLIWorkspace.binary.path)' score big.csv 2>err.txt | head -n 1 >/dev/null; echo ${PIPESTATUS[0]}"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = workspace.directory
    var environment = ProcessInfo.processInfo.environment
    environment["AFTERSHOCK_DATA"] = CLIWorkspace.repositoryRoot.appendingPathComponent("Data").path
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let status = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    let errors = try String(contentsOfFile: workspace.path("err.txt"), encoding: .utf8)
    #expect(!errors.contains("error"), "\(errors)")
  }

  /// `{"body": true}` is no text: `score`, `validate` and `run` all quarantine it as `not_text`
  /// instead of scoring the word "true" as positive.
  @Test func aBooleanTextIsQuarantinedByScoreValidateAndRunAlike() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try """
    {"ticket_id":"T1","account_id":"A1","created_at":"2024-10-01T09:00:00Z","body":true}
    {"ticket_id":"T2","account_id":"A1","created_at":"2024-10-02T09:00:00Z","body":"Thanks for the quick fix."}
    {"ticket_id":"T3","account_id":"A1","created_at":"2024-10-03T09:00:00Z","body":12345}

    """.write(toFile: workspace.path("tickets.jsonl"), atomically: true, encoding: .utf8)
    let score = try workspace.run(["score", "tickets.jsonl"])
    #expect(score.status == 0, "\(score.errors)")
    #expect(score.output.split(separator: "\n").map { $0.contains(#""ticket_id":"T1""#) } == [false, false])
    #expect(
      score.errors.contains(
        "quarantined tickets.jsonl:1: not_text: member 'body' (the text) holds the JSON boolean true, not text"),
      "\(score.errors)")
    let validate = try workspace.run(["validate", "tickets.jsonl"])
    #expect(validate.output.contains("not_text: 1"), "\(validate.output)")
    #expect(
      validate.output.contains("line 1 (T1): member 'body' (field body) holds the JSON boolean true"),
      "\(validate.output)")
    try "account_id,name\nA1,Acme\n".write(toFile: workspace.path("accounts.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(
      ["run", "--accounts", "accounts.csv", "--tickets", "tickets.jsonl", "--out", "out", "--max-bad", "0.5"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("tickets: 3 read, 2 accepted, 1 quarantined"), "\(run.output)")
    let quarantine = try String(contentsOfFile: workspace.path("out/quarantine.csv"), encoding: .utf8)
    #expect(quarantine.contains("tickets.jsonl,1,T1,not_text,"), "\(quarantine)")
  }

  /// CSV given `--format jsonl` is refused naming the format to give, as JSON Lines given
  /// `--format csv` is: exit 1, nothing written, instead of every line quarantined and exit 0.
  @Test func aFormatThatDoesNotMatchTheBytesIsRefusedBothWaysRound() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "id,body\n1,good\n2,bad\n".write(toFile: workspace.path("t.csv"), atomically: true, encoding: .utf8)
    try #"{"id":"1","body":"good"}"#.write(toFile: workspace.path("t.jsonl"), atomically: true, encoding: .utf8)
    let csvAsJSON = try workspace.run(["score", "t.csv", "--format", "jsonl"])
    #expect(csvAsJSON.status == 1)
    #expect(csvAsJSON.output.isEmpty)
    #expect(
      csvAsJSON.errors.contains(
        "aftershock score: error: t.csv looks like CSV but was read as JSON Lines; give --format csv"),
      "\(csvAsJSON.errors)")
    let jsonAsCSV = try workspace.run(["score", "t.jsonl", "--format", "csv"])
    #expect(jsonAsCSV.status == 1)
    #expect(
      jsonAsCSV.errors.contains("t.jsonl looks like JSON Lines but was read as CSV; give --format jsonl"),
      "\(jsonAsCSV.errors)")
    let piped = try workspace.run(["score", "-", "--format", "jsonl"], input: Data("id,body\n1,good\n".utf8))
    #expect(piped.status == 1)
    #expect(piped.errors.contains("- looks like CSV but was read as JSON Lines; give --format csv"), "\(piped.errors)")
    let validate = try workspace.run(["validate", "t.csv", "--format", "jsonl"])
    #expect(validate.status == 1)
    #expect(validate.errors.contains("t.csv looks like CSV but was read as JSON Lines"), "\(validate.errors)")
  }
}
