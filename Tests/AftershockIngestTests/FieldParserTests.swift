import Testing

@testable import AftershockIngest

@Suite struct FieldParserTests {
  func ts(_ text: String) -> String? {
    var copy = text
    return copy.withUTF8 { FieldParser.timestamp(UnsafeRawBufferPointer($0)) }?.description
  }

  func number(_ text: String) -> FieldParser.NumberResult {
    var copy = text
    return copy.withUTF8 { FieldParser.double(UnsafeRawBufferPointer($0)) }
  }

  func boolean(_ text: String) -> Bool? {
    var copy = text
    return copy.withUTF8 { FieldParser.boolean(UnsafeRawBufferPointer($0)) }
  }

  @Test func datesInTheCommonShapesParseToUTC() {
    #expect(ts("2024-07-19") == "2024-07-19T00:00:00Z")
    #expect(ts(" 2024-07-19T04:09:00Z ") == "2024-07-19T04:09:00Z")
    #expect(ts("2024-07-19 04:09:07") == "2024-07-19T04:09:07Z")
    #expect(ts("2024-07-19T04:09") == "2024-07-19T04:09:00Z")
    #expect(ts("2024-07-19T04:09:07.123456Z") == "2024-07-19T04:09:07Z")
    #expect(ts("2024-07-19T04:09:07+02:00") == "2024-07-19T02:09:07Z")
    #expect(ts("2024-07-19T23:30:00-0130") == "2024-07-20T01:00:00Z")
    #expect(ts("2024-07-19 04:09:07 +0000") == "2024-07-19T04:09:07Z")
    #expect(ts("2024-07-19 04:09:07 UTC") == "2024-07-19T04:09:07Z")
    #expect(ts("2024/07/19") == "2024-07-19T00:00:00Z")
    #expect(ts("2024-02-29") == "2024-02-29T00:00:00Z")
    // Unix time, as API and JSON exports give it: seconds, or milliseconds.
    #expect(ts("1721362147") == "2024-07-19T04:09:07Z")
    #expect(ts(" 1721362147123 ") == "2024-07-19T04:09:07Z")
  }

  @Test func impossibleOrOddDatesAreRejected() {
    for bad in [
      "2023-02-29", "2024-13-01", "2024-07-32", "19/13/2024", "2024-07-19T25:00", "2024-07-19X", "",
      "July 19", "2024-07-19T04:09:07+2", "1850-01-01", "2024-07-19T04:60",
      // Digits that are not a plausible Unix time: too short or long, before 2001-09-09, past 2200.
      "20240719", "172136214", "17213621470", "0999999999", "9999999999", "1721362147x",
    ] {
      #expect(ts(bad) == nil, "\(bad)")
    }
  }

  /// The order a numeric date with its year last can only be read in: what tells the order of an
  /// input's ambiguous dates.
  @Test func aNumericDateReadableOneWayOnlyTellsItsOrder() {
    func order(_ text: String) -> DateOrder? {
      var copy = text
      return copy.withUTF8 { FieldParser.singleNumericOrder(UnsafeRawBufferPointer($0)) }
    }
    #expect(order("19/07/2024") == .dmy)
    #expect(order("19.07.2024 14:05") == .dmy)
    #expect(order("7/19/2024") == .mdy)
    #expect(order("07-19-2024 2:03 PM") == .mdy)
    for neither in [
      "03/04/2024", "07/07/2024", "2024-07-19", "19/07/24", "32/07/2024", "19/13/2024", "Jul 19, 2024", "",
    ] {
      #expect(order(neither) == nil, "\(neither)")
    }
  }

  @Test func realDatesOutsideTheSupportedRangeAreToldApartFromNonDates() throws {
    func date(_ text: String) -> FieldParser.DateResult {
      var copy = text
      return copy.withUTF8 { FieldParser.date(UnsafeRawBufferPointer($0)) }
    }
    func at(_ y: Int, _ m: Int, _ d: Int) throws -> Timestamp {
      Timestamp(try #require(Day(year: y, month: m, day: d)))
    }
    #expect(Day.supportedRangeDescription == "1900-01-01...2199-12-31")
    #expect(date("1900-01-01") == .value(try at(1900, 1, 1)))
    #expect(date("2199-12-31") == .value(try at(2199, 12, 31)))
    #expect(date("9999-12-31") == .outsideSupportedRange(try at(9999, 12, 31)))
    #expect(date("0001-01-01") == .outsideSupportedRange(try at(1, 1, 1)))
    #expect(date("1899-12-31") == .outsideSupportedRange(try at(1899, 12, 31)))
    #expect(date("2200-01-01") == .outsideSupportedRange(try at(2200, 1, 1)))
    #expect(
      date("2199-12-31T23:00:00-02:00")
        == .outsideSupportedRange(Timestamp(secondsSinceEpoch: try at(2200, 1, 1).secondsSinceEpoch + 3600)))
    #expect(date("9999999999") == .outsideSupportedRange(Timestamp(secondsSinceEpoch: 9_999_999_999)))
    #expect(date("9999-02-30") == .notADate)
    #expect(date("0999999999") == .notADate)
    // `timestamp` keeps answering nil for both.
    #expect(ts("9999-12-31") == nil && ts("2199-12-31") == "2199-12-31T00:00:00Z")
  }

