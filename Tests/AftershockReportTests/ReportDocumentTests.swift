import Foundation
import Testing

@testable import AftershockReport

@Suite struct ReportDocumentTests {
  @Test func markdownReportMatchesItsSnapshot() {
    assertSnapshot(SampleReport.document().markdown(), named: "report.md")
  }

  @Test func markdownLinksChartsAndCSVsAndEscapesData() {
    let markdown = SampleReport.document().markdown()
    #expect(markdown.contains("![Sentiment by segment](charts/sentiment_by_segment.svg)"))
    #expect(
      markdown.contains("[summary\\_risk\\_by\\_segment.csv](summary_risk_by_segment.csv)")
        || markdown.contains("[summary_risk_by_segment.csv](summary_risk_by_segment.csv)"))
    #expect(markdown.contains("| smb \\| self-serve |"))
    #expect(markdown.contains("&lt;b&gt;never again&lt;/b&gt;"))
    #expect(
      markdown.contains(
        "| segment | accounts | mean risk | ARR at risk | change vs last run |\n| :--- | ---: | ---: | ---: | ---: |"))
  }

  @Test func aTableWithNoRowsSaysSoInsteadOfABareHeader() {
    let document = ReportDocument(
      title: "t",
      sections: [
        ReportSection(
          heading: "Reaction",
          tables: [ReportTable(caption: "By offer", header: ["offer", "texts"], rows: [], csvName: "by_offer")])
      ])
    let markdown = document.markdown()
    #expect(
      markdown.contains("**By offer**\n\n_None this run._\n\nData: [summary_by_offer.csv](summary_by_offer.csv)"),
      "\(markdown)")
    #expect(!markdown.contains("| offer | texts |"))
  }

  @Test func writingProducesEveryFileAtomically() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let written = try SampleReport.document().write(to: folder)
    #expect(
      written.map { String($0.dropFirst(folder.count + 1)) } == [
        "charts/sentiment_by_segment.svg", "charts/risk_histogram.svg", "charts/retention.svg",
        "summary_risk_by_segment.csv", "report.md",
      ])
    let csv = try String(contentsOfFile: folder + "/summary_risk_by_segment.csv", encoding: .utf8)
    #expect(
      csv == """
        segment,accounts,mean risk,ARR at risk,change vs last run
        enterprise,12,0.41,1240000,-0.05
        smb | self-serve,80,0.22,310500,+0.02
        "'=HYPERLINK(""http://x"")",1,0.90,0,-3

        """)
    #expect(csv == ReportDocument.summaryCSV(for: SampleReport.document().sections[1].tables[0]))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
  }

  @Test func duplicateFileNamesAreRefused() {
    var document = SampleReport.document()
    document.sections[2].charts.append(document.sections[2].charts[0])
    #expect(throws: ReportError.duplicateName("charts/retention.svg")) { try document.write(to: temporaryFolder()) }
  }

  @Test func notebookIsNbformat45WithCellIdsAndPandasCells() throws {
    let json = SampleReport.document().notebookJSON(dataPath: "../out")
    // AFTERSHOCK_NOTEBOOK_OUT=folder keeps a runnable copy for Scripts/check_notebook.py:
    // folder/out/ holds report.md, CSVs and charts; folder/notebooks/report.ipynb reads them via ../out.
    if let folder = ProcessInfo.processInfo.environment["AFTERSHOCK_NOTEBOOK_OUT"] {
      try SampleReport.document().write(to: folder + "/out")
      try SampleReport.document().writeNotebook(to: folder + "/notebooks/report.ipynb", dataPath: "../out")
    }
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    let notebook = try #require(object as? [String: Any])
    #expect(notebook["nbformat"] as? Int == 4)
    #expect(notebook["nbformat_minor"] as? Int == 5)
    let metadata = try #require(notebook["metadata"] as? [String: Any])
    let kernel = try #require(metadata["kernelspec"] as? [String: Any])
    #expect(kernel["name"] as? String == "python3")
    #expect(kernel["language"] as? String == "python")
    let cells = try #require(notebook["cells"] as? [[String: Any]])
    let ids = cells.compactMap { $0["id"] as? String }
    #expect(ids.count == cells.count)
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0.range(of: "^[a-zA-Z0-9-_]{1,64}$", options: .regularExpression) != nil })
    func source(_ cell: [String: Any]) -> String { (cell["source"] as? [String] ?? []).joined() }
    let markdownCells = cells.filter { $0["cell_type"] as? String == "markdown" }
    let codeCells = cells.filter { $0["cell_type"] as? String == "code" }
    #expect(markdownCells.map(source).contains { $0.hasPrefix("## Risk by segment") })
    #expect(codeCells.allSatisfy { $0["outputs"] is [Any] && $0["execution_count"] is NSNull })
    #expect(
      codeCells.map(source).contains(
        "risk_by_segment = pd.read_csv(DATA / \"summary_risk_by_segment.csv\")\nrisk_by_segment"))
    #expect(codeCells.map(source).first?.contains("DATA = Path(\"../out\")") == true)
    let svgOutputs = codeCells.flatMap { $0["outputs"] as? [[String: Any]] ?? [] }
      .filter { $0["output_type"] as? String == "display_data" }
      .compactMap { (($0["data"] as? [String: Any])?["image/svg+xml"] as? [String])?.joined() }
    #expect(svgOutputs.count == 3)
    #expect(svgOutputs.first.map { $0 + "\n" } == SampleReport.sentimentChart().svg())
  }

  @Test func notebookMatchesItsSnapshot() {
    assertSnapshot(SampleReport.document().notebookJSON(dataPath: "../out"), named: "report.ipynb")
  }
}

@Suite struct NotebookNamingTests {
  @Test(arguments: [
    ("risk_by_segment", "risk_by_segment"), ("2026 cohort", "table_2026_cohort"), ("class", "table_class"),
    ("pd", "table_pd"), ("ARR-by-region", "ARR_by_region"),
  ])
  func tableVariablesAreValidPythonNames(name: String, expected: String) {
    #expect(ReportDocument.pythonIdentifier(name) == expected)
  }
}

@Suite struct SummaryCSVTests {
  @Test(arguments: [
    ("1,240,000", "1240000"), ("-1,234.50", "-1234.50"), ("12", "12"), ("1,2", "1,2"), ("a,bcd", "a,bcd"),
    ("1,2345", "1,2345"), ("n/a", "n/a"),
  ])
  func groupedNumbersLoseTheirCommasOnlyWhenWellFormed(cell: String, expected: String) {
    #expect(ReportDocument.machineNumber(cell) == expected)
  }
}
