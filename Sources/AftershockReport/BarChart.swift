/// A horizontal grouped bar chart; with values on both sides of zero it is a diverging chart.
///
/// Used for aspect sentiment (outage, offer) by segment in [-1, 1]: one row group per
/// category, one bar per series, a zero line, and each bar labelled with its value.
public struct BarChart: Sendable, Equatable {
  /// One named set of bars, one value per category (`nil` or NaN: no bar).
  public struct Series: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The values, in the order of the chart's categories.
    public var values: [Double?]

    /// Makes a series.
    public init(name: String, values: [Double?]) {
      self.name = name
      self.values = values
    }
  }

  /// The chart's title.
  public var title: String
  /// The value axis's label.
  public var valueLabel: String
  /// The row labels (e.g. segments), top to bottom.
  public var categories: [String]
  /// The series drawn in each row.
  public var series: [Series]
  /// A fixed value range (e.g. `-1...1`); `nil` fits the data and always includes zero.
  public var valueRange: ClosedRange<Double>?
  /// How values are printed.
  public var valueFormat: ValueFormat
  /// The page width in pixels.
  public var width: Int
  /// The page height in pixels (`nil`: grows with the number of bars).
  public var height: Int?

  /// Makes a bar chart.
  public init(
    title: String, valueLabel: String = "", categories: [String], series: [Series],
    valueRange: ClosedRange<Double>? = nil, valueFormat: ValueFormat = .signed, width: Int = 720, height: Int? = nil
  ) {
    self.title = title
    self.valueLabel = valueLabel
    self.categories = categories
    self.series = series
    self.valueRange = valueRange
    self.valueFormat = valueFormat
    self.width = width
    self.height = height
  }

  /// The chart as a standalone SVG document.
  public func svg() -> String {
    let barCount = max(categories.count * max(series.count, 1), 1)
    let pageHeight = height ?? min(max(140 + barCount * 22 + categories.count * 10, 240), 2000)
    var canvas = SVGCanvas(width: width, height: pageHeight)
    canvas.title(title)
    let longestLabel = categories.map { SVGCanvas.estimatedWidth($0, size: 12) }.max() ?? 0
    let left = min(max(longestLabel + 20, 60), Double(canvas.width) * 0.3)
    let right = Double(canvas.width) - SVGCanvas.legendColumnWidth(series.map(\.name), pageWidth: canvas.width)
    let top = 48.0
    let bottom = Double(canvas.height) - 56
    let values = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
    guard !categories.isEmpty, !series.isEmpty else {
      canvas.text("no data", x: Double(canvas.width) / 2, y: Double(canvas.height) / 2, anchor: .middle, size: 14)
      return canvas.rendered(title: title)
    }
    var scale: AxisScale
    if let valueRange {
      scale = AxisScale.numeric(minimum: valueRange.lowerBound, maximum: valueRange.upperBound, format: valueFormat)
      scale.lower = valueRange.lowerBound
      scale.upper = valueRange.upperBound
      scale.ticks = scale.ticks.filter {
        $0.value >= valueRange.lowerBound - 1e-12 && $0.value <= valueRange.upperBound + 1e-12
      }
    } else {
      scale = AxisScale.numeric(
        minimum: min(values.min() ?? 0, 0), maximum: max(values.max() ?? 1, 0), format: valueFormat)
    }
    let labelDecimals = valueFormat == .percent ? 1 : 2
    func px(_ value: Double) -> Double {
      let clamped = min(max(value, scale.lower), scale.upper)
      return left + (clamped - scale.lower) / max(scale.upper - scale.lower, 1e-12) * (right - left)
    }
    for tick in scale.ticks {
      let x = px(tick.value)
      canvas.line(x1: x, y1: top, x2: x, y2: bottom, stroke: SVGCanvas.gridColour)
      canvas.text(tick.label, x: x, y: bottom + 18, anchor: .middle, size: 11)
    }
    canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: SVGCanvas.axisColour)
    let groupHeight = (bottom - top) / Double(categories.count)
    let barHeight = groupHeight * 0.8 / Double(series.count)
    for (row, category) in categories.enumerated() {
      let groupTop = top + Double(row) * groupHeight + groupHeight * 0.1
      canvas.text(
        SVGCanvas.truncated(category, pixels: left - 12, size: 12), x: left - 8, y: groupTop + groupHeight * 0.4 + 4,
        anchor: .end, size: 12)
      for (index, line) in series.enumerated() {
        guard row < line.values.count, let value = line.values[row], value.isFinite else { continue }
        let colour = SVGCanvas.palette[index % SVGCanvas.palette.count]
        let y = groupTop + Double(index) * barHeight
        let start = px(0 < scale.lower ? scale.lower : 0 > scale.upper ? scale.upper : 0)
        let end = px(value)
        canvas.rect(x: min(start, end), y: y + 1, width: abs(end - start), height: max(barHeight - 2, 1), fill: colour)
        let label = valueFormat.label(value, decimals: labelDecimals)
        let labelY = y + barHeight / 2 + 4
        if value < 0 {
          canvas.text(label, x: end - 4, y: labelY, anchor: .end, size: 10)
        } else {
          canvas.text(label, x: end + 4, y: labelY, anchor: .start, size: 10)
        }
      }
    }
    if scale.lower <= 0 && scale.upper >= 0 {
      canvas.line(x1: px(0), y1: top, x2: px(0), y2: bottom, stroke: SVGCanvas.axisColour, width: 1.5)
    }
    if !valueLabel.isEmpty {
      canvas.text(valueLabel, x: (left + right) / 2, y: Double(canvas.height) - 12, anchor: .middle, size: 12)
    }
    let entries = series.enumerated().map {
      (name: $0.element.name, colour: SVGCanvas.palette[$0.offset % SVGCanvas.palette.count], opacity: 1.0)
    }
    canvas.legend(entries, x: right + 16, y: top + 6, maximumWidth: Double(canvas.width) - right - 20)
    return canvas.rendered(title: title)
  }
}
