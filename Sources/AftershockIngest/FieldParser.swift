/// Byte-level parsers for field values (dates, numbers, booleans); no String on the success path.
enum FieldParser {
  /// The bytes with ASCII spaces, tabs, CR and LF removed at both ends.
  @inline(__always)
  static func trim(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lo = 0
    var hi = b.count
    while lo < hi, isSpace(b[lo]) { lo &+= 1 }
    while hi > lo, isSpace(b[hi &- 1]) { hi &-= 1 }
    return UnsafeRawBufferPointer(rebasing: b[lo..<hi])
  }

  @inline(__always)
  static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

  @inline(__always)
  private static func digit(_ c: UInt8) -> Int? {
    c >= 0x30 && c <= 0x39 ? Int(c &- 0x30) : nil
  }

  private static func number(_ b: UnsafeRawBufferPointer, _ at: Int, _ width: Int) -> Int? {
    guard at + width <= b.count else { return nil }
    var v = 0
    for i in at..<(at + width) {
      guard let d = digit(b[i]) else { return nil }
      v = v * 10 + d
    }
    return v
  }

  /// The outcome of reading a date or timestamp.
  enum DateResult: Equatable {
    /// A time on a day in `Day.supportedRange`.
    case value(Timestamp)
    /// A well-formed time on a real day outside `Day.supportedRange` (9999-12-31, 0001-01-01).
    case outsideSupportedRange(Timestamp)
    /// Not a date in any accepted shape, or a day that does not exist (2023-02-29).
    case notADate
  }

  /// Reads a time as `timestamp(_:)` does, telling a date outside the supported range from text that is no date.
  static func date(_ raw: UnsafeRawBufferPointer) -> DateResult {
    guard let t = anyTimestamp(trim(raw)) else { return .notADate }
    return Day.supportedRange.contains(t.day) ? .value(t) : .outsideSupportedRange(t)
  }

  /// Reads `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fff]]` and a zone (`Z`, `UTC`, `±HH[:MM]`),
  /// or Unix time (10 digits of seconds or 13 of milliseconds); nil for anything else.
  ///
  /// A time without a zone is taken as UTC. `/` may stand for `-` in the date. A time whose UTC day is outside
  /// `Day.supportedRange` (1900-01-01 through 2199-12-31) is nil too: `date(_:)` tells that case apart.
  static func timestamp(_ raw: UnsafeRawBufferPointer) -> Timestamp? {
    if case .value(let t) = date(raw) { return t }
    return nil
  }

