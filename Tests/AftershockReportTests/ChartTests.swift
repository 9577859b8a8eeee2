import Foundation
import Testing

@testable import AftershockReport

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct ChartTests {
  /// Parses the SVG as XML and returns the element names it holds (a parse failure is recorded).
  private func elements(of svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    final class Collector: NSObject, XMLParserDelegate {
      var names: [String] = []
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
      ) { names.append(name) }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    #expect(
      parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
    return collector.names
  }

  @Test func lineChartMatchesItsSnapshot() {
    assertSnapshot(SampleReport.retentionChart().svg(), named: "retention.svg")
  }

  @Test func barChartMatchesItsSnapshot() {
    assertSnapshot(SampleReport.sentimentChart().svg(), named: "sentiment_by_segment.svg")
  }

  @Test func histogramMatchesItsSnapshot() {
    assertSnapshot(SampleReport.riskHistogram().svg(), named: "risk_histogram.svg")
  }

  @Test func chartsAreStandaloneWellFormedSVG() {
    for svg in [
      SampleReport.retentionChart().svg(), SampleReport.sentimentChart().svg(), SampleReport.riskHistogram().svg(),
    ] {
      #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""))
      #expect(svg.contains("viewBox=\"0 0 "))
      #expect(svg.contains("fill=\"#ffffff\""))
      #expect(svg.contains("font-family=\"sans-serif\""))
      let names = elements(of: svg)
      #expect(names.first == "svg")
      #expect(names.contains("title") && names.contains("text") && names.contains("rect"))
    }
  }

  @Test func outputIsDeterministic() {
    #expect(SampleReport.retentionChart().svg() == SampleReport.retentionChart().svg())
  }

  @Test func textIsEscaped() {
    let svg = SampleReport.sentimentChart().svg()
    #expect(svg.contains("smb &amp; &lt;startups&gt;"))
    #expect(!svg.contains("<startups>"))
    _ = elements(of: svg)
  }

  @Test func intervalBandsAreDrawnUnderTheLines() {
    let svg = SampleReport.retentionChart().svg()
    let band = svg.range(of: "<polygon")
    let line = svg.range(of: "<polyline")
    #expect(band != nil && line != nil)
    if let band, let line { #expect(band.lowerBound < line.lowerBound) }
    #expect(svg.contains(">Jul 20<") || svg.contains(">Jul 27<"))  // weekly ticks on Mondays
  }

  @Test func divergingBarsHaveAZeroLineAndSignedLabels() {
    let svg = SampleReport.sentimentChart().svg()
    #expect(svg.contains(">-0.62<"))
    #expect(svg.contains(">+0.15<"))
    #expect(svg.contains("stroke-width=\"1.5\""))  // the zero line
  }

  @Test func histogramCountsEveryValueOnce() {
    let histogram = Histogram(title: "t", values: [0, 0.1, 0.15, 0.99, 1, 1.2, -0.1, .nan], binCount: 10, range: 0...1)
    #expect(histogram.bins.map(\.count).reduce(0, +) == 7)
    #expect(histogram.bins.first?.count == 2)
    #expect(histogram.bins.last?.count == 3)
  }

  @Test func emptyChartsSayNoData() {
    #expect(LineChart(title: "empty", series: []).svg().contains(">no data<"))
    #expect(Histogram(title: "empty", bins: []).svg().contains(">no data<"))
  }

  @Test func niceTicksFallOnRoundNumbers() {
    let scale = AxisScale.numeric(minimum: 0.03, maximum: 0.97, format: .number)
    #expect(scale.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let large = AxisScale.numeric(minimum: 0, maximum: 1_234_567, format: .compact)
    #expect(large.ticks.map(\.label) == ["0", "500k", "1M", "1.5M"])
  }

  @Test func datesRoundTripThroughDayNumbers() {
    #expect(ChartDate.day(fromISO: "1970-01-01") == 0)
    #expect(ChartDate.day(fromISO: "2026-07-19") == 20_653)
    #expect(ChartDate.isoString(ofDay: 20_653) == "2026-07-19")
    #expect(ChartDate.day(fromISO: "2026-02-29") == nil)
    #expect(ChartDate.isoString(ofDay: ChartDate.day(fromISO: "2024-02-29")!) == "2024-02-29")
  }

  @Test func fixedFormatIsLocaleFreeAndRounds() {
    #expect(FixedFormat.string(-0.004, decimals: 2) == "0.00")
    #expect(FixedFormat.string(2.675, decimals: 1) == "2.7")
    #expect(FixedFormat.compact(12.50) == "12.5")
    #expect(FixedFormat.grouped(1_234_567.8) == "1,234,568")
    #expect(FixedFormat.percent(0.7346) == "73.5%")
  }

  @Test func signedFormatNeverShowsASignedZero() {
    #expect(FixedFormat.signed(-0.004, decimals: 2) == "0.00")
    #expect(FixedFormat.signed(-0.0, decimals: 2) == "0.00")
    #expect(FixedFormat.signed(0.004, decimals: 2) == "0.00")
    #expect(FixedFormat.signed(0.4, decimals: 2) == "+0.40")
    #expect(FixedFormat.signed(-0.25, decimals: 2) == "-0.25")
    #expect(FixedFormat.signed(-0.006, decimals: 2) == "-0.01")
  }
}

@Suite struct AxisTests {
  @Test func numericXAxisTicksDaysSinceTheIncident() {
    let chart = LineChart(
      title: "Tickets per day", xLabel: "days since the outage", xAxis: .numbers,
      series: [
        LineChart.Series(name: "tickets", points: (0...45).map { LineChart.Point(x: Double($0), y: Double(100 - $0)) })
      ])
    let svg = chart.svg()
    for label in [">0<", ">10<", ">20<", ">30<", ">40<", ">50<"] { #expect(svg.contains(label), "\(label)") }
    #expect(!svg.contains("<circle"))  // more than 40 points: no markers
  }

  @Test func longDateSpansTickOnMonthStarts() {
    let scale = AxisScale.dates(
      firstDay: ChartDate.day(fromISO: "2026-01-10")!, lastDay: ChartDate.day(fromISO: "2026-12-20")!)
    #expect(scale.ticks.map(\.label) == ["Mar 2026", "May 2026", "Jul 2026", "Sep 2026", "Nov 2026"])
  }

  @Test func weeklyTicksStartOnMonday() {
    let scale = AxisScale.dates(
      firstDay: ChartDate.day(fromISO: "2026-07-19")!, lastDay: ChartDate.day(fromISO: "2026-08-30")!)
    #expect(scale.ticks.first?.label == "Jul 20")
    #expect(scale.ticks.count <= 8)
  }

  /// Survival with no churn is flat at 100%: its axis must not run up to 110%.
  @Test func flatPercentageAtOneHundredStaysWithinOneHundredPercent() {
    let scale = AxisScale.numeric(minimum: 1, maximum: 1, format: .percent)
    #expect(scale.upper == 1 && scale.lower < 1, "\(scale.lower)...\(scale.upper)")
    #expect(scale.ticks.last?.label == "100%")
    #expect(!scale.ticks.contains { $0.value > 1 }, "\(scale.ticks.map(\.label))")
    let chart = LineChart(
      title: "Accounts still customers", xLabel: "days since contract start", yLabel: "survival", xAxis: .numbers,
      yFormat: .percent,
      series: [
        LineChart.Series(
          name: "all", points: [0, 365, 730].map { LineChart.Point(x: $0, y: 1) },
          interval: [0, 365, 730].map { LineChart.IntervalPoint(x: $0, lower: 1, upper: 1) })
      ])
    let svg = chart.svg()
    #expect(svg.contains(">100%<") && !svg.contains(">110%<") && !svg.contains(">105%<"), "\(svg)")
  }

  /// A flat 0% keeps its axis at 0% and up, not -100%; shares that are not fractions are not bounded.
  @Test func percentageAxisKeepsToZeroAndOneHundredOnlyForShares() {
    let zero = AxisScale.numeric(minimum: 0, maximum: 0, format: .percent)
    #expect(zero.lower == 0 && zero.upper > 0 && !zero.ticks.contains { $0.value < 0 })
    let growth = AxisScale.numeric(minimum: 1.5, maximum: 1.5, format: .percent)
    #expect(growth.lower < 1.5 && growth.upper > 1.5, "a 150% value is not a share; its axis is padded both ways")
    let numbers = AxisScale.numeric(minimum: 1, maximum: 1, format: .number)
    #expect(numbers.upper > 1, "plain numbers are not bounded")
  }
}
