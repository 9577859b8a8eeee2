import Foundation
import Testing

@testable import AftershockModel

@Suite struct BoostSerializationTests {
  private func fittedModel() throws -> (GradientBoostedTrees, BoostingFeatures) {
    let (features, labels) = try boostMixedTable(rows: 900, seed: 31)
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 30
    configuration.earlyStopping = .enabled
    configuration.rowSubsample = 0.8
    return (try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels), features)
  }

  @Test func jsonRoundTripPredictsIdentically() throws {
    let (model, features) = try fittedModel()
    let loaded = try GradientBoostedTrees(jsonData: model.jsonData())
    #expect(loaded == model)
    #expect(try loaded.predictMargins(features) == model.predictMargins(features))
    #expect(try loaded.contributions(features) == model.contributions(features))
  }

  @Test func fileRoundTripPredictsIdentically() throws {
    let (model, features) = try fittedModel()
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("boost-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try model.write(toPath: path)
    let loaded = try GradientBoostedTrees(contentsOfPath: path)
    #expect(try loaded.predictProbabilities(features) == model.predictProbabilities(features))
  }

  @Test func jsonNamesKindBinEdgesAndNodeFields() throws {
    let (model, _) = try fittedModel()
    let object = try JSONSerialization.jsonObject(with: model.jsonData()) as? [String: Any]
    #expect(object?["kind"] as? String == "gbdt")
    #expect(object?["version"] as? Int == 2)
    let members = (object?["summary"] as? [String: Any])?["members"] as? [[String: Any]]
    #expect(members?.count == 5)
    #expect((object?["configuration"] as? [String: Any])?["ensembleFolds"] as? Int == 5)
    let features = object?["features"] as? [[String: Any]]
    #expect(features?.map { $0["kind"] as? String } == ["numeric", "numeric", "categorical", "numeric"])
    #expect((features?[0]["binEdges"] as? [Double])?.isEmpty == false)
    let trees = object?["trees"] as? [[String: Any]]
    let nodes = trees?.first?["nodes"] as? [[String: Any]]
    let root = nodes?.first
    for key in ["feature", "left", "right", "missingGoesLeft", "value", "cover", "count"] {
      #expect(root?[key] != nil, "root lacks \(key)")
    }
    let splits = trees?.flatMap { ($0["nodes"] as? [[String: Any]]) ?? [] }.filter { $0["feature"] != nil } ?? []
    #expect(splits.contains { $0["categoriesLeft"] != nil })
    #expect(splits.contains { $0["threshold"] != nil && $0["thresholdBin"] != nil })
  }

  @Test func versionOneFilesOfASingleModelStillLoad() throws {
    // Version 1 had no ensembleFolds setting and the one model's summary at top level.
    let (features, labels) = try boostMixedTable(rows: 300, seed: 32)
    var configuration = GradientBoostingConfiguration.scikitLearn
    configuration.maxIterations = 8
    let model = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    var object = try #require(try JSONSerialization.jsonObject(with: model.jsonData()) as? [String: Any])
    object["version"] = 1
    var settings = try #require(object["configuration"] as? [String: Any])
    settings.removeValue(forKey: "ensembleFolds")
    object["configuration"] = settings
    let summary = try #require(object["summary"] as? [String: Any])
    object["summary"] = try #require((summary["members"] as? [[String: Any]])?.first)
    let loaded = try GradientBoostedTrees(jsonData: JSONSerialization.data(withJSONObject: object))
    #expect(loaded == model)
    #expect(loaded.configuration.ensembleFolds == 1)
    #expect(try loaded.predictMargins(features) == model.predictMargins(features))
    #expect(
      throws: ModelError.unsupportedModel(path: "(bytes)", format: "gradient-boosted trees", version: 3, kind: "gbdt")
    ) {
      object["version"] = 3
      _ = try GradientBoostedTrees(jsonData: JSONSerialization.data(withJSONObject: object))
    }
  }

  @Test func otherKindsAndBrokenFilesAreRejected() throws {
    #expect(
      throws: ModelError.unsupportedModel(
        path: "(bytes)", format: "gradient-boosted trees", version: 1, kind: "logistic")
    ) {
      try GradientBoostedTrees(jsonData: Data(#"{"kind":"logistic","version":1}"#.utf8))
    }
    #expect(throws: ModelError.self) { try GradientBoostedTrees(jsonData: Data("not json".utf8)) }
    let (model, _) = try fittedModel()
    var text = String(decoding: try model.jsonData(), as: UTF8.self)
    text = text.replacingOccurrences(of: #""left":1,"#, with: #""left":0,"#)
    #expect(throws: ModelError.self) { try GradientBoostedTrees(jsonData: Data(text.utf8)) }
  }
}

@Suite struct BoostTableBridgeTests {
  @Test func tableColumnsBecomeOneFeaturePerColumnWithLevelCodes() throws {
    let table = try DataTable(
      header: ["plan", "seats", "active", "churned"],
      rows: [
        ["pro", "10", "yes", "0"], ["basic", "", "no", "1"], ["pro", "3", "yes", "0"],
        ["basic", "7", "no", "1"], ["", "5", "yes", "0"], ["pro", "2", "no", "1"],
      ])
    var configuration = TabularEncoder.Configuration()
    configuration.minimumLevelCount = 1
    let encoder = try TabularEncoder.fit(table, excluding: ["churned"], configuration: configuration)
    let features = try encoder.boostingFeatures(table)
    #expect(features.names == ["plan", "seats", "active"])
    #expect(features.kinds == [.categorical, .numeric, .numeric])
    let plans = (0..<6).map { features[$0, 0] }
    let pro = encoder.columns[0].levels.firstIndex(of: "pro").map(Double.init)
    #expect(plans[0] == pro && plans[2] == pro && plans[0] != plans[1])
    #expect(plans[4].isNaN)
    #expect(features[1, 1].isNaN && features[0, 1] == 10)
    #expect(features[0, 2] == 1 && features[1, 2] == 0)

    let unseen = try DataTable(header: ["plan", "seats", "active"], rows: [["enterprise", "4", "yes"]])
    #expect(try encoder.boostingFeatures(unseen)[0, 0] == Double(encoder.columns[0].levels.count))
  }

  @Test func treesEmbedInAnotherCodableDocument() throws {
    struct Wrapper: Codable {
      var name: String
      var trees: GradientBoostedTrees
    }
    let (features, labels) = try boostMixedTable(rows: 400, seed: 41)
    var configuration = GradientBoostingConfiguration()
    configuration.maxIterations = 5
    let model = try GradientBoostingClassifier(configuration: configuration).fit(features, labels: labels)
    let data = try JSONEncoder().encode(Wrapper(name: "m", trees: model))
    let back = try JSONDecoder().decode(Wrapper.self, from: data)
    #expect(back.trees == model)
  }
}
