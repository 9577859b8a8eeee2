/// The date shapes other than ISO 8601 and whole Unix time, read on a slower path only when the
/// ISO reader gives up: `DD.MM.YYYY`, `YYYY/M/D` and one-digit parts, numeric `/` and `-` dates (day or
/// month first; with a two-digit year only given a date order), month names (`13 Nov 2024`, `Nov 13, 2024`, `13-Nov-2024`, Jira's `04/Nov/24`,
/// RFC 2822 `Wed, 13 Nov 2024 10:22:33 +0000`), 12-hour times with AM/PM, and fractional Unix time.
extension FieldParser {
  /// A cursor over a value's bytes.
  private struct Cursor {
    let bytes: [UInt8]
    var at = 0

    var isAtEnd: Bool { at == bytes.count }
    var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    /// Skips ASCII spaces; how many were skipped.
    @discardableResult
    mutating func skipSpaces() -> Int {
      let start = at
      while at < bytes.count, bytes[at] == 0x20 { at += 1 }
      return at - start
    }

    /// Takes `byte` when it is next.
    mutating func take(_ byte: UInt8) -> Bool {
      guard current == byte else { return false }
      at += 1
      return true
    }

    /// A run of ASCII digits (at most 18): its value and width.
    mutating func number() -> (value: Int, width: Int)? {
      let start = at
      var value = 0
      while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, at - start < 18 {
        value = value * 10 + Int(bytes[at] - 0x30)
        at += 1
      }
      return at > start ? (value, at - start) : nil
    }

    /// A run of ASCII letters, lowercased.
    mutating func word() -> String? {
      let start = at
      while at < bytes.count, (bytes[at] | 0x20) >= 0x61, (bytes[at] | 0x20) <= 0x7A { at += 1 }
      return at > start ? String(decoding: bytes[start..<at].map { $0 | 0x20 }, as: UTF8.self) : nil
    }
  }

