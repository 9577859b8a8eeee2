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
}
