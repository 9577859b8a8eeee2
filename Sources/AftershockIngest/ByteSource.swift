#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file (or stdin) read in blocks into one reused buffer of `maxRecordBytes + blockSize` bytes.
///
/// Readers consume `[start, end)`; `refill()` moves the unconsumed tail to the front and appends one
/// block, so every offset a reader holds is invalid after a refill.
///
/// Offsets (`bytesRead`, `restart(atOffset:)`) count bytes from where the input started, whatever
/// it is read from. A regular file (a path, or stdin redirected from one, or the copy `run` makes
/// of a piped stdin) is read again with `lseek`. Input that cannot seek (a pipe, a terminal, a
/// FIFO) can still be read again from a point marked with `keepForRestart(from:)`: from then on
/// each block read is also written to an unlinked temporary file. After `restart(atOffset:)` the
/// blocks come from that copy up to its end, then from the input again where it was left (which
/// need not be its end: a reader may go back as soon as it knows it must), so the copy holds one
/// contiguous stretch of the input and is dropped once read past and no longer kept. It is made
/// only while a reader skips an oversized record (an error path), so memory stays bounded (the
/// copy is on disk) and a pipe that reads well is never copied.
final class ByteSource {
  let path: String
  let blockSize: Int
  let capacity: Int
  let base: UnsafeMutablePointer<UInt8>
  // Hot state read on every record: unchecked exclusivity (no overlapping accesses exist; the class is not shared).
  @exclusivity(unchecked) var start = 0
  @exclusivity(unchecked) var end = 0
  @exclusivity(unchecked) private(set) var isAtEnd = false
  private(set) var bytesRead: Int64 = 0
  /// The input's descriptor (a restart of input that cannot seek reads `kept` before it).
  private let fd: Int32
  /// Whether `fd` is closed on deinit (not stdin's descriptor, which belongs to the process).
  private let closesOnDeinit: Bool
  /// Where offset 0 of the input is in `fd` when `fd` can seek (nil: a pipe or a terminal).
  private var seekOrigin: Int64?
  /// The temporary copy of input that cannot seek: it holds the input's bytes `from..<from + count`.
  private var kept: (fd: Int32, from: Int64, count: Int64)?
  /// Whether blocks read from the input itself are appended to `kept` (between `keepForRestart`
  /// and `stopKeeping`); a copy no longer kept is still read to its end after a restart.
  private var isKeeping = false
  /// Why the copy stopped being kept (a full disk), for the message when it was needed.
  private(set) var keepFailure: String?

