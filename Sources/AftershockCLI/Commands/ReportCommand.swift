import AftershockPipeline

/// `aftershock report`: the leadership report of a stored run as Markdown, CSV or a Jupyter notebook.
enum ReportCommand: Command {
  static let spec = CommandSpec(
    name: "report",
    abstract: "Write the leadership report of a run: Markdown with SVG charts, summary CSVs, or a notebook.",
    discussion: """
      EXAMPLES:
        aftershock report --out out/                     # report.md, summary_*.csv, charts/*.svg
        aftershock report --format ipynb --out Notebooks-export/
        aftershock report --run 3 --format csv --out /tmp/run3

      md writes report.md with its charts and summary CSVs; csv writes only the summary CSVs and
      charts; ipynb writes aftershock_report.ipynb (nbformat 4) with the same sections, the charts
      embedded, and cells that load the summary CSVs (written beside it) with pandas. The files
      are written as one set: if one cannot be written, --out keeps its previous files.

      A folder holds one report, the last written: its files are listed in report_files.json, and
      the next report there removes those it does not write again (a notebook, report.md or chart
      of another run would otherwise read the new summaries as its own). ipynb writes report.md
      too, so 'md' after 'ipynb' removes the notebook; write ipynb to have both.

      A folder holding a run's outputs (its manifest.json, written by run or merge) takes only that
      run's report: the report of another run there is refused (exit 2), since it would sit beside
      that run's accounts_risk.csv and at_risk.md. The default --out, out, is run's default too, so
      'aftershock report --run N' writes there only when out holds run N.
      """,
    options: [
      .init(name: "--db", valueName: "FILE", help: "SQLite history.", defaultValue: "out/aftershock.sqlite"),
      .init(name: "--run", valueName: "ID", help: "A run id (default: the latest as-of)."),
      .init(name: "--format", valueName: "FORMAT", help: "md, csv or ipynb.", defaultValue: "md"),
      .init(name: "--out", valueName: "DIR", help: "Output folder.", defaultValue: "out"),
    ])

  static func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
    let format =
      try arguments.choice("--format", from: ["md", "csv", "ipynb"]).flatMap(LeadershipReport.Format.init) ?? .markdown
    let out = arguments.string("--out") ?? "out"
    try OutputFolder.check(out)
    let database = arguments.string("--db") ?? "out/aftershock.sqlite"
    let (run, document) = try RunHistory.report(
      database: database, runID: try arguments.integer("--run", in: 1...Int.max).map(Int64.init))
    // `out` is also where `run` writes: another run's report there would pass for that run's.
    if let conflict = RunHistory.otherRunInFolder(out, reportOf: run, database: database) {
      throw UsageError(command: spec.name, message: "--out " + conflict)
    }
    let written = try LeadershipReport.write(document, format: format, to: out)
    try console.summary(of: spec.name, outcome: "the report was written (to \(out))") {
      try console.line(
        "report of run \(run.id.map(String.init) ?? "?") as of \(run.asOf): \(written.count) files in \(out)")
      for path in written where path.hasSuffix(".md") || path.hasSuffix(".ipynb") { try console.line("  \(path)") }
    }
    return 0
  }
}
