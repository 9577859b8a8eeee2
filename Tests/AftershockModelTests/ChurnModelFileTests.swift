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

  @Test func shippedDefaultModelLoadsAndScoresItsOwnSchema() throws {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
      folder.deleteLastPathComponent()
    }
    let path = folder.appendingPathComponent("Data/models/churn.json").path
    guard FileManager.default.fileExists(atPath: path) else { return }
    let model = try ChurnModel.load(from: path)
    #expect(model.kind == .logistic)
    #expect(model.logistic?.diagnostics.converged == true)
    // A one-row table with every trained column blank scores at the neutral fill.
    let names = model.encoder.columns.map(\.name)
    let table = try DataTable(header: names, rows: [names.map { _ in "" }])
    let probability = try model.predictProbabilities(table)[0]
    #expect(probability > 0 && probability < 1)
  }

  @Test func olderDiagnosticsWithoutSolverStillRead() throws {
    let json = #"{"iterations": 5, "gradientNorm": 1e-9, "objective": 3.5, "converged": true, "dampedSteps": 0}"#
    let diagnostics = try JSONDecoder().decode(FitDiagnostics.self, from: Data(json.utf8))
    #expect(diagnostics.solver == .newton && !diagnostics.separationSuspected)
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
