import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// This machine, as the files a process leaves for cleanup name it: a file lock (`flock`) is
/// seen by every process of one kernel, but not by another machine sharing the folder over a
/// network file system mounted with local locks, and a process id means nothing there. Cleanup
/// takes another machine's file for abandoned only when its lock is free and it has not changed
/// for `otherMachineGrace` (a live writer changes its files; a killed one's stand still).
package enum LocalHost {
  /// Eight hex digits of this machine's name (FNV-1a of `gethostname`), for file names and
  /// lock files.
  package static let tag: String = {
    var name = [CChar](repeating: 0, count: 256)
    _ = gethostname(&name, name.count - 1)
    var hash: UInt32 = 2_166_136_261
    for byte in name.prefix(while: { $0 != 0 }) {
      hash = (hash ^ UInt32(UInt8(bitPattern: byte))) &* 16_777_619
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - hex.count) + hex
  }()

  /// How long another machine's file must stand unchanged before cleanup may remove it.
  package static let otherMachineGrace: TimeInterval = 3600

  /// Whether a file or folder of the machine tagged `tag` may be removed by cleanup here, its
  /// lock being free: always when it is this machine's, otherwise once nothing in it changed for
  /// `otherMachineGrace` (`lastChange` gives the newest modification time seen, `nil` when it
  /// cannot be read: then it is kept).
  package static func mayRemove(ofMachine tag: String, lastChange: Date?, now: Date = Date()) -> Bool {
    guard tag != Self.tag else { return true }
    guard let lastChange else { return false }
    return now.timeIntervalSince(lastChange) > otherMachineGrace
  }
}
