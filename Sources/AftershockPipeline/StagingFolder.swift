import AftershockIngest
import AftershockReport
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
/// It is named `.staging-<pid>` and holds a lock file its process keeps locked (`flock`) for as
/// long as the folder exists. Making one removes those whose lock nobody holds (a run killed with
/// SIGKILL or by the OOM killer cannot remove its own). The lock, unlike the process id, is seen
/// across PID namespaces (a container or `unshare --pid` sharing the output folder), so a live
/// run's folder is never taken for abandoned. A folder without a lock file (made by an older
/// version) is judged by its process id (`kill(pid, 0)`). The lock file names the machine
/// (`LocalHost.tag`): another machine's folder, whose lock a network file system may not show
/// here, is removed only once nothing in it has changed for an hour.
struct StagingFolder {
  /// The folder the files are moved into.
  let output: String
  /// The staging folder's path (`<output>/.staging-<pid>`).
  let path: String
  /// The lock held while the folder exists; shared by copies of this value.
  let lock: Lock

  /// The prefix of every staging folder's name.
  static let namePrefix = ".staging-"
  /// The suffix of a staging folder being made, before its lock is held: cleanup ignores it.
  static let newSuffix = ".new"
  /// The lock file inside every staging folder.
  static let lockFileName = ".lock"
  /// The folder inside the staging folder where `publish` moves the previous outputs aside.
  static let previousFolderName = ".previous"

  /// An open, `flock`-ed lock file; closing it (`release()`, or when the last copy goes) lets
  /// another process take the staging folder for abandoned.
  final class Lock {
    private var descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Releases the lock (once).
    func release() {
      guard descriptor >= 0 else { return }
      close(descriptor)
      descriptor = -1
    }

    deinit { release() }
  }