  convenience init(path: String, limits: IngestLimits) throws(IngestError) {
    if path == "-" {
      try self.init(fileDescriptor: 0, path: path, closesOnDeinit: false, limits: limits)
      return
    }
    let opened = open(path, O_RDONLY | O_CLOEXEC)
    if opened < 0 { throw .cannotOpen(file: path, reason: ByteSource.message(errno)) }
    var info = stat()
    if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      close(opened)
      throw .readFailed(file: path, reason: "it is a directory")
    }
    try self.init(fileDescriptor: opened, path: path, closesOnDeinit: true, limits: limits)
  }

  /// Reads an open descriptor (stdin's for `-`, or a pipe in tests) from where it stands.
  init(fileDescriptor: Int32, path: String, closesOnDeinit: Bool, limits: IngestLimits) throws(IngestError) {
    self.path = path
    fd = fileDescriptor
    self.closesOnDeinit = closesOnDeinit
    var info = stat()
    if fstat(fileDescriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
      let here = lseek(fileDescriptor, 0, SEEK_CUR)
      if here >= 0 { seekOrigin = Int64(here) }
    }
    blockSize = limits.blockSize
    capacity = limits.maxRecordBytes + limits.blockSize
    base = .allocate(capacity: capacity)
    // Every reader reads UTF-8: a UTF-16 or UTF-32 export (Excel's "Unicode text") is refused at
    // once with how to convert it, rather than as rows of NUL bytes. (Thrown once every property
    // is set, so deinit frees the buffer and closes the file.) What needs more bytes to tell
    // (no byte-order mark, a compressed file) is told by `TableInput`, which reads them anyway.
    try prefetch(4)
    if let encoding = InputFormat.wideEncoding(available) {
      // Excel's "Unicode text" is tab-separated whatever its name: the converted file is named so.
      try prefetch(4096)
      throw .notUTF8(file: path, encoding: encoding, tabSeparated: InputFormat.wideFirstLineHasTab(available, encoding))
    }
  }

  deinit {
    base.deallocate()
    if closesOnDeinit { close(fd) }
    if let kept { close(kept.fd) }
  }

  /// The unconsumed bytes.
  var available: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: base + start, count: end - start)
  }

  /// Compacts the unconsumed bytes to the front and reads up to one block; false once the input is exhausted.
  @discardableResult
  func refill() throws(IngestError) -> Bool {
    if start > 0 {
      if end > start { memmove(base, base + start, end - start) }
      end -= start
      start = 0
    }
    if isAtEnd { return false }
    let room = min(blockSize, capacity - end)
    if room <= 0 { return true }
    while true {
      let n: Int
      if let copy = kept, bytesRead < copy.from + copy.count {
        // Read again after a restart: from the copy until the input's own position is reached.
        n = pread(copy.fd, base + end, min(room, Int(copy.from + copy.count - bytesRead)), off_t(bytesRead - copy.from))
        if n == 0 {
          throw .readFailed(file: path, reason: "its temporary copy ended before the bytes it holds")
        }
      } else {
        if !isKeeping, kept != nil { stopKeeping() }
        n = read(fd, base + end, room)
        if n > 0, isKeeping { keep(base + end, n) }
      }
      if n > 0 {
        end += n
        bytesRead += Int64(n)
        return true
      }
      if n == 0 {
        isAtEnd = true
        return false
      }
      if errno == EINTR { continue }
      throw .readFailed(file: path, reason: ByteSource.message(errno))
    }
  }

  /// Reads until `count` bytes are buffered, the input ends or the buffer is full (for sniffing the first bytes).
  func prefetch(_ count: Int) throws(IngestError) {
    while end - start < min(count, capacity), try refill() {}
  }

  /// Empties the buffer and reads on from `offset` bytes into the input (after an oversized record
  /// turned out to be a stray quote); false when the input can neither seek nor was kept from
  /// `offset` on (`keepForRestart(from:)`).
  func restart(atOffset offset: Int64) -> Bool {
    if let origin = seekOrigin {
      guard offset >= 0, lseek(fd, off_t(origin + offset), SEEK_SET) == off_t(origin + offset) else { return false }
    } else if let copy = kept, offset >= copy.from, offset <= copy.from + copy.count {
      // `refill` reads the copy from `offset` to its end, then the input where it stands.
    } else {
      return false
    }
    start = 0
    end = 0
    isAtEnd = false
    bytesRead = offset
    return true
  }

  /// Makes the input readable again from the buffered byte at `index` on, for `restart(atOffset:)`:
  /// nothing to do for a file that can seek; otherwise the bytes from there, and every block read
  /// after, are copied to an unlinked temporary file (in `$TMPDIR`, else `/tmp`) until
  /// `stopKeeping()`. When the buffer was itself read from a copy (a restart), that copy already
  /// holds those bytes and is kept growing instead. Failing to make the copy is not an error
  /// here; `keepFailure` says why.
  func keepForRestart(from index: Int) {
    guard seekOrigin == nil else { return }
    let offset = bytesRead - Int64(end - index)
    if let copy = kept, offset >= copy.from, bytesRead <= copy.from + copy.count {
      isKeeping = true
      return
    }
    if let kept { close(kept.fd) }
    kept = nil
    let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((directory + "/aftershock-input-XXXXXX").utf8CString)
    let copy = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard copy >= 0 else {
      keepFailure = "cannot create a temporary file in \(directory): \(ByteSource.message(errno))"
      return
    }
    _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
    kept = (copy, offset, 0)
    isKeeping = true
    keepFailure = nil
    if end > index { keep(base + index, end - index) }
  }

  /// Stops copying the input (the skipped record ended on a line end: no restart is needed). A
  /// copy being read again after a restart is dropped once `refill` has read past its end.
  func stopKeeping() {
    isKeeping = false
    if let copy = kept, bytesRead >= copy.from + copy.count {
      close(copy.fd)
      kept = nil
    }
  }

  /// Appends bytes to the kept copy; on a write error the copy is dropped and `keepFailure` set.
  private func keep(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
    guard let copy = kept else { return }
    var written = 0
    while written < count {
      let n = pwrite(copy.fd, bytes + written, count - written, off_t(copy.count + Int64(written)))
      if n < 0 {
        if errno == EINTR { continue }
        keepFailure = "cannot write a temporary copy of it: \(ByteSource.message(errno))"
        close(copy.fd)
        kept = nil
        isKeeping = false
        return
      }
      written += n
    }
    kept?.count += Int64(count)
  }

  /// Drops every buffered byte (used while skipping an oversized record).
  func discardAll() {
    start = 0
    end = 0
  }

  static func message(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text).lowercased()
  }
}
