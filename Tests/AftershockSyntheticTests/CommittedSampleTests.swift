import AftershockSynthetic
import Foundation
import Testing

/// `Data/sample` must be exactly what its README's command produces; `RECORD_SAMPLE=1` rewrites it.
@Suite struct CommittedSampleTests {
  /// The settings documented in `Data/sample/README.md` (`aftershock generate --accounts 2000 --seed 42`).
  static let configuration = SampleConfiguration(accountCount: 2000, seed: 42)

  @Test func committedSampleMatchesItsDocumentedSettings() throws {
    let sampleFolder = SampleFolder.repositoryRoot() + "/Data/sample"
    if ProcessInfo.processInfo.environment["RECORD_SAMPLE"] == "1" {
      _ = try SampleGenerator(configuration: Self.configuration).generate(into: sampleFolder)
      return
    }
    let folder = SampleFolder.temporary("golden")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let summary = try SampleGenerator(configuration: Self.configuration).generate(into: folder)
    #expect(summary.bytesWritten < 10_000_000, "the committed sample must stay under 10 MB")
    for path in SampleGenerator.relativePaths {
      let committed = try SampleFolder.bytes(sampleFolder + "/" + path)
      let regenerated = try SampleFolder.bytes(folder + "/" + path)
      let identical = committed == regenerated  // a Bool, so a mismatch does not diff megabytes
      #expect(
        identical,
        "Data/sample/\(path) differs from a fresh run; rerun with RECORD_SAMPLE=1 and review the diff")
    }
  }
}
