import Foundation

/// Reads small fixtures from `Tests/Fixtures/` located from this file's path.
enum FixtureLoader {
  static var fixturesDirectory: URL {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
      url = url.deletingLastPathComponent()
    }
    return url.appendingPathComponent("Tests/Fixtures")
  }

  /// Rows of a CSV fixture without `#` comment lines and without its header.
  static func rows(_ name: String) throws -> [[String]] {
    let text = try String(contentsOf: fixturesDirectory.appendingPathComponent(name), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    return lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }
}
