import Foundation
import Testing

@testable import AftershockModel

struct ChurnModelFileTests {
  private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-model-\(UUID().uuidString)-\(name)").path
  }

  @Test func savedModelLoadsAndScoresIdentically() throws {
    let table = try TestTables.mixed()
    let model = try LogisticRegression(.init(calibration: .platt, calibrationFolds: StratifiedKFold(foldCount: 2, seed: 1)))
      .fit(table, label: "y")
    let path = temporaryPath("model.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try model.save(to: path)
    let loaded = try ChurnModel.load(from: path)
    #expect(loaded.encoder == model.encoder)
    #expect(loaded.logistic == model.logistic)
    #expect(loaded.calibration == model.calibration)
    #expect(try loaded.predictProbabilities(table) == model.predictProbabilities(table))
    let json = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: path)), encoding: .utf8))
    #expect(json.contains("\"format\" : \"aftershock-churn-model\""))
    #expect(json.contains("\"kind\" : \"logistic\""))
    #expect(json.contains("\"version\" : 1"))
  }

  @Test func otherJSONIsNotAModel() {
    #expect(throws: ModelError.unreadableModel(path: "x.json", reason: "format is 'absent', expected 'aftershock-churn-model'")) {
      try ChurnModel(jsonData: Data("{\"hello\": 1}".utf8), path: "x.json")
    }
  }

  @Test func newerVersionIsRefusedByName() {
    let data = Data("{\"format\": \"aftershock-churn-model\", \"version\": 9, \"kind\": \"logistic\"}".utf8)
    #expect(throws: ModelError.unsupportedModel(path: "m.json", format: "aftershock-churn-model", version: 9, kind: "logistic")) {
      try ChurnModel(jsonData: data, path: "m.json")
    }
  }

  @Test func missingFileIsUnreadable() {
    #expect(throws: ModelError.self) { try ChurnModel.load(from: "/nonexistent/model.json") }
  }
}
