extension DataTable {
  /// Columns that look like row identifiers: a different whole number, or a different text, on
  /// every row, none missing (a customer number, a row number, an e-mail address). Used as
  /// features they can only fit noise, or leak the order the file was written in; the churn
  /// commands warn about them. Tables under 20 rows say nothing. Columns in `excluding` (the
  /// label, a declared id) are skipped.
  public func identifierLikeColumns(excluding: Set<String> = []) -> [String] {
    guard rowCount >= 20 else { return [] }
    var found: [String] = []
    for (name, column) in zip(columnNames, columns) where !excluding.contains(name) {
      switch column {
      case .numbers(let values):
        guard values.allSatisfy({ $0.isFinite && $0.rounded() == $0 }) else { continue }
        if Set(values).count == values.count { found.append(name) }
      case .text(let values):
        guard !values.contains(where: \.isEmpty) else { continue }
        if Set(values).count == values.count { found.append(name) }
      }
    }
    return found
  }
}

extension DataTable {
  /// Columns that on their own all but separate the label: a number whose order (ROC AUC of at
  /// least 0.99, or at most 0.01) or whose blanks (blank on 99% of one class and on no more than
  /// 1% of the other) tell the classes apart, or a category of at most a tenth as many levels
  /// as rows whose levels do. A feature that good is almost always the outcome recorded another
  /// way (a cancellation date, a CRM status "Lost"): a model reads the answer from it, and its
  /// cross-validated AUC of 1 says nothing of new accounts. Each comes with why, for a warning.
  /// Tables under 20 rows, or with fewer than 5 of either class, say nothing.
  public func labelLeakingColumns(labels: [Bool], excluding: Set<String> = []) -> [(column: String, why: String)] {
    let positives = labels.filter { $0 }.count
    guard rowCount >= 20, labels.count == rowCount, positives >= 5, rowCount - positives >= 5 else { return [] }
    var found: [(column: String, why: String)] = []
    for (name, column) in zip(columnNames, columns) where !excluding.contains(name) {
      switch column {
      case .numbers(let values):
        let blank = values.indices.filter { values[$0].isNaN }
        let blankPositives = blank.filter { labels[$0] }.count
        let blankNegatives = blank.count - blankPositives
        let negatives = rowCount - positives
        if blank.count >= 5,
          (blankPositives * 100 >= positives * 99 && blankNegatives * 100 <= negatives)
            || (blankNegatives * 100 >= negatives * 99 && blankPositives * 100 <= positives)
        {
          found.append(
            (
              name,
              "blank on \(blankPositives) of \(positives) positive rows and \(blankNegatives) of \(negatives) others"
            ))
          continue
        }
        let present = values.indices.filter { !values[$0].isNaN }
        let area = Self.rocArea(present.map { values[$0] }, present.map { labels[$0] })
        if let area, area >= 0.99 || area <= 0.01 {
          found.append((name, "ROC AUC \(String(format: "%.3f", area)) on its own"))
        }
      case .text(let values):
        var rows: [String: (count: Int, positive: Int)] = [:]
        for (value, label) in zip(values, labels) {
          rows[value, default: (0, 0)].count += 1
          if label { rows[value]!.positive += 1 }
        }
        guard rows.count >= 2, rows.count * 10 <= rowCount else { continue }
        let area = Self.rocArea(values.map { Double(rows[$0]!.positive) / Double(rows[$0]!.count) }, labels)
        if let area, area >= 0.99 {
          found.append((name, "its \(rows.count) values, ROC AUC \(String(format: "%.3f", area))"))
        }
      }
    }
    return found
  }

  /// `ClassificationMetrics.rocAUC` of a column's values, nil when it is undefined (one class,
  /// or a value it cannot rank).
  static func rocArea(_ scores: [Double], _ labels: [Bool]) -> Double? {
    guard let area = try? ClassificationMetrics.rocAUC(scores, labels), !area.isNaN else { return nil }
    return area
  }
}
