import Testing

@testable import AftershockReport

@Suite struct RedactorTests {
  @Test(arguments: [
    ("Write to jane.doe+billing@example.co.uk asap", "Write to [email] asap"),
    ("Contact: ops_team@sub.mail-host.io.", "Contact: [email]."),
    ("(Bob <bob@corp.com>)", "(Bob <[email]>)"),
    ("call +44 20 7946 0958 today", "call [phone] today"),
    ("US: +1 (415) 555-0132, ext. later", "US: [phone], ext. later"),
    ("my cell is (415) 555-0132.", "my cell is [phone]."),
    ("desk 415.555.0132 or 415-555-0199", "desk [phone] or [phone]"),
    ("Paris +33 1 23 45 67 89", "Paris [phone]"),
    ("Berlin 030 901820-0", "Berlin [phone]"),
    ("Mumbai +91-98765-43210", "Mumbai [phone]"),
    ("UK mobile 07700900123", "UK mobile [phone]"),
    ("tel:0044 20 7946 0958", "tel:[phone]"),
    // Payment cards (Luhn) and IBANs (mod 97): an outside audit found "4111 [phone]" and an IBAN in
    // full in the report's quotes.
    ("card 4111 1111 1111 1111 please refund", "card [card] please refund"),
    ("card 4111-1111-1111-1111.", "card [card]."),
    ("card 378282246310005 expires 2027", "card [card] expires 2027"),
    ("IBAN DE89370400440532013000, thanks", "IBAN [iban], thanks"),
    ("IBAN: DE89 3704 0044 0532 0130 00 Please pay", "IBAN: [iban] Please pay"),
    ("to GB82 WEST 1234 5698 7654 32.", "to [iban]."),
  ])
  func addressesAndNumbersAreReplaced(input: String, expected: String) {
    #expect(Redactor.redact(input) == expected)
  }

  @Test(arguments: [
    "The outage started 2026-07-19 at 10:30 UTC",
    "on 19/07/2026 and 07.19.2026",
    "a $10 voucher, or €1000000 in credits, 12.5% off",
    "ticket #48213377 and INC-2026-0719-001 and TCK-5550100123",
    "order 2026-0719-001 shipped",
    "ARR 1 250 000 across 3 sites; server 192.168.100.200",
    "pi is 3.14159265 and version 10.2.3",
    "reference 48213377 (no phone)",
    "timestamp 2026-07-19T10:30:00Z",
    "not an address: @handle or foo@bar or a@b.c",
    "serial 1234567890123456 fails Luhn",
    "DE89370400440532013001 fails the check, as does ABCD and DE12",
  ])
  func datesMoneyAndIdsAreLeftAlone(input: String) {
    #expect(Redactor.redact(input) == input)
  }

  @Test func countsAreReported() {
    var output: [UInt8] = []
    let bytes = Array("a@b.com, +44 20 7946 0958 and c@d.org".utf8)
    let counts = bytes.withUnsafeBytes { Redactor.redact($0, into: &output) }
    #expect(counts == Redactor.Counts(emails: 2, phones: 1))
    #expect(String(decoding: output, as: UTF8.self) == "[email], [phone] and [email]")
  }

  @Test func nonASCIITextIsKept() {
    #expect(Redactor.redact("Très déçu — écrivez à 客服@example.cn") == "Très déçu — écrivez à 客服@example.cn")
    #expect(Redactor.redact("Très déçu — écrivez à sav@exemple.fr 🙂") == "Très déçu — écrivez à [email] 🙂")
  }
}
