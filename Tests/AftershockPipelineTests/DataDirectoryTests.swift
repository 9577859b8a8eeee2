import Foundation
import Testing

@testable import AftershockPipeline

@Suite struct DataDirectoryTests {
  /// A command started by name is the first executable file of that name in `PATH`, links
  /// resolved, so the `Data/` beside or above it is found wherever the command was started.
  @Test func aCommandStartedByNameIsFoundInPathWithLinksResolved() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("data-directory-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let build = root.appendingPathComponent("repo/.build/release")
    let bin = root.appendingPathComponent("bin")
    let folder = root.appendingPathComponent("tool")  // a folder of that name comes first in PATH: skipped
    for url in [build, bin, folder.appendingPathComponent("tool")] {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    let binary = build.appendingPathComponent("tool")
    try Data("#!/bin/sh\n".utf8).write(to: binary)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
    try FileManager.default.createSymbolicLink(
      atPath: bin.appendingPathComponent("tool").path, withDestinationPath: binary.path)
    let notExecutable = root.appendingPathComponent("plain")
    try FileManager.default.createDirectory(at: notExecutable, withIntermediateDirectories: true)
    try Data().write(to: notExecutable.appendingPathComponent("tool"))

    let searchPath = ["/nonexistent", notExecutable.path, folder.path, bin.path].joined(separator: ":")
    let found = DataDirectory.executablePath(named: "tool", searchPath: searchPath)
    #expect(found == binary.resolvingSymlinksInPath().path)
    #expect(DataDirectory.executablePath(named: "tool", searchPath: "/nonexistent") == nil)
    #expect(
      DataDirectory.executablePath(named: bin.appendingPathComponent("tool").path, searchPath: "")
        == binary.resolvingSymlinksInPath().path, "a path is taken as given, its links resolved")
  }
}
