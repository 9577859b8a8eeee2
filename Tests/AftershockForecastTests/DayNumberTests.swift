import Testing

@testable import AftershockForecast

@Suite struct DayNumberTests {
  @Test func knownDatesMapToUnixDays() {
    #expect(DayNumber.from(isoDate: "1970-01-01") == 0)
    #expect(DayNumber.from(isoDate: "2000-03-01") == 11_017)
    #expect(DayNumber.from(isoDate: "2024-07-19T04:09:00Z") == 19_923)
    #expect(DayNumber.from(isoDate: "1969-12-31") == -1)
  }

  @Test func impossibleOrMalformedDatesAreNil() {
    #expect(DayNumber.from(isoDate: "2023-02-29") == nil)
    #expect(DayNumber.from(isoDate: "2024-02-29") != nil)
    #expect(DayNumber.from(isoDate: "2024-13-01") == nil)
    #expect(DayNumber.from(isoDate: "19/07/2024") == nil)
    #expect(DayNumber.from(isoDate: "") == nil)
  }
}
