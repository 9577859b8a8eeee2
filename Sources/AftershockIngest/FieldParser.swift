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
    /// A numeric date whose day and month could be either way round (`03/04/2024`) and no date order was given.
    case ambiguousDayMonth(monthFirst: Day, dayFirst: Day)
    /// A numeric date that is a real date only in the other order than the one given (`13/11/2024` with `.mdy`).
    case notInDateOrder(DateOrder)
    /// An all-numeric date with a two-digit year (`24-11-01`, `31/12/99`) and no date order given.
    case twoDigitYear
    /// A date whose weekday (RFC 2822 `Mon, 01 Nov 2024`) is not its day's; 0 is Monday.
    case wrongWeekday(day: Day, given: Int, actual: Int)
    /// Not a date in any accepted shape, or a day that does not exist (2023-02-29).
    case notADate
  }

  /// Reads a time as `timestamp(_:)` does, telling a date outside the supported range, or an
  /// ambiguous numeric date, from text that is no date. `order` decides `03/04/2024`.
  static func date(_ raw: UnsafeRawBufferPointer, order: DateOrder? = nil) -> DateResult {
    let b = trim(raw)
    let t: Timestamp
    if let iso = anyTimestamp(b) {
      t = iso
    } else {
      // Every other shape goes through the slower reader, so ISO dates cost what they did. Its
      // `.value` is any time read, its day not yet checked against the supported range.
      let other = otherDateShape(b, order: order)
      guard case .value(let time) = other else { return other }
      t = time
    }
    return Day.supportedRange.contains(t.day) ? .value(t) : .outsideSupportedRange(t)
  }

  /// Reads `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fff]]` and a zone (`Z`, `UTC`, `±HH[:MM]`),
  /// Unix time (10 digits of seconds or 13 of milliseconds, optionally with a fraction), or one of the other
  /// shapes of `otherDateShape` (`DD.MM.YYYY`, month names, 12-hour times...); nil for anything else.
  ///
  /// A time without a zone is taken as UTC. `/` may stand for `-` in the date. A time whose UTC day is outside
  /// `Day.supportedRange` (1900-01-01 through 2199-12-31) is nil too, and so is an ambiguous numeric date
  /// without `order`: `date(_:order:)` tells those cases apart.
  static func timestamp(_ raw: UnsafeRawBufferPointer, order: DateOrder? = nil) -> Timestamp? {
    if case .value(let t) = date(raw, order: order) { return t }
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
  static func day(_ raw: UnsafeRawBufferPointer, order: DateOrder? = nil) -> Day? {
    timestamp(raw, order: order).map(Day.init)
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

  /// Reads a decimal number: optional sign, optional `$`, digits, grouping, fraction, exponent; other
  /// shapes (currencies, accounting parentheses) go through `separatedNumber`.
  ///
  /// The decimal mark is the file's convention, never decided value by value: `.` for decimals and
  /// `,` between groups of three digits (`1,234.56`), or with `decimalComma` (a `;`-separated file,
  /// or `--decimal-mark ,`) `,` for decimals and `.` between groups (`1.234,56`). A value written
  /// the other way (`3.25` with `decimalComma`, `40,1` without) is `.notANumber`, never read as the
  /// other convention. `nan`, `inf` and `infinity` (any case) are `.notFinite`. A zero is `+0`
  /// however written (`-0`, `(0.00)`): a `-0` would print as `-0.00` and `$-0`.
  static func double(_ raw: UnsafeRawBufferPointer, decimalComma: Bool = false) -> NumberResult {
    let b = trim(raw)
    guard !b.isEmpty else { return .notANumber }
    let result = plainNumber(b, decimalComma: decimalComma) ?? separatedNumber(b, decimalComma: decimalComma)
    if case .value(let v) = result, v == 0 { return .value(0) }
    return result
  }

  /// The common shape (`-12`, `$12`, `3.25`, `1,234.5`, `1e3`; `1.234,5` with `decimalComma`) read in
  /// one pass; nil for any other shape.
  private static func plainNumber(_ b: UnsafeRawBufferPointer, decimalComma: Bool) -> NumberResult? {
    let groupMark = decimalComma ? UInt8(ascii: ".") : UInt8(ascii: ",")
    let decimalMark = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
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
    // Grouping (`1,234,567`; `1.234.567` with `decimalComma`), checked as it goes: groups of three after
    // a first group of one to three digits not led by a zero. Anything else leaves it to `separatedNumber`.
    var groupDigits = 0
    var commas = 0
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
        groupDigits += 1
      } else if c == groupMark {
        if commas == 0 {
          guard groupDigits >= 1, groupDigits <= 3, b[i - groupDigits] != UInt8(ascii: "0") else { return nil }
        } else {
          guard groupDigits == 3 else { return nil }
        }
        commas += 1
        groupDigits = 0
      } else {
        break
      }
      i += 1
    }
    if commas > 0, groupDigits != 3 { return nil }
    if i < b.count, b[i] == decimalMark {
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
    guard digits > 0 else { return isNonFiniteWord(b) ? .notFinite : nil }
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
      if i == start { return nil }
      exponent += exponentNegative ? -e : e
    }
    guard i == b.count else { return nil }
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

  /// Whether a number's text holds exactly one grouping mark (`,`, or `.` with `decimalComma`) and
  /// no decimal mark: `1,125` is 1125 by the convention, but 1.125 written the other way.
  static func hasLoneGroupingMark(_ raw: UnsafeRawBufferPointer, decimalComma: Bool) -> Bool {
    let grouping = decimalComma ? UInt8(ascii: ".") : UInt8(ascii: ",")
    let decimal = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
    var groupings = 0
    for b in raw {
      if b == decimal { return false }
      if b == grouping { groupings += 1 }
    }
    return groupings == 1
  }

  /// ISO 4217 codes taken as a currency beside an amount (`12000 USD`, `EUR 12.000,00`).
  private static let currencyCodes: Set<String> = [
    "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "INR", "CNY",
    "BRL", "MXN", "ZAR", "SGD", "HKD", "KRW", "ILS", "TRY", "AED", "SAR", "RON", "BGN", "ISK", "TWD", "THB", "IDR",
    "MYR", "PHP", "CLP", "COP", "ARS", "PEN", "RUB", "UAH",
  ]

  /// Currency symbols taken beside an amount: `$`, `€`, `£`, `¥`.
  private static let currencySymbols: [[UInt8]] = [[0x24], [0xE2, 0x82, 0xAC], [0xC2, 0xA3], [0xC2, 0xA5]]

  /// The currency an amount is written in, by its symbol or ISO code on either side (`$` as USD,
  /// `€` EUR, `£` GBP, `¥` JPY), or nil when it names none.
  static func currency(_ raw: UnsafeRawBufferPointer) -> String? {
    let b = Array(trim(raw)).filter { $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") && $0 != UInt8(ascii: "-") }
    func named(_ bytes: ArraySlice<UInt8>) -> String {
      switch Array(bytes) {
      case [0x24]: return "USD"
      case [0xE2, 0x82, 0xAC]: return "EUR"
      case [0xC2, 0xA3]: return "GBP"
      case [0xC2, 0xA5]: return "JPY"
      default: return String(decoding: bytes, as: UTF8.self)
      }
    }
    let prefix = currencyPrefix(b, 0)
    if prefix > 0 { return named(b[0..<prefix]) }
    let suffix = currencySuffix(b, b.count)
    if suffix > 0 { return named(b[(b.count - suffix)...]) }
    return nil
  }

  /// The length of a currency symbol or code starting at `at` (0 when there is none).
  private static func currencyPrefix(_ b: [UInt8], _ at: Int) -> Int {
    for symbol in currencySymbols where b.count - at >= symbol.count && Array(b[at..<at + symbol.count]) == symbol {
      return symbol.count
    }
    if b.count - at >= 3, currencyCodes.contains(String(decoding: b[at..<at + 3], as: UTF8.self)),
      at + 3 == b.count || !isLetter(b[at + 3])
    {
      return 3
    }
    return 0
  }

  /// The length of a currency symbol or code ending at `end` (0 when there is none).
  private static func currencySuffix(_ b: [UInt8], _ end: Int) -> Int {
    for symbol in currencySymbols where end >= symbol.count && Array(b[end - symbol.count..<end]) == symbol {
      return symbol.count
    }
    if end >= 3, currencyCodes.contains(String(decoding: b[end - 3..<end], as: UTF8.self)),
      end == 3 || !isLetter(b[end - 4])
    {
      return 3
    }
    return 0
  }

  @inline(__always)
  private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

  /// Reads the shapes `plainNumber` leaves: `,` or `.` grouping in groups of three (`1,234,567.89`,
  /// `1.234,56`), a decimal comma, a currency symbol or ISO code on either side with or without a space
  /// (`€12,000`, `USD 12,000.00`, `12000 USD`), and accounting parentheses for a negative (`(1,200.00)`).
  ///
  /// The separators follow the file's convention (see `double`): at most one decimal mark, after any
  /// grouping marks, and grouping marks only between valid groups of three; anything else is
  /// `.notANumber` (`3.25` with `decimalComma`, `40,1` without, `1,2,3` either way).
  private static func separatedNumber(_ trimmed: UnsafeRawBufferPointer, decimalComma: Bool) -> NumberResult {
    var b = Array(trimmed)
    var negative = false
    if b.count >= 2, b.first == UInt8(ascii: "("), b.last == UInt8(ascii: ")") {
      negative = true
      b = Array(b[1..<(b.count - 1)])
    }
    var lo = 0
    var hi = b.count
    func skipSpaces() {
      while lo < hi, isSpace(b[lo]) { lo += 1 }
      while hi > lo, isSpace(b[hi - 1]) { hi -= 1 }
    }
    func takeSign() -> Bool {
      guard lo < hi, b[lo] == UInt8(ascii: "-") || b[lo] == UInt8(ascii: "+") else { return true }
      if b[lo] == UInt8(ascii: "-") {
        if negative { return false }
        negative = true
      }
      lo += 1
      return true
    }
    skipSpaces()
    guard takeSign() else { return .notANumber }
    var currencies = 0
    let prefix = currencyPrefix(b, lo)
    if prefix > 0 {
      lo += prefix
      currencies += 1
      skipSpaces()
      guard takeSign() else { return .notANumber }
    }
    let suffix = currencySuffix(Array(b[0..<hi]), hi)
    if suffix > 0 {
      hi -= suffix
      currencies += 1
      skipSpaces()
    }
    guard currencies <= 1, lo < hi else { return isNonFiniteWord(trimmed) ? .notFinite : .notANumber }
    // The core: digits and separators, then an optional exponent.
    var end = lo
    while end < hi, digit(b[end]) != nil || b[end] == UInt8(ascii: ",") || b[end] == UInt8(ascii: ".") { end += 1 }
    let core = Array(b[lo..<end])
    let exponentText = Array(b[end..<hi])
    if !exponentText.isEmpty {
      guard exponentText[0] | 0x20 == UInt8(ascii: "e") else { return .notANumber }
    }
    guard let canonical = canonicalDigits(core, decimalComma: decimalComma) else { return .notANumber }
    let text = (negative ? [UInt8(ascii: "-")] : []) + canonical + exponentText
    return text.withUnsafeBytes { plainNumber($0, decimalComma: false) } ?? .notANumber
  }

  /// Digits and separators rewritten as digits with at most one `.` for the decimal mark; nil when
  /// the separators do not fit the file's convention: one decimal mark at most, after the grouping
  /// marks, which must split the integer part into valid groups of three.
  private static func canonicalDigits(_ core: [UInt8], decimalComma: Bool) -> [UInt8]? {
    let dot = UInt8(ascii: ".")
    let decimal = decimalComma ? UInt8(ascii: ",") : dot
    let grouping = decimalComma ? dot : UInt8(ascii: ",")
    guard !core.isEmpty, core.contains(where: { digit($0) != nil }) else { return nil }
    var integerPart = core[...]
    var fraction: ArraySlice<UInt8> = []
    var hasDecimal = false
    if let index = core.firstIndex(of: decimal) {
      hasDecimal = true
      integerPart = core[..<index]
      fraction = core[(index + 1)...]
      guard fraction.allSatisfy({ digit($0) != nil }) else { return nil }
    }
    if integerPart.contains(grouping) {
      guard isGrouped(Array(integerPart), separator: grouping) else { return nil }
      integerPart = integerPart.filter { $0 != grouping }[...]
    }
    guard integerPart.allSatisfy({ digit($0) != nil }), !(integerPart.isEmpty && fraction.isEmpty) else {
      return nil
    }
    return Array(integerPart) + (hasDecimal ? [dot] + fraction : [])
  }

  /// Whether `digits` are groups of three split by `separator`, the first of one to three digits and
  /// not led by a zero (`1,234,567`, `12.000`); a run without the separator is not grouped.
  private static func isGrouped(_ digits: [UInt8], separator: UInt8) -> Bool {
    let groups = digits.split(separator: separator, omittingEmptySubsequences: false)
    guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count), first.first != UInt8(ascii: "0")
    else { return false }
    return groups.dropFirst().allSatisfy { $0.count == 3 } && groups.allSatisfy { $0.allSatisfy { digit($0) != nil } }
  }

  private static func isNonFiniteWord(_ b: UnsafeRawBufferPointer) -> Bool {
    var word = [UInt8]()
    for c in b where c != UInt8(ascii: "-") && c != UInt8(ascii: "+") { word.append(c | 0x20) }
    let text = String(decoding: word, as: UTF8.self)
    return text == "nan" || text == "inf" || text == "infinity"
  }

  /// Reads true/false, yes/no, y/n, t/f, 1/0, 1.0/0.0 (pandas writes a boolean column holding a
  /// gap as floats) and Excel's German and French TRUE/FALSE (WAHR/FALSCH, VRAI/FAUX), any case; nil otherwise.
  static func boolean(_ raw: UnsafeRawBufferPointer) -> Bool? {
    let b = trim(raw)
    var lower: UInt64 = 0
    guard b.count <= 6 else { return nil }
    for c in b { lower = lower << 8 | UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
    switch lower {
    case 0x74_72_75_65, 0x79_65_73, 0x79, 0x74, 0x31: return true  // true yes y t 1
    case 0x66_61_6C_73_65, 0x6E_6F, 0x6E, 0x66, 0x30: return false  // false no n f 0
    case 0x31_2E_30, 0x77_61_68_72, 0x76_72_61_69: return true  // 1.0 wahr vrai
    case 0x30_2E_30, 0x66_61_6C_73_63_68, 0x66_61_75_78: return false  // 0.0 falsch faux
    default: return nil
    }
  }

  /// Whether a value is a "no value" marker spreadsheets and data tools write in an empty cell:
  /// `N/A`, `NA`, `#N/A`, `NULL`, `None`, `-`, `--`, `NaN`, `NaT`, `(blank)` (any case).
  static func isNoValueMarker(_ raw: UnsafeRawBufferPointer) -> Bool {
    let b = trim(raw)
    guard b.count >= 1, b.count <= 7 else { return false }
    var lower: UInt64 = 0
    for c in b { lower = lower << 8 | UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
    switch lower {
    case 0x6E_2F_61, 0x6E_61, 0x23_6E_2F_61, 0x6E_75_6C_6C, 0x6E_6F_6E_65, 0x2D, 0x2D_2D, 0x6E_61_6E, 0x6E_61_74,
      0x28_62_6C_61_6E_6B_29:  // n/a na #n/a null none - -- nan nat (blank)
      return true
    default:
      return false
    }
  }
}
