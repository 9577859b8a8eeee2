/// A calendar day in UTC, stored as days since 1970-01-01.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before).
  public var daysSinceEpoch: Int32

  /// The days inputs and `--as-of` may hold: 1900-01-01 through 2199-12-31.
  ///
  /// Every day in it prints with a four-digit year, and so do renewals and forecasts computed from
  /// it; a real date outside it (9999-12-31, 0001-01-01) is quarantined as `out_of_range`.
  public static let supportedRange = Day(daysSinceEpoch: -25_567)...Day(daysSinceEpoch: 84_005)

  /// `supportedRange` as text for messages: "1900-01-01...2199-12-31".
  public static var supportedRangeDescription: String { "\(supportedRange.lowerBound)...\(supportedRange.upperBound)" }

  // swift-format-ignore: DontRepeatTypeInStaticProperties
  /// The last day no record's date may be on: 1970-01-01 (Unix time 0).
  ///
  /// Exports write a placeholder for an unknown date: Excel's day 0 or 1 (1899-12-30, 1900-01-01),
  /// the Mac's 1904-01-01, Unix time 0. Read as real, a contract_start of 1900-01-01 makes a
  /// customer of 125 years at full risk. Nothing an Aftershock input records (a contract, a ticket,
  /// a survey answer) happened that early, so a record's date on or before this day is quarantined
  /// as `out_of_range`; `--as-of` may still be any day of `supportedRange`.
  public static let lastImplausibleRecordDay = Day(daysSinceEpoch: 0)

  /// The days a record's date may hold: after `lastImplausibleRecordDay`, through the end of `supportedRange`.
  public static let plausibleRecordRange = Day(daysSinceEpoch: 1)...supportedRange.upperBound

  /// Creates a day from its offset to 1970-01-01.
  public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

  /// Creates a day from a proleptic Gregorian date; nil when the date does not exist.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month) else {
      return nil
    }
    daysSinceEpoch = Int32(Day.daysFromCivil(year, month, day))
  }

  /// Reads a date written `YYYY-MM-DD` (four, two and two ASCII digits); nil for any other text
  /// or a date that does not exist (2023-02-29).
  public init?(iso8601 text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let digit = bytes[index] &- 0x30
        guard digit <= 9 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The day holding a timestamp.
  public init(_ timestamp: Timestamp) {
    let (q, r) = timestamp.secondsSinceEpoch.quotientAndRemainder(dividingBy: 86_400)
    daysSinceEpoch = Int32(r < 0 ? q - 1 : q)
  }

  /// Year, month (1–12) and day of month (1–31).
  public var components: (year: Int, month: Int, day: Int) { Day.civil(fromDays: Int(daysSinceEpoch)) }

  /// The same month and day `years` later (earlier when negative): a calendar anniversary, with
  /// 29 February taken to 28 February in a year that is not a leap year.
  public func addingYears(_ years: Int) -> Day {
    let (year, month, day) = components
    let target = year + years
    return Day(
      daysSinceEpoch: Int32(Day.daysFromCivil(target, month, min(day, Day.daysInMonth(year: target, month: month)))))
  }

  /// ISO 8601 `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = components
    return "\(Day.pad(y, 4))-\(Day.pad(m, 2))-\(Day.pad(d, 2))"
  }

  /// Orders days chronologically.
  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

  static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// Whether `y` is a leap year (proleptic Gregorian).
  public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  /// Days in `month` (1–12) of `year`.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date: Howard Hinnant's `days_from_civil`
  /// (http://howardhinnant.github.io/date_algorithms.html).
  public static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The proleptic Gregorian date of a day number: Howard Hinnant's `civil_from_days`.
  public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
