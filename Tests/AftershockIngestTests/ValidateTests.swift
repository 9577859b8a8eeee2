import Testing

@testable import AftershockIngest

@Suite struct ValidateTests {
  @Test func directoryIsValidatedAccountsFirstWithUnknownAccountsFlagged() throws {
    let s = Scratch()
    s.write(
      "tickets.jsonl",
      """
      {"ticket_id":"T1","account_id":"A1","created_at":"2024-07-19","body":"down"}
      {"ticket_id":"T2","account_id":"NOPE","created_at":"2024-07-19","body":"down"}

      """)
    s.write("surveys.csv", "response_id,account_id,submitted_at,nps\nR1,A1,2024-07-22,3\nR2,A1,bad,3\n")
    s.write("accounts.csv", "account_id,arr\nA1,100\nA2,-1\n")
    s.write("notes.txt", "ignored")
    let reports = try Ingest.validate([s.directory])
    #expect(reports.map(\.summary.kind) == [.accounts, .tickets, .surveys])
    #expect(reports.map(\.summary.format) == [.csv, .jsonl, .csv])
    #expect(reports.map(\.summary.read) == [2, 2, 2])
    #expect(reports.map(\.summary.accepted) == [1, 1, 1])
    #expect(reports[0].examples[.outOfRange]?.first?.recordID == "A2")
    #expect(reports[1].examples[.unknownAccount]?.first?.line == 2)
    #expect(reports[2].examples[.invalidDate]?.first?.detail.contains("'bad' is not a date") == true)
  }

  @Test func examplesAreCappedPerReasonWhileCountsStayComplete() throws {
    let s = Scratch()
    var text = "ticket_id,account_id,created_at,body\n"
    for i in 0..<10 { text += "T\(i),A1,never,x\n" }
    let reports = try Ingest.validate([s.write("tickets.csv", text)], examplesPerReason: 3)
    #expect(reports[0].summary.quarantinedByReason == [.invalidDate: 10])
    #expect(reports[0].examples[.invalidDate]?.map(\.line) == [2, 3, 4])
  }

  @Test func filesAreDetectedByHeaderWhenTheNameSaysNothing() throws {
    let reports = try Ingest.validate([
      fixture("ingest-qualtrics-surveys.csv"), fixture("ingest-freshdesk-tickets.csv"),
    ])
    #expect(reports.map(\.summary.kind) == [.surveys, .tickets])
    #expect(reports[0].summary.headerRowsSkipped == 2)
  }

  @Test func directoryWithoutKnownInputsIsAnError() {
    let s = Scratch()
    s.write("readme.txt", "x")
    #expect(throws: IngestError.noKnownInputs(directory: s.directory, expected: Ingest.knownInputNames)) {
      _ = try Ingest.validate([s.directory])
    }
  }
}
