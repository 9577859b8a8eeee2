import AftershockIngest
import AftershockReport
import Foundation
import Testing

@testable import AftershockPipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Publishing a staged set into an output folder: all or nothing, and never over the history;
/// staging folders of live processes kept, wherever they run.
struct StagingFolderTests {
  /// A fresh, empty folder.
  static func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-staging-\(UUID())").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  static func read(_ path: String) -> String? {
    try? String(contentsOfFile: path, encoding: .utf8)
  }

  /// An output folder holding the previous set, and a staging folder in it holding a new one
  /// (with one file, `b-new.csv`, the previous set has not).
  static func previousAndNewSet() throws -> (out: String, staging: StagingFolder) {
    let out = try folder() + "/out"
    for file in ["a.csv", "c.md", "charts/x.svg", "manifest.json"] { try write("old \(file)", to: out + "/" + file) }
    let staging = try StagingFolder(inside: out)
    for file in ["a.csv", "b-new.csv", "c.md", "charts/x.svg", "manifest.json"] {
      try write("new \(file)", to: staging.path + "/" + file)
    }
    return (out, staging)
  }

  static func expectPreviousSet(in out: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for file in ["a.csv", "c.md", "charts/x.svg", "manifest.json"] {
      #expect(read(out + "/" + file) == "old \(file)", "\(file)", sourceLocation: sourceLocation)
    }
    #expect(!FileManager.default.fileExists(atPath: out + "/b-new.csv"), sourceLocation: sourceLocation)
  }

  /// 01: a move that fails halfway (here the third: the place its previous file is moved aside to
  /// is taken by a file, as an immutable file or an unwritable `charts/` would stop it) puts back
  /// the files already moved, and the error names the file.
  @Test func publishThatFailsHalfwayLeavesThePreviousSet() throws {
    let (out, staging) = try Self.previousAndNewSet()
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    defer { staging.remove() }
    try Self.write("in the way", to: staging.path + "/" + StagingFolder.previousFolderName + "/charts")
    do {
      _ = try staging.publish(last: "manifest.json")
      Issue.record("the publish should fail")
    } catch {
      let message = String(describing: error)
      #expect(message.contains("charts/x.svg"), "\(message)")
      #expect(message.contains("the previous outputs were restored"), "\(message)")
    }
    Self.expectPreviousSet(in: out)
  }

  /// 02: a publication the caller rolls back later (the history could not commit) leaves the
  /// previous set, without the files only the new set had.
  @Test func publicationRolledBackLaterLeavesThePreviousSet() throws {
    let (out, staging) = try Self.previousAndNewSet()
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    defer { staging.remove() }
    var publication = try staging.publish(last: "manifest.json")
    #expect(publication.files == ["a.csv", "b-new.csv", "c.md", "charts/x.svg", "manifest.json"])
    #expect(Self.read(out + "/manifest.json") == "new manifest.json")
    #expect(publication.rollBack().isEmpty)
    Self.expectPreviousSet(in: out)
  }

  /// A previous output the new set does not hold (a chart with nothing to draw this time) is
  /// moved aside, never left beside the new set; a rollback puts it back. Entries that are not
  /// plain outputs (the history, a path out of the folder, a hidden file) are never touched.
  @Test func previousOutputsTheNewSetLacksAreRetiredAndRestoredOnRollBack() throws {
    let (out, staging) = try Self.previousAndNewSet()
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    defer { staging.remove() }
    try Self.write("old stale", to: out + "/charts/stale.svg")
    try Self.write("old forecast", to: out + "/forecast.csv")
    try Self.write("history", to: out + "/history.json")
    try Self.write("outside", to: (out as NSString).deletingLastPathComponent + "/outside.csv")
    try Self.write("hidden", to: out + "/.hidden.csv")
    try Self.write("database", to: out + "/aftershock.sqlite")
    // A link in the output folder to a folder outside it: a file reached through it is not an output.
    let elsewhere = PathName.parent(of: out) + "/elsewhere"
    try Self.write("kept", to: elsewhere + "/keep.csv")
    try FileManager.default.createSymbolicLink(atPath: out + "/link", withDestinationPath: elsewhere)
    let retiring = [
      "a.csv", "charts/stale.svg", "forecast.csv", "history.json", "../outside.csv", ".hidden.csv", "aftershock.sqlite",
      "/etc/passwd", "", "missing.csv", "link/keep.csv",
    ]
    var publication = try staging.publish(
      last: "manifest.json", protecting: [out + "/history.json"], retiring: retiring)
    #expect(publication.files == ["a.csv", "b-new.csv", "c.md", "charts/x.svg", "manifest.json"])
    #expect(!FileManager.default.fileExists(atPath: out + "/charts/stale.svg"))
    #expect(!FileManager.default.fileExists(atPath: out + "/forecast.csv"))
    #expect(Self.read(out + "/a.csv") == "new a.csv")
    #expect(Self.read(out + "/history.json") == "history", "the history is never retired")
    #expect(Self.read((out as NSString).deletingLastPathComponent + "/outside.csv") == "outside")
    #expect(Self.read(out + "/.hidden.csv") == "hidden")
    #expect(Self.read(out + "/aftershock.sqlite") == "database", "not an output's extension")
    #expect(Self.read(elsewhere + "/keep.csv") == "kept", "never through a link out of the output folder")

    #expect(publication.rollBack().isEmpty)
    Self.expectPreviousSet(in: out)
    #expect(Self.read(out + "/charts/stale.svg") == "old stale")
    #expect(Self.read(out + "/forecast.csv") == "old forecast")
  }

  /// A folder the publication made (`charts/` on a first run) goes with it when rolled back.
  @Test func rollBackRemovesTheFoldersThePublicationMade() throws {
    let out = try Self.folder() + "/out"
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    let staging = try StagingFolder(inside: out)
    defer { staging.remove() }
    try Self.write("new", to: staging.path + "/charts/x.svg")
    var publication = try staging.publish()
    #expect(FileManager.default.fileExists(atPath: out + "/charts/x.svg"))
    publication.rollBack()
    let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }
    #expect(left.isEmpty, "\(left)")
  }

  /// The previous files kept aside and the lock file are not part of the staged set.
  @Test func listFilesLeavesOutTheBackupsAndTheLock() throws {
    let (out, staging) = try Self.previousAndNewSet()
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    defer { staging.remove() }
    try Self.write("old", to: staging.path + "/" + StagingFolder.previousFolderName + "/report.md")
    #expect(FileManager.default.fileExists(atPath: staging.path + "/" + StagingFolder.lockFileName))
    let files = try StagingFolder.listFiles(in: staging.path)
    #expect(files == ["a.csv", "b-new.csv", "c.md", "charts/x.svg", "manifest.json"])
  }

  /// 03: a staging folder removed under a run (by another process) fails the publish in words; it
  /// never publishes an empty set as if all went well.
  @Test func publishFailsWhenTheStagingFolderWasRemoved() throws {
    let (out, staging) = try Self.previousAndNewSet()
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    defer { staging.remove() }
    try FileManager.default.removeItem(atPath: staging.path)
    do {
      _ = try staging.publish(last: "manifest.json")
      Issue.record("the publish should fail")
    } catch {
      #expect(String(describing: error).contains("was removed while the run was writing it"), "\(error)")
    }
    Self.expectPreviousSet(in: out)
  }

  /// A staged set without its last file (the manifest) is not published.
  @Test func publishRefusesASetWithoutItsLastFile() throws {
    let (out, staging) = try Self.previousAndNewSet()
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    defer { staging.remove() }
    try FileManager.default.removeItem(atPath: staging.path + "/manifest.json")
    #expect(throws: PipelineError.self) { try staging.publish(last: "manifest.json") }
    Self.expectPreviousSet(in: out)
  }

  /// 03: a staging folder whose lock is held is kept, even when no process of its id exists here
  /// (a run in another PID namespace); one whose lock nobody holds is removed, and so is an older
  /// version's without a lock file whose process is gone. One being made (`.new`) is left alone.
  @Test func newStagingFolderKeepsLockedFoldersAndRemovesAbandonedOnes() throws {
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    // Above Linux's largest pid (2^22): no such process in this namespace.
    let live = out + "/.staging-4194305"
    let abandoned = out + "/.staging-4194306"
    let older = out + "/.staging-4194307"
    let beingMade = out + "/.staging-4194308.new"
    for folder in [live, abandoned, older, beingMade] { try Self.write("x", to: folder + "/report.md") }
    for folder in [live, abandoned] { try Self.write("", to: folder + "/" + StagingFolder.lockFileName) }
    let descriptor = open(live + "/" + StagingFolder.lockFileName, O_RDWR | O_CLOEXEC)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)

    let staging = try StagingFolder(inside: out)
    defer { staging.remove() }
    #expect(FileManager.default.fileExists(atPath: live + "/report.md"), "a locked staging folder is kept")
    #expect(!FileManager.default.fileExists(atPath: abandoned), "an unlocked staging folder is removed")
    #expect(!FileManager.default.fileExists(atPath: older), "an older version's folder of a dead process is removed")
    #expect(FileManager.default.fileExists(atPath: beingMade), "a folder being made is left alone")
    #expect(staging.path == out + "/.staging-\(getpid())")
  }

  /// A staging folder of another machine's run whose lock is free here (a network file system
  /// with local locks shows none) is kept while anything in it changed within the hour, and
  /// removed once it stood still longer; a folder of this machine's is judged by its lock alone.
  @Test func anotherMachinesStagingFolderIsRemovedOnlyWhenItStoodStill() throws {
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let machine = LocalHost.tag == "0badcafe" ? "0badcaff" : "0badcafe"
    let writing = out + "/.staging-4194313"
    let stale = out + "/.staging-4194314"
    let ours = out + "/.staging-4194315"
    for folder in [writing, stale, ours] { try Self.write("x", to: folder + "/report.md") }
    for folder in [writing, stale] { try Self.write(machine, to: folder + "/" + StagingFolder.lockFileName) }
    try Self.write(LocalHost.tag, to: ours + "/" + StagingFolder.lockFileName)
    let old = Date(timeIntervalSinceNow: -2 * LocalHost.otherMachineGrace)
    for path in [stale, stale + "/report.md", stale + "/" + StagingFolder.lockFileName, ours] {
      try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
    }

    let staging = try StagingFolder(inside: out)
    defer { staging.remove() }
    #expect(
      FileManager.default.fileExists(atPath: writing + "/report.md"),
      "another machine's folder that changed within the hour is kept")
    #expect(!FileManager.default.fileExists(atPath: stale), "another machine's folder that stood still is removed")
    #expect(!FileManager.default.fileExists(atPath: ours), "this machine's unlocked folder is removed")
    let lock = try String(contentsOfFile: staging.path + "/" + StagingFolder.lockFileName, encoding: .utf8)
    #expect(lock == LocalHost.tag, "the lock file names this machine")
  }

  /// A folder a killed run left while making it (`.staging-<pid>.new`, before its rename) is
  /// removed once it is older than any live run holds that name, unless its lock is held; a
  /// recent one is left alone.
  @Test func abandonedFolderBeingMadeIsRemovedWhenOld() throws {
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let withoutLock = out + "/.staging-4194309.new"
    let unlocked = out + "/.staging-4194310.new"
    let locked = out + "/.staging-4194311.new"
    let recent = out + "/.staging-4194312.new"
    for folder in [withoutLock, unlocked, locked, recent] {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    }
    for folder in [unlocked, locked] { try Self.write("", to: folder + "/" + StagingFolder.lockFileName) }
    let descriptor = open(locked + "/" + StagingFolder.lockFileName, O_RDWR | O_CLOEXEC)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    let old = Date(timeIntervalSinceNow: -2 * StagingFolder.abandonedNewFolderAge)
    for folder in [withoutLock, unlocked, locked] {
      try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder)
    }

    let staging = try StagingFolder(inside: out)
    defer { staging.remove() }
    #expect(!FileManager.default.fileExists(atPath: withoutLock), "an old folder without a lock is removed")
    #expect(!FileManager.default.fileExists(atPath: unlocked), "an old folder whose lock nobody holds is removed")
    #expect(FileManager.default.fileExists(atPath: locked), "a folder whose lock is held is kept")
    #expect(FileManager.default.fileExists(atPath: recent), "a recent folder may be a live run's: kept")
  }

  /// Two staging folders of one process in one output folder (or of two processes with the same
  /// id in two PID namespaces) neither remove nor share each other.
  @Test func secondStagingFolderOfTheSameProcessIdLeavesTheFirst() throws {
    let out = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let first = try StagingFolder(inside: out)
    defer { first.remove() }
    try Self.write("first", to: first.path + "/report.md")
    let second = try StagingFolder(inside: out)
    defer { second.remove() }
    #expect(second.path != first.path)
    #expect(Self.read(first.path + "/report.md") == "first")
    second.remove()
    first.remove()
    let left = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(left.isEmpty, "\(left)")
  }

  /// 04: an output never replaces the history, whatever its name, and nothing is moved.
  @Test func publishRefusesToReplaceAProtectedFile() throws {
    let (out, staging) = try Self.previousAndNewSet()
    defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
    defer { staging.remove() }
    do {
      _ = try staging.publish(last: "manifest.json", protecting: [out + "/./c.md"])
      Issue.record("the publish should fail")
    } catch {
      let message = String(describing: error)
      #expect(message.contains("c.md") && message.contains("history"), "\(message)")
    }
    Self.expectPreviousSet(in: out)
  }
}
