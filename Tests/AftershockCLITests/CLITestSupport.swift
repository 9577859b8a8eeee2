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

  /// Where a standard stream of the command goes: read back by the test, or a destination
  /// where every write fails.
  enum StreamTarget {
    /// A pipe the test reads (`CLIRun.output` / `CLIRun.errors`).
    case captured
    /// A pipe whose reader has gone (`| head` after it exited): writes fail with EPIPE.
    case brokenPipe
    /// `/dev/full`: writes fail with ENOSPC.
    case full
    /// Closed (`2>&-`): writes fail with EBADF.
    case closed
  }

  /// Runs `aftershock` with `arguments`, feeding `input` on standard input; standard output and
  /// error go where `standardOutput` and `standardError` say. With `startedFromPath`, the command
  /// is started by its name, found in that folder put first in `PATH`, as an installed one is.
  /// `environment` adds to (or replaces in) the test's own environment, whose `COLUMNS` is left
  /// out unless given there, so the output's width does not hang on the terminal the tests ran in.
  func run(
    _ arguments: [String], input: Data? = nil, standardOutput: StreamTarget = .captured,
    standardError: StreamTarget = .captured, findsDataItself: Bool = false, startedFromPath: URL? = nil,
    environment extra: [String: String] = [:]
  ) throws -> CLIRun {
    guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
      Issue.record("the aftershock binary is not built at \(Self.binary.path); run 'swift build' first")
      return CLIRun(status: -1, output: "", errors: "", directory: directory)
    }
    let process = Process()
    // A closed stream can only be had from a shell: `exec` keeps the status the binary's.
    let closing = [(standardOutput, ">&-"), (standardError, "2>&-")].filter { $0.0 == .closed }.map(\.1)
    if startedFromPath != nil {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["aftershock"] + arguments
    } else if closing.isEmpty {
      process.executableURL = Self.binary
      process.arguments = arguments
    } else {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "exec \"$0\" \"$@\" " + closing.joined(separator: " "), Self.binary.path] + arguments
    }
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["COLUMNS"] = nil
    environment.merge(extra) { _, given in given }
    // Unless the test checks how the binary finds Data/ itself (its working directory first).
    environment["AFTERSHOCK_DATA"] = findsDataItself ? nil : Self.repositoryRoot.appendingPathComponent("Data").path
    if let folder = startedFromPath {
      environment["PATH"] = folder.path + (environment["PATH"].map { ":" + $0 } ?? "")
    }
    process.environment = environment
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = try Self.destination(standardOutput, captured: stdout)
    process.standardError = try Self.destination(standardError, captured: stderr)
    process.standardInput = stdin
    try process.run()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let errorData = LockedData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errorData.set(standardError == .captured ? stderr.fileHandleForReading.readDataToEndOfFile() : Data())
      group.leave()
    }
    if let input { stdin.fileHandleForWriting.write(input) }
    try stdin.fileHandleForWriting.close()
    let outputData = standardOutput == .captured ? stdout.fileHandleForReading.readDataToEndOfFile() : Data()
    group.wait()
    process.waitUntilExit()
    return CLIRun(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData.get(), as: UTF8.self), directory: directory)
  }
}

extension CLIWorkspace {
  /// What to hand `Process` for a stream: the capturing pipe, or a destination where writes fail.
  fileprivate static func destination(_ target: StreamTarget, captured: Pipe) throws -> Any {
    switch target {
    case .captured, .closed:
      return captured
    case .brokenPipe:
      let pipe = Pipe()
      try pipe.fileHandleForReading.close()
      return pipe
    case .full:
      return try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    }
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
