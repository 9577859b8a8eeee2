import Foundation
import Testing

/// Compares `actual` with `Snapshots/<name>` beside this file; records it when missing or when `RECORD_SNAPSHOTS` is set.
func assertSnapshot(
  _ actual: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let url = folder.appendingPathComponent(name)
  let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
  guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    if !recording {
      Issue.record("no snapshot \(name) yet; recorded it, review and rerun", sourceLocation: sourceLocation)
    }
    return
  }
  guard actual != expected else { return }
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let line =
    Array(zip(actualLines, expectedLines)).firstIndex { $0.0 != $0.1 } ?? min(actualLines.count, expectedLines.count)
  let got = line < actualLines.count ? String(actualLines[line]) : "<end>"
  let want = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
  Issue.record(
    "snapshot \(name) differs at line \(line + 1):\n  got:  \(got)\n  want: \(want)\n(RECORD_SNAPSHOTS=1 rewrites it)",
    sourceLocation: sourceLocation)
}

/// A fresh temporary folder; the caller removes it.
func temporaryFolder() -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-report-\(UUID())").path
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}
