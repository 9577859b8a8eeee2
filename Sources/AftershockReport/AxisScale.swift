import Foundation

/// Axis ticks at "nice" numbers (1, 2, 5 × 10ⁿ; Heckbert, Graphics Gems, 1990) or calendar steps.
struct AxisScale: Equatable {
  /// The lowest value the axis shows.
  var lower: Double
  /// The highest value the axis shows.
  var upper: Double
  /// Tick positions with their labels.
  var ticks: [(value: Double, label: String)]

  static func == (left: AxisScale, right: AxisScale) -> Bool {
    left.lower == right.lower && left.upper == right.upper && left.ticks.map(\.value) == right.ticks.map(\.value)
      && left.ticks.map(\.label) == right.ticks.map(\.label)
  }

  /// A numeric axis covering `minimum...maximum` with about `targetTicks` ticks at nice values.
  ///
  /// A percentage axis whose values all lie in 0...1 (shares, retention, survival) stays within
  /// 0%...100%: a flat range is padded only on the side that has room (all at 100% gives
  /// 90%...100%, not 90%...110%), and the nice rounding does not step past either bound.
  static func numeric(minimum: Double, maximum: Double, targetTicks: Int = 6, format: ValueFormat) -> AxisScale {
    var low = minimum.isFinite ? minimum : 0
    var high = maximum.isFinite ? maximum : 1
    if high < low { swap(&low, &high) }
    let bounds: ClosedRange<Double>? = format == .percent && low >= 0 && high <= 1 ? 0...1 : nil
    if high == low {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      low -= pad
      high += pad
      if let bounds {
        low = max(low, bounds.lowerBound)
        high = min(high, bounds.upperBound)
      }
    }
    let step = niceNumber((niceNumber(high - low, rounding: false)) / Double(max(targetTicks - 1, 1)), rounding: true)
    var niceLow = (low / step).rounded(.down) * step
    var niceHigh = (high / step).rounded(.up) * step
    if let bounds {
      niceLow = max(niceLow, bounds.lowerBound)
      niceHigh = min(niceHigh, bounds.upperBound)
    }
    let decimals = max(0, -Int((log10(step)).rounded(.down)))
    var ticks: [(Double, String)] = []
    var index = 0
    while true {
      let value = niceLow + Double(index) * step
      if value > niceHigh + step * 1e-9 || index > 50 { break }
      let clean = abs(value) < step * 1e-9 ? 0 : value
      ticks.append((clean, format.label(clean, decimals: decimals)))
      index += 1
    }
    return AxisScale(lower: niceLow, upper: niceHigh, ticks: ticks)
  }

  /// A date axis over day numbers, ticking every 1, 2, 7 or 14 days, or on month starts.
  static func dates(firstDay: Int, lastDay: Int, maximumTicks: Int = 8) -> AxisScale {
    let first = min(firstDay, lastDay)
    let last = max(max(firstDay, lastDay), first + 1)
    let span = last - first
    for step in [1, 2, 7, 14] where span / step + 1 <= maximumTicks {
      var ticks: [(Double, String)] = []
      var day = first
      if step == 7 || step == 14 {
        // Start on a Monday (day 4 since 1970-01-01 was a Monday) so weekly ticks line up.
        let weekday = ((first - 4) % 7 + 7) % 7
        if weekday != 0 { day = first + (7 - weekday) }
      }
      while day <= last {
        let (_, month, dayOfMonth) = ChartDate.components(ofDay: day)
        ticks.append((Double(day), ChartDate.monthNames[month - 1] + " " + String(dayOfMonth)))
        day += step
      }
      return AxisScale(lower: Double(first), upper: Double(last), ticks: ticks)
    }
    let months = span / 30 + 1
    let monthStep = [1, 2, 3, 6, 12, 24, 60].first { months / $0 + 1 <= maximumTicks } ?? 120
    var (year, month, _) = ChartDate.components(ofDay: first)
    // First month start on or after the first day.
    if ChartDate.day(year: year, month: month, day: 1) < first {
      month += 1
      if month > 12 {
        month = 1
        year += 1
      }
    }
    var ticks: [(Double, String)] = []
    while true {
      let day = ChartDate.day(year: year, month: month, day: 1)
      if day > last { break }
      if (month - 1) % monthStep == 0 || monthStep == 1 {
        ticks.append((Double(day), ChartDate.monthNames[month - 1] + " " + String(year)))
      }
      month += 1
      if month > 12 {
        month = 1
        year += 1
      }
    }
    return AxisScale(lower: Double(first), upper: Double(last), ticks: ticks)
  }

  private static func niceNumber(_ value: Double, rounding: Bool) -> Double {
    guard value > 0, value.isFinite else { return 1 }
    let exponent = log10(value).rounded(.down)
    let power = pow(10, exponent)
    let fraction = value / power
    let nice: Double
    if rounding {
      nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return nice * power
  }
}

/// How values are printed on an axis and on labels.
public enum ValueFormat: Sendable, Equatable {
  /// Plain numbers (`0.25`, `1200`).
  case number
  /// Fractions shown as percentages (`0.25` → `25%`).
  case percent
  /// Large numbers shortened (`1200` → `1.2k`, `3400000` → `3.4M`).
  case compact
  /// Signed numbers (`+0.4`, `-0.2`), for scores around zero.
  case signed

  /// The label of `value` with `decimals` digits (for `percent`, digits of the percentage).
  func label(_ value: Double, decimals: Int) -> String {
    switch self {
    case .number:
      return FixedFormat.string(value, decimals: decimals)
    case .percent:
      return FixedFormat.string(value * 100, decimals: max(0, decimals - 2)) + "%"
    case .compact:
      let magnitude = abs(value)
      if magnitude >= 1_000_000 { return FixedFormat.compact(value / 1_000_000, decimals: 1) + "M" }
      if magnitude >= 1_000 { return FixedFormat.compact(value / 1_000, decimals: 1) + "k" }
      return FixedFormat.compact(value, decimals: max(decimals, 0))
    case .signed:
      let text = FixedFormat.string(value, decimals: decimals)
      return value > 0 && text != FixedFormat.string(0, decimals: decimals) ? "+" + text : text
    }
  }
}