  /// Reads a trimmed time of any four-digit year (no range check).
  private static func anyTimestamp(_ b: UnsafeRawBufferPointer) -> Timestamp? {
    if b.count == 10 || b.count == 13, let unix = unixTime(b) { return unix }
    guard b.count >= 10, let year = number(b, 0, 4), let month = number(b, 5, 2), let dayOfMonth = number(b, 8, 2)
    else { return nil }
    let separator = b[4]
    guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"), b[7] == separator,
      let day = Day(year: year, month: month, day: dayOfMonth)
    else { return nil }
    var seconds = Int64(day.daysSinceEpoch) * 86_400
    if b.count == 10 { return Timestamp(secondsSinceEpoch: seconds) }
    var i = 10
    let t = b[i]
    guard t == UInt8(ascii: "T") || t == UInt8(ascii: "t") || t == 0x20 else { return nil }
    i += 1
    guard let hour = number(b, i, 2), i + 5 <= b.count, b[i + 2] == UInt8(ascii: ":"),
      let minute = number(b, i + 3, 2), hour <= 23, minute <= 59
    else { return nil }
    i += 5
    var second = 0
    if i < b.count, b[i] == UInt8(ascii: ":") {
      guard let s = number(b, i + 1, 2), s <= 60 else { return nil }
      second = s
      i += 3
      if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
        i += 1
        let fractionStart = i
        while i < b.count, digit(b[i]) != nil { i += 1 }
        if i == fractionStart { return nil }
      }
    }
    seconds += Int64(hour * 3600 + minute * 60 + second)
    while i < b.count, b[i] == 0x20 { i += 1 }
    if i == b.count { return Timestamp(secondsSinceEpoch: seconds) }
    let z = b[i]
    if z == UInt8(ascii: "Z") || z == UInt8(ascii: "z") {
      return i + 1 == b.count ? Timestamp(secondsSinceEpoch: seconds) : nil
    }
    if b.count - i == 3 {
      let upper = (b[i] & 0xDF, b[i + 1] & 0xDF, b[i + 2] & 0xDF)
      if upper == (0x55, 0x54, 0x43) || upper == (0x47, 0x4D, 0x54) {  // UTC, GMT
        return Timestamp(secondsSinceEpoch: seconds)
      }
      return nil
    }
    guard z == UInt8(ascii: "+") || z == UInt8(ascii: "-"), let offsetHours = number(b, i + 1, 2), offsetHours <= 14
    else { return nil }
    i += 3
    var offsetMinutes = 0
    if i < b.count {
      if b[i] == UInt8(ascii: ":") { i += 1 }
      guard let m = number(b, i, 2), m <= 59, i + 2 == b.count else { return nil }
      offsetMinutes = m
    }
    let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
    return Timestamp(secondsSinceEpoch: z == UInt8(ascii: "+") ? seconds - offset : seconds + offset)
  }

  /// Unix time as exported by APIs and JSON tools: ten digits of seconds or thirteen of
  /// milliseconds since 1970-01-01 UTC, from 2001-09-09 on either way (so a shorter or longer id or
  /// amount is never read as a time); past 2199 it is a time outside the supported range.
  private static func unixTime(_ b: UnsafeRawBufferPointer) -> Timestamp? {
    var value: Int64 = 0
    for byte in b {
      guard let d = digit(byte) else { return nil }
      value = value * 10 + Int64(d)
    }
    let seconds = b.count == 13 ? value / 1000 : value
    guard seconds >= 1_000_000_000 else { return nil }
    return Timestamp(secondsSinceEpoch: seconds)
  }

  /// Reads a day (`YYYY-MM-DD`, or any timestamp accepted by `timestamp(_:)`, taking its UTC day).
  static func day(_ raw: UnsafeRawBufferPointer) -> Day? {
    timestamp(raw).map(Day.init)
  }

  /// The outcome of reading a number.
  enum NumberResult: Equatable {
    case value(Double)
    case notANumber
    case notFinite
  }

  private static let powersOfTen: [Double] = (0...22).map { e in
    var v = 1.0
    for _ in 0..<e { v *= 10 }
    return v
  }

  /// Reads a decimal number: optional sign, optional `$`, digits with optional `,` grouping, fraction, exponent.
  ///
  /// `nan`, `inf` and `infinity` (any case) are `.notFinite`; anything else unreadable is `.notANumber`.
  static func double(_ raw: UnsafeRawBufferPointer) -> NumberResult {
    let b = trim(raw)
    guard !b.isEmpty else { return .notANumber }
    var i = 0
    var negative = false
    if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
      negative = b[i] == UInt8(ascii: "-")
      i += 1
    }
    if i < b.count, b[i] == UInt8(ascii: "$") { i += 1 }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0
    var digits = 0
    var lastWasDigit = false
    while i < b.count {
      let c = b[i]
      if let d = digit(c) {
        if significant < 19 {
          if mantissa != 0 || d != 0 { significant += 1 }
          mantissa = mantissa * 10 + UInt64(d)
        } else {
          exponent += 1
        }
        digits += 1
        lastWasDigit = true
      } else if c == UInt8(ascii: ","), lastWasDigit, i + 1 < b.count, digit(b[i + 1]) != nil {
        lastWasDigit = false
      } else {
        break
      }
      i += 1
    }
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      while i < b.count, let d = digit(b[i]) {
        if significant < 19 {
          if mantissa != 0 || d != 0 { significant += 1 }
          mantissa = mantissa * 10 + UInt64(d)
          exponent -= 1
        }
        digits += 1
        i += 1
      }
    }
    guard digits > 0 else { return isNonFiniteWord(b) ? .notFinite : .notANumber }
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      var exponentNegative = false
      if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
        exponentNegative = b[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      let start = i
      while i < b.count, let d = digit(b[i]) {
        if e < 100_000 { e = e * 10 + d }
        i += 1
      }
      if i == start { return .notANumber }
      exponent += exponentNegative ? -e : e
    }
    guard i == b.count else { return .notANumber }
    var value: Double
    if mantissa < (1 << 53), abs(exponent) <= 22 {
      value = Double(mantissa)
      value = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
    } else {
      // Rare: long mantissas or large exponents go through the standard library's correctly rounded parser.
      guard let parsed = Double("\(mantissa)e\(exponent)") else { return .notANumber }
      value = parsed
    }
    if !value.isFinite { return .notFinite }
    return .value(negative ? -value : value)
  }

  private static func isNonFiniteWord(_ b: UnsafeRawBufferPointer) -> Bool {
    var word = [UInt8]()
    for c in b where c != UInt8(ascii: "-") && c != UInt8(ascii: "+") { word.append(c | 0x20) }
    let text = String(decoding: word, as: UTF8.self)
    return text == "nan" || text == "inf" || text == "infinity"
  }

  /// Reads true/false, yes/no, y/n, t/f, 1/0 (any case); nil otherwise.
  static func boolean(_ raw: UnsafeRawBufferPointer) -> Bool? {
    let b = trim(raw)
    var lower: UInt64 = 0
    guard b.count <= 5 else { return nil }
    for c in b { lower = lower << 8 | UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
    switch lower {
    case 0x74_72_75_65, 0x79_65_73, 0x79, 0x74, 0x31: return true  // true yes y t 1
    case 0x66_61_6C_73_65, 0x6E_6F, 0x6E, 0x66, 0x30: return false  // false no n f 0
    default: return nil
    }
  }
}
