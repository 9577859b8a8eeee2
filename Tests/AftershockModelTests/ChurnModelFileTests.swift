import Foundation
import Testing

@testable import AftershockModel

struct ChurnModelFileTests {
  private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-model-\(UUID().uuidString)-\(name)").path
  }

  @Test func savedModelLoadsAndScoresIdentically() throws {
    let table = try TestTables.mixed()
    let model = try LogisticRegression(
      .init(calibration: .platt, calibrationFolds: StratifiedKFold(foldCount: 2, seed: 1))
    )
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
    while folder.path != "/",
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
    {
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
    #expect(
      throws: ModelError.unreadableModel(
        path: "x.json", reason: "format is 'absent', expected 'aftershock-churn-model'")
    ) {
      try ChurnModel(jsonData: Data("{\"hello\": 1}".utf8), path: "x.json")
    }
  }

  @Test func newerVersionIsRefusedByName() {
    let data = Data("{\"format\": \"aftershock-churn-model\", \"version\": 9, \"kind\": \"logistic\"}".utf8)
    #expect(
      throws: ModelError.unsupportedModel(
        path: "m.json", format: "aftershock-churn-model", version: 9, kind: "logistic")
    ) {
      try ChurnModel(jsonData: data, path: "m.json")
    }
  }

  /// The JSON of a model fitted on the mixed table, with one part damaged by `edit`.
  private func damagedModel(_ edit: (inout [String: Any]) -> Void) throws -> Data {
    let model = try LogisticRegression(.init(encoder: .init(minimumLevelCount: 1))).fit(TestTables.mixed(), label: "y")
    var object = try #require(try JSONSerialization.jsonObject(with: model.jsonData()) as? [String: Any])
    edit(&object)
    return try JSONSerialization.data(withJSONObject: object)
  }

  /// Replaces `key` of the `index`th element of the array at `section.list` (e.g. encoder.features).
  private func set(_ key: String, to value: Any, in section: String, _ list: String, at index: Int)
    -> (inout [String: Any]) -> Void
  {
    { object in
      var part = object[section] as? [String: Any] ?? [:]
      var items = part[list] as? [[String: Any]] ?? []
      items[index][key] = value
      part[list] = items
      object[section] = part
    }
  }

  /// A feature that reads a column the encoder does not list (the shipped model with
  /// `ticket_count` renamed) is refused by name when the file is read, not trapped on when scoring.
  @Test func featureReadingAnUnlistedColumnIsRefusedOnRead() throws {
    let data = try damagedModel(set("column", to: "nope", in: "encoder", "features", at: 0))
    #expect(
      throws: ModelError.unreadableModel(
        path: "m.json", reason: "feature 'x1' reads column 'nope', which the encoder does not list")
    ) { try ChurnModel(jsonData: data, path: "m.json") }
  }

  /// Numbers that would make every probability NaN (a standard deviation of 0, a weight "nan" as
  /// the writer spells non-finite numbers) or trap the encoder (a level listed twice) are refused
  /// with a sentence that names the part.
  @Test func damagedNumbersAndLevelsAreRefusedOnRead() throws {
    let cases: [(String, (inout [String: Any]) -> Void)] = [
      ("feature 'x1' has mean", set("standardDeviation", to: 0, in: "encoder", "features", at: 0)),
      ("feature 'x2' has mean", set("standardDeviation", to: "inf", in: "encoder", "features", at: 1)),
      ("feature 'x1' has mean nan", set("mean", to: "nan", in: "encoder", "features", at: 0)),
      ("the weight of feature 'x1' is nan", set("weight", to: "nan", in: "logistic", "coefficients", at: 0)),
      (
        "column 'color' lists a level twice",
        set("levels", to: ["red", "red", "blue"], in: "encoder", "columns", at: 2)
      ),
      ("column 'x1' is listed twice", set("name", to: "x1", in: "encoder", "columns", at: 1)),
      ("feature 'x1' (value) does not fit categorical", set("column", to: "color", in: "encoder", "features", at: 0)),
      (
        "the intercept is nan",
        { object in
          var logistic = object["logistic"] as? [String: Any] ?? [:]
          logistic["intercept"] = "nan"
          object["logistic"] = logistic
        }
      ),
    ]
    for (reason, edit) in cases {
      let data = try damagedModel(edit)
      let error = #expect(throws: ModelError.self, "\(reason)") { try ChurnModel(jsonData: data, path: "m.json") }
      let description = error?.description ?? ""
      #expect(description.hasPrefix("cannot read model file m.json: \(reason)"), "\(description)")
    }
    // The undamaged file still reads.
    _ = try ChurnModel(jsonData: try damagedModel { _ in })
  }

  /// A Platt map with a NaN slope, or isotonic knots out of order, is refused on read.
  @Test func damagedCalibrationIsRefusedOnRead() throws {
    let model = try LogisticRegression().fit(TestTables.mixed(), label: "y")
    for calibration in [
      ProbabilityCalibration(method: .platt, slope: .nan, intercept: 0, knots: [], values: []),
      ProbabilityCalibration(method: .isotonic, slope: 0, intercept: 0, knots: [0.6, 0.2], values: [0.1, 0.9]),
      ProbabilityCalibration(method: .isotonic, slope: 0, intercept: 0, knots: [0.2, 0.6], values: [0.1]),
    ] {
      var damaged = model
      damaged.calibration = calibration
      let data = try damaged.jsonData()
      #expect(throws: ModelError.self, "\(calibration)") { try ChurnModel(jsonData: data) }
    }
  }

  /// A text column with blank cells (accounts with no plan recorded) gets a "(missing)" feature;
  /// the file `save` writes with it must read back and score blanks as the fitted model does,
  /// for both kinds (the loader once refused it: "does not fit categorical column 'plan'").
  @Test func blankCategoricalCellsSurviveSaveAndLoad() throws {
    var (table, _) = try TestTables.simulated(rows: 200, seed: 3)
    guard case .text(var tier) = try table.column(named: "tier") else { throw ModelError.noFeatures }
    for row in stride(from: 0, to: tier.count, by: 25) { tier[row] = "" }
    table = table.droppingColumns(["tier"])
    try table.appendColumn(named: "tier", .text(tier))
    var trees = GradientBoostingConfiguration()
    trees.maxIterations = 10
    let models = [
      try LogisticRegression().fit(table, label: "label"),
      try BoostedTreesEstimator(trees: trees).fit(table, label: "label"),
    ]
    for model in models {
      #expect(model.encoder.featureNames.contains("tier (missing)"))
      let path = temporaryPath("blank-\(model.kind.rawValue).json")
      defer { try? FileManager.default.removeItem(atPath: path) }
      try model.save(to: path)
      let loaded = try ChurnModel.load(from: path)
      #expect(loaded.encoder == model.encoder, "\(model.kind)")
      #expect(try loaded.predictProbabilities(table) == model.predictProbabilities(table), "\(model.kind)")
    }
  }

  @Test func missingFileIsUnreadable() {
    #expect(throws: ModelError.self) { try ChurnModel.load(from: "/nonexistent/model.json") }
  }
}
