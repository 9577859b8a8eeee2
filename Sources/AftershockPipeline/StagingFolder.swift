import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hidden folder inside an output folder where a set of files is written before the whole set
/// is moved into place, so a failed or killed command never leaves part of a new set beside the
/// old one (`run`, `merge` and `report` use it).
///
/// It is named `.staging-<pid>`: making one removes those left by processes that no longer
/// exist (a run killed with SIGKILL or by the OOM killer cannot remove its own).
struct StagingFolder {
  /// The folder the files are moved into.
  let output: String
  /// The staging folder's path (`<output>/.staging-<pid>`).
  let path: String

  /// The prefix of every staging folder's name.
  static let namePrefix = ".staging-"

  /// Creates `output` if needed and an empty staging folder in it for this process, after
  /// removing the staging folders of processes that no longer exist.
  /// - Throws: `PipelineError.failed` when either folder cannot be made.
  init(inside output: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    } catch {
      throw PipelineError.failed("cannot create the output folder \(output): \(error.localizedDescription)")
    }
    Self.removeAbandoned(in: output)
    self.output = output
    path = output + "/" + Self.namePrefix + String(getpid())
    try? FileManager.default.removeItem(atPath: path)
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw PipelineError.failed("cannot create a staging folder in \(output): \(error.localizedDescription)")
    }
  }

  /// Moves every staged file into the output folder and returns their relative paths; `last`
  /// (e.g. `manifest.json`) goes last, so its presence and timestamp mark a complete set.
  ///
  /// Every destination is checked before the first move (a folder where a file goes, a file where
  /// a folder goes), so a set that cannot be published is not moved at all.
  func publish(last: String? = nil) throws -> [String] {
    var files = try Self.listFiles(in: path)
    files.sort { ($0 == last ? 1 : 0, $0) < ($1 == last ? 1 : 0, $1) }
    for file in files {
      let destination = output + "/" + file
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory), isDirectory.boolValue {
        throw PipelineError.failed("cannot write \(destination): a folder of that name is in the way")
      }
      let folder = (destination as NSString).deletingLastPathComponent
      if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
        throw PipelineError.failed("cannot write \(destination): \(folder) is a file, not a folder")
      }
    }
    for file in files {
      let folder = ((output + "/" + file) as NSString).deletingLastPathComponent
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw PipelineError.failed("cannot create the folder \(folder): \(error.localizedDescription)")
      }
      guard rename(path + "/" + file, output + "/" + file) == 0 else {
        throw PipelineError.failed("cannot move \(file) into \(output): \(String(cString: strerror(errno)))")
      }
    }
    return files
  }

  /// Removes the staging folder and whatever is left in it.
  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Removes the staging folders in `output` whose process no longer exists (`kill(pid, 0)` fails
  /// with `ESRCH`); a folder of a live process, or one whose name holds no process id, is kept.
  static func removeAbandoned(in output: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: output) else { return }
    for name in names where name.hasPrefix(namePrefix) {
      guard let pid = pid_t(name.dropFirst(namePrefix.count)), pid > 0, pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: output + "/" + name) }
    }
  }

  /// Files under a folder, relative to it, hidden temporaries left out.
  static func listFiles(in folder: String) throws -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
      let name = (path as NSString).lastPathComponent
      if !isDirectory.boolValue, !name.hasPrefix(".") { files.append(path) }
    }
    return files.sorted()
  }
}
