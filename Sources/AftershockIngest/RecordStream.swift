/// One input opened for a record kind: picks the reader, maps columns to schema fields, and exposes each
/// record as per-field byte slots (`slots[field]`, nil when absent) valid until the next call.
final class RecordStream {
  enum Event {
    case record
    case malformed(QuarantineEntry)
  }

  let file: String
  let format: InputFormat
  let kind: RecordKind
  let schema: Schema
  /// Per schema field, the bytes of the current record (nil: no column, JSON null or key absent).
  @exclusivity(unchecked) private(set) var slots: [UnsafeRawBufferPointer?]
  /// The line on which the current record starts.
  @exclusivity(unchecked) private(set) var line = 0
  /// The fields the current JSON Lines record gives `null` (their slots are nil, as for an absent key).
  let nullFields: NullFields
  /// Extra header rows skipped (Qualtrics question-text and ImportId rows).
  /// Rows that repeat the header further down (two exports concatenated).
  private(set) var repeatedHeaderRowsSkipped = 0
  private(set) var headerRowsSkipped = 0
  /// The kind the header fits better than the kind the input was given as (`--accounts` given a
  /// tickets export), if any.
  private(set) var looksLike: RecordKind?
  /// One-field lines after an empty row at the end of the file, skipped as a report's footer.
  var footerRowsSkipped: Int { footer.linesSkipped }
  /// Whether numbers use `,` for decimals and `.` for grouping (a `;`-separated file, or `--decimal-mark ,`).
  let decimalComma: Bool
  /// Where `decimalComma` comes from, for messages.
  let numberConvention: NumberConvention
  /// How numeric dates open to both readings are read (`--date-order`).
  let dateOrder: DateOrder?
  /// Which column feeds each field (for the report): field name → column name.
  private(set) var columnsUsed: [(field: String, column: String)] = []

  private var csv: CSVReader?
  private var json: JSONLinesReader?
  private var columnOfField: [Int] = []
  /// For a CSV or TSV file without a header row, the column each field is read from (-1: none).
  private(set) var headerlessColumns: [Int]?
  private var resolver: ColumnResolver
  private var keyCache: [UInt64: ColumnResolver.Match?] = [:]
  private var ranks: [Int]
  /// Per schema field, the JSON member feeding it when that member is nested (else -1), and the
  /// first such (member, field) of the current record.
  private var nestedField: (member: Int, field: Int)?
  /// A key the record gives twice with different values, where the field it feeds reads it: the
  /// first and the repeated member.
  private var repeatedKey: (first: Int, repeated: Int)?
  /// Per schema field, the JSON member feeding it (else -1), and the first text field of the
  /// current record given a boolean.
  private var fieldMembers: [Int] = []
  private var booleanTextField: (member: Int, field: Int)?
  /// Per schema field, the records whose value for it was a nested object or array, left empty
  /// (optional fields only).
  private(set) var nestedIgnored: [Int] = []
  /// Per schema field, whether a JSON key that feeds it is in `columnsUsed`.
  private var keyNoted: [Bool] = []
  /// JSON Lines: the keys seen (for a message), and per schema field whether a record had the key
  /// its `--map` names. A key may first appear on any line, so a mapped key that no record has is
  /// known, and refused, only at the end of the input (`checkMappedKeys`).
  private var keysSeen = JSONLinesKeys()
  private var mappedKeySeen: [Bool] = []
  /// Per schema field, whether a `--map` of this input alone names its key: then no other key
  /// feeds it, as a mapped CSV column is the only one read for its field (a record without the
  /// key has no value for the field rather than one from a key of the field's usual names).
  private var mappedOnly: [Bool] = []
  private var mappedKeysChecked = false
  private var anyObjectRead = false
  @exclusivity(unchecked) private var pending: [Event] = []
  @exclusivity(unchecked) private var firstRecordPending = false
  @exclusivity(unchecked) private var dataRecordsSeen = 0
  /// One-field rows after an empty row, held until a full record follows (then they are ragged rows)
  /// or the file ends (then they are a report's footer: "Grand Totals", "Copyright (c) ... salesforce.com").
  private var footer = ReportFooter()
  /// A Qualtrics export's question-text row, per column, until its ImportId row (`adoptQuestionColumns`).
  private var questions: [String] = []

