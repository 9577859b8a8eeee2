// swift-tools-version:6.0
// Benchmark of AftershockForecast's aggregation and forecast paths, kept out of the main graph
// (as swift-collections keeps Benchmarks/). Sources/AftershockForecast is a symlink to the library.
// Run from the repo root: swift run -c release --package-path Scripts/forecast-bench
import PackageDescription

let package = Package(
  name: "ForecastBench",
  platforms: [.macOS(.v15)],
  targets: [
    .target(name: "AftershockForecast", exclude: ["Documentation.docc"]),
    .executableTarget(name: "forecast-bench", dependencies: ["AftershockForecast"]),
  ]
)
