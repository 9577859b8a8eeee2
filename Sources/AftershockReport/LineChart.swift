/// A line chart of several series over time (or any numeric x), with optional shaded interval bands.
///
/// Used for retention curves with their confidence intervals and for trends across runs.
/// ``svg()`` is a pure function of the value: the same chart always gives the same bytes.
public struct LineChart: Sendable, Equatable {
  /// What the x values are.
  public enum XAxis: Sendable, Equatable {
    /// Day numbers (see ``ChartDate``), labelled as dates.
    case dates
    /// Plain numbers (e.g. days since the incident).
    case numbers
  }

  /// One point of a series.
  public struct Point: Sendable, Equatable {
    /// The x value (a day number on a date axis).
    public var x: Double
    /// The y value.
    public var y: Double

    /// Makes a point.
    public init(x: Double, y: Double) {
      self.x = x
      self.y = y
    }

    /// Makes a point on a date axis from `YYYY-MM-DD`, or `nil` if the text is not a date.
    public init?(isoDate: String, y: Double) {
      guard let day = ChartDate.day(fromISO: isoDate) else { return nil }
      self.init(x: Double(day), y: y)
    }
  }

  /// The interval around a series at one x (e.g. a 90% confidence band).
  public struct IntervalPoint: Sendable, Equatable {
    /// The x value.
    public var x: Double
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double

    /// Makes an interval point.
    public init(x: Double, lower: Double, upper: Double) {
      self.x = x
      self.lower = lower
      self.upper = upper
    }
  }

  /// One named line, with its optional band.
  public struct Series: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The points, in any order (drawn sorted by x).
    public var points: [Point]
    /// The shaded band, in any order (drawn sorted by x; empty for none).
    public var interval: [IntervalPoint]

    /// Makes a series.
    public init(name: String, points: [Point], interval: [IntervalPoint] = []) {
      self.name = name
      self.points = points
      self.interval = interval
    }
  }

  /// The chart's title.
  public var title: String
  /// The x axis's label.
  public var xLabel: String
  /// The y axis's label.
  public var yLabel: String
  /// What the x values are.
  public var xAxis: XAxis
  /// How y values are printed.
  public var yFormat: ValueFormat
  /// A fixed y range (e.g. `0...1` for retention); `nil` fits the data.
  public var yRange: ClosedRange<Double>?
  /// The lines.
  public var series: [Series]
  /// The page width in pixels.
  public var width: Int
  /// The page height in pixels.
  public var height: Int

  /// Makes a line chart.
  public init(
    title: String, xLabel: String = "", yLabel: String = "", xAxis: XAxis = .dates, yFormat: ValueFormat = .number,
    yRange: ClosedRange<Double>? = nil, series: [Series], width: Int = 720, height: Int = 400
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xAxis = xAxis
    self.yFormat = yFormat
    self.yRange = yRange
    self.series = series
    self.width = width
    self.height = height
  }

  /// The chart as a standalone SVG document.
  public func svg() -> String {
    var canvas = SVGCanvas(width: width, height: height)
    canvas.title(title)
    let left = 70.0
    let legendNames = series.map(\.name) + (series.contains { !$0.interval.isEmpty } ? ["shaded: interval"] : [])
    let right = Double(canvas.width) - SVGCanvas.legendColumnWidth(legendNames, pageWidth: canvas.width)
    let top = 48.0
    let bottom = Double(canvas.height) - 56
    let xs = series.flatMap { $0.points.map(\.x) + $0.interval.map(\.x) }.filter(\.isFinite)
    var ys = series.flatMap { $0.points.map(\.y) + $0.interval.flatMap { [$0.lower, $0.upper] } }.filter(\.isFinite)
    if let yRange { ys = [yRange.lowerBound, yRange.upperBound] }
    guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else {
      canvas.text("no data", x: Double(canvas.width) / 2, y: Double(canvas.height) / 2, anchor: .middle, size: 14)
      return canvas.rendered(title: title)
    }
    let xScale: AxisScale =
      xAxis == .dates
      ? AxisScale.dates(firstDay: Int(minX.rounded(.down)), lastDay: Int(maxX.rounded(.up)))
      : AxisScale.numeric(minimum: minX, maximum: maxX, targetTicks: 7, format: .number)
    let yScale =
      yRange.map { range in
        var scale = AxisScale.numeric(minimum: range.lowerBound, maximum: range.upperBound, format: yFormat)
        scale.lower = range.lowerBound
        scale.upper = range.upperBound
        scale.ticks = scale.ticks.filter {
          $0.value >= range.lowerBound - 1e-12 && $0.value <= range.upperBound + 1e-12
        }
        return scale
      } ?? AxisScale.numeric(minimum: minY, maximum: maxY, format: yFormat)
    func px(_ x: Double) -> Double {
      left + (x - xScale.lower) / max(xScale.upper - xScale.lower, 1e-12) * (right - left)
    }
    func py(_ y: Double) -> Double {
      let clamped = min(max(y, yScale.lower), yScale.upper)
      return bottom - (clamped - yScale.lower) / max(yScale.upper - yScale.lower, 1e-12) * (bottom - top)
    }
    // Grid and y ticks.
    for tick in yScale.ticks {
      let y = py(tick.value)
      canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: SVGCanvas.gridColour)
      canvas.text(tick.label, x: left - 6, y: y + 4, anchor: .end, size: 11)
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
    // Bands first, so lines sit on top.
    for (index, line) in series.enumerated() where !line.interval.isEmpty {
      let colour = SVGCanvas.palette[index % SVGCanvas.palette.count]
      let band = line.interval.filter { $0.x.isFinite && $0.lower.isFinite && $0.upper.isFinite }.sorted { $0.x < $1.x }
      let outline = band.map { (px($0.x), py($0.upper)) } + band.reversed().map { (px($0.x), py($0.lower)) }
      canvas.polygon(outline, fill: colour, opacity: 0.18)
    }
    for (index, line) in series.enumerated() {
      let colour = SVGCanvas.palette[index % SVGCanvas.palette.count]
      let points = line.points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { $0.x < $1.x }
      canvas.polyline(points.map { (px($0.x), py($0.y)) }, stroke: colour, width: 2)
      if points.count <= 40 {
        for point in points { canvas.circle(x: px(point.x), y: py(point.y), radius: 2.5, fill: colour) }
      }
    }
    var entries: [(name: String, colour: String, opacity: Double)] = []
    for (index, line) in series.enumerated() {
      entries.append((line.name, SVGCanvas.palette[index % SVGCanvas.palette.count], 1))
    }
    if series.contains(where: { !$0.interval.isEmpty }) { entries.append(("shaded: interval", "#777777", 0.3)) }
    canvas.legend(entries, x: right + 16, y: top + 6, maximumWidth: Double(canvas.width) - right - 20)
    return canvas.rendered(title: title)
  }
}