  init(path: String, kind expected: RecordKind?, options: IngestOptions) throws(IngestError) {
    file = path
    let input = try TableInput.open(
      path: path, format: options.format, delimiter: options.delimiter, hasHeader: options.hasHeader,
      limits: options.limits)
    self.format = input.format
    dateOrder = options.dateOrder
    if case .delimited(let reader, _) = input {
      decimalComma = options.decimalMark.map { $0 == .comma } ?? (reader.delimiter == UInt8(ascii: ";"))
      numberConvention = .delimited(reader.delimiter, markGiven: options.decimalMark != nil)
    } else {
      decimalComma = false
      numberConvention = .jsonLines
    }
    var header: [String] = []
    switch input {
    case .delimited(let reader, _):
      if options.hasHeader && reader.header.isEmpty { throw .emptyInput(file: path) }
      header = reader.header
      reader.skipsSpreadsheetArtefacts = true
      csv = reader
    case .jsonLines(let reader):
      json = reader
      if expected == nil {
        // Peek at the first good object to learn its keys; earlier bad lines are replayed in order.
        while let event = try reader.nextRecord() {
          if case .malformed(let entry) = event {
            pending.append(.malformed(entry))
            continue
          }
          header = (0..<reader.memberCount).map { reader.key(at: $0) }
          firstRecordPending = true
          break
        }
      }
    }
    var detected = expected
    if detected == nil {
      if options.hasHeader || self.format == .jsonl {
        detected = ColumnResolver.detectKind(fileName: path, header: header)
      } else {
        detected = ColumnResolver.detectKind(fileName: path, header: [])
      }
    }
    guard let kind = detected else { throw .unknownRecordKind(file: path, columnsSeen: header) }
    self.kind = kind
    if expected != nil && options.hasHeader {
      looksLike = ColumnResolver.kindTheHeaderFitsBetter(than: kind, header: header)
    }
    schema = .of(kind)
    resolver = try ColumnResolver(schema: schema, options: options)
    slots = Array(repeating: nil, count: schema.fields.count)
    nullFields = NullFields(count: schema.fields.count)
    ranks = Array(repeating: Int.max, count: schema.fields.count)
    fieldMembers = Array(repeating: -1, count: schema.fields.count)
    nestedIgnored = Array(repeating: 0, count: schema.fields.count)
    keyNoted = Array(repeating: false, count: schema.fields.count)
    mappedKeySeen = Array(repeating: false, count: schema.fields.count)
    mappedOnly = Array(repeating: false, count: schema.fields.count)
    for (f, _) in resolver.overrides where !resolver.shared.contains(f) { mappedOnly[f] = true }
    if let csv {
      if options.hasHeader {
        columnOfField = try resolver.resolve(header: csv.header, file: path)
        for (f, c) in columnOfField.enumerated() where c >= 0 {
          columnsUsed.append((schema.fields[f].name, csv.header[c]))
        }
      } else {
        // The columns come in the order Aftershock writes them (`RecordKind.columnOrder`); a
        // `--map field=N` moves a field to column N, which then feeds no other field.
        columnOfField = Array(repeating: -1, count: schema.fields.count)
        for (c, f) in schema.columnOrder.enumerated() { columnOfField[f] = c }
        var moved: [(field: Int, column: Int)] = []
        for (f, column) in resolver.overrides {
          guard let number = Int(column.trimmingASCIIWhitespace()), number >= 1 else {
            throw .invalidOverride(
              override: "\(schema.fields[f].name)=\(column)",
              expected: "a 1-based column number when the input has no header")
          }
          moved.append((f, number - 1))
        }
        for (f, c) in columnOfField.enumerated() where moved.contains(where: { $0.column == c && $0.field != f }) {
          columnOfField[f] = -1
        }
        for (f, c) in moved { columnOfField[f] = c }
        headerlessColumns = columnOfField
        for (f, c) in columnOfField.enumerated().filter({ $0.element >= 0 }).sorted(by: { $0.element < $1.element }) {
          columnsUsed.append((schema.fields[f].name, "column \(c + 1)"))
        }
      }
    }
  }

