import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The inputs a folder stands for, by the one rule `run --data DIR` and `validate DIR` (and
/// `Ingest.validate`) share:
/// each kind (accounts, tickets, surveys) is the file named for it with one of the extensions of
/// `Ingest.knownInputNames` (`accounts.csv`, `tickets.jsonl`, ...).
///
/// Two files for one kind (`accounts.csv` beside `accounts.jsonl`) are an error rather than a
/// silent choice, and so is a name that is there but is not a file (a dangling symbolic link, a
/// folder), rather than being skipped.
public struct InputFolder: Sendable, Equatable {
  /// The folder as given.
  public let directory: String
  /// The accounts file, if any.
  public private(set) var accounts: String?
  /// The tickets file, if any.
  public private(set) var tickets: String?
  /// The survey answers file, if any.
  public private(set) var surveys: String?
  /// Names in the folder that are an input's name but for case (`Accounts.csv`, `tickets.CSV`), by
  /// the kind they would be, for each kind without its file: never read, but named in messages.
  public private(set) var misnamed: [RecordKind: [String]] = [:]

  /// The files found, in reading order (accounts, tickets, surveys).
  public var files: [String] { [accounts, tickets, surveys].compactMap { $0 } }

  /// The file of `kind`, if any.
  public func file(of kind: RecordKind) -> String? {
    switch kind {
    case .accounts: return accounts
    case .tickets: return tickets
    case .surveys: return surveys
    }
  }

  /// The kinds `run --data` needs (accounts and tickets) that the folder has no file for.
  public var kindsARunMisses: [RecordKind] { [.accounts, .tickets].filter { file(of: $0) == nil } }

  /// Finds the inputs in `directory`.
  /// - Throws: `IngestError.ambiguousInput` when two files stand for one kind;
  ///   `IngestError.unusableInput` when the one that does is not a readable regular file.
  public init(directory: String) throws(IngestError) {
    self.directory = directory
    accounts = try Self.find(.accounts, in: directory)
    tickets = try Self.find(.tickets, in: directory)
    surveys = try Self.find(.surveys, in: directory)
    let missing = RecordKind.allCases.filter { file(of: $0) == nil }
    guard !missing.isEmpty, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for kind in missing {
      let expected = Self.inputNames(of: kind)
      let near = names.filter { !expected.contains($0) && expected.contains($0.lowercased()) }.sorted()
      if !near.isEmpty { misnamed[kind] = near }
    }
  }

  /// The names a folder's file of `kind` may have (`accounts.csv`, `accounts.tsv`, ...).
  public static func inputNames(of kind: RecordKind) -> [String] {
    Ingest.knownInputNames.filter { $0.hasPrefix(kind.rawValue + ".") }
  }

  /// The clause naming files that are inputs' names but for case, for a message that a folder
  /// lacks an input: "found Accounts.csv; input names are lower case" (empty when there are none).
  public static func misnamedNote(_ names: [String]) -> String {
    names.isEmpty ? "" : "found \(names.joined(separator: ", ")); input names are lower case"
  }

  /// The folders among `paths` (`-` is standard input, never a folder), their inputs found.
  /// - Throws: `IngestError` as `init(directory:)` does.
  public static func folders(among paths: [String]) throws(IngestError) -> [InputFolder] {
    var folders: [InputFolder] = []
    for path in paths where path != "-" && isDirectory(path) { folders.append(try InputFolder(directory: path)) }
    return folders
  }

  /// The paths with every folder among them replaced by the inputs it holds (`-` is standard input).
  /// - Throws: `IngestError` as `init(directory:)` does; `IngestError.noKnownInputs` for a
  ///   folder that holds none.
  public static func expand(_ paths: [String]) throws(IngestError) -> [String] {
    var files: [String] = []
    for path in paths {
      guard path != "-", isDirectory(path) else {
        files.append(path)
        continue
      }
      let folder = try InputFolder(directory: path)
      if folder.files.isEmpty {
        throw .noKnownInputs(
          directory: path, expected: Ingest.knownInputNames, misnamed: folder.misnamed.values.flatMap { $0 }.sorted())
      }
      files += folder.files
    }
    return files
  }

  /// The one file of `kind` in `directory`, nil when there is none.
  private static func find(_ kind: RecordKind, in directory: String) throws(IngestError) -> String? {
    let present = inputNames(of: kind)
      .map { directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0 }
      .filter(entryExists)
    guard let path = present.first else { return nil }
    guard present.count == 1 else { throw .ambiguousInput(what: kind.rawValue, files: present) }
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw .unusableInput(path: path, reason: "a symbolic link to nothing (its target does not exist)")
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return path
    case S_IFDIR: throw .unusableInput(path: path, reason: "a folder, not a file")
    default: throw .unusableInput(path: path, reason: "not a regular file")
    }
  }

  /// Whether anything is at `path`, a dangling symbolic link included.
  private static func entryExists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  private static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }
}