  private static let monthNames = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
  ]
  private static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

  /// 1–12 for a month's English name or its three-letter abbreviation (and `sept`).
  private static func monthNumber(named word: String) -> Int? {
    for (index, name) in monthNames.enumerated() where word == name || word == String(name.prefix(3)) {
      return index + 1
    }
    return word == "sept" ? 9 : nil
  }

  /// Whether `word` (lowercased) is an English month name or abbreviation (`nov`, `sept`, `november`).
  static func isMonthName(_ word: String) -> Bool { monthNumber(named: word) != nil }

  /// 0 (Monday) – 6 (Sunday) for a weekday's English name or its three-letter abbreviation.
  private static func weekday(named word: String) -> Int? {
    weekdayNames.firstIndex { word == $0 || word == String($0.prefix(3)) }
  }

  /// A year of four digits, or two read with the POSIX `strptime` pivot (Jira's `04/Nov/24`):
  /// 69–99 are 1969–1999, 00–68 are 2000–2068.
  private static func fullYear(_ part: (value: Int, width: Int)) -> Int? {
    switch part.width {
    case 4: part.value
    case 2: part.value >= 69 ? 1900 + part.value : 2000 + part.value
    default: nil
    }
  }

  /// The English name of weekday `index` (0 is Monday), capitalized.
  static func weekdayName(_ index: Int) -> String { weekdayNames[index].capitalized }

  /// Reads a trimmed value in one of the shapes this extension adds: `.value` holds any time read
  /// (its day not yet checked against `Day.supportedRange`, which `date(_:order:)` does).
  static func otherDateShape(_ raw: UnsafeRawBufferPointer, order: DateOrder?) -> DateResult {
    if let unix = fractionalUnixTime(raw) { return .value(unix) }
    var c = Cursor(bytes: Array(raw))
    // An RFC 2822 weekday (`Wed, `), checked against the date.
    var weekdayGiven: Int?
    if let word = c.word() {
      if let w = weekday(named: word) {
        weekdayGiven = w
        _ = c.take(UInt8(ascii: ","))
        c.skipSpaces()
      } else {
        c.at = 0
      }
    }
    // The date: (year, first, second) where numeric day/month order may be open.
    var year = 0
    var month = 0
    var dayOfMonth = 0
    var openOrder: (first: Int, second: Int)?
    // An all-numeric date with a two-digit year: the year could as well come first (24-11-01 is
    // YY-MM-DD in short ISO-like exports), and only a date order given says it is last.
    var twoDigitYear = false
    if let first = c.number() {
      if first.width == 4 {
        // YYYY-M-D, YYYY/M/D, YYYY.M.D
        guard let separator = c.current, [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")].contains(separator)
        else { return .notADate }
        c.at += 1
        guard let m = c.number(), m.width <= 2, c.take(separator), let d = c.number(), d.width <= 2 else {
          return .notADate
        }
        (year, month, dayOfMonth) = (first.value, m.value, d.value)
      } else if first.width <= 2 {
        let spaced = c.skipSpaces() > 0
        let separator = spaced ? nil : c.current
        if let separator {
          guard [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")].contains(separator) else { return .notADate }
          c.at += 1
        }
        if let word = c.word() {
          // 13 Nov 2024, 13-Nov-2024, 04/Nov/24, 13. Nov 2024 is not taken (a dot after a day is German).
          guard separator != UInt8(ascii: "."), let m = monthNumber(named: word) else { return .notADate }
          if let separator {
            guard c.take(separator) else { return .notADate }
          } else {
            _ = c.take(UInt8(ascii: "."))
            guard c.skipSpaces() > 0 else { return .notADate }
          }
          guard let y = c.number(), let fullYear = fullYear(y) else { return .notADate }
          (year, month, dayOfMonth) = (fullYear, m, first.value)
        } else {
          guard let separator, let second = c.number(), second.width <= 2, c.take(separator), let y = c.number(),
            let fullYear = fullYear(y)
          else { return .notADate }
          year = fullYear
          twoDigitYear = y.width == 2
          if separator == UInt8(ascii: ".") {
            (month, dayOfMonth) = (second.value, first.value)  // DD.MM.YYYY: day first, always
          } else {
            openOrder = (first.value, second.value)
          }
        }
      } else {
        return .notADate
      }
    } else if let word = c.word(), let m = monthNumber(named: word) {
      // Nov 13, 2024 / November 13 2024 / Nov-13-2024
      _ = c.take(UInt8(ascii: "."))
      let dashed = c.take(UInt8(ascii: "-"))
      if !dashed { guard c.skipSpaces() > 0 else { return .notADate } }
      guard let d = c.number(), d.width <= 2 else { return .notADate }
      if dashed {
        guard c.take(UInt8(ascii: "-")) else { return .notADate }
      } else {
        _ = c.take(UInt8(ascii: ","))
        guard c.skipSpaces() > 0 else { return .notADate }
      }
      guard let y = c.number(), y.width == 4 else { return .notADate }
      (year, month, dayOfMonth) = (y.value, m, d.value)
    } else {
      return .notADate
    }
    // The time, if any, in seconds from midnight, and the zone offset.
    var secondsOfDay = 0
    var offset = 0
    if !c.isAtEnd {
      guard let (seconds, zone) = timeOfDay(&c) else { return .notADate }
      secondsOfDay = seconds
      offset = zone
    }
    func timestamp(_ day: Day) -> Timestamp {
      Timestamp(secondsSinceEpoch: Int64(day.daysSinceEpoch) * 86_400 + Int64(secondsOfDay - offset))
    }
    func checked(_ day: Day) -> DateResult {
      let actual = (Int(day.daysSinceEpoch) % 7 + 7 + 3) % 7
      if let weekdayGiven, actual != weekdayGiven {
        return .wrongWeekday(day: day, given: weekdayGiven, actual: actual)
      }
      return .value(timestamp(day))
    }
    guard let (first, second) = openOrder else {
      guard let day = Day(year: year, month: month, day: dayOfMonth) else { return .notADate }
      return twoDigitYear && order == nil ? .twoDigitYear : checked(day)
    }
    let monthFirst = Day(year: year, month: first, day: second)
    let dayFirst = Day(year: year, month: second, day: first)
    // Neither order may make a date of it while the year comes first (`69-01-01`): said as such.
    if twoDigitYear, order == nil { return .twoDigitYear }
    switch order {
    case .mdy?:
      if let monthFirst { return checked(monthFirst) }
      return dayFirst == nil ? .notADate : .notInDateOrder(.mdy)
    case .dmy?:
      if let dayFirst { return checked(dayFirst) }
      return monthFirst == nil ? .notADate : .notInDateOrder(.dmy)
    case nil:
      switch (monthFirst, dayFirst) {
      case (let m?, let d?): return m == d ? checked(m) : .ambiguousDayMonth(monthFirst: m, dayFirst: d)
      case (let m?, nil): return checked(m)
      case (nil, let d?): return checked(d)
      case (nil, nil): return .notADate
      }
    }
  }

  /// The one order that reads a numeric date whose year comes last (`19/07/2024` only as day first,
  /// `7/19/2024` only as month first), for the hint that an input's other numeric dates tell the
  /// order of its ambiguous ones; nil when both orders or neither read it, or for other shapes
  /// (ISO dates, month names). The date itself is read by `date(_:order:)`.
  static func singleNumericOrder(_ raw: UnsafeRawBufferPointer) -> DateOrder? {
    var at = 0
    func number(maxWidth: Int) -> (value: Int, width: Int)? {
      var value = 0
      var width = 0
      while at < raw.count, width < maxWidth, raw[at] >= UInt8(ascii: "0"), raw[at] <= UInt8(ascii: "9") {
        value = value * 10 + Int(raw[at] - UInt8(ascii: "0"))
        width += 1
        at += 1
      }
      return width > 0 ? (value, width) : nil
    }
    guard let first = number(maxWidth: 2), at < raw.count else { return nil }
    let separator = raw[at]
    guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-") else {
      return nil
    }
    at += 1
    guard let second = number(maxWidth: 2), at < raw.count, raw[at] == separator else { return nil }
    at += 1
    guard let year = number(maxWidth: 4), year.width == 4 else { return nil }
    let (a, b) = (first.value, second.value)
    guard a >= 1, b >= 1, a <= 31, b <= 31 else { return nil }
    if a > 12 && b <= 12 { return .dmy }
    if b > 12 && a <= 12 { return .mdy }
    return nil
  }

  /// Reads what follows a date: a separator (`T`, spaces, or `, `), `H:MM[:SS[.fff]]`, an optional
  /// AM/PM and an optional zone (`Z`, `UTC`, `GMT`, `±HH[:MM]`, `±HHMM`), up to the end.
  private static func timeOfDay(_ c: inout Cursor) -> (seconds: Int, offset: Int)? {
    let spaces = c.skipSpaces()
    if c.take(UInt8(ascii: ",")) {
      guard c.skipSpaces() > 0 else { return nil }
    } else if spaces == 0 {
      guard c.current.map({ $0 | 0x20 }) == UInt8(ascii: "t") else { return nil }
      c.at += 1
    }
    guard let h = c.number(), h.width <= 2, c.take(UInt8(ascii: ":")), let m = c.number(), m.width == 2, m.value <= 59
    else { return nil }
    var hour = h.value
    var second = 0
    if c.take(UInt8(ascii: ":")) {
      guard let s = c.number(), s.width == 2, s.value <= 60 else { return nil }
      second = s.value
      if c.take(UInt8(ascii: ".")) || c.take(UInt8(ascii: ",")) {
        guard c.number() != nil else { return nil }
      }
    }
    c.skipSpaces()
    var word = c.word()
    if word == "am" || word == "pm" {
      guard (1...12).contains(hour) else { return nil }
      hour = hour % 12 + (word == "pm" ? 12 : 0)
      c.skipSpaces()
      word = c.word()
    }
    guard hour <= 23 else { return nil }
    var offset = 0
    if let word {
      guard word == "z" || word == "utc" || word == "gmt" else { return nil }
      if word == "z" { guard c.isAtEnd else { return nil } }
    }
    c.skipSpaces()
    if let sign = c.current, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      c.at += 1
      guard let hh = c.number() else { return nil }
      var hours = hh.value
      var minutes = 0
      switch hh.width {
      case 2:
        if c.take(UInt8(ascii: ":")) {
          guard let mm = c.number(), mm.width == 2 else { return nil }
          minutes = mm.value
        }
      case 4:
        (hours, minutes) = (hh.value / 100, hh.value % 100)
      default:
        return nil
      }
      guard hours <= 14, minutes <= 59 else { return nil }
      offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
    }
    guard c.isAtEnd else { return nil }
    return (hour * 3600 + m.value * 60 + second, offset)
  }

  /// Unix time with a fraction (`1731493353.123`): ten digits of seconds or thirteen of milliseconds,
  /// then `.` and digits, from 2001-09-09 on (as whole Unix time is).
  private static func fractionalUnixTime(_ b: UnsafeRawBufferPointer) -> Timestamp? {
    guard let dot = b.firstIndex(of: UInt8(ascii: ".")), dot == 10 || dot == 13, dot + 1 < b.count else { return nil }
    var value: Int64 = 0
    for byte in b[..<dot] {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      value = value * 10 + Int64(byte - 0x30)
    }
    for byte in b[(dot + 1)...] where byte < 0x30 || byte > 0x39 { return nil }
    let seconds = dot == 13 ? value / 1000 : value
    guard seconds >= 1_000_000_000 else { return nil }
    return Timestamp(secondsSinceEpoch: seconds)
  }
}
