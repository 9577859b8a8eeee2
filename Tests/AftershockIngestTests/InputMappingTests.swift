import Foundation
import Testing

@testable import AftershockIngest

/// `--map` across several inputs, the kind `validate` gives an input, and inputs refused as a whole
/// for their format (a JSON array; JSON Lines read as CSV).
@Suite struct InputMappingTests {
  static let accounts = "account_id,name\nA1,Acme\nA2,Beta\n"
  static let tickets =
    "Ticket ID,Org Ref,Created at,Customer Notes\nT1,A1,2024-07-19,the outage hurt\nT2,A2,2024-07-20,fine now\n"

  /// Parsed as the CLI parses `--map`: unscoped ones shared, `kind.` ones scoped.
  func options(_ specs: [String]) throws -> IngestOptions {
    var options = IngestOptions()
    options.setMappings(try IngestOptions.parseMappings(specs))
    return options
  }

  @Test func anUnscopedMapAppliesToTheInputsThatHaveItsFieldAndColumn() throws {
    let s = Scratch()
    let a = s.write("accounts.csv", Self.accounts)
    let t = s.write("export.csv", Self.tickets)
    let reports = try Ingest.validate([a, t], options: options(["account_id=Org Ref", "body=Customer Notes"]))
    #expect(reports.map(\.summary.kind) == [.accounts, .tickets])
    #expect(reports.map(\.summary.accepted) == [2, 2])
    #expect(reports[1].summary.columns.contains(InputSummary.ColumnUse(field: "account_id", column: "Org Ref")))
    #expect(reports[1].summary.columns.contains(InputSummary.ColumnUse(field: "body", column: "Customer Notes")))
    // The accounts input, which has neither column, reads its own account_id.
    #expect(reports[0].summary.columns.contains(InputSummary.ColumnUse(field: "account_id", column: "account_id")))

    // The same check `run` makes before reading: where each map applies.
    let uses = try Ingest.checkMappings(
      [(a, .accounts), (t, .tickets)], options: options(["account_id=Org Ref", "body=Customer Notes"]))
    #expect(
      uses == [
        Ingest.MappingUse(mapping: "account_id=Org Ref", inputs: [t]),
        Ingest.MappingUse(mapping: "body=Customer Notes", inputs: [t]),
      ])
  }

  @Test func aMapThatAppliesToNoInputIsAnErrorNamingTheInputsAndColumns() throws {
    let s = Scratch()
    let a = s.write("accounts.csv", Self.accounts)
    let t = s.write("export.csv", Self.tickets)
    do {
      _ = try Ingest.validate([a, t], options: options(["account_id=Org Ref", "body=Customer Note"]))
      Issue.record("a misspelt column was accepted")
    } catch let error as IngestError {
      guard case .unusedMapping(let mapping, let reason) = error else { throw error }
      #expect(mapping == "body=Customer Note")
      #expect(reason.contains("no tickets input has a column 'Customer Note'"), "\(reason)")
      #expect(reason.contains("\(t) (tickets; columns Ticket ID, Org Ref, Created at, Customer Notes)"), "\(reason)")
    }
    // A scoped map needs an input of its kind.
    #expect(throws: IngestError.self) { _ = try Ingest.validate([a, t], options: options(["surveys.nps=Score"])) }
    // A field of no kind is refused when parsed.
    #expect(throws: IngestError.self) { _ = try IngestOptions.parseMappings(["bodyy=x"]) }
    #expect(throws: IngestError.self) { _ = try IngestOptions.parseMappings(["accounts.body=x"]) }
    #expect(throws: IngestError.self) { _ = try IngestOptions.parseMappings(["ticket.body=x"]) }
  }

  /// Two columns for one field is refused, naming the field and both columns, instead of the last one winning.
  @Test func aFieldMappedTwiceIsRefusedNamingBothColumns() throws {
    #expect(throws: IngestError.conflictingOverrides(field: "body", columns: ["subject", "channel"])) {
      _ = try IngestOptions.parseMappings(["body=subject", "Body=channel"])
    }
    #expect(
      IngestError.conflictingOverrides(field: "tickets.body", columns: ["subject", "channel"]).description
        == "--map gives field 'tickets.body' more than once (tickets.body=subject, tickets.body=channel); give one column per field"
    )
    #expect(throws: IngestError.self) {
      _ = try IngestOptions.parseMappings(["tickets.body=subject", "tickets.body=channel"])
    }
    // One field in two scopes is two fields: the scoped map is for that kind's input only.
    #expect(try IngestOptions.parseMappings(["body=subject", "tickets.body=channel"]).count == 2)
  }

  @Test func aScopedMapAppliesToItsKindOnlyAndMustMatchThere() throws {
    let s = Scratch()
    // The accounts input has an "Org Ref" column too: unscoped, the map would read accounts' ids from it.
    let a = s.write("accounts.csv", "account_id,Org Ref\nA1,x\nA2,y\n")
    let t = s.write("export.csv", Self.tickets)
    let reports = try Ingest.validate(
      [a, t], options: options(["tickets.account_id=Org Ref", "tickets.body=Customer Notes"]))
    #expect(reports.map(\.summary.accepted) == [2, 2])
    #expect(reports[0].summary.columns.contains(InputSummary.ColumnUse(field: "account_id", column: "account_id")))
    #expect(throws: IngestError.self) {
      _ = try Ingest.validate(
        [a, t], options: options(["tickets.account_id=Org Reff", "tickets.body=Customer Notes"]))
    }
  }

  @Test func aSingleFileKeepsEveryMapStrict() throws {
    let s = Scratch()
    let t = s.write("tickets.csv", Self.tickets)
    #expect(
      throws: IngestError.mappedColumnNotFound(
        file: t, field: "body", column: "Notes", columnsSeen: ["Ticket ID", "Org Ref", "Created at", "Customer Notes"])
    ) {
      _ = try Ingest.validate([t], options: options(["account_id=Org Ref", "body=Notes"]))
    }
    let reports = try Ingest.validate([t], options: options(["account_id=Org Ref", "body=Customer Notes"]))
    #expect(reports.first?.summary.accepted == 2)
  }

  @Test func aHeaderThatFitsAnotherKindWinsOverAWordOfTheName() throws {
    let s = Scratch()
    let qualtrics = s.write(
      "Customer Feedback Q4_November 14, 2024.csv",
      "ResponseId,ExternalReference,RecordedDate,NPS,Comments\nR_1,A1,2024-11-14 09:00:00,9,great\n")
    let health = s.write(
      "account_health_check.csv", "response_id,account_id,submitted_at,nps,csat\nR_1,A1,2024-11-06T08:12:47Z,5,4\n")
    for path in [qualtrics, health] {
      let report = try #require(try Ingest.validate([path]).first)
      #expect(report.summary.kind == .surveys, "\(path)")
      #expect(report.kindRule == .columns)
      #expect(report.summary.accepted == 1)
    }
    // A folder's own name decides, as for `run --data`; a name whose kind the header fits decides too.
    #expect(
      ColumnResolver.decideKind(fileName: "x/accounts.csv", header: ["response_id", "account_id", "submitted_at"])! == (
        .accounts, .name
      ))
    #expect(
      ColumnResolver.decideKind(fileName: "customers.csv", header: ["account_id", "name", "arr"])! == (.accounts, .name)
    )
    #expect(ColumnResolver.decideKind(fileName: "my_tickets.csv", header: ["a", "b"])! == (.tickets, .name))
    // --kind, and a map naming fields only one kind has, decide over both.
    #expect(try Ingest.validate([qualtrics], kind: .surveys).first?.kindRule == .option)
    let conversations = s.write(
      "intercom_conversations.csv",
      "message_id,message_body,company_id,conversation_created_at\n1,hello,A1,2024-11-04 06:01:16\n")
    let mapped = try #require(
      try Ingest.validate(
        [conversations],
        options: options(["ticket_id=message_id", "body=message_body", "created_at=conversation_created_at"])
      ).first)
    #expect(mapped.summary.kind == .tickets)
    #expect(mapped.kindRule == .mapping)
    #expect(mapped.summary.accepted == 1)
  }

  @Test func aJSONArrayIsRefusedWithTheLineThatConvertsIt() throws {
    let s = Scratch()
    let pretty = s.write(
      "api response.json",
      "[\n  {\n    \"ticket_id\": \"T1\",\n    \"account_id\": \"A1\",\n    \"created_at\": \"2024-07-19\",\n    \"body\": \"ok\"\n  }\n]\n"
    )
    #expect(throws: IngestError.jsonArray(file: pretty)) { _ = try Ingest.validate([pretty]) }
    #expect(throws: IngestError.jsonArray(file: pretty)) { _ = try readTickets(pretty) }
    #expect(
      IngestError.jsonArray(file: "exports/api response.json").description
        == "exports/api response.json holds a JSON array, not JSON Lines; convert it with: "
        + "jq -c '.[]' 'exports/api response.json' > 'exports/api response.jsonl'")
    // Never a command that would write over the file it reads.
    #expect(IngestError.jsonArray(file: "t.jsonl").description.hasSuffix("jq -c '.[]' t.jsonl > t.lines.jsonl"))
    let compact = s.write("t.csv", #"[{"ticket_id":"T1"},{"ticket_id":"T2"}]"# + "\n")
    #expect(throws: IngestError.jsonArray(file: compact)) { _ = try readTickets(compact) }
    // A CSV header that starts with a bracket is still a header.
    let bracketed = s.write("b.csv", "[Ticket] ID,account_id,created_at,body\nT1,A1,2024-07-19,ok\n")
    #expect(try readTickets(bracketed).tickets.count == 1)
  }

  @Test func jsonLinesReadAsCSVIsRefusedByValidateAndRunAlike() throws {
    let s = Scratch()
    let line = #"{"ticket_id": "T1", "account_id": "A1", "created_at": "2024-07-19", "body": "ok"}"# + "\n"
    let named = s.write("tickets.csv", line)
    #expect(throws: IngestError.formatMismatch(file: named, readAs: .csv, looksLike: .jsonl)) {
      _ = try Ingest.validate([named])
    }
    #expect(throws: IngestError.formatMismatch(file: named, readAs: .csv, looksLike: .jsonl)) {
      _ = try readTickets(named)
    }
    let jsonl = s.write("t.jsonl", line)
    #expect(throws: IngestError.formatMismatch(file: jsonl, readAs: .csv, looksLike: .jsonl)) {
      _ = try Ingest.validate([jsonl], options: IngestOptions(format: .csv))
    }
    #expect(try readTickets(jsonl).tickets.count == 1)
  }
}
