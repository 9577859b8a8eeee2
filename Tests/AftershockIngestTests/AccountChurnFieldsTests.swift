import Testing

@testable import AftershockIngest

/// An account's `churned` and `churn_date`: a CRM's status words are read as the flag, anything
/// else is quarantined naming what is read, and a churn date beside a flag saying the account did
/// not churn is a contradiction, quarantined naming both fields. Every record read is accepted or
/// quarantined.
@Suite struct AccountChurnFieldsTests {
  @Test func crmStatusWordsAreReadAsTheChurnedFlagInAnyCase() throws {
    let s = Scratch()
    let path = s.write(
      "accounts.csv",
      """
      account_id,churned
      X-1,Churned
      X-2,churned
      X-3,CANCELLED
      X-4,Canceled
      X-5,Lost
      X-6,closed
      X-7,Active
      X-8,  retained
      X-9,Renewed
      X-10,current
      X-11,Yes
      X-12,
      X-13,N/A

      """)
    let (accounts, quarantine, summary) = try readAccounts(path)
    #expect(quarantine.isEmpty, "\(quarantine.map(\.detail))")
    #expect(
      accounts.map(\.churned) == [true, true, true, true, true, true, false, false, false, false, true, nil, nil])
    #expect(summary.read == 13 && summary.accepted == 13)
  }

  @Test func anyOtherWordIsQuarantinedNamingTheWordsRead() throws {
    let s = Scratch()
    let path = s.write("accounts.csv", "account_id,churned\nX-1,Inactive\nX-2,Closed Won\nX-3,Active\n")
    let (accounts, quarantine, summary) = try readAccounts(path)
    #expect(accounts.map(\.accountID) == ["X-3"])
    #expect(quarantine.map(\.reason) == [.invalidBoolean, .invalidBoolean])
    #expect(
      quarantine[0].detail
        == "churned 'Inactive' is not a yes/no value (true/false, yes/no, 1/0, 1.0/0.0) nor an account status "
        + "(churned/cancelled/canceled/lost/closed for churned; active/retained/renewed/current for not churned)")
    #expect(summary.read == summary.accepted + summary.quarantined)
  }

  /// Status words are the churned flag's only: `offer_redeemed` stays yes/no.
  @Test func otherYesNoFieldsDoNotReadStatusWords() throws {
    let s = Scratch()
    let (_, quarantine, _) = try readAccounts(s.write("accounts.csv", "account_id,offer_redeemed\nX-1,Active\n"))
    #expect(quarantine.map(\.reason) == [.invalidBoolean])
    #expect(
      quarantine.first?.detail == "offer_redeemed 'Active' is not a yes/no value (true/false, yes/no, 1/0, 1.0/0.0)")
  }

  @Test func aChurnDateBesideAFlagSayingNoChurnIsQuarantinedAsConflictingFields() throws {
    let s = Scratch()
    let path = s.write(
      "accounts.csv",
      """
      account_id,renewal_date,churned,churn_date
      C-1,2025-06-01,false,2024-09-01
      C-2,2025-06-01,false,
      C-3,2025-06-01,,2024-09-01
      C-4,2025-06-01,Active,2024-10-01
      C-5,2025-06-01,Churned,2024-10-01

      """)
    let (accounts, quarantine, summary) = try readAccounts(path)
    #expect(accounts.map(\.accountID) == ["C-2", "C-3", "C-5"])
    #expect(accounts.map(\.churned) == [false, nil, true], "the reader keeps a blank flag blank; the run reads it")
    #expect(quarantine.map(\.recordID) == ["C-1", "C-4"])
    #expect(quarantine.map(\.reason) == [.conflictingFields, .conflictingFields])
    #expect(
      quarantine[0].detail
        == "churned 'false' says the account did not churn, but churn_date 2024-09-01 says it did; "
        + "clear the churn_date, or set churned to true")
    #expect(quarantine[1].detail.hasPrefix("churned 'Active' says the account did not churn"))
    #expect(summary.read == 5 && summary.accepted + summary.quarantined == summary.read)
    #expect(summary.quarantinedByReason == [.conflictingFields: 2])
    #expect(QuarantineReason.conflictingFields.rawValue == "conflicting_fields")

    let reports = try Ingest.validate([path])
    #expect(reports[0].summary.quarantinedByReason == [.conflictingFields: 2])
    #expect(reports[0].examples[.conflictingFields]?.map(\.line) == [2, 5])
  }

  /// read = accepted + quarantined over random mixes of flags (yes/no, status words, blanks,
  /// unknown words) and churn dates.
  @Test func everyAccountReadIsAcceptedOrQuarantined() throws {
    let seed: UInt64 = 20_241_112
    var state = seed
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let flags = ["true", "false", "", "Churned", "Active", "lost", "retained", "Paused", "N/A"]
    let dates = ["", "2024-09-01", "2021-01-01", "not a date"]
    var text = "account_id,contract_start,churned,churn_date\n"
    var expected = (accepted: 0, conflicting: 0)
    for i in 0..<300 {
      let (flag, date) = (flags[next(flags.count)], dates[next(dates.count)])
      text += "A\(i),2022-01-01,\(flag),\(date)\n"
      let flagIsFalse = ["false", "Active", "retained"].contains(flag)
      let flagIsBad = flag == "Paused"
      let dateIsBad = date == "not a date" || date == "2021-01-01"
      if !flagIsBad && !dateIsBad {
        if flagIsFalse && !date.isEmpty { expected.conflicting += 1 } else { expected.accepted += 1 }
      }
    }
    let s = Scratch()
    let (accounts, quarantine, summary) = try readAccounts(s.write("accounts.csv", text))
    #expect(summary.read == 300, "seed \(seed)")
    #expect(summary.accepted == accounts.count && summary.quarantined == quarantine.count, "seed \(seed)")
    #expect(summary.read == summary.accepted + summary.quarantined, "seed \(seed)")
    #expect(accounts.count == expected.accepted, "seed \(seed)")
    #expect(summary.quarantinedByReason[.conflictingFields, default: 0] == expected.conflicting, "seed \(seed)")
  }
}
