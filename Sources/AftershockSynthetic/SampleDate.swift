import AftershockIngest

/// A calendar day (proleptic Gregorian, UTC) as used by the generator's configuration and files.
///
/// Stored as days since 1970-01-01, so arithmetic is exact and needs no `Calendar`.
public struct SampleDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before).
  public let daysSinceEpoch: Int

  /// The day with this number of days since 1970-01-01.
  public init(daysSinceEpoch: Int) {
    self.daysSinceEpoch = daysSinceEpoch
  }

  /// The given day; throws when the day does not exist (e.g. 2023-02-29).
  public init(year: Int, month: Int, day: Int) throws(SyntheticError) {
    guard (1...12).contains(month), day >= 1, day <= Self.daysInMonth(year: year, month: month) else {
      throw SyntheticError.invalidDate(value: "\(year)-\(month)-\(day)")
    }
    self.daysSinceEpoch = Self.daysFromCivil(year: year, month: month, day: day)
  }

  /// Parses `YYYY-MM-DD`.
  public init(iso8601 text: String) throws(SyntheticError) {
    guard let day = Day(iso8601: text) else { throw SyntheticError.invalidDate(value: text) }
    self.init(daysSinceEpoch: Int(day.daysSinceEpoch))
  }

  /// The day `days` later (earlier when negative).
  public func adding(days: Int) -> SampleDate {
    SampleDate(daysSinceEpoch: daysSinceEpoch + days)
  }

  /// Days from `other` to this day.
  public func days(since other: SampleDate) -> Int {
    daysSinceEpoch - other.daysSinceEpoch
  }

  /// Year, month and day.
  public var components: (year: Int, month: Int, day: Int) {
    Self.civilFromDays(daysSinceEpoch)
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    var bytes: [UInt8] = []
    ByteFormat.appendDate(self, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  public static func < (lhs: SampleDate, rhs: SampleDate) -> Bool {
    lhs.daysSinceEpoch < rhs.daysSinceEpoch
  }

  /// The same month and day `years` earlier (29 February becomes 28 February).
  func anniversary(yearsBefore years: Int) -> SampleDate {
    SampleDate(daysSinceEpoch: Int(Day(daysSinceEpoch: Int32(daysSinceEpoch)).addingYears(-years).daysSinceEpoch))
  }

  // The civil-date arithmetic is Ingest's (`Day`, Howard Hinnant's algorithms).
  static func daysInMonth(year: Int, month: Int) -> Int { Day.daysInMonth(year: year, month: month) }

  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int { Day.daysFromCivil(year, month, day) }

  static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) { Day.civil(fromDays: days) }
}
