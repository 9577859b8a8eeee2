import Foundation
import Testing

@testable import AftershockReport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ByteSink`'s atomic files: what a killed writer leaves is removed by the next writer of the file.
@Suite struct ByteSinkTests {
  /// A process id that existed and no longer does: a child that has exited and been waited for.
  static func deadProcessID() throws -> pid_t {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  static func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bytesink-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func hidden(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }.sorted()
  }

  /// A temporary file whose process is gone is removed; one of a live process, one still locked
  /// (a live writer in another PID namespace), and another file's are kept.
  @Test func abandonedTemporariesOfTheSameFileAreRemovedByTheNextSink() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let dead = try Self.deadProcessID()
    let live = getppid()
    let abandoned = ".accounts.csv.tmp-\(dead)-17"
    let ofALiveProcess = ".accounts.csv.tmp-\(live)-18"
    let locked = ".accounts.csv.tmp-\(dead)-19"
    let otherFile = ".tickets.csv.tmp-\(dead)-20"
    for name in [abandoned, ofALiveProcess, locked, otherFile] {
      try Data("partial".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
    let holder = open(folder + "/" + locked, O_RDONLY)
    #expect(flock(holder, LOCK_EX | LOCK_NB) == 0)
    defer { close(holder) }

    let sink = try ByteSink(atomicPath: folder + "/accounts.csv")
    try sink.write("account_id\n")
    try sink.commit()
    #expect(try Self.hidden(in: folder) == [ofALiveProcess, locked, otherFile].sorted())
    #expect(try String(contentsOfFile: folder + "/accounts.csv", encoding: .utf8) == "account_id\n")
  }

  /// Another machine's temporary file (its process id means nothing here, and a network file
  /// system may not show its lock) is removed only once it has stood unchanged for an hour.
  @Test func anotherMachinesTemporaryIsRemovedOnlyWhenItStoodStill() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let machine = LocalHost.tag == "0badcafe" ? "0badcaff" : "0badcafe"
    let writing = ".accounts.csv.tmp-\(getpid())-21-\(machine)"
    let stale = ".accounts.csv.tmp-\(getpid())-22-\(machine)"
    for name in [writing, stale] { try Data("partial".utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
    let old = Date(timeIntervalSinceNow: -2 * LocalHost.otherMachineGrace)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder + "/" + stale)

    ByteSink.removeAbandonedTemporaries(of: folder + "/accounts.csv")
    #expect(try Self.hidden(in: folder) == [writing])
  }

  /// A sink's temporary file names this machine, so cleanup elsewhere can tell it is not theirs.
  @Test func aSinksTemporaryNamesItsMachine() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let sink = try ByteSink(atomicPath: folder + "/report.md")
    let temporary = try #require(try Self.hidden(in: folder).first)
    #expect(
      temporary.hasPrefix(".report.md.tmp-\(getpid())-") && temporary.hasSuffix("-" + LocalHost.tag), "\(temporary)")
    try sink.commit()
  }

  /// A sink's own temporary file is locked while it writes, so another process's cleanup keeps it.
  @Test func aSinksTemporaryFileIsLockedWhileItWrites() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let sink = try ByteSink(atomicPath: folder + "/report.md")
    let temporary = try #require(try Self.hidden(in: folder).first)
    let probe = open(folder + "/" + temporary, O_RDONLY)
    defer { close(probe) }
    #expect(flock(probe, LOCK_EX | LOCK_NB) != 0, "held by the sink")
    try sink.commit()
    #expect(try Self.hidden(in: folder).isEmpty)
  }
}
