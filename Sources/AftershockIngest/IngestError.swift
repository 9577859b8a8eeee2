/// Why an input of AftershockIngest could not be read as a whole (record-level problems are quarantine entries, not errors).
public enum IngestError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file could not be opened (missing, no permission, ...).
  case cannotOpen(file: String, reason: String)
  /// Reading the file failed part-way (I/O error, a directory given as a file, ...).
  case readFailed(file: String, reason: String)
  /// The input has no header row (empty file or only blank lines).
  case emptyInput(file: String)
  /// The input is UTF-16 or UTF-32 (a byte-order mark says so), not UTF-8.
  case notUTF8(file: String, encoding: String, tabSeparated: Bool)
  /// The input is UTF-16 or UTF-32 without a byte-order mark (its zero bytes say so), not UTF-8.
  case notUTF8WithoutMark(file: String, encoding: String, tabSeparated: Bool)
  /// The input is a compressed file or a spreadsheet workbook, not text.
  case binaryInput(file: String, format: BinaryFormat)
  /// The header row is longer than the record bound (`IngestLimits.maxRecordBytes`).
  case headerTooLong(file: String, line: Int, limit: Int)
  /// The header row opens a quote that is not closed on its line: in `column` (1-based), whose text
  /// starts with `opening`.
  case headerQuoteNotClosed(file: String, line: Int, column: Int, opening: String)
  /// Two or more header columns (`columns`, at the 1-based `positions`) have one name, up to case
  /// and punctuation, that a field (`field`) reads: which of them holds its values is not known.
  case duplicateColumn(file: String, columns: [String], positions: [Int], field: String)
  /// Required fields have no matching column; carries every alias tried and the columns seen.
  case missingColumns(file: String, kind: RecordKind, missing: [MissingField], columnsSeen: [String])
  /// A `--map field=column` override names a column the input does not have.
  case mappedColumnNotFound(file: String, field: String, column: String, columnsSeen: [String])
  /// A `--map field=key` override names a key that no record of a JSON Lines input has (known
  /// only once the input was read to its end: a key may first appear on any line). `keysSeen`
  /// are the input's keys in the order first seen, up to `JSONLinesKeys.limit`; `moreKeys` says
  /// there were more.
  case mappedKeyNotFound(file: String, field: String, key: String, keysSeen: [String], moreKeys: Bool)
  /// A `--map` override is not of the form `field=column` or names an unknown field.
  case invalidOverride(override: String, expected: String)
  /// `--map` reads one field from two columns (`--map body=subject --map body=channel`).
  case conflictingOverrides(field: String, columns: [String])
  /// The record kind (accounts, tickets, surveys) could not be told from the file name or its columns.
  case unknownRecordKind(file: String, columnsSeen: [String])
  /// A directory given to `validate` holds none of the known input files; `misnamed` are its files
  /// named as one but for case (`Accounts.csv`).
  case noKnownInputs(directory: String, expected: [String], misnamed: [String] = [])
  /// A folder holds more than one file for one kind of input (`accounts.csv` and `accounts.jsonl`).
  case ambiguousInput(what: String, files: [String])
  /// An input's name is there but is not a file that can be read (a dangling link, a folder).
  case unusableInput(path: String, reason: String)
  /// The input was read in one format (`--format`, or its name's extension) but its first bytes
  /// are another's: JSON Lines read as CSV, or CSV read as JSON Lines. Every line would be
  /// quarantined or the header taken for text, so the input is refused whole.
  case formatMismatch(file: String, readAs: InputFormat, looksLike: InputFormat)
  /// The input holds one JSON array (`[ {...}, {...} ]`, what most APIs return), not JSON Lines.
  case jsonArray(file: String)
  /// A `--map` override applies to none of the inputs: `reason` says why, naming the inputs, their kinds and columns.
  case unusedMapping(mapping: String, reason: String)

  /// A required field that no column matched, with the aliases that were tried.
  public struct MissingField: Equatable, Sendable {
    /// The canonical field name (`ticket_id`).
    public let field: String
    /// The normalised column names that would have matched.
    public let aliasesTried: [String]
    /// Creates a missing-field description.
    public init(field: String, aliasesTried: [String]) {
      self.field = field
      self.aliasesTried = aliasesTried
    }
  }

  /// One lowercase sentence naming the input and what to do.
  public var description: String {
    switch self {
    case .cannotOpen(let file, let reason):
      return "cannot open \(file): \(reason)"
    case .readFailed(let file, let reason):
      return "cannot read \(file): \(reason)"
    case .emptyInput(let file):
      return "\(file) is empty: expected a header row"
    case .notUTF8(let file, let encoding, let tabSeparated):
      return "\(file) is \(encoding) (its byte-order mark says so), not UTF-8: "
        + Self.conversion(file: file, encoding: encoding, tabSeparated: tabSeparated)
    case .notUTF8WithoutMark(let file, let encoding, let tabSeparated):
      let zeros = encoding.hasPrefix("UTF-32") ? "three zero bytes" : "a zero byte"
      return
        "\(Self.named(file)) looks \(encoding) without a byte-order mark (its letters come with \(zeros) each), not UTF-8: "
        + Self.conversion(file: file, encoding: encoding, tabSeparated: tabSeparated)
    case .binaryInput(let file, let format):
      return "\(Self.named(file)) looks \(format.looks), not CSV, TSV or JSON Lines text: \(format.advice(for: file))"
    case .headerTooLong(let file, let line, let limit):
      return
        "\(Self.named(file)): the header row (line \(line)) is longer than \(limit) bytes, the most a row may hold, so its "
        + "column names cannot be read; check that line \(line) is a header (a quote or a delimiter the file does not use "
        + "can run it into the data)"
    case .headerQuoteNotClosed(let file, let line, let column, let opening):
      return
        "\(Self.named(file)): the header row (line \(line)) has a quote that is never closed: column \(column) opens one (\(opening)); "
        + "remove that quote or close it on line \(line)"
    case .duplicateColumn(let file, let columns, let positions, let field):
      func list(_ items: [String]) -> String {
        items.count <= 2
          ? items.joined(separator: " and ")
          : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
      }
      let count = positions.count == 2 ? "two" : "\(positions.count)"
      var names: [String] = []
      for name in columns where !names.contains(name) { names.append(name) }
      let head =
        "\(Self.named(file)) has \(count) columns named \(list(names.map { "'\($0)'" })) (columns \(list(positions.map(String.init)))), "
        + "each of them read as \(field), so which one holds its values is not known: "
      guard names.count == columns.count else { return head + "rename or remove all but one of them" }
      return head + "pick one with --map \(field)=COLUMN (its exact name), or rename or remove the others"
    case .missingColumns(let file, let kind, let missing, let seen):
      let parts = missing.map { m in
        "'\(m.field)' (tried \(m.aliasesTried.joined(separator: ", ")))"
      }
      let text =
        "\(file) cannot be read as \(kind.rawValue): no column for required field "
        + parts.joined(separator: "; ")
        + "; columns seen: \(Self.shown(seen))\(Self.byteOrderMarkHint(seen)); use --map field=column to name one"
      guard let other = ColumnResolver.kindTheHeaderFitsBetter(than: kind, header: seen) else { return text }
      return text
        + "; this looks like a\(other == .accounts ? "n" : "") \(other.rawValue) file: were the inputs swapped?"
    case .mappedColumnNotFound(let file, let field, let column, let seen):
      return
        "\(file) has no column '\(InvisibleCharacters.escaped(column))' for --map \(field)=\(column); columns seen: "
        + Self.shown(seen) + Self.byteOrderMarkHint(seen)
    case .mappedKeyNotFound(let file, let field, let key, let seen, let more):
      return
        "\(Self.named(file)) has no key '\(InvisibleCharacters.escaped(key))' in any record for --map \(field)=\(key); "
        + "keys seen: \(JSONLinesKeys.shown(seen, more: more))"
        + JSONLinesKeys.nestedHint(key: key, seen: seen, file: file)
    case .invalidOverride(let override, let expected):
      return "invalid mapping '\(override)': expected \(expected)"
    case .conflictingOverrides(let field, let columns):
      return "--map gives field '\(field)' more than once ("
        + columns.map { "\(field)=\($0)" }.joined(separator: ", ") + "); give one column per field"
    case .unknownRecordKind(let file, let seen):
      return "cannot tell whether \(file) holds accounts, tickets or surveys from its name or "
        + "columns (\(Self.shown(seen)))\(Self.byteOrderMarkHint(seen))"
    case .noKnownInputs(let directory, let expected, let misnamed):
      return "\(directory) holds none of the expected inputs (\(expected.joined(separator: ", ")))"
        + (misnamed.isEmpty ? "" : "; " + InputFolder.misnamedNote(misnamed))
    case .ambiguousInput(let what, let files):
      return "\(files.joined(separator: " and ")) are \(files.count == 2 ? "both" : "all") \(what) inputs: "
        + "keep one in the folder, or name the inputs one by one"
    case .unusableInput(let path, let reason):
      return "\(path) cannot be read: it is \(reason)"
    case .formatMismatch(let file, let readAs, let looksLike):
      return "\(file) looks like \(looksLike.name) but was read as \(readAs.name); give --format \(looksLike.rawValue)"
    case .jsonArray(let file):
      guard file != "-" else {
        return "standard input holds a JSON array, not JSON Lines; convert it with: jq -c '.[]' > converted.jsonl"
      }
      return "\(file) holds a JSON array, not JSON Lines; convert it with: jq -c '.[]' \(ShellWord.quoted(file)) > "
        + ShellWord.quoted(Self.jsonLinesName(for: file))
    case .unusedMapping(let mapping, let reason):
      return "--map \(mapping) applies to no input: \(reason)"
    }
  }

  /// Column names for a message, invisible characters written out (`\u{FEFF}ticket_id`).
  static func shown(_ columns: [String]) -> String {
    columns.map(InvisibleCharacters.escaped).joined(separator: ", ")
  }

  /// What a byte-order mark left at the start of a column name means: the file was saved with a
  /// second one (the reader takes off one), so the first column's name is not what it reads as.
  static func byteOrderMarkHint(_ columns: [String]) -> String {
    guard let first = columns.first, first.unicodeScalars.first == "\u{FEFF}" else { return "" }
    return " (the first column's name starts with a second byte-order mark, \\u{FEFF}: save the file as UTF-8 "
      + "with at most one)"
  }

  /// The input in a sentence: its path, or "standard input" for `-`.
  static func named(_ file: String) -> String { file == "-" ? "standard input" : file }

  /// How to make UTF-8 of `file` in `encoding`: the spreadsheet's menu, or the `iconv` line. The
  /// converted file keeps a name its format is read by: tabs make it a .tsv.
  static func conversion(file: String, encoding: String, tabSeparated: Bool) -> String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    let ext = name.lastIndex(of: ".").map { name[$0...].lowercased() } ?? ""
    let converted =
      tabSeparated
      ? "converted.tsv" : [".tsv", ".tab", ".jsonl", ".ndjson"].contains(ext) ? "converted" + ext : "converted.csv"
    let source = file == "-" ? "" : " " + ShellWord.quoted(file)
    return
      "save it as UTF-8 (\"CSV UTF-8\" in Excel) or convert it, e.g. iconv -f \(encoding) -t UTF-8\(source) > \(converted)"
  }

  /// The name of the JSON Lines file converted from `file`: its name with `.jsonl` for its extension,
  /// never `file` itself.
  static func jsonLinesName(for file: String) -> String {
    let base = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
    var stem = file
    if let dot = base.lastIndex(of: "."), dot != base.startIndex {
      stem = String(file.dropLast(base.distance(from: dot, to: base.endIndex)))
    }
    let name = stem + ".jsonl"
    return name == file ? stem + ".lines.jsonl" : name
  }
}
