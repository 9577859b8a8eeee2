import Testing

@testable import AftershockIngest

/// An account's dates must be in order: a churn or renewal before the contract started is
/// quarantined as `date_order` by the reader, so `run` and `validate` both refuse it with its reason.
@Suite struct AccountDateOrderTests {
  static let accounts = """
    account_id,contract_start,renewal_date,churned,churn_date
    A1,2022-03-01,2024-03-01,true,2024-02-10
    A2,2022-03-01,2024-03-01,true,2019-01-01
    A3,2022-03-01,2021-03-01,,
    A4,2022-03-01,2022-03-01,true,2022-03-01
    A5,,2021-03-01,true,2019-01-01
    A6,2026-01-01,2027-01-01,,

    """

  @Test func churnOrRenewalBeforeTheContractStartIsQuarantinedAsDateOrder() throws {
    let s = Scratch()
    let (accounts, quarantine, summary) = try readAccounts(s.write("accounts.csv", Self.accounts))
    #expect(
      accounts.map(\.accountID) == ["A1", "A4", "A5", "A6"], "equal days are in order; no start, nothing to check")
    #expect(quarantine.map(\.recordID) == ["A2", "A3"])
    #expect(quarantine.map(\.reason) == [.dateOrder, .dateOrder])
    #expect(quarantine[0].detail == "churn_date 2019-01-01 is before contract_start 2022-03-01")
    #expect(quarantine[1].detail == "renewal_date 2021-03-01 is before contract_start 2022-03-01")
    #expect(summary.quarantinedByReason == [.dateOrder: 2] && summary.read == 6 && summary.accepted == 4)
  }

  @Test func validateReportsDatesOutOfOrder() throws {
    let s = Scratch()
    let reports = try Ingest.validate([s.write("accounts.csv", Self.accounts)])
    #expect(reports[0].summary.quarantinedByReason == [.dateOrder: 2])
    #expect(reports[0].examples[.dateOrder]?.map(\.line) == [3, 4])
    #expect(QuarantineReason.dateOrder.rawValue == "date_order")
  }

  @Test func addingYearsKeepsTheCalendarDayAndTakesLeapDaysToTheTwentyEighth() throws {
    let day = { (text: String) in Day(iso8601: text)! }
    #expect(day("2023-03-01").addingYears(2) == day("2025-03-01"), "365-day steps would land on 2025-02-28")
    #expect(day("2023-01-01").addingYears(2) == day("2025-01-01"))
    #expect(day("2024-02-29").addingYears(1) == day("2025-02-28"))
    #expect(day("2024-02-29").addingYears(4) == day("2028-02-29"))
    #expect(day("2024-02-29").addingYears(-1) == day("2023-02-28"))
  }
}
