import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered writer of bytes to a file descriptor: a file written atomically, or standard output.
///
/// Files are written to a temporary name in the destination folder and renamed into place by
/// ``commit()``, so a killed process never leaves a half-written file under the final name.
/// A sink that is dropped without `commit()` removes its temporary file; one its process could
/// not remove (killed) is removed by the next sink for the same file (``removeAbandonedTemporaries(of:now:)``).
public final class ByteSink {
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let temporaryPath: String?
  /// The path the sink writes to once committed (`nil` for standard output).
  public let path: String?
  private var buffer: [UInt8] = []
  private let flushThreshold = 1 << 16
  private var isFinished = false

  /// Opens a sink that writes `path` atomically (temporary file, then rename).
  public init(atomicPath path: String) throws(ReportError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw ReportError.cannotWrite(path: path, reason: "cannot create folder \(directory)")
    }
    Self.removeAbandonedTemporaries(of: path)
    let (fd, temporary) = try Self.openTemporary(for: path, in: directory, name: url.lastPathComponent)
    self.descriptor = fd
    self.ownsDescriptor = true
    self.temporaryPath = temporary
    self.path = path
    buffer.reserveCapacity(flushThreshold * 2)
  }

  /// Opens a sink over standard output (no atomic rename; ``commit()`` only flushes).
  public init(standardOutput: Void = ()) {
    self.descriptor = 1
    self.ownsDescriptor = false
    self.temporaryPath = nil
    self.path = nil
    buffer.reserveCapacity(flushThreshold * 2)
  }

  deinit {
    if !isFinished, let temporaryPath {
      close(descriptor)
      unlink(temporaryPath)
    }
  }

  /// Appends raw bytes.
  @inlinable
  public func write(_ bytes: some Sequence<UInt8>) throws(ReportError) {
    try appendBytes(bytes)
  }

  /// Appends the UTF-8 bytes of a string.
  public func write(_ string: String) throws(ReportError) {
    var string = string
    string.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= flushThreshold { try flush() }
  }

  /// Appends bytes from contiguous memory (the fast path for hot loops).
  public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(ReportError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= flushThreshold { try flush() }
  }

  /// Appends one byte.
  public func write(byte: UInt8) throws(ReportError) {
    buffer.append(byte)
    if buffer.count >= flushThreshold { try flush() }
  }

  @usableFromInline
  func appendBytes(_ bytes: some Sequence<UInt8>) throws(ReportError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= flushThreshold { try flush() }
  }

  /// Writes out what is buffered.
  public func flush() throws(ReportError) {
    var offset = 0
    let count = buffer.count
    while offset < count {
      let written = buffer.withUnsafeBytes { raw in
        systemWrite(descriptor, raw.baseAddress! + offset, count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        let code = errno
        buffer.removeAll(keepingCapacity: true)
        if code == EPIPE { throw ReportError.brokenPipe }
        throw ReportError.cannotWrite(path: path ?? "<stdout>", reason: String(cString: strerror(code)))
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs and renames the file into place (or just flushes standard output).
  public func commit() throws(ReportError) {
    try flush()
    guard !isFinished else { return }
    isFinished = true
    guard let temporaryPath, let path else { return }
    if fsync(descriptor) != 0 {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      unlink(temporaryPath)
      throw ReportError.cannotWrite(path: path, reason: reason)
    }
    close(descriptor)
    if rename(temporaryPath, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw ReportError.cannotWrite(path: path, reason: reason)
    }
  }
}

extension ByteSink {
  /// The start of the temporary names of `name`'s sinks: `.<name>.tmp-` (then
  /// `<pid>-<random>-<machine>`, the machine as `LocalHost.tag`).
  static func temporaryPrefix(of name: String) -> String { "." + name + ".tmp-" }

  /// Creates and locks a fresh temporary file for `path`, held (`flock`) until the descriptor is
  /// closed, so that ``removeAbandonedTemporaries(of:now:)`` in another process leaves it alone.
  private static func openTemporary(for path: String, in directory: String, name: String) throws(ReportError)
    -> (descriptor: Int32, path: String)
  {
    for _ in 0..<8 {
      let temporary =
        directory + "/" + temporaryPrefix(of: name)
        + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(LocalHost.tag)"
      let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        if errno == EEXIST { continue }
        throw ReportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
      }
      // Waits while another process's cleanup holds it (an instant); that cleanup has unlinked it
      // once the lock is had, so the file is ours only if its name still leads to it.
      while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
      var opened = stat()
      var named = stat()
      if fstat(fd, &opened) == 0, lstat(temporary, &named) == 0, opened.st_dev == named.st_dev,
        opened.st_ino == named.st_ino
      {
        return (fd, temporary)
      }
      close(fd)
    }
    throw ReportError.cannotWrite(path: path, reason: "cannot make a temporary file beside it")
  }

  /// Removes the temporary files of `path` that killed processes left: `.<name>.tmp-<pid>-<n>`
  /// files beside it whose process no longer exists here (`kill(pid, 0)` fails with `ESRCH`) and
  /// whose lock nobody holds (a live process in another PID namespace, sharing the folder, holds
  /// its own). A `kill -9`, the OOM killer or a power cut leaves them: nothing else removes them.
  /// One of another machine (`-<machine>` at the end of its name, not this one's), whose process
  /// id means nothing here and whose lock a network file system may not show, is removed only
  /// once it has not changed for `LocalHost.otherMachineGrace`.
  public static func removeAbandonedTemporaries(of path: String, now: Date = Date()) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let prefix = temporaryPrefix(of: url.lastPathComponent)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names where name.hasPrefix(prefix) {
      let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
      // An older version's name has no machine: taken for this one's.
      guard parts.count == 2 || parts.count == 3, let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil else {
        continue
      }
      let machine = parts.count == 3 ? String(parts[2]) : LocalHost.tag
      let here = machine == LocalHost.tag
      if here {
        guard pid != getpid(), kill(pid, 0) != 0 && errno == ESRCH else { continue }
      }
      let file = directory + "/" + name
      let fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
      guard fd >= 0 else { continue }
      var status = stat()
      // Held while removing, so a process that looks at the same time sees it taken.
      if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
        here || LocalHost.mayRemove(ofMachine: machine, lastChange: Self.modificationDate(status), now: now),
        flock(fd, LOCK_EX | LOCK_NB) == 0
      {
        unlink(file)
      }
      close(fd)
    }
  }
}

extension ByteSink {
  /// A file's modification time from its `stat`.
  static func modificationDate(_ status: stat) -> Date {
    #if canImport(Darwin)
      let time = status.st_mtimespec
    #else
      let time = status.st_mtim
    #endif
    return Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
  }
}

@available(*, unavailable)
extension ByteSink: Sendable {}

@inline(__always)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.write(fd, pointer, count)
  #else
    return Darwin.write(fd, pointer, count)
  #endif
}
