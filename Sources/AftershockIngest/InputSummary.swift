/// Counts for one input: `read == accepted + quarantined` always holds.
public struct InputSummary: Sendable, Equatable {
  /// The input's path as given (`-` for stdin).
  public var file: String
  /// The format it was read as.
  public var format: InputFormat
  /// The record kind it was read as.
  public var kind: RecordKind
  /// Records read (blank lines, rows of delimiters only, skipped extra header rows and a report's footer are not records).
  public var read = 0
  /// Records that became typed values.
  public var accepted = 0
  /// Records that became quarantine entries.
  public var quarantined = 0
  /// Quarantined records by reason.
  public var quarantinedByReason: [QuarantineReason: Int] = [:]
  /// Extra header rows skipped (Qualtrics question text and ImportId rows).
  public var headerRowsSkipped = 0
  /// Rows further down that repeat the header (two exports concatenated), skipped.
  public var repeatedHeaderRowsSkipped = 0
  /// One-field lines after an empty row at the end of a CSV skipped as a report's footer (Salesforce).
  public var footerRowsSkipped = 0
  /// Blank rows and rows made only of delimiters (`,,,,`) skipped.
  public var emptyRowsSkipped = 0
  /// Numbers read with one grouping mark (`1.125` as 1125 in a `;` file) in an input where other
  /// numbers were refused because only the other decimal mark reads them: nil when either is 0.
  public var decimalMarkConflict: DecimalMarkConflict?
  /// The currencies the accounts' ARR is written in (symbol or ISO code → amounts), when it
  /// names more than one: amounts are read as numbers, never converted, so a sum of them mixes
  /// currencies (an outside audit's file added yen to dollars unwarned). Nil otherwise.
  public var arrCurrencies: [String: Int]?

  /// Numbers read as thousands (one grouping mark) and numbers refused for the other decimal mark.
  public struct DecimalMarkConflict: Sendable, Equatable {
    public var readWithGrouping: Int
    public var refused: Int
  }
  /// Numeric dates quarantined as ambiguous (no `--date-order`), with the input's dates that only
  /// one order reads, which tell the order of the rest: nil when no date was ambiguous.
  public var dateOrderEvidence: DateOrderEvidence?

  /// Ambiguous numeric dates, and the dates read only day first and only month first (with the
  /// first of each, as written).
  public struct DateOrderEvidence: Sendable, Equatable, Codable {
    public var ambiguous: Int
    public var dayFirst: Int
    public var monthFirst: Int
    public var dayFirstExample: String
    public var monthFirstExample: String

    public init(ambiguous: Int, dayFirst: Int, monthFirst: Int, dayFirstExample: String, monthFirstExample: String) {
      self.ambiguous = ambiguous
      self.dayFirst = dayFirst
      self.monthFirst = monthFirst
      self.dayFirstExample = dayFirstExample
      self.monthFirstExample = monthFirstExample
    }

    /// What the ambiguous dates of `file` were, and the `--date-order` the file's other dates
    /// point to (or that they point both ways, or nowhere).
    public func warning(file: String) -> String {
      let plural = ambiguous == 1 ? "date was" : "dates were"
      return "\(file): \(ambiguous) numeric \(plural) quarantined as ambiguous (day and month could be either way "
        + "round, e.g. 03/04/2024); " + advice
    }

    /// The `--date-order` the input's dates that only one order reads point to, or that they point
    /// both ways, or that none tells.
    public var advice: String {
      func some(_ count: Int) -> String { count == 1 ? "1 date" : "\(count) dates" }
      switch (dayFirst > 0, monthFirst > 0) {
      case (true, false):
        return "its other numeric dates read only day first (\(some(dayFirst)), e.g. '\(dayFirstExample)'): "
          + "read it again with --date-order dmy"
      case (false, true):
        return "its other numeric dates read only month first (\(some(monthFirst)), e.g. '\(monthFirstExample)'): "
          + "read it again with --date-order mdy"
      case (true, true):
        return "its numeric dates are written both ways (\(some(dayFirst)) only day first, e.g. '\(dayFirstExample)', "
          + "\(some(monthFirst)) only month first, e.g. '\(monthFirstExample)'), so no --date-order reads them all: "
          + "check how the file was exported"
      case (false, false):
        return "none of its dates tells the order: say which with --date-order mdy (month first, as US exports "
          + "write) or --date-order dmy (day first)"
      }
    }
  }
  /// Optional fields given a nested object or array (JSON Lines), left empty: field → records.
  public var nestedValuesLeftEmpty: [String: Int] = [:]
  /// Bytes read from the input.
  public var bytesRead: Int64 = 0
  /// Which column fed each field, in schema order: for CSV and TSV the header's column (for a file
  /// without a header, `column N` in column order), for JSON Lines the first key that gave the field
  /// a value. A field absent here is in `fieldsNotFound`.
  public var columns: [ColumnUse] = []
  /// The kind the input's header fits better than the kind it was read as (its columns are a
  /// tickets export's, given as the accounts), if any.
  public var looksLike: RecordKind?

