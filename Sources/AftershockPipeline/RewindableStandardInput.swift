import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard input made readable more than once, for a run that reads an input given as `-`
/// twice (the pass that finds the as-of day, then the run itself).
///
/// A regular file (`< tickets.csv`) is only moved back to where it started. Anything else (a
/// pipe, a terminal) is copied to a temporary file that takes its place as descriptor 0; the
/// file is unlinked at once, so it is removed when the process ends however it ends.
struct RewindableStandardInput {
  /// Where the input started (a file may be given part-read).
  private let start: off_t

  /// Makes descriptor 0 a file that can be rewound, copying a pipe's bytes when needed.
  /// - Throws: `PipelineError.failed` when standard input cannot be read or copied.
  init() throws {
    var info = stat()
    if fstat(0, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
      let offset = lseek(0, 0, SEEK_CUR)
      if offset >= 0 {
        start = offset
        return
      }
    }
    var template = Array((FileManager.default.temporaryDirectory.path + "/aftershock-stdin-XXXXXX").utf8CString)
    let spool = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard spool >= 0 else { throw Self.failure("cannot create a temporary file to hold it") }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    defer { close(spool) }
    let block = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: block, alignment: 1)
    defer { buffer.deallocate() }
    while true {
      let count = read(0, buffer, block)
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw Self.failure("cannot read it")
      }
      var written = 0
      while written < count {
        let done = write(spool, buffer + written, count - written)
        if done < 0 {
          if errno == EINTR { continue }
          throw Self.failure("cannot copy it to a temporary file")
        }
        written += done
      }
    }
    guard dup2(spool, 0) >= 0 else { throw Self.failure("cannot read it back") }
    start = 0
    try rewind()
  }

  /// Moves standard input back to where it started.
  /// - Throws: `PipelineError.failed` when it cannot be moved.
  func rewind() throws {
    guard lseek(0, start, SEEK_SET) == start else { throw Self.failure("cannot read it a second time") }
  }

  private static func failure(_ what: String) -> PipelineError {
    .failed("standard input (-): \(what): \(String(cString: strerror(errno)))")
  }
}
