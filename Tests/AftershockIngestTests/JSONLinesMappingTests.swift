import Foundation
import Testing

@testable import AftershockIngest

/// `--map` on JSON Lines inputs, whose keys are learnt line by line: a mapped key that no record
/// has is refused once the input is read, as a CSV header without the mapped column is at once.
@Suite struct JSONLinesMappingTests {
  static let intercom = """
    {"id": 1, "organization": "A1", "created_at": "2024-10-01", "text": "The outage was bad.", "source": {"body": "x"}}
    {"id": 2, "organization": "A2", "created_at": "2024-10-02", "text": "Support was quick."}

    """

  func options(_ specs: [String]) throws -> IngestOptions {
    var options = IngestOptions()
    options.setMappings(try IngestOptions.parseMappings(specs))
    return options
  }

  @Test func aMappedKeyNoRecordHasIsRefusedNamingTheKeysSeen() throws {
    let s = Scratch()
    let path = s.write("intercom.jsonl", Self.intercom)
    #expect(
      throws: IngestError.mappedKeyNotFound(
        file: path, field: "body", key: "nosuchcol", keysSeen: ["id", "organization", "created_at", "text", "source"],
        moreKeys: false)
    ) {
      _ = try Ingest.validate([path], options: options(["body=nosuchcol"]), kind: .tickets)
    }
    let message = IngestError.mappedKeyNotFound(
      file: path, field: "body", key: "nosuchcol", keysSeen: ["id", "text"], moreKeys: false
    ).description
    #expect(message.contains("has no key 'nosuchcol' in any record for --map body=nosuchcol; keys seen: id, text"))
    #expect(!message.contains("nested"))
  }

  /// A key given twice with different values is ambiguous: the record is quarantined, not read
  /// with the first value (an outside audit's "Great service" beside "We will cancel" read as
  /// praise); the same value twice is no conflict.
  @Test func aKeyGivenTwiceWithDifferentValuesIsAConflict() throws {
    let s = Scratch()
    let path = s.write(
      "t.jsonl",
      #"{"id": "T1", "organization": "A1", "created_at": "2024-10-01", "text": "Great service", "text": "We will cancel"}"#
        + "\n" + #"{"id": "T2", "organization": "A1", "created_at": "2024-10-01", "text": "ok", "text": "ok"}"# + "\n")
    let (tickets, quarantine, _) = try readTickets(path)
    #expect(tickets.map(\.ticketID) == ["T2"])
    #expect(quarantine.map(\.reason) == [.conflictingFields])
    #expect(quarantine.first?.recordID == "T1")
    #expect(quarantine.first?.detail.hasPrefix("key 'text' is given twice with different values") == true)
  }

  @Test func aDottedKeyIsOneKeyNotAPathAndTheMessageSaysSo() throws {
    let s = Scratch()
    let path = s.write("intercom.jsonl", Self.intercom)
    do {
      _ = try readTickets(path, options: options(["tickets.body=source.body"]))
      Issue.record("a map to a nested member was accepted")
    } catch let error as IngestError {
      guard case .mappedKeyNotFound(_, let field, let key, _, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(field == "tickets.body")
      #expect(key == "source.body")
      let text = error.description
      #expect(text.contains("for --map tickets.body=source.body"), "\(text)")
      #expect(text.contains("not as a path into a nested object"), "\(text)")
      #expect(text.contains("('source' is a key here)"), "\(text)")
      #expect(text.contains("jq -c '. + {\"source.body\": .source.body}' \(path) > "), "\(text)")
      #expect(text.hasSuffix("intercom.flat.jsonl"), "\(text)")
    }
    // A file that has the dotted key itself (flattened by jq or pandas) is read by it.
    let flat = s.write(
      "flat.jsonl", #"{"id": 1, "organization": "A1", "created_at": "2024-10-01", "source.body": "It broke."}"# + "\n")
    let read = try readTickets(flat, options: options(["tickets.body=source.body"]))
    #expect(read.tickets.map(\.body) == ["It broke."])
  }

  @Test func aValidMapReadsItsKey() throws {
    let s = Scratch()
    let path = s.write("intercom.jsonl", Self.intercom)
    let read = try readTickets(path, options: options(["body=text"]))
    #expect(read.tickets.map(\.body) == ["The outage was bad.", "Support was quick."])
    #expect(read.summary.columns.contains(InputSummary.ColumnUse(field: "body", column: "text")))
  }

  @Test func aKeyFirstSeenOnALaterLineIsAccepted() throws {
    let s = Scratch()
    let path = s.write(
      "later.jsonl",
      """
      {"id": 1, "organization": "A1", "created_at": "2024-10-01", "body": "not the mapped key"}
      {"id": 2, "organization": "A2", "created_at": "2024-10-02", "Description": "Great support."}

      """)
    let reports = try Ingest.validate([path], options: options(["body=Description"]), kind: .tickets)
    #expect(reports.first?.summary.accepted == 1)
    // The mapped key is the only one read for its field, as a mapped CSV column is: the first
    // record has no Description, so no body, though it has a key named `body`.
    let read = try readTickets(path, options: options(["tickets.body=Description"]))
    #expect(read.tickets.map(\.body) == ["Great support."])
    #expect(read.quarantine.map(\.reason) == [.missingField])
    #expect(read.quarantine.first?.line == 1)
  }

  @Test func aMapSharedBySeveralInputsIsNotRequiredOfEachJSONLinesInput() throws {
    let s = Scratch()
    let accounts = s.write("accounts.jsonl", #"{"account_id": "A1", "name": "Acme"}"# + "\n")
    let tickets = s.write(
      "tickets.csv", "ticket_id,Org Ref,created_at,body\nT1,A1,2024-07-19,the outage hurt\n")
    let reports = try Ingest.validate([accounts, tickets], options: options(["account_id=Org Ref"]))
    #expect(reports.map(\.summary.accepted) == [1, 1])
  }

  @Test func anInputWithoutObjectsIsNotRefusedForItsMap() throws {
    let s = Scratch()
    let path = s.write("tickets.jsonl", "\n{not json}\n")
    let read = try readTickets(path, options: options(["body=Description"]))
    #expect(read.tickets.isEmpty)
    #expect(read.quarantine.map(\.reason) == [.malformedJSON])
  }

  @Test func theKeysSeenAreBounded() {
    var keys = JSONLinesKeys()
    for round in 0..<3 {
      for index in 0..<(JSONLinesKeys.limit + 10) {
        var key = "k\(index)"
        key.withUTF8 { keys.note(UnsafeRawBufferPointer($0)) }
      }
      #expect(keys.keys.count == JSONLinesKeys.limit, "round \(round)")
    }
    #expect(keys.more)
    #expect(keys.keys.first == "k0")
    #expect(JSONLinesKeys.shown(["a", "b"], more: true) == "a, b, ... (more than \(JSONLinesKeys.limit))")
    #expect(JSONLinesKeys.shown([], more: false) == "(none)")
  }

  @Test func theNestedHintOffersJQOnlyForPlainNames() {
    #expect(JSONLinesKeys.nestedHint(key: "body", seen: [], file: "a.jsonl").isEmpty)
    let odd = JSONLinesKeys.nestedHint(key: "custom fields.note", seen: [], file: "a.jsonl")
    #expect(odd.contains("not as a path"))
    #expect(!odd.contains("jq"))
    #expect(
      JSONLinesKeys.nestedHint(key: "a.b", seen: [], file: "-").hasSuffix("jq -c '. + {\"a.b\": .a.b}' > flat.jsonl"))
    #expect(JSONLinesKeys.flatName(for: "dir.x/export") == "dir.x/export.flat.jsonl")
    #expect(JSONLinesKeys.flatName(for: "exports/t.ndjson") == "exports/t.flat.jsonl")
  }
}
