import Foundation
import Testing

/// The nightly job and the commands that read its history, run as a user runs them.
@Suite(.serialized) struct RunCommandTests {
  @Test func generateRunAtRiskAndReportWorkTogether() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let generated = try workspace.run(["generate", "--accounts", "300", "--seed", "3", "--out", "sample"])
    #expect(generated.status == 0, "\(generated.errors)")
    #expect(generated.output.contains("wrote 300 accounts"))

    let first = try workspace.run(["run", "--data", "sample", "--as-of", "2024-11-01"])
    #expect(first.status == 0, "\(first.errors)")
    #expect(first.output.contains("run 1 as of 2024-11-01"))
    #expect(first.output.contains("outputs in out/"))
    #expect(first.errors.contains("score tickets"), "plain stage lines on a non-terminal stderr")

    let second = try workspace.run(["run", "--data", "sample", "--as-of", "2024-11-16"])
    #expect(second.status == 0, "\(second.errors)")
    let atRisk = try workspace.run(["at-risk", "--top", "5"])
    #expect(atRisk.status == 0, "\(atRisk.errors)")
    #expect(atRisk.output.contains("compared with 2024-11-01"))
    let widest = atRisk.output.components(separatedBy: "\n").map { $0.count }.max() ?? 0
    #expect(widest <= 100, "the terminal table fits 100 columns")

    let csv = try workspace.run(["at-risk", "--format", "csv", "--tier", "high"])
    #expect(csv.status == 0)
    #expect(csv.output.hasPrefix("Account,ID,Segment,ARR,Renews,Risk,Tier,Change,Why"))
    let firstRow = csv.output.components(separatedBy: "\n").dropFirst().first ?? ""
    #expect(firstRow.contains(",high,"), "only the high tier: \(firstRow)")

    let notebook = try workspace.run(["report", "--format", "ipynb", "--out", "nb"])
    #expect(notebook.status == 0, "\(notebook.errors)")
    let data = try Data(contentsOf: URL(fileURLWithPath: workspace.path("nb/aftershock_report.ipynb")))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["nbformat"] as? Int == 4)

    let forecast = try workspace.run(["forecast", "--horizon", "90"])
    #expect(forecast.status == 0, "\(forecast.errors)")
    #expect(forecast.output.contains("all"))
  }

  @Test func killedRunLeavesThePreviousOutputsAndHistoryIntact() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    #expect(try workspace.run(["generate", "--accounts", "200", "--seed", "5", "--out", "small"]).status == 0)
    #expect(try workspace.run(["generate", "--accounts", "6000", "--seed", "6", "--out", "large"]).status == 0)
    let first = try workspace.run(["run", "--data", "small", "--as-of", "2024-11-16"])
    #expect(first.status == 0, "\(first.errors)")
    let manifest = workspace.path("out/manifest.json")
    let before = try Data(contentsOf: URL(fileURLWithPath: manifest))
    let reportBefore = try Data(contentsOf: URL(fileURLWithPath: workspace.path("out/report.md")))

    // Start a longer run into the same folder and kill it while it scores tickets.
    let process = Process()
    process.executableURL = CLIWorkspace.binary
    process.arguments = ["run", "--data", "large", "--as-of", "2024-11-17", "--workers", "1"]
    process.currentDirectoryURL = workspace.directory
    var environment = ProcessInfo.processInfo.environment
    environment["AFTERSHOCK_DATA"] = CLIWorkspace.repositoryRoot.appendingPathComponent("Data").path
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    var sawStaging = false
    while Date() < deadline, process.isRunning {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.path("out"))) ?? []
      if let staging = names.first(where: { $0.hasPrefix(".staging-") }),
        FileManager.default.fileExists(atPath: workspace.path("out/\(staging)/scored_tickets.csv"))
          || ((try? FileManager.default.contentsOfDirectory(atPath: workspace.path("out/\(staging)")))?.count ?? 0) > 0
      {
        sawStaging = true
        break
      }
      usleep(20_000)
    }
    #expect(sawStaging, "the run started writing before it was killed")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)

    #expect(try Data(contentsOf: URL(fileURLWithPath: manifest)) == before, "manifest.json is the previous run's")
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.path("out/report.md"))) == reportBefore)
    let history = try workspace.run(["at-risk", "--top", "3"])
    #expect(history.status == 0, "\(history.errors)")
    #expect(history.output.contains("as of 2024-11-16"), "the history still has the previous run as its latest")
  }

  @Test func runOnMissingInputsFailsWithAClearMessage() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("empty"), withIntermediateDirectories: true)
    let result = try workspace.run(["run", "--data", "empty"])
    #expect(result.status == 1)
    #expect(result.errors.contains("no accounts file in empty"))
    let atRisk = try workspace.run(["at-risk", "--db", "nowhere.sqlite"])
    #expect(atRisk.status == 1)
    #expect(atRisk.errors.contains("no history at nowhere.sqlite (no such file)"), "\(atRisk.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("nowhere.sqlite")), "reading never creates a history")
  }
}
