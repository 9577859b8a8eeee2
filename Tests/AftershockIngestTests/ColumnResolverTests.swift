import Testing

@testable import AftershockIngest

@Suite struct ColumnResolverTests {
  @Test func zendeskExportMapsByAlias() throws {
    let (tickets, quarantine, summary) = try readTickets(fixture("ingest-zendesk-tickets.csv"))
    #expect(quarantine.isEmpty)
    #expect(summary.read == 2)
    let columns = Dictionary(uniqueKeysWithValues: summary.columns.map { ($0.field, $0.column) })
    #expect(columns["ticket_id"] == "Id")
    #expect(columns["account_id"] == "Organization")
    #expect(columns["created_at"] == "Created at")
    #expect(columns["body"] == "Description")
    #expect(columns["channel"] == "Via")
    #expect(tickets.map(\.ticketID) == ["4101", "4102"])
    #expect(tickets[1].accountID == "GLOBEX-7")
    #expect(tickets[1].subject == "Re: your $10 \"apology\"")
    #expect(tickets[1].body == "A $10 voucher?\nThat is insulting after losing a full day.")
    #expect(tickets[1].createdAt.description == "2024-07-24T14:03:00Z")
    #expect(tickets[0].channel == "Web form")
    #expect(tickets[0].priority == "Urgent")
    #expect(tickets[0].status == "Solved")
  }

  @Test func freshdeskExportMapsByAlias() throws {
    let (tickets, quarantine, summary) = try readTickets(fixture("ingest-freshdesk-tickets.csv"))
    #expect(quarantine.isEmpty)
    let columns = Dictionary(uniqueKeysWithValues: summary.columns.map { ($0.field, $0.column) })
    #expect(columns["ticket_id"] == "Ticket ID")
    #expect(columns["account_id"] == "Company Name")
    #expect(columns["created_at"] == "Created time")
    #expect(columns["channel"] == "Source")
    #expect(tickets.map(\.accountID) == ["INITECH-3", "ACME-001"])
    #expect(tickets[0].createdAt.description == "2024-07-19T08:01:10Z")
  }

  @Test func qualtricsExportSkipsItsTwoExtraHeaderRows() throws {
    let (responses, quarantine, summary) = try readSurveys(fixture("ingest-qualtrics-surveys.csv"))
    #expect(quarantine.isEmpty)
    #expect(summary.headerRowsSkipped == 2)
    #expect(summary.read == 2)
    let columns = Dictionary(uniqueKeysWithValues: summary.columns.map { ($0.field, $0.column) })
    #expect(columns["response_id"] == "ResponseId")
    #expect(columns["account_id"] == "ExternalReference")
    #expect(columns["submitted_at"] == "RecordedDate")
    #expect(columns["nps"] == "Q_NPS")
    #expect(columns["csat"] == "Q_CSAT")
    #expect(columns["comment"] == "Q_Comment")
    #expect(responses.map(\.nps) == [2, 9])
    #expect(responses.map(\.csat) == [1, 5])
    #expect(responses[0].comment == "The voucher felt like a joke, honestly.")
    #expect(responses[0].submittedAt.description == "2024-07-22T09:14:03Z")
  }

  @Test func columnNamesMatchIgnoringCaseSpacesDashesAndUnderscores() throws {
    let s = Scratch()
    let path = s.write("t.csv", " TICKET-ID ,Account Id,CREATED_AT,Body\nT1,A1,2024-07-19,hello\n")
    let (tickets, _, _) = try readTickets(path)
    #expect(tickets.map(\.ticketID) == ["T1"])
  }

  @Test func mapOverridesWinOverAliases() throws {
    let s = Scratch()
    let path = s.write(
      "t.csv", "id,org,opened,description,Customer Notes\nT1,A1,2024-07-19,alias text,override text\n")
    let overrides = try IngestOptions.parseOverrides(["account_id=org", "created_at=opened", "body=Customer Notes"])
    let (tickets, _, summary) = try readTickets(path, options: IngestOptions(overrides: overrides))
    #expect(tickets.first?.body == "override text")
    #expect(tickets.first?.accountID == "A1")
    #expect(summary.columns.contains(InputSummary.ColumnUse(field: "body", column: "Customer Notes")))
  }

