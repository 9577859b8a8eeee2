import Foundation

@testable import AftershockText

/// Shared fixtures: the repository root (found from #filePath) and lexicons loaded once.
enum TextTestSupport {
  static let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
      url.deleteLastPathComponent()
    }
    return "."
  }()

  static var dataDirectory: String { repoRoot + "/Data" }

  // Loading the lexicons takes a few milliseconds; share one immutable instance.
  static let lexicon: TextLexicon = {
    do { return try TextLexicon(dataDirectory: dataDirectory) } catch { fatalError("lexicons: \(error)") }
  }()

  static func analyzer() -> TextAnalyzer { TextAnalyzer(lexicon: lexicon) }

  static func uci() throws -> (texts: [String], labels: [String]) {
    try CorpusReader.labelledCSV(
      path: dataDirectory + "/corpora/uci_sentences.csv", textColumn: "text", labelColumn: "label")
  }

  /// VADER's normalisation, for expected values computed from lexicon entries.
  static func normalize(_ x: Double) -> Double { x / (x * x + 15).squareRoot() }
}
