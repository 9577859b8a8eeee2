import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Path arithmetic on a path's text as the user wrote it.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on a one-character name (`h`, `O/`)
/// in swift-corelibs-foundation 6.3, which made `run --db h` crash: the commands cut paths here.
public enum PathName {
  /// The folder holding `path`: `.` for a bare name (`h`), `/` for a top-level one (`/h`);
  /// trailing and repeated slashes are not a component (`a//b/` is in `a`).
  public static func parent(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    var folder = trimmed[..<slash]
    while folder.count > 1 && folder.hasSuffix("/") { folder = folder.dropLast() }
    return folder.isEmpty ? "/" : String(folder)
  }

  /// `path` made absolute, `.` and `..` taken out and the symbolic links of its longest existing
  /// part resolved (the rest, not made yet, kept as written): two spellings of one place compare
  /// equal even when it does not exist yet (an output folder a run is about to make).
  public static func canonical(_ path: String) -> String {
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + (path.isEmpty ? "." : path)
    var existing = absolute
    var rest: [String] = []
    while true {
      if let resolved = realpath(existing, nil) {
        defer { free(resolved) }
        var result = String(cString: resolved)
        for component in rest.reversed() {
          switch component {
          case "", ".": continue
          case "..": result = parent(of: result)
          default: result = (result == "/" ? "" : result) + "/" + component
          }
        }
        return result.isEmpty ? "/" : result
      }
      guard existing != "/", !existing.isEmpty else { return (absolute as NSString).standardizingPath }
      rest.append((existing as NSString).lastPathComponent)
      existing = parent(of: existing)
    }
  }

  /// Whether `path` is `folder` or lies inside it, both `canonical`.
  public static func isSameOrInside(_ path: String, _ folder: String) -> Bool {
    path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
  }
}
