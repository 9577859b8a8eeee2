import Foundation

extension ChurnModel {
  /// The on-disk layout of a model file.
  private struct File: Codable {
    var format: String
    var version: Int
    var kind: String
    var trainedAt: Date
    var labelColumn: String
    var idColumn: String?
    var trainingRows: Int
    var positiveRows: Int
    var encoder: TabularEncoder?
    var logistic: LogisticParameters?
    var calibration: ProbabilityCalibration?
    /// The trees' own JSON document (`GradientBoostedTrees.jsonData()`), nested as is.
    var gbdt: JSONValue?
  }

  private struct Header: Codable {
    var format: String?
    var version: Int?
    var kind: String?
  }

  /// The model as pretty-printed JSON with sorted keys.
  public func jsonData() throws -> Data {
    var trees: JSONValue?
    if let gbdt {
      trees = try JSONDecoder().decode(JSONValue.self, from: try gbdt.jsonData())
    }
    let file = File(
      format: Self.fileFormat, version: Self.fileVersion, kind: kind.rawValue, trainedAt: trainedAt,
      labelColumn: labelColumn, idColumn: idColumn, trainingRows: trainingRows,
      positiveRows: positiveRows, encoder: encoder, logistic: logistic, calibration: calibration,
      gbdt: trees)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(file)
  }

  /// Reads a model from JSON bytes, checking that its parts fit together and its numbers are
  /// usable; `path` only names the source in errors.
  /// - Throws: `ModelError.unreadableModel` (naming what is damaged), `ModelError.unsupportedModel`.
  public init(jsonData data: Data, path: String = "(bytes)") throws {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch {
      throw ModelError.unreadableModel(path: path, reason: "not JSON (\(Self.describe(error)))")
    }
    guard header.format == Self.fileFormat else {
      throw ModelError.unreadableModel(
        path: path, reason: "format is '\(header.format ?? "absent")', expected '\(Self.fileFormat)'")
    }
    let version = header.version ?? 0
    let kindName = header.kind ?? "absent"
    guard version >= 1, version <= Self.fileVersion, let kind = Kind(rawValue: kindName) else {
      throw ModelError.unsupportedModel(path: path, format: Self.fileFormat, version: version, kind: kindName)
    }
    let file: File
    do {
      file = try decoder.decode(File.self, from: data)
    } catch {
      throw ModelError.unreadableModel(path: path, reason: Self.describe(error))
    }
    guard let encoder = file.encoder else {
      throw ModelError.unreadableModel(path: path, reason: "no encoder section")
    }
    if kind == .logistic {
      guard let logistic = file.logistic else {
        throw ModelError.unreadableModel(path: path, reason: "kind logistic without a logistic section")
      }
      guard logistic.coefficients.map(\.feature) == encoder.featureNames else {
        throw ModelError.unreadableModel(
          path: path, reason: "coefficients do not match the encoder's features")
      }
    }
    // Checked here so that a damaged file is refused by name rather than trapping or scoring NaN.
    if let defect = encoder.defect ?? file.logistic?.defect ?? file.calibration?.defect {
      throw ModelError.unreadableModel(path: path, reason: defect)
    }
    var trees: GradientBoostedTrees?
    if kind == .gbdt {
      guard let section = file.gbdt else {
        throw ModelError.unreadableModel(path: path, reason: "kind gbdt without a gbdt section")
      }
      do {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
          positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        trees = try GradientBoostedTrees(jsonData: try encoder.encode(section))
      } catch {
        throw ModelError.unreadableModel(path: path, reason: "gbdt section: \(error)")
      }
      guard trees?.featureNames == encoder.columns.map(\.name) else {
        throw ModelError.unreadableModel(path: path, reason: "trees do not match the encoder's columns")
      }
    }
    self.init(
      kind: kind, labelColumn: file.labelColumn, idColumn: file.idColumn, trainedAt: file.trainedAt,
      trainingRows: file.trainingRows, positiveRows: file.positiveRows, encoder: encoder,
      logistic: file.logistic, calibration: file.calibration, gbdt: trees)
  }

  /// Writes the model to `path` atomically (temporary file, then rename).
  /// - Throws: `ModelError.cannotWriteModel`.
  public func save(to path: String) throws {
    do {
      try jsonData().write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch let error as ModelError {
      throw error
    } catch {
      throw ModelError.cannotWriteModel(path: path, reason: Self.describe(error))
    }
  }

  /// Reads a model file written by `save(to:)`.
  /// - Throws: `ModelError.unreadableModel`, `ModelError.unsupportedModel`.
  public static func load(from path: String) throws -> ChurnModel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ModelError.unreadableModel(path: path, reason: describe(error))
    }
    return try ChurnModel(jsonData: data, path: path)
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "missing key '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      let at = context.codingPath.map(\.stringValue).joined(separator: ".")
      return "\(context.debugDescription.lowercased())\(at.isEmpty ? "" : " at \(at)")"
    case let error as CocoaError:
      return error.localizedDescription.lowercased()
    default:
      return String(describing: error).lowercased()
    }
  }
}
