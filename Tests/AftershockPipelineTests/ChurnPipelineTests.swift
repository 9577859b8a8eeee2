import AftershockModel
import Foundation
import Testing

@testable import AftershockPipeline

/// What `ChurnPipeline` refuses, and how it says so.
@Suite struct ChurnPipelineTests {
  /// Writes a table of `rows` rows (`id,x,y`), `positives` of them labelled 1, and loads it.
  static func table(rows: Int, positives: Int, label: String = "y", id: String? = "id") throws
    -> ChurnPipeline.LabelledTable
  {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("churn-\(UUID()).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let body = (0..<rows).map { "\($0),\(Double($0 % 7) / 7),\($0 < positives ? 1 : 0)\n" }.joined()
    try ("id,x,y\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
    return try ChurnPipeline.loadTable(path: path, label: label, idColumn: id, drop: [])
  }

  /// The error `body` throws, as a user reads it.
  static func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func crossValidationOfOneClassGivesTrainsError() throws {
    let data = try Self.table(rows: 40, positives: 40)
    let message = Self.message { _ = try ChurnPipeline.crossValidate(data, algorithm: .logistic, folds: 5, seed: 1) }
    #expect(message == "label column 'y' holds only positive rows, need both classes")
  }

  @Test func crossValidationNamesTheShortClassAndTheFoldsThatWouldDo() throws {
    let data = try Self.table(rows: 40, positives: 3)
    let message = Self.message { _ = try ChurnPipeline.crossValidate(data, algorithm: .logistic, folds: 5, seed: 1) }
    #expect(
      message == "only 3 of the 40 rows are positive: 5-fold cross-validation needs at least 5 of each class; "
        + "use --folds 3 or fewer, or more data")
  }

  @Test func autoSaysWhenItsInnerFoldsRunShort() throws {
    let data = try Self.table(rows: 40, positives: 6)
    let message = Self.message { _ = try ChurnPipeline.crossValidate(data, algorithm: .auto, folds: 5, seed: 1) }
    #expect(
      message.hasPrefix("--model auto chooses inside each training part by 5-fold cross-validation"), "\(message)")
    #expect(message.contains("a training part has only 4 positive rows"), "\(message)")
  }

  @Test func evaluationOfAnEmptyTableFails() throws {
    let training = try Self.table(rows: 40, positives: 20)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("churn-model-\(UUID()).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let model = try ChurnPipeline.train(training, algorithm: .logistic, folds: 5, seed: 1, modelPath: path).model
    let empty = try Self.table(rows: 0, positives: 0)
    let message = Self.message { _ = try ChurnPipeline.evaluate(empty, model: model) }
    #expect(message == "the table has no labelled row to evaluate on")
  }

  @Test func theLabelCannotAlsoBeTheID() throws {
    let message = Self.message { _ = try Self.table(rows: 10, positives: 5, label: "y", id: "Y") }
    #expect(message == "the label column and the id column are both 'y'; a column has one role")
  }

  @Test func aSentimentModelIsNamedAsSuch() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let path = root.appendingPathComponent("Data/models/sentiment.json").path
    let message = Self.message { _ = try ChurnPipeline.loadModel(path: path) }
    #expect(
      message.hasSuffix(
        "sentiment.json is a sentiment model (written by 'sentiment train'), not a churn model: "
          + "give a file written by 'churn train'"), "\(message)")
  }

  /// Writes `text` to a temporary CSV and loads it as `loadTable` does (label y, id id).
  static func load(_ text: String, schema: TabularEncoder? = nil) throws -> ChurnPipeline.LabelledTable {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("churn-\(UUID()).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return try ChurnPipeline.loadTable(path: path, label: "y", idColumn: "id", drop: [], schema: schema)
  }

  /// 100 rows of `id,x,y` where x predicts y, with `cells` written over some x values (by data row, 0-based).
  static func csv(overwriting cells: [Int: String] = [:]) -> String {
    "id,x,y\n"
      + (0..<100).map { row in
        "A\(row),\(cells[row] ?? String(Double(row % 20) / 20)),\((row * 13) % 20 < row % 20 ? 1 : 0)\n"
      }.joined()
  }

  /// A word among numbers sets its row aside as a quarantine entry naming the file's line (the
  /// header and skipped rows counted), the column and the value; the column stays numeric.
  @Test func aWordAmongNumbersIsQuarantinedByItsLine() throws {
    // Data row 40 is line 42; a blank label on an earlier row must not shift it.
    var text = Self.csv(overwriting: [40: "abc", 70: "1e400"])
    text = text.replacingOccurrences(of: "\nA5,0.25,0\n", with: "\nA5,0.25,\n")
    let data = try Self.load(text)
    #expect(data.skippedBlankLabel == 1)
    #expect(data.quarantined.map(\.line) == [42, 72])
    #expect(data.quarantined.map(\.recordID) == ["A40", "A70"])
    #expect(data.quarantined.map(\.reason) == [.invalidNumber, .invalidNumber])
    #expect(data.quarantined.first?.detail == "column 'x' holds 'abc' where its other values are numbers")
    #expect(data.labels.count == 97 && data.table.rowCount == 97)
    #expect(data.recordsRead == data.labels.count + data.skippedBlankLabel + data.quarantined.count)
    guard case .numbers = try data.table.column(named: "x") else {
      Issue.record("x should be numbers once the bad rows are set aside")
      return
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("churn-model-\(UUID()).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let model = try ChurnPipeline.train(data, algorithm: .logistic, folds: 5, seed: 1, modelPath: path).model
    #expect(model.encoder.columns.map(\.kind) == [.numeric])
    _ = try ChurnPipeline.crossValidate(data, algorithm: .gbdt, folds: 5, seed: 1)

    // Evaluation quarantines a cell the model cannot read the same way, and scores the rest.
    let evaluated = try Self.load(Self.csv(overwriting: [10: "inf"]), schema: model.encoder)
    #expect(evaluated.quarantined.map(\.line) == [12])
    #expect(evaluated.quarantined.first?.detail == "column 'x' holds 'inf' where the model reads numbers")
    #expect(try ChurnPipeline.evaluate(evaluated, model: model).report.rowCount == 99)
  }

  /// An invalid label is named by the file's line, not by its place among the rows kept.
  @Test func anInvalidLabelIsNamedByItsLine() throws {
    let text = Self.csv().replacingOccurrences(of: "\nA5,0.25,0\n", with: "\nA5,0.25,\n")
      .replacingOccurrences(of: "\nA9,0.45,0\n", with: "\nA9,0.45,maybe\n")
    let message = Self.message { _ = try Self.load(text) }
    #expect(message.contains(":11: label column 'y' holds 'maybe', expected 0/1"), "\(message)")
  }
}