  /// Creates `output` if needed and an empty staging folder in it for this process, its lock
  /// held, after removing the staging folders nobody holds.
  /// - Throws: `PipelineError.failed` when either folder cannot be made or locked.
  init(inside output: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    } catch {
      throw PipelineError.failed("cannot create the output folder \(output): \(error.localizedDescription)")
    }
    Self.removeAbandoned(in: output)
    self.output = output
    // Made under a name cleanup ignores, locked, then renamed: every visible staging folder has
    // its lock held.
    let base = output + "/" + Self.namePrefix + String(getpid())
    let fresh = base + Self.newSuffix
    try? FileManager.default.removeItem(atPath: fresh)
    do {
      try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: false)
    } catch {
      throw PipelineError.failed("cannot create a staging folder in \(output): \(error.localizedDescription)")
    }
    let descriptor = open(fresh + "/" + Self.lockFileName, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let reason = String(cString: strerror(errno))
      if descriptor >= 0 { close(descriptor) }
      try? FileManager.default.removeItem(atPath: fresh)
      throw PipelineError.failed("cannot lock a staging folder in \(output): \(reason)")
    }
    // The machine, for cleanup by a process of another one (`LocalHost`).
    _ = Array(LocalHost.tag.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    lock = Lock(descriptor: descriptor)
    // `.staging-<pid>` may be a live folder of a process with the same id in another PID
    // namespace (its lock held, so it was kept): a rename never replaces a folder with files in
    // it, and the next name is tried.
    var name = base
    var attempt = 1
    while rename(fresh, name) != 0 {
      let reason = String(cString: strerror(errno))
      guard errno == ENOTEMPTY || errno == EEXIST, attempt < 100 else {
        lock.release()
        try? FileManager.default.removeItem(atPath: fresh)
        throw PipelineError.failed("cannot create a staging folder in \(output): \(reason)")
      }
      attempt += 1
      name = base + "-" + String(attempt)
    }
    path = name
  }

  /// Moves every staged file into the output folder, moving each file it replaces aside first,
  /// and returns the publication (which can be rolled back while the staging folder exists);
  /// `last` (e.g. `manifest.json`) goes last, so its presence and timestamp mark a complete set.
  ///
  /// Every destination is checked before the first move (a folder where a file goes, a file where
  /// a folder goes, a file in `protecting`: the history). When a move fails, every file already
  /// moved is put back as it was, so the output folder holds either the whole new set or the
  /// previous one.
  /// - Parameters:
  ///   - protecting: paths no output may replace (compared as files: device and inode).
  ///   - retiring: the previous set's files (relative to the output folder, e.g. from its
  ///     manifest): those this set does not hold are moved aside too, before the new files go in,
  ///     so the folder never holds a stale output beside the new set, and a rollback restores them.
  ///     Only plain relative paths to a file with an output's extension (`NightlyRun.outputExtensions`),
  ///     not hidden and not a protected file, are retired; any other entry is ignored.
  /// - Throws: `PipelineError.failed` naming the file, after restoring the previous outputs; also
  ///   when the staging folder has gone or `last` is not in it.
  func publish(last: String? = nil, protecting: [String] = [], retiring: [String] = []) throws -> Publication {
    var files = try Self.listFiles(in: path)
    if let last, !files.contains(last) {
      throw PipelineError.failed(
        "cannot publish into \(output): \(last) is missing from the staging folder \(path); the previous outputs were kept"
      )
    }
    files.sort { ($0 == last ? 1 : 0, $0) < ($1 == last ? 1 : 0, $1) }
    let protected = protecting.compactMap { path -> (path: String, device: UInt64, inode: UInt64)? in
      var status = stat()
      guard stat(path, &status) == 0 else { return nil }
      return (path, UInt64(status.st_dev), UInt64(status.st_ino))
    }
    for file in files {
      let destination = output + "/" + file
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory), isDirectory.boolValue {
        throw PipelineError.failed("cannot write \(destination): a folder of that name is in the way")
      }
      let folder = PathName.parent(of: destination)
      if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
        throw PipelineError.failed("cannot write \(destination): \(folder) is a file, not a folder")
      }
      var status = stat()
      if stat(destination, &status) == 0,
        let history = protected.first(where: { $0.device == UInt64(status.st_dev) && $0.inode == UInt64(status.st_ino) }
        )
      {
        throw PipelineError.failed(
          "cannot write \(destination): it is the history \(history.path); give the history a name the outputs do not take"
        )
      }
    }
    let staged = Set(files)
    let stale = Set(retiring).sorted().filter { file in
      let parts = file.split(separator: "/", omittingEmptySubsequences: false)
      guard !staged.contains(file), !file.hasPrefix("/"), !parts.isEmpty,
        parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }),
        NightlyRun.outputExtensions.contains((file as NSString).pathExtension.lowercased())
      else { return false }
      var status = stat()
      // Every folder on the way is a real folder of the output folder, not a link out of it
      // (`lstat` of the file alone follows links in the folders above it).
      var folder = output
      for part in parts.dropLast() {
        folder += "/" + part
        guard lstat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return false }
      }
      guard lstat(output + "/" + file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
      return !protected.contains { $0.device == UInt64(status.st_dev) && $0.inode == UInt64(status.st_ino) }
    }
    var publication = Publication(output: output, backups: path + "/" + Self.previousFolderName, files: files)
    do {
      for file in stale { try publication.retire(file) }
      for file in files { try publication.move(file, from: path) }
    } catch {
      let unrestored = publication.rollBack()
      throw PipelineError.failed(
        "\(error); "
          + (unrestored.isEmpty
            ? "the previous outputs were restored"
            : "the previous outputs were restored except \(unrestored.joined(separator: ", "))"))
    }
    return publication
  }

  /// Removes the staging folder and whatever is left in it, then releases its lock.
  func remove() {
    try? FileManager.default.removeItem(atPath: path)
    lock.release()
  }

  /// How long a folder being made (`.new`) may be left before cleanup takes it for abandoned: a
  /// process holds that name only between its `mkdir` and its `rename`, microseconds apart.
  static let abandonedNewFolderAge: TimeInterval = 3600

  /// Removes the staging folders in `output` that no process holds: their lock file can be
  /// locked (its process is gone, in whatever PID namespace it ran). A folder without a lock file
  /// (an older version's) is removed when its process no longer exists here (`kill(pid, 0)` fails
  /// with `ESRCH`); one whose name holds no process id is kept. A folder being made (`.new`) is
  /// kept unless it was last changed more than `abandonedNewFolderAge` ago and its lock, if it has
  /// one, is not held (a run killed between making it and renaming it).
  static func removeAbandoned(in output: String, now: Date = Date()) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: output) else { return }
    for name in names where name.hasPrefix(namePrefix) {
      let folder = output + "/" + name
      if name.hasSuffix(newSuffix) {
        removeIfAbandonedWhileMade(folder, now: now)
        continue
      }
      let descriptor = open(folder + "/" + lockFileName, O_RDWR | O_CLOEXEC)
      if descriptor >= 0 {
        // Held while removing, so a process that looks at the same time sees it taken.
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 && mayRemove(folder, lockedBy: descriptor, now: now) {
          try? FileManager.default.removeItem(atPath: folder)
        }
        close(descriptor)
        continue
      }
      guard errno == ENOENT, let pid = pid_t(name.dropFirst(namePrefix.count)), pid > 0, pid != getpid() else {
        continue
      }
      if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: folder) }
    }
  }

  /// Whether a staging folder whose lock is free is abandoned: always when its lock file names
  /// this machine (or none: an older version's), otherwise (a run of another machine sharing
  /// the folder over a network file system, whose lock may not show here) once nothing in it
  /// has changed for `LocalHost.otherMachineGrace`.
  private static func mayRemove(_ folder: String, lockedBy descriptor: Int32, now: Date) -> Bool {
    var bytes = [UInt8](repeating: 0, count: 64)
    let count = pread(descriptor, &bytes, bytes.count, 0)
    guard count > 0 else { return true }
    let machine = String(decoding: bytes.prefix(count), as: UTF8.self)
    return LocalHost.mayRemove(ofMachine: machine, lastChange: lastChange(in: folder), now: now)
  }

  /// The newest modification time of a folder and everything in it; `nil` when it cannot be read.
  static func lastChange(in folder: String) -> Date? {
    guard var newest = (try? FileManager.default.attributesOfItem(atPath: folder))?[.modificationDate] as? Date,
      let enumerator = FileManager.default.enumerator(atPath: folder)
    else { return nil }
    while let path = enumerator.nextObject() as? String {
      let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + path)
      if let changed = attributes?[.modificationDate] as? Date, changed > newest { newest = changed }
    }
    return newest
  }

  /// `removeAbandoned`'s rule for a folder being made: removed when it is a real folder (not a
  /// link), older than `abandonedNewFolderAge`, and its lock file is missing or not held.
  private static func removeIfAbandonedWhileMade(_ folder: String, now: Date) {
    // The attributes of the name itself (a link is not followed).
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder),
      attributes[.type] as? FileAttributeType == .typeDirectory,
      let changed = attributes[.modificationDate] as? Date, now.timeIntervalSince(changed) > abandonedNewFolderAge
    else { return }
    let descriptor = open(folder + "/" + lockFileName, O_RDWR | O_CLOEXEC)
    if descriptor < 0 {
      if errno == ENOENT { try? FileManager.default.removeItem(atPath: folder) }
      return
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { try? FileManager.default.removeItem(atPath: folder) }
    close(descriptor)
  }

  /// Files under a folder, relative to it, hidden files and folders left out.
  /// - Throws: `PipelineError.failed` when the folder is not there (a staging folder another
  ///   process removed while this one wrote it): an empty list would publish nothing.
  static func listFiles(in folder: String) throws -> [String] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
      let enumerator = FileManager.default.enumerator(atPath: folder)
    else {
      throw PipelineError.failed(
        "the staging folder \(folder) was removed while the run was writing it (by another process sharing the "
          + "output folder?); the previous outputs were kept")
    }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
      let name = (path as NSString).lastPathComponent
      if name.hasPrefix(".") {
        if isDirectory.boolValue { enumerator.skipDescendants() }
        continue
      }
      if !isDirectory.boolValue { files.append(path) }
    }
    return files.sorted()
  }
}

