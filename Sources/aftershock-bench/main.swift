import Foundation

let benchArguments = Array(CommandLine.arguments.dropFirst())
switch benchArguments.first {
case "text":
  exit(TextBenchmark.run(Array(benchArguments.dropFirst())))
default:
  print("aftershock-bench: see --help")
}
