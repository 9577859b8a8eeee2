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

  /// The question an ImportId cell names, `{"ImportId":"QID3"}` or `{"ImportId":"QID3_TEXT"}`
  /// (lower-cased), and whether it is a text entry; nil for anything else (a part of a question,
  /// `QID2_5_TEXT` or `QID4_1`, or a field such as `recordedDate`).
  static func questionID(_ cell: String) -> (number: Int, textEntry: Bool)? {
    guard let key = cell.range(of: "\"importid\":\"") else { return nil }
    let value = cell[key.upperBound...].prefix { $0 != "\"" }
    guard value.hasPrefix("qid") else { return nil }
    var rest = value.dropFirst(3)
    let textEntry = rest.hasSuffix("_text")
    if textEntry { rest = rest.dropLast(5) }
    guard !rest.isEmpty, rest.allSatisfy(\.isASCII), let number = Int(rest) else { return nil }
    return (number, textEntry)
  }

  /// The one text-entry question's column of a Qualtrics export (its ImportId `QID<n>_TEXT`), read
  /// from the first rows of the file at `path` (not standard input); nil when there is none, or more.
  /// For `score`, whose text column is otherwise found by name (`Q3` is none).
  package static func textEntryColumn(inFile path: String, format: InputFormat?) -> String? {
    guard path != "-", let input = try? TableInput.open(path: path, format: format),
      case .delimited(let reader, _) = input
    else { return nil }
    for _ in 0..<3 {
      guard case .record? = try? reader.nextRecord() else { return nil }
      guard hasImportIDCell(reader) else { continue }
      // Not a column named like a field (`account_id`, `email`...), whatever its question.
      let resolver = try? ColumnResolver(schema: .of(.surveys), overrides: [:])
      let columns = (0..<min(reader.fieldCount, reader.header.count)).filter {
        questionID(reader.string(at: $0).lowercased())?.textEntry == true
          && resolver?.match(reader.header[$0]).map({ resolver?.schema.fields[$0.field].name == "comment" }) ?? true
      }
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
