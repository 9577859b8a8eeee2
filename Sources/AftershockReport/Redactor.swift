/// Replaces e-mail addresses with `[email]`, phone numbers with `[phone]`, payment card numbers
/// with `[card]` and IBANs with `[iban]` in customer quotes.
///
/// Card: 13 to 19 digits, in groups split by single spaces or hyphens, that pass the Luhn check
/// (`4111 1111 1111 1111`; before session 36 it read as a phone after its first group, and the
/// report showed "4111 [phone]"). IBAN: two capital letters, two check digits and 11 to 30 more
/// letters or digits, in groups split by single spaces or not, whose ISO 13616 mod-97 check
/// holds (`DE89 3704 0044 0532 0130 00`; an outside audit found one quoted in full).
///
/// A single forward scan over UTF-8 bytes. E-mail: a local part of letters, digits and
/// `._%+-`, an `@`, and a domain of at least two labels whose last is two or more letters.
/// Phone: 7 to 15 digits in groups split by spaces, `-`, `.` or parentheses, starting with
/// `+`, `(` or a digit at a word boundary, and not shaped like a date (`2026-07-19`,
/// `19/07/2026`), a decimal (`3.14159`), a grouped amount (`1 250 000`, `192.168.100.200`),
/// an amount after a currency sign (`$1000000`), an id after `#` or a letter and hyphen
/// (`INC-5550100123`), or a year-led id (`2026-0719-001`). A bare digit run counts only when
/// it starts with `+` or a trunk `0` and has 10-11 digits (`07700900123`).
public enum Redactor {
  /// How many addresses and numbers a redaction replaced.
  public struct Counts: Sendable, Equatable {
    /// E-mail addresses replaced.
    public var emails: Int
    /// Phone numbers replaced.
    public var phones: Int
    /// Payment card numbers replaced.
    public var cards: Int
    /// IBANs replaced.
    public var ibans: Int

    /// Makes counts.
    public init(emails: Int = 0, phones: Int = 0, cards: Int = 0, ibans: Int = 0) {
      self.emails = emails
      self.phones = phones
      self.cards = cards
      self.ibans = ibans
    }
  }

  /// `text` with e-mail addresses and phone numbers replaced.
  public static func redact(_ text: String) -> String {
    var output: [UInt8] = []
    var text = text
    text.withUTF8 { bytes in _ = redact(UnsafeRawBufferPointer(bytes), into: &output) }
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends `bytes` to `output` with e-mail addresses and phone numbers replaced; returns what was replaced.
  public static func redact(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Counts {
    var counts = Counts()
    let count = bytes.count
    output.reserveCapacity(output.count + count)
    var index = 0
    while index < count {
      let byte = bytes[index]
      let previous: UInt8 = index > 0 ? bytes[index - 1] : 0x20
      if isLocalPartByte(byte) && !isLocalPartByte(previous), let end = emailEnd(bytes, from: index) {
        output.append(contentsOf: emailToken)
        counts.emails += 1
        index = end
        continue
      }
      if isLetter(byte) && !isLetter(previous) && !isDigit(previous) && previous < 0x80,
        let end = ibanEnd(bytes, from: index)
      {
        output.append(contentsOf: ibanToken)
        counts.ibans += 1
        index = end
        continue
      }
      if isDigit(byte) && isPhoneBoundary(bytes, before: index), let end = cardEnd(bytes, from: index) {
        output.append(contentsOf: cardToken)
        counts.cards += 1
        index = end
        continue
      }
      if isPhoneBoundary(bytes, before: index), let end = phoneEnd(bytes, from: index) {
        output.append(contentsOf: phoneToken)
        counts.phones += 1
        index = end
        continue
      }
      output.append(byte)
      index += 1
    }
    return counts
  }

  private static let emailToken: [UInt8] = Array("[email]".utf8)
  private static let phoneToken: [UInt8] = Array("[phone]".utf8)
  private static let cardToken: [UInt8] = Array("[card]".utf8)
  private static let ibanToken: [UInt8] = Array("[iban]".utf8)

  /// The end of a payment card number starting at the digit `start`: digit groups split by single
  /// spaces or hyphens, 13 to 19 digits in all, not run on into a word or number, passing the
  /// Luhn check; the longest such run of whole groups, or nil. (Quotes only: not a hot path.)
  private static func cardEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    var groupEnds: [(end: Int, digits: Int)] = []
    var index = start
    var digits = 0
    while index < bytes.count && digits <= 19 {
      if isDigit(bytes[index]) {
        digits += 1
        index += 1
        continue
      }
      groupEnds.append((index, digits))
      let separator = bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "-")
      guard separator, index + 1 < bytes.count, isDigit(bytes[index + 1]) else { break }
      index += 1
    }
    if index == bytes.count { groupEnds.append((index, digits)) }
    for (end, count) in groupEnds.reversed() where count >= 13 && count <= 19 {
      if end < bytes.count, isLetter(bytes[end]) || bytes[end] >= 0x80 { continue }
      if luhn(bytes, start, end) { return end }
    }
    return nil
  }