  @Test func mapOverrideOnAMissingColumnIsAClearError() throws {
    let s = Scratch()
    let path = s.write("t.csv", "ticket_id,account_id,created_at,body\n")
    let options = IngestOptions(overrides: ["body": "Notes"])
    #expect(
      throws: IngestError.mappedColumnNotFound(
        file: path, field: "body", column: "Notes", columnsSeen: ["ticket_id", "account_id", "created_at", "body"])
    ) {
      _ = try readTickets(path, options: options)
    }
  }

  @Test func malformedOverridesAreRejected() {
    #expect(throws: IngestError.self) { _ = try IngestOptions.parseOverrides(["body"]) }
    #expect(throws: IngestError.self) { _ = try IngestOptions.parseOverrides(["=x"]) }
    let s = Scratch()
    let path = s.write("t.csv", "ticket_id,account_id,created_at,body\n")
    #expect(throws: IngestError.self) { _ = try readTickets(path, options: IngestOptions(overrides: ["bodyy": "x"])) }
  }

  @Test func missingRequiredColumnNamesFileFieldColumnsAndAliases() throws {
    let s = Scratch()
    let path = s.write("tickets.csv", "ticket_id,account_id,notes\nT1,A1,hi\n")
    do {
      _ = try readTickets(path)
      Issue.record("expected missing columns")
    } catch let error as IngestError {
      guard case .missingColumns(let file, let kind, let missing, let seen) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(file == path)
      #expect(kind == .tickets)
      #expect(missing.map(\.field) == ["created_at", "body"])
      #expect(missing[1].aliasesTried.contains("description"))
      #expect(seen == ["ticket_id", "account_id", "notes"])
      let text = error.description
      #expect(text.contains(path))
      #expect(text.contains("'created_at' (tried createdat, created,"))
      #expect(text.contains("columns seen: ticket_id, account_id, notes"))
      #expect(text.contains("--map"))
    }
  }

  @Test func recordKindIsDetectedFromNameThenHeaders() throws {
    let s = Scratch()
    #expect(try Ingest.detectKind(of: s.write("x.csv", "Ticket ID,Company,Created time,Description\n")) == .tickets)
    #expect(try Ingest.detectKind(of: s.write("y.csv", "ResponseId,ExternalReference,RecordedDate,NPS\n")) == .surveys)
    #expect(try Ingest.detectKind(of: s.write("z.csv", "account_id,arr,segment\n")) == .accounts)
    #expect(
      try Ingest.detectKind(
        of: s.write("z.jsonl", #"{"ticket_id":"1","account_id":"a","created_at":"2024-01-01","body":"x"}"#)) == .tickets
    )
    // An export that lacks a required column is still its kind, so the reader can say what is
    // missing (a ticket file without created_at is not a clean accounts file).
    #expect(ColumnResolver.detectKind(fileName: "export.csv", header: ["ticket_id", "account_id", "body"]) == .tickets)
    #expect(
      ColumnResolver.detectKind(fileName: "export.csv", header: ["response_id", "account_id", "nps"]) == .surveys)
    #expect(ColumnResolver.detectKind(fileName: "export.csv", header: ["account_id", "comment"]) == .tickets)
    #expect(ColumnResolver.detectKind(fileName: "export.csv", header: ["account_id", "notes"]) == .accounts)
    #expect(
      ColumnResolver.detectKind(fileName: "export.csv", header: ["account_id", "name", "arr", "status"]) == .accounts)
    #expect(ColumnResolver.detectKind(fileName: "x/my_tickets.csv", header: ["a", "b"]) == .tickets)
    #expect(ColumnResolver.detectKind(fileName: "nps_export.csv", header: []) == .surveys)
    let unknown = s.write("w.csv", "foo,bar\n")
    #expect(throws: IngestError.unknownRecordKind(file: unknown, columnsSeen: ["foo", "bar"])) {
      _ = try Ingest.detectKind(of: unknown)
    }
  }

  // MARK: - Two columns of one name

  /// `ticket_id,account_id,created_at,body,body`: the text sat in the second `body`, which was
  /// ignored, and the ticket was quarantined as "body is empty". Now neither is guessed.
  @Test func twoColumnsOfOneNameAreAnErrorNamingBothPositions() throws {
    let s = Scratch()
    let tickets = s.write(
      "tickets.csv", "ticket_id,account_id,created_at,body,body\nT1,A1,2024-08-01,,We are cancelling\n")
    let error = IngestError.duplicateColumn(
      file: tickets, columns: ["body", "body"], positions: [4, 5], field: "body")
    #expect(throws: error) { _ = try readTickets(tickets) }
    #expect(
      error.description
        == "\(tickets) has two columns named 'body' (columns 4 and 5), each of them read as body, so which one holds its values is not known: rename or remove all but one of them"
    )
    // An optional field too (the second `arr` held the real figure), and names equal up to case and punctuation.
    let accounts = s.write("accounts.csv", "account_id,ARR,name,arr__c\nA1,100,Acme,999999\n")
    let differing = IngestError.duplicateColumn(
      file: accounts, columns: ["ARR", "arr__c"], positions: [2, 4], field: "arr")
    #expect(throws: differing) { _ = try readAccounts(accounts) }
    #expect(
      differing.description.hasSuffix("pick one with --map arr=COLUMN (its exact name), or rename or remove the others")
    )
  }

  @Test func aMapNamingOneOfTwoColumnsByItsExactNamePicksIt() throws {
    let s = Scratch()
    let path = s.write("accounts.csv", "account_id,ARR,name,arr__c\nA1,100,Acme,999999\n")
    let (accounts, quarantine, _) = try readAccounts(path, options: IngestOptions(overrides: ["arr": "arr__c"]))
    #expect(quarantine.isEmpty)
    #expect(accounts.map(\.arr) == [999_999])
  }

  @Test func twoColumnsOfOneNameThatNoFieldReadsAreLeftAlone() throws {
    let s = Scratch()
    let path = s.write("tickets.csv", "ticket_id,account_id,created_at,body,notes,notes\nT1,A1,2024-08-01,hello,x,y\n")
    let (tickets, quarantine, _) = try readTickets(path)
    #expect(quarantine.isEmpty)
    #expect(tickets.map(\.body) == ["hello"])
  }
}