/// A set of files moved from a staging folder into an output folder, with what it replaced kept
/// aside (inside the staging folder, on the same file system) until the staging folder is removed,
/// so the output folder can be put back as it was.
struct Publication {
  /// The output folder.
  let output: String
  /// Where the replaced files were moved (`<staging>/.previous`).
  let backups: String
  /// The published files, relative to the output folder, in the order they were moved.
  let files: [String]
  /// The files moved so far: whether an earlier file was moved aside, whether the new one is in.
  private var moves: [(file: String, hadPrevious: Bool, isInstalled: Bool)] = []
  /// Folders made in the output folder for the new files (e.g. `charts`), in the order made.
  private var createdFolders: [String] = []

  init(output: String, backups: String, files: [String]) {
    self.output = output
    self.backups = backups
    self.files = files
  }

  /// Moves the file at `file` (relative) aside if there is one, then the staged one into its place.
  mutating func move(_ file: String, from staging: String) throws {
    let destination = output + "/" + file
    try makeFolder(PathName.parent(of: destination), recording: true)
    var status = stat()
    let hadPrevious = lstat(destination, &status) == 0
    if hadPrevious {
      let aside = backups + "/" + file
      try makeFolder(PathName.parent(of: aside), recording: false)
      guard rename(destination, aside) == 0 else {
        throw PipelineError.failed("cannot replace \(destination): \(String(cString: strerror(errno)))")
      }
    }
    moves.append((file, hadPrevious, false))
    guard rename(staging + "/" + file, destination) == 0 else {
      throw PipelineError.failed("cannot move \(file) into \(output): \(String(cString: strerror(errno)))")
    }
    moves[moves.count - 1].isInstalled = true
  }

