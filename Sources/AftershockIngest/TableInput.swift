/// An input opened by the one rule every command reads with: its format from `--format`, else its
/// name's extension, else its first bytes (`{` starts JSON Lines; a first line with tabs and no
/// comma is TSV); a CSV whose first line has tabs and no comma is read as the TSV it is (Excel's
/// "Text (Tab delimited)" saved as `.csv`), and one whose first line has semicolons and no comma
/// or tab splits on `;` (spreadsheets in many locales export such "CSV").
///
/// A JSON array (`[ {...}, ... ]`) is refused as a whole with the `jq` line that converts it to
/// JSON Lines, and so is JSON Lines read as CSV or TSV, naming `--format jsonl`. So are a
/// compressed file or a spreadsheet workbook (`BinaryFormat`), and UTF-16 or UTF-32 text without
/// a byte-order mark (with one, `ByteSource` refuses it), each with what to do instead.
///
/// The first bytes are looked at in the reader's own buffer, so standard input and pipes are
/// sniffed like files and nothing is read twice.
package enum TableInput {
  /// A CSV or TSV input (which of the two in `format`), its header read when it has one.
  case delimited(CSVReader, format: InputFormat)
  /// A JSON Lines input.
  case jsonLines(JSONLinesReader)

  /// How many bytes are looked at to find the format and the delimiter.
  static let sniffBytes = 4096

  /// Opens `path` (`-` for standard input); `format` and `delimiter` override what the bytes say.
  package static func open(
    path: String, format: InputFormat? = nil, delimiter: UInt8? = nil, hasHeader: Bool = true,
    limits: IngestLimits = IngestLimits()
  ) throws(IngestError) -> TableInput {
    let source = try ByteSource(path: path, limits: limits)
    try source.prefetch(sniffBytes)
    if let binary = BinaryFormat(sniffing: source.available, fileName: path) {
      throw .binaryInput(file: path, format: binary)
    }
    if let encoding = InputFormat.wideEncodingWithoutMark(source.available) {
      throw .notUTF8WithoutMark(
        file: path, encoding: encoding,
        tabSeparated: InputFormat.wideFirstLineHasTab(source.available, encoding, markWidth: 0))
    }
    var resolved = format ?? InputFormat(fileName: path)
    if resolved == nil {
      try source.prefetch(sniffBytes)
      resolved = InputFormat.sniff(source.available)
    }
    // A JSON array is refused whatever the format: read as JSON Lines or as CSV, each of its lines
    // would be quarantined. JSON Lines read as CSV or TSV (`--format csv`, or a `.csv` name) is
    // refused naming the format to give, as the header would otherwise be a JSON object.
    try source.prefetch(sniffBytes)
    if InputFormat.startsJSONArray(source.available) { throw .jsonArray(file: path) }
    if let chosen = resolved, chosen != .jsonl, InputFormat.startsJSONObject(source.available) {
      throw .formatMismatch(file: path, readAs: chosen, looksLike: .jsonl)
    }
    switch resolved ?? .csv {
    case .jsonl:
      // Chosen by --format or the name, not by the bytes: CSV read as JSON Lines would be
      // quarantined line by line (header included) and score nothing; refuse it, as JSON Lines
      // read as CSV is.
      try source.prefetch(sniffBytes)
      if let looksLike = InputFormat.delimitedInsteadOfJSONLines(source.available) {
        throw .formatMismatch(file: path, readAs: .jsonl, looksLike: looksLike)
      }
      return .jsonLines(JSONLinesReader(source: source, limits: limits))
    case var kind:
      var separator = delimiter ?? (kind == .tsv ? ByteScan.tab : ByteScan.comma)
      if delimiter == nil, kind == .csv {
        try source.prefetch(sniffBytes)
        if InputFormat.firstLineUsesTabs(source.available) {
          (kind, separator) = (.tsv, ByteScan.tab)
        } else if InputFormat.firstLineUsesSemicolons(source.available) {
          separator = UInt8(ascii: ";")
        }
      }
      let reader = try CSVReader(source: source, delimiter: separator, hasHeader: hasHeader, limits: limits)
      return .delimited(reader, format: kind)
    }
  }

  /// The input's format.
  package var format: InputFormat {
    switch self {
    case .delimited(_, let format): format
    case .jsonLines: .jsonl
    }
  }
}