  @Test func dayRoundTripsThroughCivilDates() {
    for days in stride(from: -800_000, through: 800_000, by: 997) {
      let day = Day(daysSinceEpoch: Int32(days))
      let (y, m, d) = day.components
      #expect(Day(year: y, month: m, day: d) == day)
    }
    #expect(Day(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
    #expect(Day(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11_017)
  }

  /// The one reader of a date typed as `YYYY-MM-DD` (options, the generator's configuration).
  @Test func isoDatesAreFourTwoAndTwoASCIIDigitsOfADayThatExists() {
    #expect(Day(iso8601: "2024-07-19")?.description == "2024-07-19")
    #expect(Day(iso8601: "1969-12-31")?.daysSinceEpoch == -1)
    #expect(Day(iso8601: "2000-02-29") != nil)
    for text in [
      "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-7-19", "+202-07-19", "2024-07-1 ", " 2024-07-19",
      "2024/07/19", "2024-07-19T00:00:00Z", "", "２０２４-07-19", "2024-0x-19",
    ] {
      #expect(Day(iso8601: text) == nil, "\(text)")
    }
  }

  @Test func numbersAcceptGroupingAndCurrencyAndRejectNonFinite() {
    #expect(number("12") == .value(12))
    #expect(number(" -3.25 ") == .value(-3.25))
    #expect(number("$120,000.50") == .value(120_000.5))
    #expect(number("1e3") == .value(1000))
    #expect(number("0.1") == .value(0.1))
    #expect(number("12345678901234567890123") == .value(12_345_678_901_234_567_741_440))  // the nearest Double
    #expect(number("NaN") == .notFinite)
    #expect(number("-inf") == .notFinite)
    #expect(number("Infinity") == .notFinite)
    #expect(number("1e400") == .notFinite)
    #expect(number("12abc") == .notANumber)
    #expect(number("1,2,") == .notANumber)
    #expect(number("") == .notANumber)
    #expect(number("e5") == .notANumber)
  }

  /// `-0` (and `(0.00)`) is read as `+0`: a negative zero prints as `-0.00` and `$-0`.
  @Test func aNegativeZeroIsReadAsZero() {
    for text in ["-0", "-0.00", "(0.00)", "-$0", "-0e5"] {
      guard case .value(let value) = number(text) else {
        Issue.record("\(text) is not read")
        continue
      }
      #expect(value == 0 && value.sign == .plus, "\(text)")
    }
  }

  @Test func booleansAcceptTheUsualSpellings() {
    for yes in ["true", "TRUE", "Yes", "y", "1", "t"] { #expect(boolean(yes) == true, "\(yes)") }
    for no in ["false", "No", "N", "0", "f"] { #expect(boolean(no) == false, "\(no)") }
    for bad in ["maybe", "2", "yess", "truex", ""] { #expect(boolean(bad) == nil, "\(bad)") }
  }

  @Test func offersMapAliasesAndKeepUnknownNames() {
    #expect(Offer(parsing: "voucher_10") == .voucher10)
    #expect(Offer(parsing: "$10 voucher") == .voucher10)
    #expect(Offer(parsing: "10 USD Voucher") == .voucher10)
    #expect(Offer(parsing: "Service Credit") == .serviceCredit)
    #expect(Offer(parsing: "extended-service") == .extendedService)
    #expect(Offer(parsing: "None") == .none)
    #expect(Offer(parsing: "N/A") == .none)
    // The other "no value" markers are no offer either (they counted as an offer received).
    for marker in ["-", "--", "NaN", "(blank)", "NULL"] {
      #expect(Offer(parsing: marker) == .none, "\(marker)")
    }
    // Names without an ASCII letter or digit are offers all the same.
    for name in ["クーポン", "✓", "Blank"] { #expect(Offer(parsing: name) == .other(name), "\(name)") }
    #expect(Offer(parsing: " free pizza ") == .other("free pizza"))
    #expect(Offer.voucher10.description == "voucher_10")
  }
}
