// aftershock-bench: speed measurements, one subcommand per area (each in its own file).
// Add a subcommand: write `enum XBenchmark { static func run(_ arguments: [String]) throws -> Int32 }`
// in `XBenchmark.swift` and add one line to `subcommands`.
#if canImport(Glibc)
  import Glibc
#endif

let subcommands: [(name: String, summary: String, run: @Sendable ([String]) throws -> Int32)] = [
  ("ingest", "CSV parse-only and parse+map+validate throughput, peak RSS", IngestBenchmark.run),
  ("text", "tokenize + rule-based and trained sentiment throughput", { TextBenchmark.run($0) }),
  ("churn", "logistic churn model: 5-fold CV AUC and fit time on a CSV", { ChurnBenchmark.run($0) }),
  ("gbdt", "gradient-boosted trees: 5-fold CV AUC and fit time on a CSV", { BoostBenchmark.run($0) }),
]

/// Writes a message to standard error.
func printError(_ message: String) {
  var text = message
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

@MainActor
func usage() -> String {
  var text =
    "usage: aftershock-bench <subcommand> [options]   (swift run -c release aftershock-bench ...)\n\nsubcommands:\n"
  for command in subcommands { text += "  \(command.name)\t\(command.summary)\n" }
  return text + "\n'aftershock-bench <subcommand> --help' for its options\n"
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, name != "--help", name != "-h" else {
  print(usage(), terminator: "")
  exit(arguments.isEmpty ? 2 : 0)
}
guard let command = subcommands.first(where: { $0.name == name }) else {
  printError("aftershock-bench: unknown subcommand '\(name)'\n\n" + usage())
  exit(2)
}
do {
  exit(try command.run(Array(arguments.dropFirst())))
} catch {
  printError("aftershock-bench \(name): \(error)\n")
  exit(1)
}
