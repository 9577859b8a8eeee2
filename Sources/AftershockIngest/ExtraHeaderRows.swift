/// Recognises the rows a Qualtrics CSV export puts under its header, the question-text row and
/// the ImportId row, by the rule `validate` and `run` follow (`RecordStream`): among the first two
/// data rows, a row with a cell starting `{"ImportId"`, or one whose id column (a column that
/// reads as the `account_id`, `ticket_id` or `response_id` of some kind) holds that column's name
/// or a name of the id field ("Response ID" under `ResponseId`).
///
/// For readers with no schema (`score`), which would otherwise take them for records.
package struct ExtraHeaderRows {
  /// Per id column: its index and the normalised names that mark a header row there.
  private let idColumns: [(column: Int, names: Set<String>)]
  /// Data rows seen so far (extra header rows not counted); only the first two are checked.
  private var dataRowsSeen = 0

  /// Finds the id columns of `header`.
  package init(header: [String]) {
    var columns: [(Int, Set<String>)] = []
    for kind in RecordKind.allCases {
      guard let resolver = try? ColumnResolver(schema: .of(kind), overrides: [:]) else { continue }
      var best: (column: Int, rank: Int)?
      for (j, name) in header.enumerated() {
        guard let m = resolver.match(name), m.field == 0 else { continue }
        if best.map({ m.rank < $0.rank }) ?? true { best = (j, m.rank) }
      }
      guard let best, !columns.contains(where: { $0.0 == best.column }) else { continue }
      var names = Set(resolver.schema.fields[0].aliases)
      names.insert(Schema.normalize(header[best.column]))
      columns.append((best.column, names))
    }
    idColumns = columns
  }

  /// Whether the reader's current record is an extra header row; call once per record, in order.
  package mutating func isExtraHeaderRow(_ reader: CSVReader) -> Bool {
    guard dataRowsSeen < 2 else { return false }
    if Self.hasImportIDCell(reader) { return true }
    for (column, names) in idColumns where column < reader.fieldCount {
      let text = Schema.normalize(reader.string(at: column).trimmingASCIIWhitespace())
      if !text.isEmpty, names.contains(text) { return true }
    }
    dataRowsSeen += 1
    return false
  }

  /// Whether a cell of the reader's current record starts `{"ImportId"` (Qualtrics' ImportId row).
  static func hasImportIDCell(_ reader: CSVReader) -> Bool {
    let importID = Array(#"{"ImportId""#.utf8)
    for i in 0..<reader.fieldCount {
      let isImport = reader.withField(i) { b in
        let t = FieldParser.trim(b)
        return t.count >= importID.count && zip(t.prefix(importID.count), importID).allSatisfy { $0 == $1 }
      }
      if isImport { return true }
    }
    return false
  }
}
