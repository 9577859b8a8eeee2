import Foundation
import Testing

@testable import AftershockIngest

/// Accounts travel as JSON in a sharded run's partial state and must come back equal.
struct AccountCodableTests {
  @Test func accountsRoundTripThroughJSONWithEveryField() throws {
    var account = Account(accountID: "A-1", line: 7)
    account.name = "Acme, \"Ltd\""
    account.arr = 120_000.5
    account.seats = 40
    account.contractStart = Day(year: 2022, month: 2, day: 28)
    account.renewalDate = Day(year: 1969, month: 12, day: 31)
    account.offer = .serviceCredit
    account.offerRedeemed = false
    account.churned = true
    account.churnDate = Day(year: 2024, month: 2, day: 29)
    let bare = Account(accountID: "A-2")
    let decoded = try JSONDecoder().decode([Account].self, from: JSONEncoder().encode([account, bare]))
    #expect(decoded == [account, bare])
    let text = String(decoding: try JSONEncoder().encode(account), as: UTF8.self)
    #expect(text.contains(#""renewalDate":"1969-12-31""#), "days read as YYYY-MM-DD: \(text)")
  }

  /// An offer name outside the list stays as written, even when the aliases would read it as another.
  @Test func offersKeepTheirCaseNotTheirAliases() throws {
    let offers: [Offer] = [.none, .voucher10, .serviceCredit, .extendedService, .other("Gift basket"), .other("")]
    #expect(try JSONDecoder().decode([Offer].self, from: JSONEncoder().encode(offers)) == offers)
    let aliasLike = Data(#"["voucher", "none"]"#.utf8)
    #expect(try JSONDecoder().decode([Offer].self, from: aliasLike) == [.other("voucher"), .none])
  }

  @Test func aDayThatDoesNotExistIsRefused() {
    #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2023-02-29"]"#.utf8)) }
  }
}
