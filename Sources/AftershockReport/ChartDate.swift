import AftershockIngest

/// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), for chart x axes.
public enum ChartDate {
  /// The day number of `YYYY-MM-DD` (a timestamp's date part is used), or `nil` if it is not a date.
  public static func day(fromISO text: String) -> Int? {
    let bytes = Array(text.utf8.prefix(10))
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        value = value * 10 + Int(bytes[index] - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
    else { return nil }
    return Self.day(year: year, month: month, day: day)
  }

  /// The day number of a calendar date.
  public static func day(year: Int, month: Int, day: Int) -> Int { Day.daysFromCivil(year, month, day) }

  /// The calendar date of a day number.
  public static func components(ofDay dayNumber: Int) -> (year: Int, month: Int, day: Int) {
    Day.civil(fromDays: dayNumber)
  }

  /// `YYYY-MM-DD` for a day number.
  public static func isoString(ofDay dayNumber: Int) -> String {
    let (year, month, day) = components(ofDay: dayNumber)
    return String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
  }

  static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  static func daysInMonth(year: Int, month: Int) -> Int { Day.daysInMonth(year: year, month: month) }
}
