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
}
