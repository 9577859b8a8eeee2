import Testing

@testable import AftershockSynthetic

@Suite struct SampleDateTests {
  @Test func isoDatesRoundTrip() throws {
    let outage = try SampleDate(iso8601: "2024-07-19")
    #expect(outage.daysSinceEpoch == 19_923)
    #expect(outage.description == "2024-07-19")
    #expect(outage.adding(days: 120).description == "2024-11-16")
    #expect(try SampleDate(iso8601: "1970-01-01").daysSinceEpoch == 0)
    #expect(try SampleDate(iso8601: "2000-02-29").adding(days: 1).description == "2000-03-01")
    #expect(try SampleDate(iso8601: "1969-12-31").daysSinceEpoch == -1)
  }

  @Test(arguments: ["2023-02-29", "2024-13-01", "2024-7-19", "19/07/2024", "", "2024-00-10"])
  func impossibleDatesAreRejected(text: String) {
    #expect(throws: SyntheticError.invalidDate(value: text)) { try SampleDate(iso8601: text) }
  }

  @Test func leapDayAnniversaryFallsOnTheTwentyEighth() throws {
    let renewal = try SampleDate(iso8601: "2028-02-29")
    #expect(renewal.anniversary(yearsBefore: 1).description == "2027-02-28")
    #expect(renewal.anniversary(yearsBefore: 4).description == "2024-02-29")
  }
}
