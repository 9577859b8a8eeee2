/// Any chart the report can hold.
public enum Chart: Sendable, Equatable {
  /// Series over time, with optional interval bands.
  case line(LineChart)
  /// Grouped or diverging horizontal bars.
  case bars(BarChart)
  /// A distribution in bins.
  case histogram(Histogram)

  /// The chart's title.
  public var title: String {
    switch self {
    case .line(let chart): return chart.title
    case .bars(let chart): return chart.title
    case .histogram(let chart): return chart.title
    }
  }

  /// The chart as a standalone SVG document.
  public func svg() -> String {
    switch self {
    case .line(let chart): return chart.svg()
    case .bars(let chart): return chart.svg()
    case .histogram(let chart): return chart.svg()
    }
  }
}
