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

  /// Whether an ImportId cell (lower-cased) names a text-entry question, `{"ImportId":"QID3_TEXT"}`;
  /// not a part of one (`QID2_5_TEXT`, an "Other, please specify" box) nor anything else.
  static func isTextEntryQuestion(_ cell: String) -> Bool {
    guard let key = cell.range(of: "\"importid\":\"") else { return false }
    let value = cell[key.upperBound...].prefix { $0 != "\"" }
    guard value.hasPrefix("qid"), value.hasSuffix("_text") else { return false }
    let number = value.dropFirst(3).dropLast(5)
    return !number.isEmpty && number.allSatisfy { $0 >= "0" && $0 <= "9" }
  }

  /// The columns of the reader's current record, an ImportId row, that hold a text-entry question
  /// and are neither in `used` (read by a field) nor named like a field other than the comment
  /// (`Company`, `account_id`: a question asking for one is no text). `validate`/`run` take the
  /// only one for the comment, `score` for its text.
  static func textEntryColumns(_ reader: CSVReader, resolver: ColumnResolver, excluding used: Set<Int> = []) -> [Int] {
    (0..<min(reader.fieldCount, reader.header.count)).filter { c in
      !used.contains(c) && isTextEntryQuestion(reader.string(at: c).lowercased())
        && resolver.match(reader.header[c]).map { resolver.schema.fields[$0.field].name == "comment" } ?? true
    }
  }

  /// The one text-entry question's column of a Qualtrics export (`textEntryColumns`), read from the
  /// first rows of the file at `path` (not standard input); nil when there is none, or more. For
  /// `score`, whose text column is otherwise found by name (`Q3` is none).
  package static func textEntryColumn(inFile path: String, format: InputFormat?) -> String? {
    guard path != "-", let input = try? TableInput.open(path: path, format: format),
      case .delimited(let reader, _) = input, let resolver = try? ColumnResolver(schema: .of(.surveys), overrides: [:])
    else { return nil }
    for _ in 0..<3 {
      guard case .record? = try? reader.nextRecord() else { return nil }
      guard hasImportIDCell(reader) else { continue }
      let columns = textEntryColumns(reader, resolver: resolver)
      return columns.count == 1 ? reader.header[columns[0]] : nil
    }
    return nil
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
