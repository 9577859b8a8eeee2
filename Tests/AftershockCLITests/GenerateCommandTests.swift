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
      let run = try workspace.run([
        "run", "--data", outage, "--out", "out-\(outage)", "--db", "\(outage).sqlite", "--as-of", asOf,
      ])
      #expect(run.status == 0, "\(outage): \(run.errors)")
    }
  }

  /// A folder of real exports is not overwritten by a sample: refused, naming the files, unless
  /// --force says so.
  @Test func aFolderThatHoldsInputsIsRefusedWithoutForce() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.createDirectory(atPath: workspace.path("exports"), withIntermediateDirectories: true)
    let accounts = "account_id,arr\nA1,100\n"
    try accounts.write(toFile: workspace.path("exports/accounts.csv"), atomically: true, encoding: .utf8)
    try "ticket_id\n".write(toFile: workspace.path("exports/tickets.csv"), atomically: true, encoding: .utf8)
    let refused = try workspace.run(["generate", "--accounts", "5", "--out", "exports"])
    #expect(refused.status == 1)
    #expect(
      refused.errors.contains(
        "exports already holds accounts.csv and tickets.csv, which the sample would replace; give --force to replace them, "
          + "or another --out"),
      "\(refused.errors)")
    #expect(try String(contentsOfFile: workspace.path("exports/accounts.csv"), encoding: .utf8) == accounts)
    #expect(!FileManager.default.fileExists(atPath: workspace.path("exports/surveys.csv")), "nothing written")

    let forced = try workspace.run(["generate", "--accounts", "5", "--out", "exports", "--force"])
    #expect(forced.status == 0, "\(forced.errors)")
    #expect(try String(contentsOfFile: workspace.path("exports/accounts.csv"), encoding: .utf8) != accounts)
  }

  /// The hidden temporary files of a generate that was killed are removed by the next one.
  @Test func temporaryFilesOfAKilledGenerateAreRemovedByTheNext() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/sh")
    gone.arguments = ["-c", "exit 0"]
    try gone.run()
    gone.waitUntilExit()
    try FileManager.default.createDirectory(atPath: workspace.path("g/truth"), withIntermediateDirectories: true)
    let leftovers = [
      "g/.accounts.csv.tmp-\(gone.processIdentifier)-1", "g/.tickets.csv.tmp-\(gone.processIdentifier)-2",
      "g/truth/.texts_truth.csv.tmp-\(gone.processIdentifier)-3",
    ]
    for path in leftovers { try Data(repeating: 65, count: 4096).write(to: URL(fileURLWithPath: workspace.path(path))) }
    let generated = try workspace.run(["generate", "--accounts", "5", "--out", "g"])
    #expect(generated.status == 0, "\(generated.errors)")
    for path in leftovers { #expect(!FileManager.default.fileExists(atPath: workspace.path(path)), "\(path)") }
    let hidden = try FileManager.default.contentsOfDirectory(atPath: workspace.path("g")).filter { $0.hasPrefix(".") }
    #expect(hidden.isEmpty, "\(hidden)")
  }
}
