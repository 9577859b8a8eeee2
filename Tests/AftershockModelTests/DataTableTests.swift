import Testing

@testable import AftershockModel

struct DataTableTests {
  @Test func shortRowIsRejectedWithItsNumber() {
    #expect(throws: ModelError.rowWidthMismatch(row: 2, expected: 2, found: 1)) {
      try DataTable(header: ["a", "b"], rows: [["1", "2"], ["3"]])
    }
  }

  @Test func duplicateHeaderIsRejected() {
    #expect(throws: ModelError.duplicateColumn(name: "a")) { try DataTable(header: ["a", "b", "a"]) }
  }

  @Test func rowsAppendedOneByOneEqualRowsGivenAtOnce() throws {
    var streamed = try DataTable(header: ["a", "b"])
    try streamed.appendRow(["1", "x"])
    try streamed.appendRow(["2", "y"])
    let whole = try DataTable(header: ["a", "b"], rows: [["1", "x"], ["2", "y"]])
    #expect(streamed.columns == whole.columns)
    #expect(streamed.rowCount == 2)
  }

  @Test func parsingNumbersConvertsOnlyFullyNumericColumns() throws {
    let table = try DataTable(header: ["n", "t"], rows: [["1", "a"], ["", "2"], ["2.5", "b"]]).parsingNumbers()
    guard case .numbers(let values) = table.columns[0] else {
      Issue.record("n should be numbers")
      return
    }
    #expect(values[0] == 1 && values[1].isNaN && values[2] == 2.5)
    #expect(table.columns[1] == .text(["a", "2", "b"]))
  }

  @Test func selectingAndDroppingKeepColumnsAligned() throws {
    let table = try TestTables.mixed().droppingColumns(["color", "nope"]).selectingRows([2, 0])
    #expect(table.columnNames == ["x1", "x2", "active", "y"])
    #expect(table.columns[0] == .text(["3.0", "1.0"]))
  }

  /// The bank churn table's RowNumber and CustomerId, not its salaries or surnames.
  @Test func columnsWithADifferentWholeNumberOrTextOnEveryRowLookLikeIds() throws {
    let surnames = ["Smith", "Lee", "Ng"]
    var rows: [[String]] = []
    for i in 0..<30 {
      let customer = String(156_304_602 + i * 7)
      let salary = String(format: "%.2f", 1000 + Double(i) * 17.31)
      let handle = i == 4 ? "" : "u\(i)"
      rows.append([String(i + 1), customer, salary, surnames[i % 3], "c\(i)@x.com", String(i % 2), handle])
    }
    let table = try DataTable(
      header: ["RowNumber", "CustomerId", "Salary", "Surname", "Email", "Exited", "Handle"], rows: rows
    ).parsingNumbers()
    #expect(table.identifierLikeColumns(excluding: ["Exited"]) == ["RowNumber", "CustomerId", "Email"])
    #expect(table.identifierLikeColumns(excluding: ["Email"]) == ["RowNumber", "CustomerId"])
    #expect(table.selectingRows(Array(0..<19)).identifierLikeColumns().isEmpty, "under 20 rows: no verdict")
  }

  /// 60 rows: `score` predicts `y`; `code` is a category written mostly as numbers (20% words).
  static func scoredTable(score: (Int) -> String = { String(Double($0 % 10) / 10) }) throws -> DataTable {
    let rows = (0..<60).map { row -> [String] in
      [score(row), row % 5 == 0 ? "gold" : String(row % 3), (row * 7) % 10 < row % 10 ? "1" : "0"]
    }
    return try DataTable(header: ["score", "code", "y"], rows: rows)
  }

  /// One typo, infinity or out-of-range number among numbers is a bad cell, named by row: it does
  /// not turn the column into categories (each number a rare level, the feature worthless).
  @Test func aFewNonNumbersInAColumnOfNumbersAreCellIssues() throws {
    let bad = [10: "abc", 20: "inf", 30: "1e400"]
    let table = try Self.scoredTable { bad[$0] ?? String(Double($0 % 10) / 10) }
    let issues = table.cellIssues(excluding: ["y"])
    #expect(issues.map(\.row) == [10, 20, 30])
    #expect(issues.map(\.value) == ["abc", "inf", "1e400"])
    #expect(issues.allSatisfy { $0.column == "score" && $0.expected == .numeric })
    // A column with more words than that (code: 20%) is categorical: its words are levels, not issues.
    #expect(!issues.contains { $0.column == "code" })
    // Fitting refuses the bad cells, naming the first and counting the others.
    #expect(
      throws: ModelError.cellDoesNotFit(column: "score", expected: .numeric, row: 11, value: "abc", count: 3)
    ) { try LogisticRegression().fit(table, label: "y") }
    // Without those rows, the column is numeric; the table's kinds are fixed once parsed.
    let clean = table.selectingRows((0..<60).filter { bad[$0] == nil }).parsingNumbers(excluding: ["y"])
    let model = try LogisticRegression().fit(clean, label: "y")
    #expect(model.encoder.columns.map(\.kind) == [.numeric, .categorical])
    #expect(clean.fixedKind(ofColumn: "code") == .categorical)
  }

  /// A fold holds some rows only: it reads each column as the whole table does, so a category
  /// column whose words all fall outside the fold is not read as numbers there (the held-out rows
  /// then failed with "column 'code' was numeric when the model was trained, but row 1 holds 'gold'").
  @Test func aFoldReadsEachColumnAsTheWholeTableDoes() throws {
    let table = try Self.scoredTable().parsingNumbers(excluding: ["y"])
    let numericCodes = (0..<60).filter { $0 % 5 != 0 }
    let model = try LogisticRegression().fit(table.selectingRows(numericCodes), label: "y")
    #expect(model.encoder.columns.first { $0.name == "code" }?.kind == .categorical)
    #expect(try model.predictProbabilities(table).count == 60)
  }

  /// A column that records the outcome tells the classes apart on its own, by its order, its
  /// blanks or its values (a second outside audit saw AUC 1.0000 reported without a word); a
  /// column that only predicts well does not, nor does one with a level per row or two.
  @Test func columnsThatTellTheClassesApartAreNamed() throws {
    var generator = SplitMix64(seed: 9)
    var labels: [Bool] = []
    var tenure: [Double] = []
    var sinceCancel: [Double] = []
    var status: [String] = []
    var daysLeft: [Double] = []
    for i in 0..<200 {
      let churned = generator.next() % 4 == 0
      labels.append(churned)
      tenure.append(Double(generator.next() % 60) + (churned ? 0 : 20))
      sinceCancel.append(churned ? Double(generator.next() % 90) : .nan)
      status.append(churned ? (i % 2 == 0 ? "Lost - competitor" : "Lost - price") : "Active")
      daysLeft.append(churned ? -Double(generator.next() % 30) - 1 : Double(generator.next() % 300))
    }
    let table = try DataTable(
      columnNames: ["tenure", "days_since_cancel", "crm_status", "days_left"],
      columns: [.numbers(tenure), .numbers(sinceCancel), .text(status), .numbers(daysLeft)])
    let found = table.labelLeakingColumns(labels: labels)
    #expect(found.map(\.column) == ["days_since_cancel", "crm_status", "days_left"], "\(found)")
    #expect(found[0].why.hasPrefix("blank on 0 of"), "\(found[0].why)")
    #expect(found[1].why == "its 3 values, ROC AUC 1.000")
    #expect(table.labelLeakingColumns(labels: labels, excluding: ["crm_status"]).count == 2)
    #expect(table.selectingRows(Array(0..<19)).labelLeakingColumns(labels: Array(labels[0..<19])).isEmpty)
  }
}
