#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file (or stdin) read in blocks into one reused buffer of `maxRecordBytes + blockSize` bytes.
///
/// Readers consume `[start, end)`; `refill()` moves the unconsumed tail to the front and appends one
/// block, so every offset a reader holds is invalid after a refill.
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
  private let fd: Int32
  private let closesOnDeinit: Bool

  init(path: String, limits: IngestLimits) throws(IngestError) {
    self.path = path
    if path == "-" {
      fd = 0
      closesOnDeinit = false
    } else {
      let opened = open(path, O_RDONLY | O_CLOEXEC)
      if opened < 0 { throw .cannotOpen(file: path, reason: ByteSource.message(errno)) }
      var info = stat()
      if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        close(opened)
        throw .readFailed(file: path, reason: "it is a directory")
      }
      fd = opened
      closesOnDeinit = true
    }
    blockSize = limits.blockSize
    capacity = limits.maxRecordBytes + limits.blockSize
    base = .allocate(capacity: capacity)
    // Every reader reads UTF-8: a UTF-16 or UTF-32 export (Excel's "Unicode text") is refused at
    // once with how to convert it, rather than as rows of NUL bytes.
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
      let n = read(fd, base + end, room)
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

  /// Empties the buffer and reads on from `offset` bytes into the file (after an oversized record
  /// turned out to be a stray quote); false when the input cannot seek (stdin, a pipe).
  func restart(atOffset offset: Int64) -> Bool {
    guard closesOnDeinit, offset >= 0, lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else { return false }
    start = 0
    end = 0
    isAtEnd = false
    bytesRead = offset
    return true
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