  /// Blank rows and rows of delimiters only skipped (CSV and TSV).
  var emptyRowsSkipped: Int { csv?.emptyRowsSkipped ?? 0 }

  /// The line on which the current record ends (after `line` when a quoted CSV field holds line ends).
  var lastLine: Int { csv?.lastLine ?? line }

  /// The current record's raw text cut to 1 KiB.
  var rawExcerpt: String { csv?.rawExcerpt ?? json?.rawExcerpt ?? "" }

  /// Bytes read from the input so far.
  var bytesRead: Int64 { csv?.bytesRead ?? json?.bytesRead ?? 0 }

  /// Moves to the next record (filling `slots`) or quarantine entry; nil at the end.
  func next() throws(IngestError) -> Event? {
    if !pending.isEmpty { return pending.removeFirst() }
    if let csv {
      while true {
        guard let event = try csv.nextRecord() else {
          // The file ended after one-field lines that followed an empty row: a report's footer, or
          // ragged rows when none of them says it is one.
          pending = footer.finish().map { .malformed($0) }
          return pending.isEmpty ? nil : pending.removeFirst()
        }
        line = csv.line
        switch event {
        case .malformed(var entry):
          if footer.holds(entry, reader: csv) { continue }
          // A row whose fields do not line up, or with a field too long, still has its id where the
          // header puts it when the fault lies after it ("ACC-1,Acme, Inc.,smb"): named, the
          // account's tickets say it was quarantined, not that no such account exists.
          if entry.recordID == nil, entry.reason == .raggedRow || entry.reason == .fieldTooLong,
            let column = columnOfField.first, column >= 0, column < csv.fieldCount
          {
            let id = FieldParser.trim(csv.fieldBytes(column))
            if id.count > 0, id.count <= 256,
              ByteScan.firstEncodingProblem(id.baseAddress!.assumingMemoryBound(to: UInt8.self), id.count) == nil
            {
              entry.recordID = String(decoding: id, as: UTF8.self)
            }
          }
          return releasingHeldFooter(before: .malformed(entry))
        case .record:
          for f in 0..<columnOfField.count {
            let c = columnOfField[f]
            slots[f] = c >= 0 && c < csv.fieldCount ? csv.fieldBytes(c) : nil
          }
          if dataRecordsSeen < 2, isExtraHeaderRow(csv) {
            headerRowsSkipped += 1
            if kind == .surveys { adoptQuestionColumns(csv) }
            continue
          }
          // The header again (two exports concatenated, its byte-order mark kept): no record. An
          // outside audit's was quarantined as "created_at 'created_at' is not a date".
          if csv.repeatsHeader() {
            repeatedHeaderRowsSkipped += 1
            continue
          }
          dataRecordsSeen += 1
          return releasingHeldFooter(before: .record)
        }
      }
    }
    guard let json else { return nil }
    if firstRecordPending {
      firstRecordPending = false
      line = json.line
      fillSlots(json)
      return nestedFieldEntry(json) ?? booleanTextEntry(json) ?? repeatedKeyEntry(json) ?? .record
    }
    guard let event = try json.nextRecord() else {
      try checkMappedKeys()
      return nil
    }
    line = json.line
    if case .malformed(let entry) = event { return .malformed(entry) }
    fillSlots(json)
    return nestedFieldEntry(json) ?? booleanTextEntry(json) ?? repeatedKeyEntry(json) ?? .record
  }

  /// `event`, after the one-field lines held as a possible footer (quarantined as the ragged rows
  /// they are, since the file goes on): the first event now, the rest from `pending`.
  private func releasingHeldFooter(before event: Event) -> Event {
    let held = footer.release()
    guard !held.isEmpty else { return event }
    pending = held.map { .malformed($0) } + [event]
    return pending.removeFirst()
  }

