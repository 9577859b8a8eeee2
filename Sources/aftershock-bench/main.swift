import Foundation

if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "gbdt" {
  exit(BoostBenchmark.run(Array(CommandLine.arguments.dropFirst(2))))
}
print("aftershock-bench: see --help")
