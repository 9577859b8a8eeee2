/// Appends numbers, dates and timestamps as ASCII bytes, with fixed decimals and no locale,
/// so output is identical everywhere and nothing goes through `String` formatting.
enum ByteFormat {
  /// Appends a non-negative or negative integer in decimal.
  static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      appendUnsigned(UInt64(-value), to: &bytes)
    } else {
      appendUnsigned(UInt64(value), to: &bytes)
    }
  }

  /// Appends an integer left-padded with zeros to `width` digits.
  static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
    var digits = 1
    var probe = value / 10
    while probe > 0 {
      digits += 1
      probe /= 10
    }
    if digits < width {
      for _ in 0..<(width - digits) { bytes.append(UInt8(ascii: "0")) }
    }
    appendUnsigned(UInt64(value), to: &bytes)
  }

  static func appendUnsigned(_ value: UInt64, to bytes: inout [UInt8]) {
    if value < 10 {
      bytes.append(0x30 + UInt8(value))
      return
    }
    var scratch:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var remaining = value
    withUnsafeMutableBytes(of: &scratch) { raw in
      while remaining > 0 {
        raw[count] = 0x30 + UInt8(remaining % 10)
        remaining /= 10
        count += 1
      }
      for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(raw[index]) }
    }
  }

  /// Appends `value` rounded half away from zero to `decimals` places (`-0` is written `0`).
  static func appendFixed(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
    let magnitude = UInt64(abs(scaled))
    if scaled < 0 && magnitude != 0 { bytes.append(UInt8(ascii: "-")) }
    let divisor = UInt64(scale)
    appendUnsigned(magnitude / divisor, to: &bytes)
    if decimals > 0 {
      bytes.append(UInt8(ascii: "."))
      var fraction = magnitude % divisor
      var digits = [UInt8](repeating: 0x30, count: decimals)
      var position = decimals - 1
      while position >= 0 {
        digits[position] = 0x30 + UInt8(fraction % 10)
        fraction /= 10
        position -= 1
      }
      bytes.append(contentsOf: digits)
    }
  }

  /// Appends `YYYY-MM-DD`.
  static func appendDate(_ date: SampleDate, to bytes: inout [UInt8]) {
    let (year, month, day) = date.components
    appendPadded(year, width: 4, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendPadded(month, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendPadded(day, width: 2, to: &bytes)
  }

  /// Appends an ISO 8601 UTC timestamp `YYYY-MM-DDThh:mm:ssZ`.
  static func appendTimestamp(_ date: SampleDate, secondOfDay: Int, to bytes: inout [UInt8]) {
    appendDate(date, to: &bytes)
    bytes.append(UInt8(ascii: "T"))
    appendPadded(secondOfDay / 3600, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendPadded(secondOfDay / 60 % 60, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    appendPadded(secondOfDay % 60, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "Z"))
  }

  /// Appends an identifier `PREFIX-000123` with the number padded to `width` digits.
  static func appendIdentifier(_ prefix: StaticString, _ number: Int, width: Int, to bytes: inout [UInt8]) {
    prefix.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "-"))
    appendPadded(number, width: width, to: &bytes)
  }
}