  /// Whether the digits of `bytes[start..<end]` pass the Luhn check: from the last, every second
  /// digit doubled (minus 9 past 9), the sum ending in 0.
  private static func luhn(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
    var sum = 0
    var doubled = false
    var position = end - 1
    while position >= start {
      if isDigit(bytes[position]) {
        var value = Int(bytes[position] - 0x30)
        if doubled {
          value *= 2
          if value > 9 { value -= 9 }
        }
        sum += value
        doubled.toggle()
      }
      position -= 1
    }
    return sum % 10 == 0
  }

  /// The end of an IBAN starting at the letter `start`: two capitals, two digits, then 11 to 30
  /// capitals or digits, in groups split by single spaces or not, not run on into a word, whose
  /// mod-97 check (the first four characters moved to the end, letters as 10 to 35) gives 1;
  /// the longest such run of whole groups, or nil.
  private static func ibanEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    func isCapital(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    guard start + 4 <= bytes.count, isCapital(bytes[start]), isCapital(bytes[start + 1]), isDigit(bytes[start + 2]),
      isDigit(bytes[start + 3])
    else { return nil }
    var groupEnds: [(end: Int, characters: Int)] = []
    var index = start
    var characters = 0
    while index < bytes.count && characters <= 34 {
      let byte = bytes[index]
      if isDigit(byte) || isCapital(byte) {
        characters += 1
        index += 1
        continue
      }
      groupEnds.append((index, characters))
      guard byte == UInt8(ascii: " "), index + 1 < bytes.count, isDigit(bytes[index + 1]) || isCapital(bytes[index + 1])
      else { break }
      index += 1
    }
    if index == bytes.count { groupEnds.append((index, characters)) }
    for (end, count) in groupEnds.reversed() where count >= 15 && count <= 34 {
      if end < bytes.count, isLetter(bytes[end]) || isDigit(bytes[end]) || bytes[end] >= 0x80 { continue }
      if mod97(bytes, start, end) == 1 { return end }
    }
    return nil
  }

  /// ISO 13616's remainder: the characters of `bytes[start..<end]` (spaces skipped) with the first
  /// four moved to the end, letters read as 10 to 35, by 97.
  private static func mod97(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
    var remainder = 0
    func add(_ byte: UInt8) {
      if isDigit(byte) {
        remainder = (remainder * 10 + Int(byte - 0x30)) % 97
      } else {
        remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
      }
    }
    var seen = 0
    for position in start..<end where bytes[position] != UInt8(ascii: " ") {
      if seen >= 4 { add(bytes[position]) }
      seen += 1
    }
    for position in start..<(start + 4) { add(bytes[position]) }
    return remainder
  }

  @inline(__always)
  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  @inline(__always)
  private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

