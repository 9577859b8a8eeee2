<<<<<<< HEAD
<<<<<<< HEAD
<<<<<<< HEAD
// aftershock-bench: speed measurements, one subcommand per area (each in its own file).
// Add a subcommand: write `enum XBenchmark { static func run(_ arguments: [String]) throws -> Int32 }`
// in `XBenchmark.swift` and add one line to `subcommands`.
#if canImport(Glibc)
  import Glibc
#endif

let subcommands: [(name: String, summary: String, run: @Sendable ([String]) throws -> Int32)] = [
  ("ingest", "CSV parse-only and parse+map+validate throughput, peak RSS", IngestBenchmark.run),
]

/// Writes a message to standard error.
func printError(_ message: String) {
  var text = message
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

@MainActor
func usage() -> String {
  var text = "usage: aftershock-bench <subcommand> [options]   (swift run -c release aftershock-bench ...)\n\nsubcommands:\n"
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
=======
=======
>>>>>>> model
import Foundation

let benchArguments = Array(CommandLine.arguments.dropFirst())
switch benchArguments.first {
<<<<<<< HEAD
case "text":
  exit(TextBenchmark.run(Array(benchArguments.dropFirst())))
default:
  print("aftershock-bench: see --help")
>>>>>>> text
=======
case "churn":
  exit(ChurnBenchmark.run(Array(benchArguments.dropFirst())))
default:
  print("aftershock-bench: see --help")
>>>>>>> model
}
=======
import Foundation

if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "gbdt" {
  exit(BoostBenchmark.run(Array(CommandLine.arguments.dropFirst(2))))
}
print("aftershock-bench: see --help")
>>>>>>> gbdt
