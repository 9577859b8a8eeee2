import Foundation

let benchArguments = Array(CommandLine.arguments.dropFirst())
switch benchArguments.first {
case "churn":
  exit(ChurnBenchmark.run(Array(benchArguments.dropFirst())))
case "gbdt":
  exit(BoostBenchmark.run(Array(benchArguments.dropFirst())))
default:
  print("aftershock-bench: see --help")
}
