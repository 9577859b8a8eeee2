import Foundation
import Testing

@testable import AftershockModel

struct TabularEncoderTests {
  @Test func infersNumericBooleanAndCategoricalColumns() throws {
    let table = try DataTable(
      header: ["score", "flag", "city", "binary"],
      rows: [["1.5", "yes", "Paris", "0"], ["", "No", "Lyon", "1"], ["NA", "true", "Paris", "1"]])
    let encoder = try TabularEncoder.fit(table, configuration: .init(minimumLevelCount: 1))
    #expect(encoder.columns.map(\.kind) == [.numeric, .boolean, .categorical, .numeric])
    #expect(encoder.columns[0].missingCount == 2)
    #expect(encoder.columns[2].levels == ["Paris", "Lyon"])
  }

  @Test func rareLevelsArePooledAndUnseenLevelsReadAsOther() throws {
    let cities = Array(repeating: "Paris", count: 6) + Array(repeating: "Lyon", count: 5) + ["Nice", "Brest"]
    let table = try DataTable(columnNames: ["city"], columns: [.text(cities)])
    let encoder = try TabularEncoder.fit(table, configuration: .init(minimumLevelCount: 5))
    #expect(encoder.featureNames == ["city=Paris", "city=Lyon", "city=(other)"])
    #expect(encoder.columns[0].rareLevels == ["Brest", "Nice"])
    let raw = try encoder.rawMatrix(try DataTable(columnNames: ["city"], columns: [.text(["Toulouse", "Lyon", ""])]))
    #expect(raw.featureNames == ["city=Paris", "city=Lyon", "city=(other)"])
    #expect(raw[0, 2] == 1 && raw[0, 0] == 0)  // unseen level counts as (other)
    #expect(raw[1, 1] == 1)
    #expect(raw[2, 0].isNaN && raw[2, 2].isNaN)  // missing stays NaN for trees
  }

  /// A value outside the training range reads as the end it passed: a linear model learned
  /// nothing past it, and extrapolating far out (three recent tickets where training saw at most
  /// one) swamped every other feature.
  @Test func valuesOutsideTheTrainingRangeReadAsItsEnds() throws {
    let train = try DataTable(columnNames: ["x"], columns: [.numbers([1, 2, 3, 4, 5, 6, 7, 8])])
    let encoder = try TabularEncoder.fit(train)
    #expect(encoder.features[0].minimum == 1 && encoder.features[0].maximum == 8)
    let scored = try DataTable(columnNames: ["x"], columns: [.numbers([8, 80, 1, -50, 4.5])])
    let matrix = try encoder.standardizedMatrix(scored)
    #expect(matrix[1, 0] == matrix[0, 0] && matrix[0, 0] > 1.5)
    #expect(matrix[3, 0] == matrix[2, 0] && matrix[2, 0] < -1.5)
    #expect(matrix[4, 0] == 0)
  }

  /// A column read in a fixed unit (days to renewal, in years) is centred and divided by that
  /// unit, not by its spread, and has no range to be held to: a model that learned from renewals
  /// already due reads one a year ahead as a year ahead, not as today. Other columns keep theirs.
  @Test func aColumnReadInAUnitIsNeitherStandardisedNorHeldToItsRange() throws {
    let train = try DataTable(
      columnNames: ["days_to_renewal", "x"],
      columns: [.numbers([-100, -80, -60, -40, -20, 0]), .numbers([1, 2, 3, 4, 5, 6])])
    let encoder = try TabularEncoder.fit(train)
    #expect(encoder.features[0].standardDeviation == 365 && encoder.features[0].mean == -50)
    #expect(encoder.features[0].minimum == nil && encoder.features[0].maximum == nil)
    #expect(encoder.features[1].maximum == 6)
    let scored = try DataTable(
      columnNames: ["days_to_renewal", "x"], columns: [.numbers([0, 315, -50]), .numbers([6, 60, 3.5])])
    let matrix = try encoder.standardizedMatrix(scored)
    #expect(abs(matrix[0, 0] - 50.0 / 365) < 1e-12 && abs(matrix[1, 0] - 1) < 1e-12 && matrix[2, 0] == 0)
    #expect(matrix[1, 1] == matrix[0, 1])
    // Without a unit, the column is standardised and held like any other.
    let plain = try TabularEncoder.fit(train, configuration: .init(unitScales: [:]))
    #expect(plain.features[0].maximum == 0)
    #expect(throws: ModelError.self) { try TabularEncoder.fit(train, configuration: .init(unitScales: ["x": 0])) }
  }

