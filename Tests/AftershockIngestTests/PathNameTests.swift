import Foundation
import Testing

@testable import AftershockIngest

@Suite struct PathNameTests {
  /// One-character names trapped in Foundation's `deletingLastPathComponent` (`run --db h`).
  @Test(arguments: [
    ("h", "."), ("h/", "."), ("é", "."), ("out/h", "out"), ("out//h/", "out"), ("/h", "/"), ("/", "/"),
    ("/a/b/c", "/a/b"), ("./O", "."), ("../x", ".."), ("a b/c d", "a b"),
  ])
  func theParentIsTheFolderAsWritten(path: String, parent: String) {
    #expect(PathName.parent(of: path) == parent)
  }

  /// Two spellings of one place, existing or not yet made, resolve alike; a folder's prefix
  /// that is not a whole component is not inside it.
  @Test func canonicalPathsCompareSpellingsOfOnePlace() throws {
    let base = PathName.canonical(FileManager.default.temporaryDirectory.path)
    #expect(PathName.canonical(base + "/x/../y/./z/") == base + "/y/z")
    #expect(PathName.canonical(base + "//y") == base + "/y")
    #expect(PathName.isSameOrInside(base + "/y/z", base + "/y"))
    #expect(PathName.isSameOrInside(base + "/y", base + "/y"))
    #expect(!PathName.isSameOrInside(base + "/yz", base + "/y"))
    #expect(PathName.isSameOrInside("/a", "/"))
  }
}