  /// Moves a previous output the new set does not hold aside (`rollBack()` puts it back).
  mutating func retire(_ file: String) throws {
    let destination = output + "/" + file
    let aside = backups + "/" + file
    try makeFolder(PathName.parent(of: aside), recording: false)
    guard rename(destination, aside) == 0 else {
      throw PipelineError.failed("cannot move the previous \(destination) aside: \(String(cString: strerror(errno)))")
    }
    moves.append((file, true, false))
  }

  /// Makes `folder` and its missing parents; remembers the ones made in the output folder.
  private mutating func makeFolder(_ folder: String, recording: Bool) throws {
    var missing: [String] = []
    var current = folder
    var isDirectory: ObjCBool = false
    while !FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory) {
      missing.append(current)
      current = PathName.parent(of: current)
    }
    for folder in missing.reversed() {
      guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
        throw PipelineError.failed("cannot create the folder \(folder): \(String(cString: strerror(errno)))")
      }
      if recording { createdFolders.append(folder) }
    }
  }

  /// Puts the output folder back as it was before the publication, last move first: each new
  /// file is replaced by the one it replaced, or removed when there was none.
  /// - Returns: the files that could not be put back (empty when all were).
  @discardableResult
  mutating func rollBack() -> [String] {
    var failed: [String] = []
    for move in moves.reversed() {
      let destination = output + "/" + move.file
      if move.hadPrevious {
        if rename(backups + "/" + move.file, destination) != 0 { failed.append(move.file) }
      } else if move.isInstalled {
        if unlink(destination) != 0 && errno != ENOENT { failed.append(move.file) }
      }
    }
    for folder in createdFolders.reversed() { rmdir(folder) }
    moves = []
    createdFolders = []
    return failed
  }
}
