/// Locale-free, deterministic number formatting for reports and charts.
public enum FixedFormat {
  /// `value` with exactly `decimals` digits after the point (`-0` prints as `0`; NaN and infinities as `nan`, `inf`).
  public static func string(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    let decimals = max(0, min(decimals, 9))
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9.0e15 else { return value < 0 ? "-\(abs(value))" : "\(value)" }
    let units = UInt64(scaled)
    let divisor = UInt64(scale)
    let whole = units / divisor
    var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
    if decimals > 0 {
      let fraction = String(units % divisor)
      text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
    return text
  }

  /// `value` cut, not rounded, to `decimals` digits (`0.70968` → `0.7096` at 4): the largest
  /// such number that, read back, is not above `value`, so that a figure copied from the output
  /// into a lower bound (`at-risk --min-risk`) keeps the row it came from.
  public static func cut(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return string(value, decimals: decimals) }
    let decimals = max(0, min(decimals, 9))
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    // The product is rounded: 0.7097 × 10000 may read 7096.999…, and a value a hair under
    // 0.7097 may read 7097. Both are corrected against `value` itself, the figure read back
    // being the double nearest `units / scale`, as the division gives.
    var units = (value * scale).rounded(.down)
    if units / scale > value { units -= 1 }
    if (units + 1) / scale <= value { units += 1 }
    return string(units / scale, decimals: decimals)
  }

  /// `value` with exactly `decimals` digits and its sign (`+0.40`, `-0.20`), for scores around zero.
  ///
  /// A value that rounds to zero prints unsigned (`0.00`, never `-0.00` or `+0.00`).
  public static func signed(_ value: Double, decimals: Int) -> String {
    let text = string(value, decimals: decimals)
    return value > 0 && text != string(0, decimals: decimals) ? "+" + text : text
  }

  /// `value` with at most `decimals` digits after the point, trailing zeros removed (`12.50` → `12.5`).
  public static func compact(_ value: Double, decimals: Int = 2) -> String {
    var text = string(value, decimals: decimals)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  /// `value` with thousands separators (`1234567.8` → `1,234,568` at 0 decimals).
  public static func grouped(_ value: Double, decimals: Int = 0) -> String {
    let text = string(value, decimals: decimals)
    var sign = ""
    var body = Substring(text)
    if body.hasPrefix("-") {
      sign = "-"
      body = body.dropFirst()
    }
    let parts = body.split(separator: ".", maxSplits: 1)
    let whole = Array(parts[0])
    var grouped = ""
    for (index, digit) in whole.enumerated() {
      if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
  }

  /// A probability as a percentage cut, not rounded, to `decimals` digits (`0.4966` → `49%`,
  /// `0.999` → `99%`, `0.004` → `<1%`): a risk just under a tier's threshold (a whole percentage)
  /// never shows as the threshold, as "50% medium" beside "51% high" did (an outside audit).
  public static func percentDown(_ probability: Double, decimals: Int = 0) -> String {
    let decimals = max(0, min(decimals, 9))
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    // A hair above the product: 0.29 × 100 is 28.999999999999996.
    let cut = (probability * 100 * scale + 1e-7).rounded(.down) / scale
    if probability > 0 && cut == 0 { return "<" + string(1 / scale, decimals: decimals) + "%" }
    return string(min(cut, 100), decimals: decimals) + "%"
  }

  /// A probability as a percentage (`0.734` → `73.4%`).
  ///
  /// Only a probability of exactly 1 reads `100%` and only exactly 0 reads `0%`: one that
  /// rounds to either end shows the nearest value short of it (`0.997` at 0 decimals →
  /// `>99%`, `0.0004` at 1 → `<0.1%`), so a near-certain churn is not shown as a certain one.
  public static func percent(_ probability: Double, decimals: Int = 1) -> String {
    let decimals = max(0, min(decimals, 9))
    let text = string(probability * 100, decimals: decimals)
    var step = 1.0
    for _ in 0..<decimals { step /= 10 }
    if probability < 1 && text == string(100, decimals: decimals) {
      return ">" + string(100 - step, decimals: decimals) + "%"
    }
    if probability > 0 && text == string(0, decimals: decimals) {
      return "<" + string(step, decimals: decimals) + "%"
    }
    return text + "%"
  }
}
