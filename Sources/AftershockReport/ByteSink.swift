#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation

/// A buffered writer of bytes to a file descriptor: a file written atomically, or standard output.
///
/// Files are written to a temporary name in the destination folder and renamed into place by
/// ``commit()``, so a killed process never leaves a half-written file under the final name.
/// A sink that is dropped without `commit()` removes its temporary file.
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
    let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw ReportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
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
      close(descriptor); unlink(temporaryPath)
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