  /// One field-to-column assignment.
  public struct ColumnUse: Sendable, Equatable {
    /// The canonical field name.
    public var field: String
    /// The column it was read from.
    public var column: String
  }

  /// Creates empty counts for an input.
  public init(file: String, format: InputFormat, kind: RecordKind) {
    self.file = file
    self.format = format
    self.kind = kind
  }

  /// The fields no column (or JSON key) fed, in schema order: left empty in every record. A CSV
  /// input lacking a required field is refused as a whole, so these are optional fields there
  /// (a Qualtrics export whose questions match no name has no `nps`, `csat` or `comment`).
  public var fieldsNotFound: [String] {
    Schema.of(kind).fields.map(\.name).filter { name in !columns.contains { $0.field == name } }
  }

  /// The warning for an input whose numbers contradict its decimal mark (`decimalMarkConflict`).
  public static func decimalMarkWarning(file: String, readWithGrouping: Int, refused: Int) -> String {
    "\(file): \(refused) number(s) were quarantined because only the other decimal mark reads them, and "
      + "\(readWithGrouping) number(s) with one grouping mark and three digits after it (1.125 in a ;-separated "
      + "file, 1,125 in a ,-separated one) were read as thousands: if the file writes its decimals the other way, "
      + "those are 1000 times too large; "
      + "read it again with --decimal-mark"
  }

  /// The sentence that explains `invalid_utf8` records in `file` and gives the command that converts
  /// it: a Windows-1252 or Latin-1 save (Excel's "CSV (Comma delimited)") has them wherever a
  /// record holds an accent or a curly quote.
  public static func windows1252Hint(file: String) -> String {
    // The converted file keeps the extension, so it is read as the same format (a .tsv stays a .tsv).
    let name = file.split(separator: "/").last ?? ""
    let ext = name.lastIndex(of: ".").map { name[$0...].lowercased() } ?? ""
    let converted = [".tsv", ".tab", ".txt", ".jsonl", ".ndjson"].contains(ext) ? "converted" + ext : "converted.csv"
    return "a file saved as Windows-1252 or Latin-1 looks like this wherever it has an accent or a curly quote: "
      + "convert it with iconv -f WINDOWS-1252 -t UTF-8 \(ShellWord.quoted(file)) > \(converted)"
  }

  /// The rows skipped as no records, by what they were (`extra_header`, `empty`, `footer`), the
  /// non-zero counts only: a run's manifest records them per input.
  public var rowsSkipped: [String: Int] {
    var counts: [String: Int] = [:]
    if headerRowsSkipped > 0 { counts["extra_header"] = headerRowsSkipped }
    if repeatedHeaderRowsSkipped > 0 { counts["repeated_header"] = repeatedHeaderRowsSkipped }
    if emptyRowsSkipped > 0 { counts["empty"] = emptyRowsSkipped }
    if footerRowsSkipped > 0 { counts["footer"] = footerRowsSkipped }
    return counts
  }

  /// `rowsSkipped` in words, for a summary line ("skipped 2 extra header rows, 1 empty row"); empty when none.
  public static func describeSkipped(_ counts: [String: Int]) -> String {
    let names: [(key: String, one: String, many: String)] = [
      ("extra_header", "extra header row", "extra header rows"), ("empty", "empty row", "empty rows"),
      ("footer", "footer line", "footer lines"),
    ]
    let parts = names.compactMap { name in
      counts[name.key].flatMap { $0 > 0 ? "\($0) \($0 == 1 ? name.one : name.many)" : nil }
    }
    return parts.isEmpty ? "" : "skipped " + parts.joined(separator: ", ")
  }

  /// The quarantined share of records read (0 when nothing was read).
  public var quarantinedShare: Double { read == 0 ? 0 : Double(quarantined) / Double(read) }

  mutating func countAccepted() {
    read += 1
    accepted += 1
  }

  mutating func countQuarantined(_ reason: QuarantineReason) {
    read += 1
    quarantined += 1
    quarantinedByReason[reason, default: 0] += 1
  }
}
