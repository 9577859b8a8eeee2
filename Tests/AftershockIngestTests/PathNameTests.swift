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
}