  /// A required field fed by a nested object or array quarantines the record (other nested
  /// members are left alone): the field needs a plain value.
  private func nestedFieldEntry(_ reader: JSONLinesReader) -> Event? {
    guard let (member, field) = nestedField else { return nil }
    let name = reader.key(at: member)
    let what = reader.withValue(member) { $0.first == UInt8(ascii: "[") } ? "an array" : "an object"
    let id = field != 0 ? slots[0].map { String(decoding: FieldParser.trim($0), as: UTF8.self) } : nil
    return .malformed(
      QuarantineEntry(
        file: file, line: line, recordID: id, reason: .nestedValue,
        detail: "member '\(name)' (field \(schema.fields[field].name)) holds \(what); the field needs a plain value",
        raw: reader.rawExcerpt))
  }

  /// A record that gives a key twice with different values is quarantined (`conflicting_fields`).
  private func repeatedKeyEntry(_ reader: JSONLinesReader) -> Event? {
    guard let (first, repeated) = repeatedKey else { return nil }
    let id = fieldMembers[0] != first ? slots[0].map { String(decoding: FieldParser.trim($0), as: UTF8.self) } : nil
    return .malformed(
      QuarantineEntry(
        file: file, line: line, recordID: id, reason: .conflictingFields,
        detail: "key '\(reader.key(at: first))' is given twice with different values (members \(first + 1) and "
          + "\(repeated + 1)): which one the export meant is unknown",
        raw: reader.rawExcerpt))
  }

  /// A text field given `true` or `false` quarantines the record: there is no text to score,
  /// and the word would be scored as English ("true" reads as positive).
  private func booleanTextEntry(_ reader: JSONLinesReader) -> Event? {
    guard let (member, field) = booleanTextField else { return nil }
    let value = reader.string(at: member)
    let id = field != 0 ? slots[0].map { String(decoding: FieldParser.trim($0), as: UTF8.self) } : nil
    return .malformed(
      QuarantineEntry(
        file: file, line: line, recordID: id, reason: .notText,
        detail:
          "member '\(reader.key(at: member))' (field \(schema.fields[field].name)) holds the JSON boolean \(value), "
          + "not text; give the text as a JSON string",
        raw: reader.rawExcerpt))
  }

  private func fillSlots(_ reader: JSONLinesReader) {
    anyObjectRead = true
    nullFields.reset()
    for f in slots.indices {
      slots[f] = nil
      ranks[f] = Int.max
      fieldMembers[f] = -1
    }
    repeatedKey = nil
    for m in 0..<reader.memberCount {
      let key = reader.keyBytes(m)
      let h = ByteScan.hash(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count)
      let match: ColumnResolver.Match?
      if let cached = keyCache[h] {
        match = cached
      } else {
        // Each distinct key is looked up here once (while the cache has room): noted then.
        match = resolver.match(String(decoding: key, as: UTF8.self))
        if keyCache.count < 4096 { keyCache[h] = match }
        keysSeen.note(key)
        if let match, match.rank == 0 { mappedKeySeen[match.field] = true }
      }
      guard let match, match.rank == 0 || !mappedOnly[match.field] else { continue }
      if reader.valueKind(m) == .null {
        nullFields.mark(match.field)
        continue
      }
      guard match.rank < ranks[match.field] else {
        // The same key again ({"description": "Great", "description": "We will cancel"}): which
        // value the export meant is unknown, so the record is not read either way (an outside
        // audit's was read with the first value, where most JSON readers take the last).
        let first = fieldMembers[match.field]
        if repeatedKey == nil, first >= 0, match.rank == ranks[match.field],
          reader.keyBytes(first).elementsEqual(key), !reader.valueBytes(first).elementsEqual(reader.valueBytes(m))
        {
          repeatedKey = (first, m)
        }
        continue
      }
      slots[match.field] = reader.valueBytes(m)
      ranks[match.field] = match.rank
      fieldMembers[match.field] = m
    }
    // A required field needs its plain value: the record is quarantined (`next`). An optional one
    // given an object or array (Zendesk's `via` for the channel) is left empty and counted. A
    // text field given `true` or `false` quarantines the record too.
    nestedField = nil
    booleanTextField = nil
    for (field, member) in fieldMembers.enumerated() where member >= 0 {
      // JSON Lines: the first key that gives a field a value is the one reported as its column.
      if !keyNoted[field] { noteKey(reader.key(at: member), of: field) }
      switch reader.valueKind(member) {
      case .nested:
        if schema.fields[field].required {
          if nestedField == nil { nestedField = (member, field) }
        } else {
          slots[field] = nil
          nestedIgnored[field] += 1
        }
      case .boolean where schema.fields[field].isText:
        if booleanTextField == nil { booleanTextField = (member, field) }
      default:
        break
      }
    }
  }

