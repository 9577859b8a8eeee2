import AftershockSynthetic
import Foundation

/// One sample generated once per test process (3,000 accounts, seed 2024) and parsed back.
struct GeneratedSample {
  static let configuration = SampleConfiguration(accountCount: 3_000, seed: 2024)
  static let shared: Result<GeneratedSample, any Error> = Result { try GeneratedSample(configuration: configuration) }

  let summary: GenerationSummary
  let accounts: [[String: String]]
  let tickets: [[String: String]]
  let surveys: [[String: String]]
  let accountsTruth: [[String: String]]
  let textsTruth: [[String: String]]
  let rawRows: [String: [[String]]]
  /// `competitors.txt` and `products.txt` as written.
  let competitors: String
  let products: String

  init(configuration: SampleConfiguration) throws {
    let folder = SampleFolder.temporary("shared")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    summary = try SampleGenerator(configuration: configuration).generate(into: folder)
    var raw: [String: [[String]]] = [:]
    for path in SampleGenerator.relativePaths where path.hasSuffix(".csv") {
      raw[path] = try SampleFolder.rows(folder + "/" + path)
    }
    competitors = try String(contentsOfFile: folder + "/competitors.txt", encoding: .utf8)
    products = try String(contentsOfFile: folder + "/products.txt", encoding: .utf8)
    rawRows = raw
    accounts = try SampleFolder.records(folder + "/accounts.csv")
    tickets = try SampleFolder.records(folder + "/tickets.csv")
    surveys = try SampleFolder.records(folder + "/surveys.csv")
    accountsTruth = try SampleFolder.records(folder + "/truth/accounts_truth.csv")
    textsTruth = try SampleFolder.records(folder + "/truth/texts_truth.csv")
  }

  static func load() throws -> GeneratedSample { try shared.get() }
}
