import Testing

@testable import AftershockIngest

/// Invisible characters in messages, and a header that fits another kind than the one given.
@Suite struct InvisibleCharactersTests {
  @Test func invisibleCharactersAreWrittenOutAndVisibleOnesKept() {
    #expect(InvisibleCharacters.escaped("ACC-1\u{200B}") == "ACC-1\\u{200B}")
    #expect(InvisibleCharacters.escaped("ACC-1\u{A0}") == "ACC-1\\u{A0}")
    #expect(InvisibleCharacters.escaped("\u{FEFF}ticket_id") == "\\u{FEFF}ticket_id")
    #expect(InvisibleCharacters.escaped("Zoë Müller 東京 ok") == "Zoë Müller 東京 ok")
    #expect(InvisibleCharacters.removed(from: "ACC-1\u{200B}\u{A0}") == "ACC-1")
  }

  @Test func aHeaderOfAnotherKindIsNamed() {
    let tickets = ["ticket_id", "account_id", "created_at", "body"]
    let accounts = ["account_id", "name", "segment", "arr", "renewal_date"]
    #expect(ColumnResolver.kindTheHeaderFitsBetter(than: .accounts, header: tickets) == .tickets)
    #expect(ColumnResolver.kindTheHeaderFitsBetter(than: .tickets, header: accounts) == .accounts)
    #expect(ColumnResolver.kindTheHeaderFitsBetter(than: .surveys, header: tickets) == .tickets)
    #expect(ColumnResolver.kindTheHeaderFitsBetter(than: .tickets, header: tickets) == nil)
    #expect(ColumnResolver.kindTheHeaderFitsBetter(than: .accounts, header: accounts + ["notes"]) == nil)
    // A second byte-order mark leaves tickets incomplete, but fits no other kind either.
    #expect(
      ColumnResolver.kindTheHeaderFitsBetter(than: .tickets, header: ["\u{FEFF}ticket_id"] + tickets.dropFirst()) == nil
    )
  }
}
