@testable import AftershockReport

/// A small report shaped like the nightly one: text that needs escaping, tables with negative numbers, three charts.
enum SampleReport {
  static func retentionChart() -> LineChart {
    func series(_ name: String, _ values: [(String, Double, Double, Double)]) -> LineChart.Series {
      LineChart.Series(
        name: name, points: values.compactMap { LineChart.Point(isoDate: $0.0, y: $0.1) },
        interval: values.compactMap { value in
          ChartDate.day(fromISO: value.0).map { LineChart.IntervalPoint(x: Double($0), lower: value.2, upper: value.3) }
        })
    }
    return LineChart(
      title: "Retention after the outage", xLabel: "week", yLabel: "accounts retained", xAxis: .dates,
      yFormat: .percent, yRange: 0...1,
      series: [
        series(
          "voucher_10",
          [
            ("2026-07-19", 1.0, 1.0, 1.0), ("2026-07-26", 0.95, 0.92, 0.97), ("2026-08-02", 0.9, 0.86, 0.93),
            ("2026-08-09", 0.86, 0.81, 0.9),
          ]),
        series(
          "service_credit",
          [
            ("2026-07-19", 1.0, 1.0, 1.0), ("2026-07-26", 0.98, 0.96, 0.99), ("2026-08-02", 0.96, 0.93, 0.98),
            ("2026-08-09", 0.95, 0.91, 0.97),
          ]),
      ], width: 640, height: 360)
  }

  static func sentimentChart() -> BarChart {
    BarChart(
      title: "Sentiment by segment", valueLabel: "mean sentiment (-1 negative, +1 positive)",
      categories: ["enterprise", "mid-market", "smb & <startups>"],
      series: [
        BarChart.Series(name: "outage", values: [-0.62, -0.41, -0.2]),
        BarChart.Series(name: "offer", values: [-0.8, -0.35, 0.15]),
      ], valueRange: -1...1, width: 640)
  }

  static func riskHistogram() -> Histogram {
    Histogram(
      title: "Churn risk distribution", xLabel: "churn probability", yLabel: "accounts", xFormat: .percent,
      values: [0.05, 0.12, 0.18, 0.22, 0.31, 0.33, 0.47, 0.52, 0.58, 0.61, 0.74, 0.88, 0.93, 1.0], binCount: 10,
      range: 0...1, width: 640, height: 360)
  }

  static func document() -> ReportDocument {
    ReportDocument(
      title: "Aftershock report: outage of 2026-07-19",
      subtitle: "Run 3, as of 2026-08-09; 120 accounts, 4,310 tickets",
      sections: [
        ReportSection(
          heading: "Reaction to the offer",
          paragraphs: [
            "The $10 voucher was read as *insulting* by 41% of those who mentioned it.",
            "Quote: \"<b>never again</b> | cancel us\" — from a_customer_id",
          ],
          bullets: ["# of tickets rose 3x", "1. priority: enterprise"],
          charts: [
            ReportChart(name: "sentiment_by_segment", caption: "Sentiment by segment", chart: .bars(sentimentChart()))
          ]),
        ReportSection(
          heading: "Risk by segment",
          tables: [
            ReportTable(
              caption: "ARR at risk by segment",
              header: ["segment", "accounts", "mean risk", "ARR at risk", "change vs last run"],
              rows: [
                ["enterprise", "12", "0.41", "1,240,000", "-0.05"],
                ["smb | self-serve", "80", "0.22", "310,500", "+0.02"],
                ["=HYPERLINK(\"http://x\")", "1", "0.90", "0", "-3"],
              ], numericColumns: [1, 2, 3, 4], csvName: "risk_by_segment")
          ],
          charts: [
            ReportChart(name: "risk_histogram", caption: "Churn risk distribution", chart: .histogram(riskHistogram()))
          ]),
        ReportSection(
          heading: "Retention forecast",
          paragraphs: ["Shifted-beta-geometric fit per offer; bands are 90% intervals."],
          charts: [ReportChart(name: "retention", caption: "Retention by offer", chart: .line(retentionChart()))]),
      ])
  }
}
