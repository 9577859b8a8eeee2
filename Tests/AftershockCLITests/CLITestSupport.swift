import Foundation
import Testing

/// Runs the built `aftershock` binary in a fresh temporary directory, as a user would.
struct CLIRun {
  /// The process's exit status.
  var status: Int32
  /// Everything written to standard output.
  var output: String
  /// Everything written to standard error.
  var errors: String
  /// The directory the command ran in (removed by the caller's `CLIWorkspace`).
  var directory: URL
}

/// A temporary working directory for one test, with the repository's paths at hand.
struct CLIWorkspace {
  /// The repository root (the folder holding Package.swift), found from this file's path.
  static let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
      url.deleteLastPathComponent()
    }
    fatalError("no Package.swift above \(#filePath)")
  }()

  /// The `aftershock` binary: beside the test bundle (SwiftPM puts products together), else `.build/debug`.
  static let binary: URL = {
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("aftershock"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("aftershock"),
      repositoryRoot.appendingPathComponent(".build/debug/aftershock"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
  }()

  /// The fresh directory.
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("aftershock-cli-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  /// Removes the directory.
  func remove() { try? FileManager.default.removeItem(at: directory) }

  /// The path of a fixture in `Tests/Fixtures`.
  static func fixture(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name)").path
  }

  /// A file path inside the workspace.
  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Runs `aftershock` with `arguments`, feeding `input` on standard input.
  func run(_ arguments: [String], input: Data? = nil) throws -> CLIRun {
    guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
      Issue.record("the aftershock binary is not built at \(Self.binary.path); run 'swift build' first")
      return CLIRun(status: -1, output: "", errors: "", directory: directory)
    }
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["AFTERSHOCK_DATA"] = Self.repositoryRoot.appendingPathComponent("Data").path
    process.environment = environment
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    try process.run()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let errorData = LockedData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errorData.set(stderr.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    if let input { stdin.fileHandleForWriting.write(input) }
    try stdin.fileHandleForWriting.close()
    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CLIRun(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData.get(), as: UTF8.self), directory: directory)
  }
}

/// Bytes handed from a reader thread to the test.
private final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  func set(_ value: Data) {
    lock.lock()
    data = value
    lock.unlock()
  }
  func get() -> Data {
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}

/// The first number after `label` in `text` (e.g. the AUC after "ROC AUC").
func number(after label: String, in text: String) -> Double? {
  guard let range = text.range(of: label) else { return nil }
  let rest = text[range.upperBound...].drop { !($0.isNumber || $0 == "-") }
  return Double(rest.prefix { $0.isNumber || $0 == "." || $0 == "-" })
}