  @inline(__always)
  private static func isLocalPartByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
      || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
  }

  /// The end of an e-mail address starting at `start`, or `nil`.
  private static func emailEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    var index = start
    while index < bytes.count, isLocalPartByte(bytes[index]) { index += 1 }
    guard index < bytes.count, bytes[index] == UInt8(ascii: "@"), index > start else { return nil }
    // The local part must hold a letter or digit (not only punctuation).
    var hasAlphanumeric = false
    for position in start..<index where isDigit(bytes[position]) || isLetter(bytes[position]) {
      hasAlphanumeric = true
      break
    }
    guard hasAlphanumeric else { return nil }
    let domainStart = index + 1
    var end = domainStart
    while end < bytes.count {
      let byte = bytes[end]
      guard isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte >= 0x80
      else { break }
      end += 1
    }
    // A sentence may end right after the address.
    while end > domainStart, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
    guard end > domainStart else { return nil }
    var labels = 0
    var labelStart = domainStart
    var lastLabelIsAlphabetic = false
    var lastLabelLength = 0
    for position in domainStart...end {
      if position == end || bytes[position] == UInt8(ascii: ".") {
        let length = position - labelStart
        guard length > 0 else { return nil }
        labels += 1
        lastLabelLength = length
        lastLabelIsAlphabetic = true
        for letter in labelStart..<position where !(isLetter(bytes[letter]) || bytes[letter] >= 0x80) {
          lastLabelIsAlphabetic = false
        }
        labelStart = position + 1
      }
    }
    guard labels >= 2, lastLabelIsAlphabetic, lastLabelLength >= 2 else { return nil }
    return end
  }

  /// Whether a phone number may start at `index` (not inside a word, an amount or an id).
  private static func isPhoneBoundary(_ bytes: UnsafeRawBufferPointer, before index: Int) -> Bool {
    let byte = bytes[index]
    guard isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "(") else { return false }
    guard index > 0 else { return true }
    let previous = bytes[index - 1]
    if isDigit(previous) || isLetter(previous) || previous >= 0x80 { return false }
    switch previous {
    case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "@"),
      UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "&"), UInt8(ascii: "="),
      UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"):
      // `(` before a digit is handled by starting at the `(` itself.
      return false
    default:
      return true
    }
  }

  /// The end of a phone number starting at `start`, or `nil`.
  private static func phoneEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    let startsWithPlus = bytes[start] == UInt8(ascii: "+")
    let startsWithParenthesis = bytes[start] == UInt8(ascii: "(")
    var index = startsWithPlus ? start + 1 : start
    var digits = 0
    var groups: [Int] = []  // lengths of digit runs
    var separators: [UInt8] = []  // the first separator byte after each run but the last
    var run = 0
    var pendingSeparator: UInt8 = 0
    var nonDigitRun = 0
    var lastDigitEnd = start
    var openParentheses = 0
    while index < bytes.count {
      let byte = bytes[index]
      if isDigit(byte) {
        if run == 0 && !groups.isEmpty || (run == 0 && pendingSeparator != 0) {
          separators.append(pendingSeparator)
        }
        run += 1
        digits += 1
        nonDigitRun = 0
        pendingSeparator = 0
        index += 1
        lastDigitEnd = index
        if digits > 15 { return nil }
        continue
      }
      let isSeparator =
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
      guard isSeparator, nonDigitRun < 2 else { break }
      if byte == UInt8(ascii: "(") { openParentheses += 1 }
      if byte == UInt8(ascii: ")") {
        if openParentheses == 0 { break }
        openParentheses -= 1
      }
      if run > 0 {
        groups.append(run)
        run = 0
      }
      if pendingSeparator == 0 || pendingSeparator == UInt8(ascii: " ") || pendingSeparator == UInt8(ascii: ")") {
        if byte != UInt8(ascii: "(") { pendingSeparator = byte }
      }
      nonDigitRun += 1
      index += 1
    }
    if run > 0 { groups.append(run) }
    guard digits >= 7, let firstGroup = groups.first else { return nil }
    let end = lastDigitEnd
    // What follows must not continue a word, an amount or an address.
    if end < bytes.count {
      let next = bytes[end]
      if isLetter(next) || next == UInt8(ascii: "%") || next == UInt8(ascii: "@") || next == UInt8(ascii: "_") {
        return nil
      }
      if next == UInt8(ascii: "-") || next == UInt8(ascii: "/") || next == UInt8(ascii: "."),
        end + 1 < bytes.count, isDigit(bytes[end + 1])
      {
        return nil
      }
    }
    if startsWithPlus { return digits >= 8 ? end : nil }
    if groups.count == 1 {
      // A bare run: only a trunk-prefixed national number.
      let first = bytes[startsWithParenthesis ? start + 1 : start]
      return first == UInt8(ascii: "0") && (digits == 10 || digits == 11) ? end : nil
    }
    let separator = separators.first ?? UInt8(ascii: " ")
    let isDateSeparator =
      separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".")
    if groups.count >= 3, isDateSeparator {
      let (a, b, c) = (groups[0], groups[1], groups[2])
      if (a == 4 && b <= 2 && c <= 2) || (a <= 2 && b <= 2 && c == 4) { return nil }
    }
    if groups.count == 2 && separator == UInt8(ascii: ".") { return nil }  // a decimal
    if firstGroup <= 3 && groups.dropFirst().allSatisfy({ $0 == 3 })
      && separators.allSatisfy({ $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: " ") }) && !startsWithParenthesis
      && groups.count >= 3
    {
      return nil  // 1 250 000 or 192.168.100.200
    }
    if firstGroup == 4 && !startsWithParenthesis && bytes[start] != UInt8(ascii: "0") && separator == UInt8(ascii: "-")
    {
      return nil  // a year-led id such as 2026-0719-001
    }
    return end
  }
}
