import Testing

@testable import AftershockIngest

/// Column names of real vendor exports: which column feeds which field, what is left unfound, and
/// what a quarantined record says. Each test validates a small file the way `aftershock validate` does.
@Suite struct VendorExportTests {
  /// The column that fed each field of the only (or last) input validated.
  private func columns(_ report: ValidationReport) -> [String: String] {
    Dictionary(report.summary.columns.map { ($0.field, $0.column) }, uniquingKeysWith: { first, _ in first })
  }

  // MARK: H5: Annual Revenue is not ARR; Salesforce custom fields

  @Test func annualRevenueIsNotReadAsARR() throws {
    let s = Scratch()
    let path = s.write(
      "companies.csv",
      "Company ID,Company name,Annual Revenue,Revenue\nACC-1,Acme,9800000,9800000\nACC-2,Globex,120000,120000\n")
    let report = try #require(Ingest.validate([path]).first)
    #expect(columns(report)["arr"] == nil, "\(report.summary.columns)")
    var arrs: [Double?] = []
    _ = try Ingest.streamAccounts(
      from: path, into: AccountDirectory(), onAccount: { arrs.append($0.arr) }, onQuarantine: { _ in })
    #expect(arrs == [nil, nil], "a customer company's own revenue is not what it pays")
  }

  @Test func salesforceCustomFieldsAreMatchedWithoutTheirSuffix() throws {
    let s = Scratch()
    let path = s.write(
      "sf.csv",
      #""ID","NAME","ANNUALREVENUE","ARR__C","Renewal_Date__c","CHURNED__C","Segment__c""# + "\n"
        + #""001A","Acme","7350000","24500","2025-03-13","false","Enterprise""# + "\n")
    let report = try #require(Ingest.validate([path]).first)
    let used = columns(report)
    #expect(used["arr"] == "ARR__C")
    #expect(used["renewal_date"] == "Renewal_Date__c")
    #expect(used["churned"] == "CHURNED__C")
    #expect(used["segment"] == "Segment__c")
    var accounts: [Account] = []
    _ = try Ingest.streamAccounts(
      from: path, into: AccountDirectory(), onAccount: { accounts.append($0) }, onQuarantine: { _ in })
    #expect(accounts.first?.arr == 24_500)
    #expect(accounts.first?.segment == "Enterprise")
  }
}
