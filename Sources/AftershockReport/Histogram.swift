/// A histogram of values in equal-width bins (e.g. the distribution of churn risk).
public struct Histogram: Sendable, Equatable {
  /// One bin: `[lower, upper)` (the last bin includes its upper bound) and how many values fell in it.
  public struct Bin: Sendable, Equatable {
    /// The bin's lower edge.
    public var lower: Double
    /// The bin's upper edge.
    public var upper: Double
    /// The number of values in the bin.
    public var count: Int

    /// Makes a bin.
    public init(lower: Double, upper: Double, count: Int) {
      self.lower = lower
      self.upper = upper
      self.count = count
    }
  }

  /// The chart's title.
  public var title: String
  /// The x axis's label.
  public var xLabel: String
  /// The y axis's label.
  public var yLabel: String
  /// How x values are printed.
  public var xFormat: ValueFormat
  /// The bins, left to right.
  public var bins: [Bin]
  /// The page width in pixels.
  public var width: Int
  /// The page height in pixels.
  public var height: Int

  /// Makes a histogram from bins already counted.
  public init(
    title: String, xLabel: String = "", yLabel: String = "count", xFormat: ValueFormat = .number, bins: [Bin],
    width: Int = 720, height: Int = 400
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xFormat = xFormat
    self.bins = bins
    self.width = width
    self.height = height
  }

  /// Makes a histogram by counting `values` into `binCount` equal bins over `range`.
  ///
  /// Values outside the range are counted in the first or last bin; NaN is skipped.
  public init(
    title: String, xLabel: String = "", yLabel: String = "count", xFormat: ValueFormat = .number, values: [Double],
    binCount: Int = 10, range: ClosedRange<Double> = 0...1, width: Int = 720, height: Int = 400
  ) {
    let count = max(binCount, 1)
    let span = range.upperBound - range.lowerBound
    var counts = [Int](repeating: 0, count: count)
    for value in values where !value.isNaN {
      let position = span > 0 ? (value - range.lowerBound) / span * Double(count) : 0
      let index =
        position.isFinite ? min(max(Int(position.rounded(.down)), 0), count - 1) : (position > 0 ? count - 1 : 0)
      counts[index] += 1
    }
    let bins = (0..<count).map { index in
      Bin(
        lower: range.lowerBound + span * Double(index) / Double(count),
        upper: range.lowerBound + span * Double(index + 1) / Double(count), count: counts[index])
    }
    self.init(title: title, xLabel: xLabel, yLabel: yLabel, xFormat: xFormat, bins: bins, width: width, height: height)
  }

  /// The chart as a standalone SVG document.
  public func svg() -> String {
    var canvas = SVGCanvas(width: width, height: height)
    canvas.title(title)
    let left = 70.0
    let right = Double(canvas.width) - 24
    let top = 48.0
    let bottom = Double(canvas.height) - 56
    guard let first = bins.first, let last = bins.last else {
      canvas.text("no data", x: Double(canvas.width) / 2, y: Double(canvas.height) / 2, anchor: .middle, size: 14)
      return canvas.rendered(title: title)
    }
    var xScale = AxisScale.numeric(minimum: first.lower, maximum: last.upper, targetTicks: 6, format: xFormat)
    xScale.lower = first.lower
    xScale.upper = last.upper
    xScale.ticks = xScale.ticks.filter { $0.value >= first.lower - 1e-12 && $0.value <= last.upper + 1e-12 }
    let highest = bins.map(\.count).max() ?? 0
    // Headroom above the tallest bar for its count label; counts are whole, so are the ticks.
    var yScale = AxisScale.numeric(minimum: 0, maximum: Double(max(highest, 1)) * 1.08, targetTicks: 6, format: .number)
    yScale.ticks = yScale.ticks.filter { $0.value == $0.value.rounded() }.map { ($0.value, String(Int($0.value))) }
    func px(_ x: Double) -> Double {
      left + (x - xScale.lower) / max(xScale.upper - xScale.lower, 1e-12) * (right - left)
    }
    func py(_ y: Double) -> Double {
      bottom - (y - yScale.lower) / max(yScale.upper - yScale.lower, 1e-12) * (bottom - top)
    }
    for tick in yScale.ticks {
      let y = py(tick.value)
      canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: SVGCanvas.gridColour)
      canvas.text(tick.label, x: left - 6, y: y + 4, anchor: .end, size: 11)
    }
    for bin in bins where bin.count > 0 {
      let x0 = px(bin.lower) + 1
      let x1 = px(bin.upper) - 1
      let y = py(Double(bin.count))
      canvas.rect(x: x0, y: y, width: x1 - x0, height: bottom - y, fill: SVGCanvas.palette[0])
      canvas.text(String(bin.count), x: (x0 + x1) / 2, y: y - 4, anchor: .middle, size: 10)
    }
    for tick in xScale.ticks {
      let x = px(tick.value)
      canvas.line(x1: x, y1: bottom, x2: x, y2: bottom + 5, stroke: SVGCanvas.axisColour)
      canvas.text(tick.label, x: x, y: bottom + 18, anchor: .middle, size: 11)
    }
    canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: SVGCanvas.axisColour)
    canvas.line(x1: left, y1: top, x2: left, y2: bottom, stroke: SVGCanvas.axisColour)
    if !xLabel.isEmpty {
      canvas.text(xLabel, x: (left + right) / 2, y: Double(canvas.height) - 12, anchor: .middle, size: 12)
    }
    if !yLabel.isEmpty {
      canvas.text(yLabel, x: 16, y: (top + bottom) / 2, anchor: .middle, size: 12, rotation: -90)
    }
    return canvas.rendered(title: title)
  }
}
