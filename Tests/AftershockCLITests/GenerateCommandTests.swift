import Foundation
import Testing

/// `aftershock generate`'s date options, run as a user runs them.
struct GenerateCommandTests {
  @Test(arguments: [
    ["--outage-date", "0001-01-01"],  // outside the supported range
    ["--outage-date", "1900-01-01"],  // contract starts would fall before 1970 (placeholders, not dates)
    ["--outage-date", "2199-12-31"],  // renewals would fall after 2199
    ["--as-of", "2024-01-01"],  // before the default outage (2024-07-19)
    ["--outage-date", "2024-07-19", "--as-of", "2024-07-19"],
  ])
  func datesThatGiveAnUnusableSampleAreBadUsage(_ options: [String]) throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let result = try workspace.run(["generate", "--accounts", "3", "--out", "sample"] + options)
    #expect(result.status == 2, "\(options): \(result.errors)")
    #expect(result.errors.contains("hint: see 'aftershock generate --help'"), "\(result.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("sample/accounts.csv")), "nothing written")
  }

  @Test func outageDatesAtTheEdgesOfTheSupportedRangeGiveASampleRunAccepts() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let early = try workspace.run(["generate", "--accounts", "20", "--outage-date", "1900-01-01", "--out", "x"])
    #expect(early.errors.contains("1982-01-01 to 2198-12-31"), "the message names the accepted days: \(early.errors)")
    // The sample's as-of day is 120 days after the outage.
    for (outage, asOf) in [("1982-01-01", "1982-05-01"), ("2198-12-31", "2199-04-30")] {
      let generated = try workspace.run(["generate", "--accounts", "20", "--outage-date", outage, "--out", outage])
      #expect(generated.status == 0, "\(outage): \(generated.errors)")
      let run = try workspace.run(["run", "--data", outage, "--out", "out-\(outage)", "--db", "\(outage).sqlite", "--as-of", asOf])
      #expect(run.status == 0, "\(outage): \(run.errors)")
    }
  }
}
