// swift-tools-version:6.0
// Aftershock: how customers reacted to an incident and its compensation, and who may leave.
// Packages: none. Only the toolchain and the OS's libsqlite3 (through CSQLite).
import PackageDescription

let package = Package(
  name: "Aftershock",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "aftershock", targets: ["aftershock"]),
    .executable(name: "aftershock-bench", targets: ["aftershock-bench"]),
  ],
  targets: [
    // MARK: C
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),

    // MARK: Libraries (DESIGN.md's module map)
    .target(name: "AftershockIngest"),
    .target(name: "AftershockText"),
    .target(name: "AftershockModel"),
    .target(name: "AftershockForecast"),
    .target(name: "AftershockReport", dependencies: ["AftershockIngest"]),
    .target(name: "AftershockStore", dependencies: ["CSQLite", "AftershockIngest"]),
    .target(name: "AftershockSynthetic", dependencies: ["AftershockReport", "AftershockIngest"]),
    .target(
      name: "AftershockPipeline",
      dependencies: [
        "AftershockIngest", "AftershockText", "AftershockModel", "AftershockForecast",
        "AftershockReport", "AftershockStore", "AftershockSynthetic",
      ]),
    .target(
      name: "AftershockCLI",
      dependencies: [
        "AftershockPipeline", "AftershockIngest", "AftershockText", "AftershockModel", "AftershockForecast",
        "AftershockReport", "AftershockStore", "AftershockSynthetic",
      ]),

    // MARK: Executables
    .executableTarget(name: "aftershock", dependencies: ["AftershockCLI"]),
    .executableTarget(
      name: "aftershock-bench",
      dependencies: ["AftershockIngest", "AftershockText", "AftershockSynthetic", "AftershockModel"]),

    // MARK: Tests
    .testTarget(
      name: "AftershockReportTests", dependencies: ["AftershockReport"], exclude: ["Snapshots"]),
    .testTarget(
      name: "AftershockCLITests", dependencies: ["AftershockCLI"]),
    .testTarget(
      name: "AftershockIngestTests", dependencies: ["AftershockIngest"]),
    .testTarget(
      name: "AftershockStoreTests", dependencies: ["AftershockStore", "CSQLite"]),
    .testTarget(
      name: "AftershockForecastTests", dependencies: ["AftershockForecast"]),
    .testTarget(
      name: "AftershockModelTests", dependencies: ["AftershockModel"]),
    .testTarget(
      name: "AftershockPipelineTests",
      dependencies: [
        "AftershockPipeline", "AftershockSynthetic", "AftershockStore", "AftershockIngest", "AftershockReport",
      ]),
    .testTarget(
      name: "AftershockTextTests", dependencies: ["AftershockText"]),
    .testTarget(
      name: "AftershockSyntheticTests", dependencies: ["AftershockSynthetic"]),
  ]
)
