import AftershockIngest
import AftershockPipeline
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Checks on an `--out` folder that the commands writing one (run, merge, report) make before
/// any work, so that a path the folder cannot be made at is named for what it is.
enum OutputFolder {
  /// Refuses an `--out` that is, or lies inside, a symbolic link to a missing target: creating
  /// the folder would fail with "a file with the same name already exists", which it is not.
  /// - Throws: `PipelineError.failed` naming the link and its target.
  static func check(_ path: String) throws {
    var candidate = path
    while true {
      if let target = danglingTarget(of: candidate) {
        if candidate == path {
          throw PipelineError.failed("--out \(path) is a link to a missing folder \(target)")
        }
        throw PipelineError.failed("--out \(path) is inside \(candidate), a link to a missing folder \(target)")
      }
      let parent = PathName.parent(of: candidate)
      guard parent != candidate, parent != ".", parent != "/" else { return }
      candidate = parent
    }
  }

  /// The target of `path` when it is a symbolic link whose target does not exist.
  private static func danglingTarget(of written: String) -> String? {
    // "out/" would look through the link: the link itself is "out".
    var trimmed = Substring(written)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    let path = String(trimmed)
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, stat(path, &status) != 0, errno == ENOENT
    else { return nil }
    return (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "(unreadable)"
  }
}
