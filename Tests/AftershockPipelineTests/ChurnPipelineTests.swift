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
    #expect(message == "only 3 of the 40 rows are positive: 5-fold cross-validation needs at least 5 of each class; "
      + "use --folds 3 or fewer, or more data")
  }

  @Test func autoSaysWhenItsInnerFoldsRunShort() throws {
    let data = try Self.table(rows: 40, positives: 6)
    let message = Self.message { _ = try ChurnPipeline.crossValidate(data, algorithm: .auto, folds: 5, seed: 1) }
    #expect(message.hasPrefix("--model auto chooses inside each training part by 5-fold cross-validation"), "\(message)")
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
    #expect(message.hasSuffix("sentiment.json is a sentiment model (written by 'sentiment train'), not a churn model: "
      + "give a file written by 'churn train'"), "\(message)")
  }
}