  /// At the end of a JSON Lines input: a `--map field=key` (not one shared by several inputs,
  /// used only where its column is) whose key no record had is refused, as a CSV header without
  /// the mapped column is (`ColumnResolver.resolve`), naming the keys the input has. Its records
  /// were read without that field, so the input fails as a whole rather than be counted.
  private func checkMappedKeys() throws(IngestError) {
    // An input without one well-formed object tells nothing of its keys (and read nothing without them).
    guard !mappedKeysChecked, anyObjectRead else { return }
    mappedKeysChecked = true
    for (f, key) in resolver.overrides where !resolver.shared.contains(f) && !mappedKeySeen[f] {
      let field = (resolver.scoped.contains(f) ? "\(schema.kind.rawValue)." : "") + schema.fields[f].name
      throw .mappedKeyNotFound(file: file, field: field, key: key, keysSeen: keysSeen.keys, moreKeys: keysSeen.more)
    }
  }

  /// Adds a JSON key to `columnsUsed`, which stays in schema order.
  private func noteKey(_ key: String, of field: Int) {
    keyNoted[field] = true
    let before = keyNoted[..<field].filter { $0 }.count
    columnsUsed.insert((schema.fields[field].name, key), at: before)
  }

  /// A Qualtrics export names its questions by tag (`Q2`, `Q3`), which no alias can match. When no
  /// column feeds `comment`, the one text-entry question (ImportId `QID<n>_TEXT`; not an "Other,
  /// please specify" box, `QID2_5_TEXT`) among the columns no field reads is taken for it; two are
  /// left to `--map`. The question-text row is kept until the ImportId row. Scores are not taken
  /// this way: which choice question is a satisfaction score no wording tells reliably. The column
  /// is recorded as `Q3 (question: Anything else?)`, so `validate` and the manifest show it.
  private func adoptQuestionColumns(_ reader: CSVReader) {
    let count = min(reader.fieldCount, reader.header.count)
    guard ExtraHeaderRows.hasImportIDCell(reader) else {
      // The question-text row: kept for the ImportId row.
      questions = (0..<count).map { reader.string(at: $0).trimmingASCIIWhitespace() }
      return
    }
    defer { questions = [] }
    guard let f = schema.fieldIndex(named: "comment"), columnOfField[f] < 0 else { return }
    let columns = ExtraHeaderRows.textEntryColumns(
      reader, resolver: resolver, excluding: Set(columnOfField.filter { $0 >= 0 }))
    guard columns.count == 1, let c = columns.first else { return }
    columnOfField[f] = c
    let question = c < questions.count ? questions[c] : ""
    let shown = question.count > 60 ? String(question.prefix(57)) + "..." : question
    let label = reader.header[c] + (shown.isEmpty ? "" : " (question: \(shown))")
    let before = columnsUsed.filter { used in schema.fieldIndex(named: used.field).map { $0 < f } ?? false }.count
    columnsUsed.insert((schema.fields[f].name, label), at: before)
  }

  /// Qualtrics exports put the question text and an ImportId JSON row under the header; they are not records.
  private func isExtraHeaderRow(_ reader: CSVReader) -> Bool {
    if ExtraHeaderRows.hasImportIDCell(reader) { return true }
    // A question-text row labels the id column with a name of that column ("Response ID").
    guard let idBytes = slots[0] else { return false }
    let text = Schema.normalize(String(decoding: FieldParser.trim(idBytes), as: UTF8.self))
    guard !text.isEmpty else { return false }
    let columnName =
      columnOfField[0] >= 0 && columnOfField[0] < reader.header.count
      ? Schema.normalize(reader.header[columnOfField[0]]) : ""
    return text == columnName || schema.fields[0].aliases.contains(text)
  }
}
