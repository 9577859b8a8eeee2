import Foundation
import Testing

/// `aftershock run --partial` and `aftershock merge`, run as a user runs them.
@Suite(.serialized) struct MergeCommandTests {
  @Test func helpAndUsageMistakes() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let help = try workspace.run(["merge", "--help"])
    #expect(help.status == 0)
    #expect(help.output.contains("USAGE: aftershock merge [options] PARTIAL..."))
    #expect(help.output.contains("--out <DIR>") && help.output.contains("order of the partials does not"))
    #expect(help.output.contains("a damaged partial.json") && help.output.contains("Refused (exit 2)"))
    #expect(try workspace.run(["run", "--help"]).output.contains("--partial"))
    #expect(try workspace.run(["--help"]).output.contains("merge"))

    let cases: [([String], String)] = [
      (["merge"], "missing expected argument 'PARTIAL...'"),
      (["merge", "shard-1"], "missing expected option '--out <DIR>'"),
      (["merge", "shard-1", "--out", "o", "--high", "0.1", "--medium", "0.3"], "must not be above --high"),
      (["merge", "shard-1", "--out", "o", "--workers", "2"], "unknown option '--workers'"),
      (["run", "--partial", "--out", "s"], "--partial needs --as-of DATE"),
      (["run", "--partial", "--as-of", "2024-11-16", "--model-file", "m.json"], "give it to 'aftershock merge'"),
    ]
    for (arguments, message) in cases {
      let result = try workspace.run(arguments)
      #expect(result.status == 2, "\(arguments): \(result.errors)")
      #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
    }
    let missing = try workspace.run(["merge", "nowhere", "--out", "o"])
    #expect(missing.status == 1)
    #expect(missing.errors.contains("cannot merge nowhere: no such file or folder"), "\(missing.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("o")), "a refused merge writes nothing")
  }

  /// Tickets in one shard, survey answers in another: the merge is the single run's (the shards
  /// read the competitor and product lists that the single run finds in its data folder).
  @Test func shardsMergeIntoTheRunOfAllTheirInputs() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    #expect(try workspace.run(["generate", "--accounts", "200", "--seed", "4", "--out", "sample"]).status == 0)
    let header = try #require(
      try String(contentsOfFile: workspace.path("sample/tickets.csv"), encoding: .utf8).split(separator: "\n").first)
    try (header + "\n").write(toFile: workspace.path("no-tickets.csv"), atomically: true, encoding: .utf8)
    let day = "2024-11-16"
    let first = try workspace.run([
      "run", "--partial", "--as-of", day, "--accounts", "sample/accounts.csv", "--tickets", "sample/tickets.csv",
      "--competitors", "sample/competitors.txt", "--products", "sample/products.txt",
      "--out", "shard-1",
    ])
    #expect(first.status == 0, "\(first.errors)")
    #expect(first.output.contains("partial run as of \(day): state in shard-1/partial.json"), "\(first.output)")
    #expect(FileManager.default.fileExists(atPath: workspace.path("shard-1/scored_tickets.csv")))
    #expect(!FileManager.default.fileExists(atPath: workspace.path("shard-1/report.md")), "a shard does not finish")
    let second = try workspace.run([
      "run", "--partial", "--as-of", day, "--accounts", "sample/accounts.csv", "--tickets", "no-tickets.csv",
      "--surveys", "sample/surveys.csv", "--competitors", "sample/competitors.txt", "--products", "sample/products.txt",
      "--out", "shard-2",
    ])
    #expect(second.status == 0, "\(second.errors)")

    let merged = try workspace.run(["merge", "shard-2", "shard-1/partial.json", "--out", "merged"])
    #expect(merged.status == 0, "\(merged.errors)")
    #expect(merged.output.contains("merged 2 partials"))
    let single = try workspace.run(["run", "--data", "sample", "--as-of", day, "--out", "single"])
    #expect(single.status == 0, "\(single.errors)")
    func headline(_ output: String) -> String? {
      output.split(separator: "\n").first { $0.contains("open accounts scored") }.map(String.init)
    }
    #expect(headline(merged.output) != nil && headline(merged.output) == headline(single.output), "\(merged.output)")
    for file in ["report.md", "accounts_risk.csv", "forecast.csv", "charts/retention_forecast.svg", "manifest.json"] {
      #expect(FileManager.default.fileExists(atPath: workspace.path("merged/" + file)), "\(file)")
    }
    let atRisk = try workspace.run(["at-risk", "--db", "merged/aftershock.sqlite", "--top", "3"])
    #expect(atRisk.status == 0, "\(atRisk.errors)")

    // A shard scored at another day is refused with the reason, exit 1.
    let late = try workspace.run([
      "run", "--partial", "--as-of", "2024-11-17", "--accounts", "sample/accounts.csv", "--tickets", "no-tickets.csv",
      "--surveys", "sample/surveys.csv", "--out", "shard-late",
    ])
    #expect(late.status == 0, "\(late.errors)")
    let refused = try workspace.run(["merge", "shard-1", "shard-late", "--out", "refused"])
    #expect(refused.status == 1)
    #expect(refused.errors.contains("cannot merge"), "\(refused.errors)")
    #expect(refused.errors.contains("2024-11-17") && refused.errors.contains("same --as-of"), "\(refused.errors)")
  }

  /// A damaged partial, an --out into a shard and a model file that is not one: refused with the
  /// reason in words and the right exit code, nothing written and no shard touched.
  @Test func damagedPartialsOverlappingOutAndBadModelFilesAreRefused() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    #expect(try workspace.run(["generate", "--accounts", "30", "--seed", "7", "--out", "sample"]).status == 0)
    let header = try #require(
      try String(contentsOfFile: workspace.path("sample/tickets.csv"), encoding: .utf8).split(separator: "\n").first)
    try (header + "\n").write(toFile: workspace.path("no-tickets.csv"), atomically: true, encoding: .utf8)
    let day = "2024-11-16"
    for (shard, tickets, surveys) in [
      ("s0", "sample/tickets.csv", []), ("s1", "no-tickets.csv", ["--surveys", "sample/surveys.csv"]),
    ] {
      let result = try workspace.run(
        ["run", "--partial", "--as-of", day, "--accounts", "sample/accounts.csv", "--tickets", tickets, "--out", shard]
          + surveys)
      #expect(result.status == 0, "\(result.errors)")
    }

    // A partial.json that is valid JSON but holds a count no shard writes.
    try FileManager.default.copyItem(atPath: workspace.path("s0"), toPath: workspace.path("damaged"))
    let state = try String(contentsOfFile: workspace.path("damaged/partial.json"), encoding: .utf8)
    let edited = state.replacingOccurrences(
      of: #""negativeTexts":[0-9]+"#, with: #""negativeTexts":9223372036854775807"#, options: .regularExpression)
    #expect(edited != state)
    try edited.write(toFile: workspace.path("damaged/partial.json"), atomically: true, encoding: .utf8)
    let damaged = try workspace.run(["merge", "s1", "damaged", "--out", "o"])
    #expect(damaged.status == 1, "\(damaged.errors)")
    #expect(
      damaged.errors.contains(
        "cannot merge damaged: its partial.json is damaged: negativeTexts: 9223372036854775807 is not a count"),
      "\(damaged.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("o")), "a refused merge writes nothing")

    // An --out that is a shard, is inside one, or holds them.
    let before = try Data(contentsOf: URL(fileURLWithPath: workspace.path("s0/scored_tickets.csv")))
    for out in ["s0", "s1/out", "."] {
      let overlapping = try workspace.run(["merge", "s0", "s1", "--out", out])
      #expect(overlapping.status == 2, "--out \(out): \(overlapping.errors)")
      #expect(overlapping.errors.contains("--out \(out) overlaps the partial"), "\(overlapping.errors)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.path("s0/scored_tickets.csv"))) == before)
    #expect(!FileManager.default.fileExists(atPath: workspace.path("s1/out")))

    // A model file that is a folder, or empty.
    try FileManager.default.createDirectory(atPath: workspace.path("model-folder"), withIntermediateDirectories: true)
    for (model, words) in [
      ("model-folder", "it is a folder, not a churn model file"), ("/dev/null", "the file is empty"),
    ] {
      let refused = try workspace.run(["merge", "s0", "s1", "--out", "o", "--model-file", model])
      #expect(refused.status == 1, "\(refused.errors)")
      #expect(refused.errors.contains("cannot read model file \(model): \(words)"), "\(refused.errors)")
      #expect(!FileManager.default.fileExists(atPath: workspace.path("o")), "nothing is written for \(model)")
    }
    #expect(try workspace.run(["merge", "s0", "s1", "--out", "o"]).status == 0, "the shards themselves merge")
  }
}
