import AftershockReport
import Foundation
import Testing

@testable import AftershockPipeline

@Suite struct SHA256Tests {
  private func digest(_ text: String) -> String {
    var hasher = SHA256()
    Array(text.utf8).withUnsafeBytes { hasher.update($0) }
    return hasher.finalizeHex()
  }

  @Test func knownVectorsFromFIPS180() {
    #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func splitUpdatesEqualOneUpdate() {
    let text = String(repeating: "aftershock ", count: 300)
    var hasher = SHA256()
    let bytes = Array(text.utf8)
    var offset = 0
    var step = 1
    while offset < bytes.count {
      let end = min(bytes.count, offset + step)
      bytes[offset..<end].withUnsafeBytes { hasher.update($0) }
      offset = end
      step = step * 3 % 97 + 1
    }
    #expect(hasher.finalizeHex() == digest(text))
  }

  /// A path that opens but cannot be read (a folder, a read error part-way) has no digest: merge
  /// compares shard files by it, and the digest of whatever was read before the error (for a
  /// folder, of nothing) would pass for the file's.
  @Test func aPathThatCannotBeReadHasNoDigest() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(SHA256.hexDigest(ofFile: folder) == nil)
    try "abc".write(toFile: folder + "/f", atomically: true, encoding: .utf8)
    #expect(SHA256.hexDigest(ofFile: folder + "/f") == digest("abc"))
  }
}

@Suite struct ScoredTextTests {
  @Test(arguments: [0.0, 0.5, -0.4215, 0.99999, -0.00004, 1.0, 0.1234, -0.12, 0.00005])
  func streamedScoreMatchesItsText(value: Double) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let sink = try AftershockReport.ByteSink(atomicPath: folder + "/x")
    try ScoredText.writeScore(value, to: sink)
    try sink.commit()
    #expect(try String(contentsOfFile: folder + "/x", encoding: .utf8) == ScoredText.format(value))
  }

}
