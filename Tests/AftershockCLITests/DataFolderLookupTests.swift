import Foundation
import Testing

/// How a command finds Aftershock's `Data/` when nothing names it: beside or above the
/// executable, however the command was started.
@Suite struct DataFolderLookupTests {
  /// An installed command (a link in a `PATH` folder to the built binary) run from a folder
  /// without `Data/` finds the repository's beside its real path.
  @Test func aCommandStartedFromPathFindsTheDataBesideItsRealPath() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let bin = workspace.directory.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: false)
    try FileManager.default.createSymbolicLink(
      atPath: bin.appendingPathComponent("aftershock").path, withDestinationPath: CLIWorkspace.binary.path)
    let run = try workspace.run(
      ["score", "--text", "The outage was a disaster."], findsDataItself: true, startedFromPath: bin)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("sentiment: negative"), "\(run.output)")
  }

  /// Where no `Data/` is found, the message names each folder looked in once: started by name
  /// from its own folder, the working directory's `Data` is the executable's too.
  @Test func theFoldersLookedInAreNamedOnce() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try FileManager.default.copyItem(
      at: CLIWorkspace.binary, to: workspace.directory.appendingPathComponent("aftershock"))
    let run = try workspace.run(
      ["score", "--text", "hi"], findsDataItself: true, startedFromPath: workspace.directory)
    #expect(run.status == 1)
    let here = workspace.directory.resolvingSymlinksInPath().appendingPathComponent("Data").path
    let list = try #require(
      run.errors.components(separatedBy: "(looked in ").dropFirst().first?.components(separatedBy: ")").first,
      "\(run.errors)")
    let folders = list.components(separatedBy: ", ")
    #expect(folders.first == here, "\(run.errors)")
    #expect(folders.count == Set(folders).count, "no folder twice: \(run.errors)")
    #expect(!folders.contains { $0.contains("/../") || $0.contains("/./") }, "\(run.errors)")
  }
}