  /// A model file written before ranges were kept reads every value as it is.
  @Test func featuresWithoutARangeAreNotClamped() throws {
    let train = try DataTable(columnNames: ["x"], columns: [.numbers([1, 2, 3, 4, 5, 6, 7, 8])])
    let old = try Self.withoutRanges(try TabularEncoder.fit(train))
    #expect(old.features[0].maximum == nil)
    let matrix = try old.standardizedMatrix(try DataTable(columnNames: ["x"], columns: [.numbers([8, 80])]))
    #expect(matrix[1, 0] > matrix[0, 0] * 10)
  }

  /// A count that is 0 in all but one of 200 rows is no feature (its weight would rest on one
  /// row); one that is 0 in nine rows of ten is, and so is a flag on 2% of 500 rows.
  @Test func nearlyConstantNumbersAreNoFeature() throws {
    let rare = [Double](repeating: 0, count: 199) + [1]
    let sparse = (0..<200).map { $0 % 10 == 0 ? 1.0 : 0 }
    let table = try DataTable(columnNames: ["rare", "sparse"], columns: [.numbers(rare), .numbers(sparse)])
    let encoder = try TabularEncoder.fit(table)
    #expect(encoder.featureNames == ["sparse"])
    #expect(encoder.columns.map(\.name) == ["rare", "sparse"], "the column is still read (and checked)")
    let flag = (0..<500).map { $0 % 50 == 0 ? 1.0 : 0 }
    #expect(
      try TabularEncoder.fit(DataTable(columnNames: ["flag"], columns: [.numbers(flag)])).featureNames == ["flag"])
  }

  @Test func missingNumbersGetIndicatorAndNeutralFill() throws {
    let table = try DataTable(columnNames: ["x"], columns: [.numbers([1, 2, .nan, 3])])
    let encoder = try TabularEncoder.fit(table)
    #expect(encoder.featureNames == ["x", "x (missing)"])
    let matrix = try encoder.standardizedMatrix(table)
    #expect(matrix[2, 0] == 0)  // filled with the mean: z = 0
    #expect(matrix[2, 1] > 0 && matrix[0, 1] < 0)
    // Standardised over the training rows: each encoded column has mean 0.
    for column in 0..<matrix.columnCount {
      #expect(abs(matrix.column(column).reduce(0, +)) < 1e-12)
    }
  }

  @Test func constantColumnsAddNoFeature() throws {
    let table = try DataTable(columnNames: ["c", "x"], columns: [.numbers([5, 5, 5]), .numbers([1, 2, 3])])
    let encoder = try TabularEncoder.fit(table)
    #expect(encoder.featureNames == ["x"])
    #expect(encoder.columns.map(\.name) == ["c", "x"])
  }

  /// Values whose sums overflow a Double (1e308 · 4, (1e308)²) still get their exact mean and
  /// standard deviation: 2.5e307 and √(275e614 / 4) = 8.2916e307 by hand; tolerance 1e-12 relative.
  @Test func meanAndSpreadOfHugeValuesAreFinite() throws {
    let table = try DataTable(columnNames: ["x"], columns: [.numbers([1e308, -1e308, 1e308, 0])])
    let encoder = try TabularEncoder.fit(table)
    let feature = try #require(encoder.features.first)
    #expect(abs(feature.mean / 2.5e307 - 1) < 1e-12)
    #expect(abs(feature.standardDeviation / (68.75.squareRoot() * 1e307) - 1) < 1e-12)
    #expect(abs(encoder.columns[0].standardDeviation / feature.standardDeviation - 1) < 1e-12)
    let z = try encoder.standardizedMatrix(table)
    #expect(abs(z[0, 0] - 7.5e307 / feature.standardDeviation) < 1e-12)
    #expect(abs(z[1, 0] - -1.25e308 / feature.standardDeviation) < 1e-12)
  }

  /// The encoder as a model file written before training ranges were kept reads it.
  static func withoutRanges(_ encoder: TabularEncoder) throws -> TabularEncoder {
    var object = try #require(
      try JSONSerialization.jsonObject(with: try JSONEncoder().encode(encoder)) as? [String: Any])
    let features = try #require(object["features"] as? [[String: Any]])
    object["features"] = features.map { $0.filter { $0.key != "minimum" && $0.key != "maximum" } }
    return try JSONDecoder().decode(TabularEncoder.self, from: try JSONSerialization.data(withJSONObject: object))
  }

  /// Without a training range (an older model file), a value far outside it (the largest
  /// Double against a spread of 1) is held at ±`standardizedLimit` rather than becoming
  /// infinite; a difference from the mean that overflows (−1.8e308 − 5e307) still gives its
  /// z-score, −1.8e308 / 5e307 − 1 ≈ −4.595. With the range, each reads as the end it passed.
  @Test func valuesFarOutsideTheTrainingRangeStandardiseToFiniteNumbers() throws {
    let largest = Double.greatestFiniteMagnitude
    let narrow = try TabularEncoder.fit(DataTable(columnNames: ["x"], columns: [.numbers([-1, 0, 1])]))
    let table = try DataTable(columnNames: ["x"], columns: [.numbers([largest, -largest, 0])])
    let clamped = try narrow.standardizedMatrix(table)
    let root = (1.5 as Double).squareRoot()
    #expect(clamped.values == [root, -root, 0])
    let extremes = try Self.withoutRanges(narrow).standardizedMatrix(table)
    #expect(extremes.values == [TabularEncoder.standardizedLimit, -TabularEncoder.standardizedLimit, 0])
    let wide = try Self.withoutRanges(
      TabularEncoder.fit(DataTable(columnNames: ["x"], columns: [.numbers([0, 1e308])])))
    let z = try wide.standardizedMatrix(DataTable(columnNames: ["x"], columns: [.numbers([-largest])]))
    #expect(abs(z[0, 0] - (-largest / 5e307 - 1)) < 1e-12, "\(z[0, 0])")
  }

  @Test func scoringWithoutATrainedColumnNamesIt() throws {
    let encoder = try TabularEncoder.fit(try TestTables.mixed(), excluding: ["y"])
    let table = try DataTable(header: ["x1", "color", "active"], rows: [["1", "red", "yes"]])
    #expect(throws: ModelError.missingColumn(name: "x2")) { try encoder.standardizedMatrix(table) }
  }

  @Test func scoringTextInANumericColumnNamesColumnRowAndValue() throws {
    let encoder = try TabularEncoder.fit(try TestTables.mixed(), excluding: ["y"])
    let table = try DataTable(
      header: ["x1", "x2", "color", "active"], rows: [["1", "2", "red", "yes"], ["two", "2", "red", "no"]])
    #expect(throws: ModelError.columnKindChanged(column: "x1", expected: "numeric", row: 2, value: "two")) {
      try encoder.standardizedMatrix(table)
    }
    let message = ModelError.columnKindChanged(column: "x1", expected: "numeric", row: 2, value: "two").description
    #expect(message == "column 'x1' was numeric when the model was trained, but row 2 holds 'two'")
  }

  @Test func scoringANumberInABooleanColumnIsAKindChange() throws {
    let encoder = try TabularEncoder.fit(try TestTables.mixed(), excluding: ["y"])
    let table = try DataTable(header: ["x1", "x2", "color", "active"], rows: [["1", "2", "red", "7"]])
    #expect(throws: ModelError.columnKindChanged(column: "active", expected: "boolean", row: 1, value: "7")) {
      try encoder.standardizedMatrix(table)
    }
  }

  @Test func columnNamesMatchCaseInsensitively() throws {
    let encoder = try TabularEncoder.fit(try TestTables.mixed(), excluding: ["y"])
    let table = try DataTable(header: ["X1", "X2", "Color", "ACTIVE"], rows: [["1", "2", "red", "yes"]])
    #expect(try encoder.standardizedMatrix(table).rowCount == 1)
  }
}

struct CellIssueTests {
  @Test func badCellsAreListedSoTheirRowsCanBeQuarantined() throws {
    let encoder = try TabularEncoder.fit(try TestTables.mixed(), excluding: ["y"])
    let table = try DataTable(
      header: ["x1", "x2", "color", "active"],
      rows: [["1", "2", "red", "yes"], ["two", "2", "red", "maybe"], ["3", "", "purple", "no"]])
    let issues = try encoder.cellIssues(in: table)
    #expect(issues.map(\.row) == [1, 1])
    #expect(issues.map(\.column) == ["active", "x1"])
    #expect(issues[1].reason == "column 'x1' expects a numeric value, found 'two'")
    let good = Array(Set(0..<table.rowCount).subtracting(issues.map(\.row))).sorted()
    #expect(try encoder.standardizedMatrix(table.selectingRows(good)).rowCount == 2)
  }
}
