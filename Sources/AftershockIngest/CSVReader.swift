/// A streaming RFC 4180 reader over UTF-8 bytes that hands out the current record as field byte ranges.
///
/// The reader owns one buffer of `maxRecordBytes + blockSize` bytes and fills it with `read(2)`;
/// memory stays flat whatever the file size. Quoted fields, `""` escapes, newlines inside quotes,
/// CRLF or LF (or a lone CR) line ends, a leading UTF-8 BOM and blank lines (skipped, not records)
/// are handled. Malformed records come back as `.malformed(QuarantineEntry)` and reading goes on.
/// A quote inside an unquoted field is kept as a literal; text after a closing quote is kept too.
///
/// A stray quote: a quoted field that runs over line ends and leaves a broken record (a field
/// count other than the header's, text after the quote that closes it, or a quote still open at
/// the end of the file) is taken for one unclosed quote. Only the record's first physical line is
/// quarantined (`unterminated_quote`) and reading resumes on the next line, so the rows the quote
/// would have swallowed are read as rows. A well-formed quoted multi-line field in a record with
/// the right field count stays one record. Recovery needs no extra memory: the broken record is
/// still in the buffer (it is within `maxRecordBytes`).
///
/// Oversized records: once a record passes `maxRecordBytes` it is quarantined and the reader skips
/// to the next line end *outside quotes*, reading quotes as the parser does and counting fields
/// (`OversizedRecordScan`), so the stray-quote rule above is applied to it too. A record that
/// passes it (the header's field count, every quote closed before a delimiter or line end) is
/// `record_too_long`. One that fails it (two stray quotes further apart than the bound, the second
/// "closing" the first; or a quote still open at the end of the input) was made by a stray quote:
/// the input is read again from the line after the record's first line, and only that first line
/// is quarantined. A file (or stdin redirected from one) is moved back with one `lseek`; a pipe has
/// the bytes of the skip copied to a temporary file as they go by (`ByteSource.keepForRestart`)
/// and is read from that copy, then on from the pipe, so standard input reads as the same file
/// would. Nothing is ever buffered whole in memory.
public final class CSVReader {
  /// What `nextRecord()` found.
  public enum Event {
    /// A well-formed record is current: read it with `fieldCount`, `withField(_:_:)`, `string(at:)`.
    case record
    /// A record was rejected; the entry says where and why.
    case malformed(QuarantineEntry)
  }

  struct FieldSpan {
    var start: Int32
    var end: Int32
    /// 0: plain bytes; 1: quoted with `""` escapes to undo; 2: quoted part followed by literal text.
    var kind: UInt8
  }

  enum ParseOutcome {
    case complete(next: Int, contentEnd: Int, lines: Int)
    case needMore(resumeAt: Int, inQuotes: Bool, lines: Int)
    case unterminated(lines: Int)
    case endOfInput
  }

  /// The input's path as given (`-` for stdin).
  public let file: String
  /// The field delimiter byte (`,`, `;` or tab); a first line `sep=;` (Excel's hint) sets it.
  public private(set) var delimiter: UInt8
  /// The header's column names (empty in no-header mode).
  public private(set) var header: [String] = []
  /// The 1-based line on which the current record starts.
  @exclusivity(unchecked) public private(set) var line = 0
  /// The 1-based line on which the current record ends (after `line` when a quoted field holds line ends).
  var lastLine: Int { max(line, nextLine - 1) }
  /// How many fields the current record has.
  @exclusivity(unchecked) public private(set) var fieldCount = 0
  /// Whether rows made only of delimiters (`,,,,`, left by Excel) are skipped like blank lines. (A
  /// row with one empty field more than the header after a trailing delimiter stays a ragged row:
  /// `T1,A1,2024-11-01,The outage was bad, we are leaving,` is a text with an unquoted comma, and no
  /// rule tells it from a row written with a trailing delimiter without misreading one of them.)
  /// Off for a plain CSV reading (`,,` is a record of empty fields); on for typed records.
  @exclusivity(unchecked) public var skipsSpreadsheetArtefacts = false
  /// Rows skipped as empty so far: blank lines, and rows of delimiters only with `skipsSpreadsheetArtefacts`.
  @exclusivity(unchecked) public private(set) var emptyRowsSkipped = 0
  /// Whether an empty row came right before the current record (where a report's footer starts).
  @exclusivity(unchecked) public private(set) var followsEmptyRow = false
  @exclusivity(unchecked) private var emptyRowPending = false

  let source: ByteSource
  let limits: IngestLimits
  let hasHeader: Bool
  @exclusivity(unchecked) private var expectedFieldCount = -1
  @exclusivity(unchecked) private var nextLine = 1
  @exclusivity(unchecked) private var started = false
  @exclusivity(unchecked) private var fields: UnsafeMutablePointer<FieldSpan>
  @exclusivity(unchecked) private var fieldCapacity = 64
  @exclusivity(unchecked) private var longestField = 0
  @exclusivity(unchecked) private var recordStart = 0
  @exclusivity(unchecked) private var recordEnd = 0
  @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var arenaCapacity = 4096
  @exclusivity(unchecked) private var arenaUsed = 0

  /// Opens a CSV file (`-` for stdin); with `hasHeader` the first non-blank row becomes `header`.
  public convenience init(
    path: String, delimiter: UInt8 = UInt8(ascii: ","), hasHeader: Bool = true,
    limits: IngestLimits = IngestLimits()
  ) throws(IngestError) {
    let source = try ByteSource(path: path, limits: limits)
    try self.init(source: source, delimiter: delimiter, hasHeader: hasHeader, limits: limits)
  }

  init(source: ByteSource, delimiter: UInt8, hasHeader: Bool, limits: IngestLimits) throws(IngestError) {
    self.source = source
    self.file = source.path
    self.delimiter = delimiter
    self.hasHeader = hasHeader
    self.limits = limits
    fields = .allocate(capacity: fieldCapacity)
    arena = .allocate(capacity: arenaCapacity)
    if hasHeader { try readHeader() }
  }

  deinit {
    fields.deallocate()
    arena.deallocate()
  }

  /// Moves to the next record; nil at the end of the input.
  public func nextRecord() throws(IngestError) -> Event? {
    try startIfNeeded()
    while true {
      switch parse(from: source.start) {
      case .endOfInput:
        return nil
      case .needMore:
        if source.end - source.start > limits.maxRecordBytes { return .malformed(try skipOversized()) }
        try source.refill()
      case .unterminated(let lines):
        line = nextLine
        nextLine += lines
        recordStart = source.start
        recordEnd = source.end
        source.start = source.end
        if let entry = setAsideFirstLine(because: "is not closed before the end of the file") {
          return .malformed(entry)
        }
        return .malformed(
          entry(
            .unterminatedQuote,
            "a quoted field opened in the record at line \(line) is not closed before the end of the file"
          ))
      case .complete(let next, let contentEnd, let lines):
        line = nextLine
        nextLine += lines
        recordStart = source.start
        recordEnd = contentEnd
        source.start = next
        arenaUsed = 0
        if isEmptyRow() {
          emptyRowsSkipped += 1
          emptyRowPending = true
          continue
        }
        followsEmptyRow = emptyRowPending
        emptyRowPending = false
        if lines > 1 || fieldCount != expectedFieldCount, expectedFieldCount >= 0, let entry = strayQuoteEntry() {
          return .malformed(entry)
        }
        if let problem = checkRecord() { return .malformed(problem) }
        return .record
      }
    }
  }

  /// Calls `body` with the bytes of field `index` of the current record (quotes removed, `""` undone).
  public func withField<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(fieldBytes(index))
  }

  /// The value of field `index` as a String (for values leaving the hot path).
  public func string(at index: Int) -> String {
    String(decoding: fieldBytes(index), as: UTF8.self)
  }

  /// Whether the current record is the header again (two exports joined one after another): each
  /// field the header's name, letters in any case, a byte-order mark before the first ignored. The
  /// first field decides most rows at once.
  package func repeatsHeader() -> Bool {
    guard !header.isEmpty, fieldCount == header.count else { return false }
    func same(_ c: Int) -> Bool {
      var field = FieldParser.trim(fieldBytes(c))
      if field.count >= 3, field[0] == 0xEF, field[1] == 0xBB, field[2] == 0xBF {
        field = UnsafeRawBufferPointer(rebasing: field[3...])
      }
      let name = header[c].utf8
      return field.count == name.count
        && zip(field, name).allSatisfy {
          ($0 | 0x20 == $1 | 0x20) && (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == $1)
        }
    }
    return (0..<header.count).allSatisfy(same)
  }

  /// The current record's raw bytes (as in the file, without its line end) cut to 1 KiB.
  public var rawExcerpt: String {
    QuarantineEntry.excerpt(
      UnsafeRawBufferPointer(start: source.base + recordStart, count: max(0, recordEnd - recordStart)))
  }

  /// Calls `body` with the current record's raw bytes as in the file (quotes kept, line end removed), uncut.
  public func withRawRecord<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: source.base + recordStart, count: max(0, recordEnd - recordStart)))
  }

  /// Total bytes read from the input so far.
  public var bytesRead: Int64 { source.bytesRead }

  /// The bytes of field `index`, valid until the next `nextRecord()`; escaped fields are decoded into a per-record arena.
  func fieldBytes(_ index: Int) -> UnsafeRawBufferPointer {
    let span = fields[index]
    let start = source.base + Int(span.start)
    let count = Int(span.end) - Int(span.start)
    if span.kind == 0 { return UnsafeRawBufferPointer(start: start, count: count) }
    // Decoded fields of one record need at most the record's size in total, so growing happens
    // only on a record's first decoded field and never moves bytes handed out for this record.
    let needed = max(recordEnd - recordStart, count) + 16
    if arenaCapacity < needed {
      arena.deallocate()
      arenaCapacity = needed
      arena = .allocate(capacity: needed)
      arenaUsed = 0
    }
    if arenaCapacity - arenaUsed < count { arenaUsed = 0 }
    let out = arena + arenaUsed
    var n = 0
    var i = 0
    if span.kind == 1 {
      // Inside the quotes every `"` is the first of a `""` pair: copy runs up to each, emit one quote, skip two.
      while i < count {
        let run = ByteScan.firstOf2(start, i, count, ByteScan.quote, ByteScan.quote)
        if run > i {
          (out + n).update(from: start + i, count: run - i)
          n += run - i
        }
        if run == count { break }
        out[n] = ByteScan.quote
        n += 1
        i = run + 2
      }
    } else {
      // Leading quoted section, then literal text after its closing quote.
      i = 1
      while i < count {
        let b = start[i]
        if b == ByteScan.quote {
          if i + 1 < count, start[i + 1] == ByteScan.quote {
            out[n] = b
            n += 1
            i += 2
            continue
          }
          i += 1
          break
        }
        out[n] = b
        n += 1
        i += 1
      }
      while i < count {
        out[n] = start[i]
        n += 1
        i += 1
      }
    }
    arenaUsed += n
    return UnsafeRawBufferPointer(start: out, count: n)
  }

  // MARK: - Parsing

  private func startIfNeeded() throws(IngestError) {
    if started { return }
    started = true
    try source.prefetch(8)
    var p = source.base + source.start
    if source.end - source.start >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { source.start += 3 }
    // Excel's hint line `sep=;` names the delimiter and is no row.
    p = source.base + source.start
    let available = source.end - source.start
    if available >= 5, p[0] | 0x20 == UInt8(ascii: "s"), p[1] | 0x20 == UInt8(ascii: "e"),
      p[2] | 0x20 == UInt8(ascii: "p"),
      p[3] == UInt8(ascii: "="), p[4] != ByteScan.newline, p[4] != ByteScan.carriageReturn, p[4] != ByteScan.quote
    {
      var end = 5
      if end < available, p[end] == ByteScan.carriageReturn { end += 1 }
      if end < available, p[end] == ByteScan.newline { end += 1 }
      if end == available || p[end - 1] == ByteScan.newline || p[end - 1] == ByteScan.carriageReturn {
        delimiter = p[4]
        source.start += end
        nextLine += 1
      }
    }
  }

  /// Whether the record just parsed is a blank line or only delimiters (no quotes, no text).
  private func isEmptyRow() -> Bool {
    if recordEnd == recordStart, fieldCount == 1 { return true }
    return skipsSpreadsheetArtefacts && recordEnd - recordStart == fieldCount - 1
      && (0..<fieldCount).allSatisfy { fields[$0].start == fields[$0].end && fields[$0].kind == 0 }
  }

  /// Whether the current row has one field more than the header, an empty one after a trailing delimiter.
  private func hasTrailingEmptyField() -> Bool {
    guard fieldCount == expectedFieldCount + 1 else { return false }
    let last = fields[fieldCount - 1]
    return last.start == last.end && last.kind == 0 && Int(last.start) == recordEnd && recordEnd > recordStart
      && source.base[recordEnd - 1] == delimiter
  }

  /// Takes the first non-blank row as the header. An encoding problem in it shows up as U+FFFD in
  /// a column name; a row too long to hold, or a quote it never closes, makes the input
  /// unreadable (thrown), as every row after would be read against a wrong header.
  private func readHeader() throws(IngestError) {
    while let event = try nextRecord() {
      if case .malformed(let entry) = event {
        switch entry.reason {
        case .recordTooLong:
          throw .headerTooLong(file: file, line: entry.line, limit: limits.maxRecordBytes)
        case .unterminatedQuote:
          throw headerQuoteNotClosed(line: entry.line, firstLine: entry.raw)
        default:
          break
        }
      }
      guard recordEnd > recordStart || fieldCount > 0 else { continue }
      // A quote opened in the header and closed by one far below (the header's own field count
      // is no check): a field that runs over a line end and goes on after its closing quote.
      if lastLine > line {
        for index in 0..<fieldCount where fields[index].kind == 2 {
          let span = fields[index]
          if (Int(span.start)..<Int(span.end)).contains(where: { source.base[$0] == ByteScan.newline }) {
            let lineEnd = (recordStart..<recordEnd).first {
              source.base[$0] == ByteScan.newline || source.base[$0] == ByteScan.carriageReturn
            }
            let firstLine = QuarantineEntry.excerpt(
              UnsafeRawBufferPointer(start: source.base + recordStart, count: (lineEnd ?? recordEnd) - recordStart))
            throw headerQuoteNotClosed(line: line, firstLine: firstLine)
          }
        }
      }
      header = (0..<fieldCount).map { string(at: $0) }
      expectedFieldCount = fieldCount
      return
    }
  }

  /// The error for a header whose first line, `firstLine`, opens a quote it does not close: names
  /// the column that opens it (1-based) and the start of its text.
  private func headerQuoteNotClosed(line: Int, firstLine: String) -> IngestError {
    var column = 1
    var opened: (column: Int, at: Int)?
    var inQuotes = false
    var atFieldStart = true
    let bytes = Array(firstLine.utf8.prefix { $0 != ByteScan.newline && $0 != ByteScan.carriageReturn })
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if inQuotes {
        if b == ByteScan.quote {
          if i + 1 < bytes.count, bytes[i + 1] == ByteScan.quote { i += 1 } else { inQuotes = false }
        }
      } else if b == delimiter {
        column += 1
        atFieldStart = true
        i += 1
        continue
      } else if b == ByteScan.quote, atFieldStart {
        inQuotes = true
        opened = (column, i)
      }
      atFieldStart = false
      i += 1
    }
    // Without an open quote left on the line (a closing quote with text after it), the last quote opened is named.
    let (openingColumn, at) = opened ?? (column, 0)
    let text = String(decoding: bytes[at...], as: UTF8.self)
    let shown = text.count > 40 ? text.prefix(40) + "..." : text
    return .headerQuoteNotClosed(file: file, line: line, column: openingColumn, opening: String(shown))
  }

  /// Appends a field span, growing the array; works on the caller's locals (no class-property access per field).
  @inline(__always)
  private static func append(
    _ fields: inout UnsafeMutablePointer<FieldSpan>, _ capacity: inout Int, _ count: inout Int, _ longest: inout Int,
    _ start: Int, _ end: Int, _ kind: UInt8
  ) {
    if count == capacity {
      let bigger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
      bigger.moveInitialize(from: fields, count: count)
      fields.deallocate()
      fields = bigger
      capacity *= 2
    }
    let length = end &- start
    if length > longest { longest = length }
    fields[count] = FieldSpan(
      start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end), kind: kind)
    count &+= 1
  }

  /// Parses one record starting at `s`; restartable (it never writes to the buffer).
  private func parse(from s: Int) -> ParseOutcome {
    let p = UnsafePointer(source.base)
    let end = source.end
    let atEOF = source.isAtEnd
    if s == end { return atEOF ? .endOfInput : .needMore(resumeAt: s, inQuotes: false, lines: 0) }
    // Work on locals and store once: class properties cost an exclusivity check on every access.
    var fields = self.fields
    var capacity = fieldCapacity
    var count = 0
    var longest = 0
    defer {
      self.fields = fields
      fieldCapacity = capacity
      fieldCount = count
      longestField = longest
    }
    let d = delimiter
    let q = ByteScan.quote
    let lf = ByteScan.newline
    let cr = ByteScan.carriageReturn
    var lines = 0
    var pos = s
    while true {
      let fieldStart = pos
      var contentStart = pos
      var contentEnd: Int
      var kind: UInt8 = 0
      if pos < end && p[pos] == q {
        pos &+= 1
        contentStart = pos
        var escaped = false
        while true {
          pos = ByteScan.firstOf2(p, pos, end, q, lf)
          if pos == end {
            return atEOF ? .unterminated(lines: lines) : .needMore(resumeAt: pos, inQuotes: true, lines: lines)
          }
          if p[pos] == lf {
            lines &+= 1
            pos &+= 1
            continue
          }
          if pos &+ 1 == end && !atEOF { return .needMore(resumeAt: pos, inQuotes: true, lines: lines) }
          if pos &+ 1 < end && p[pos &+ 1] == q {
            escaped = true
            pos &+= 2
            continue
          }
          break
        }
        contentEnd = pos
        pos &+= 1
        kind = escaped ? 1 : 0
        if pos < end, p[pos] != d, p[pos] != lf, p[pos] != cr {
          kind = 2
          contentStart = fieldStart
          pos = ByteScan.firstOf3(p, pos, end, d, lf, cr)
          contentEnd = pos
        }
      } else {
        pos = ByteScan.firstOf3(p, pos, end, d, lf, cr)
        contentEnd = pos
      }
      if pos == end && !atEOF { return .needMore(resumeAt: pos, inQuotes: false, lines: lines) }
      CSVReader.append(&fields, &capacity, &count, &longest, contentStart, contentEnd, kind)
      // The file's last line, without a line end, still counts as a line (so `lastLine` is right).
      if pos == end { return .complete(next: end, contentEnd: end, lines: lines &+ 1) }
      let b = p[pos]
      if b == d {
        pos &+= 1
        continue
      }
      if b == lf { return .complete(next: pos &+ 1, contentEnd: pos, lines: lines &+ 1) }
      if pos &+ 1 < end {
        return .complete(next: p[pos &+ 1] == lf ? pos &+ 2 : pos &+ 1, contentEnd: pos, lines: lines &+ 1)
      }
      if atEOF { return .complete(next: pos &+ 1, contentEnd: pos, lines: lines &+ 1) }
      return .needMore(resumeAt: pos, inQuotes: false, lines: lines)
    }
  }

  /// Quarantines a record past `maxRecordBytes` and skips to its end, the next line end outside
  /// quotes, without holding it: `OversizedRecordScan` reads it from its first byte as `parse`
  /// would, and the same stray-quote rule as for a record that fits (`strayQuoteEntry`) is
  /// applied when it ends. Two things tell a quote left open from a field really that long:
  ///
  /// - A real field closes its quote just before a delimiter or a line end, and its record has
  ///   the header's field count: that is `record_too_long`, all of it skipped.
  /// - A stray quote is "closed" only by the next quote the bytes hold: another stray quote, the
  ///   opening quote of a later row's quoted field, or one inside a text, however far below. The
  ///   record then has a field count other than the header's, or text goes on after the quote
  ///   that closes the field (or the input ends inside it). That is `unterminated_quote` for the
  ///   record's first line only, and the input is read again from the line after it, so the rows
  ///   the quote spanned are read as rows (a second stray quote among them is found in its turn).
  ///
  /// A stray quote that a later quote closes just before a delimiter or line end, leaving the
  /// header's field count by chance, is not told from a real field (as in a record that fits).
  /// Going back needs no memory: a file moves back with `lseek`; a pipe has everything read from
  /// the record's start on copied to a temporary file while the skip goes on
  /// (`ByteSource.keepForRestart`), and is read from that copy, then on from the pipe. The line to
  /// go back to is found by the scan, so a first line longer than the bound is no exception.
  private func skipOversized() throws(IngestError) -> QuarantineEntry {
    line = nextLine
    let startLine = nextLine
    let base = source.base
    let raw = QuarantineEntry.excerpt(
      UnsafeRawBufferPointer(start: base + source.start, count: min(source.end - source.start, 4096)))
    // Where to read again if a stray quote made the record: the line after the record's first
    // line. The scan meets that line end wherever it is: in this buffer, or in a later one when
    // the first line is itself longer than the bound (so the buffer's size never decides it).
    // A pipe cannot seek back: its bytes from the record's start on are kept while skipping.
    source.keepForRestart(from: source.start)
    defer { source.stopKeeping() }
    var restartOffset: Int64?
    var restartRaw = raw
    // The offset of a CR that ends the first line in a buffer's last byte: its LF, if any, comes next.
    var pendingCarriageReturn: Int64?
    var isFirstBuffer = true
    var scan = OversizedRecordScan(delimiter: delimiter)
    var skipped: Int64 = 0
    var atEndOfInput = false
    var i = source.start
    while true {
      let recordEnd = scan.scan(source.base, from: i, end: source.end)
      if let index = scan.takeFirstLineEnd() {
        let p = source.base
        let offset = source.bytesRead - Int64(source.end - index)
        if isFirstBuffer {
          restartRaw = QuarantineEntry.excerpt(
            UnsafeRawBufferPointer(start: p + source.start, count: index - source.start))
        }
        if p[index] != ByteScan.carriageReturn {
          restartOffset = offset + 1
        } else if index + 1 < source.end {
          restartOffset = offset + (p[index + 1] == ByteScan.newline ? 2 : 1)
        } else {
          pendingCarriageReturn = offset
        }
      }
      if let lineEnd = recordEnd {
        let p = source.base
        var next = lineEnd + 1
        let crEndsBuffer = p[lineEnd] == ByteScan.carriageReturn && next == source.end
        if p[lineEnd] == ByteScan.carriageReturn, next < source.end, p[next] == ByteScan.newline { next += 1 }
        skipped += Int64(next - source.start)
        source.start = next
        // A CR in the buffer's last byte: its LF, if any, is the next block's first byte.
        if crEndsBuffer, try source.refill(), source.base[source.start] == ByteScan.newline {
          source.start += 1
          skipped += 1
        }
        // The first line's CR was the record's own line end: the record is that one line.
        if pendingCarriageReturn != nil { restartOffset = source.bytesRead - Int64(source.end - source.start) }
        break
      }
      skipped += Int64(source.end - source.start)
      source.discardAll()
      isFirstBuffer = false
      let refilled = try source.refill()
      if let carriageReturn = pendingCarriageReturn {
        let followedByLF = refilled && source.base[source.start] == ByteScan.newline
        restartOffset = carriageReturn + (followedByLF ? 2 : 1)
        pendingCarriageReturn = nil
      }
      if !refilled {
        atEndOfInput = true
        break
      }
      i = source.start
    }
    // A record that is its first line only (a ragged row over the bound) runs over no line end: no
    // quote can be blamed for it, so it is `record_too_long`, as when it fits the buffer.
    let recordNext = source.bytesRead - Int64(source.end - source.start)
    let restart = restartOffset.flatMap { atEndOfInput || $0 != recordNext ? (offset: $0, raw: restartRaw) : nil }
    nextLine = startLine + scan.lineFeeds + 1
    let lastLine = nextLine - 1
    // The stray-quote rule of `strayQuoteEntry`, on the whole record as the scan read it.
    var strayQuote: String?
    if scan.isInQuotes {
      strayQuote = "is not closed in the \(skipped) bytes up to the end of the file"
    } else if expectedFieldCount >= 0, scan.fieldCount != expectedFieldCount {
      strayQuote =
        "is not closed on that line; read as one record up to line \(lastLine) (\(skipped) bytes, past the \(limits.maxRecordBytes)-byte bound), it would have \(scan.fieldCount) fields where the header has \(expectedFieldCount)"
    } else if let field = scan.fieldWithTextAfterClosingQuote {
      strayQuote =
        "is not closed on that line; read as one record up to line \(lastLine) (\(skipped) bytes, past the \(limits.maxRecordBytes)-byte bound), field \(field) would go on with text after the quote that closes it"
    }
    if let strayQuote, let restart {
      guard source.restart(atOffset: restart.offset) else {
        // Only when the temporary copy of a pipe could not be made: the lines after the quote
        // cannot be read, so the input is refused rather than cut short.
        throw .readFailed(
          file: file,
          reason:
            "a quote opened on line \(startLine) \(strayQuote), and the lines after it cannot be read again to recover their records (\(source.keepFailure ?? "the input cannot seek back")); close the quote, or give the input as a file"
        )
      }
      line = startLine
      nextLine = startLine + 1
      return QuarantineEntry(
        file: file, line: startLine, recordID: nil, reason: .unterminatedQuote,
        detail:
          "a quote opened on line \(startLine) \(strayQuote), so only line \(startLine) is set aside and reading resumes at line \(startLine + 1)",
        raw: restart.raw)
    }
    if scan.isInQuotes {
      // The record's first line alone fills the buffer: there is no line after it to go back to.
      return QuarantineEntry(
        file: file, line: startLine, recordID: nil, reason: .unterminatedQuote,
        detail:
          "a quoted field opened in the record at line \(startLine) is not closed before the end of the file (\(skipped) bytes skipped)",
        raw: raw)
    }
    return QuarantineEntry(
      file: file, line: startLine, recordID: nil, reason: .recordTooLong,
      detail: atEndOfInput
        ? "record is longer than \(limits.maxRecordBytes) bytes (\(skipped) bytes up to the end of the file)"
        : "record is longer than \(limits.maxRecordBytes) bytes (\(skipped) bytes, lines \(startLine)–\(lastLine)); skipped to the next line end outside quotes",
      raw: raw)
  }

  // MARK: - Recovery from a stray quote (error path only)

  /// Sets aside the first line of a record over several lines (or with the wrong field count) that a stray
  /// quote made: one with the wrong field count, or whose quoted field runs over a line end and goes on
  /// with text after its closing quote (`"Blue Ridge…` closed by the opening quote of a later row's
  /// `"Acme ""Best"" Co"`, which gives the right count by chance). Nil for a sound record.
  ///
  /// A record over `maxRecordBytes` that still fit in the buffer is judged so too, before `checkRecord`
  /// calls it `record_too_long`, as `skipOversized` judges one when the buffer fills first: the block
  /// size never changes what a user sees.
  private func strayQuoteEntry() -> QuarantineEntry? {
    if fieldCount != expectedFieldCount {
      return setAsideFirstLine(
        because:
          "is not closed on that line; read as one record up to line \(lastLine), it would have \(fieldCount) fields where the header has \(expectedFieldCount)"
      )
    }
    let p = source.base
    for index in 0..<fieldCount where fields[index].kind == 2 {
      let span = fields[index]
      for i in Int(span.start)..<Int(span.end) where p[i] == ByteScan.newline || p[i] == ByteScan.carriageReturn {
        return setAsideFirstLine(
          because:
            "is not closed on that line; read as one record up to line \(lastLine), field \(index + 1) would go on with text after the quote that closes it"
        )
      }
    }
    return nil
  }

  /// When the current record runs over a line end (which only a quoted field can do), makes its first
  /// physical line the quarantined record and moves reading to the line after it; nil for a one-line record.
  ///
  /// Works in the buffer the record is still in: `recordStart..<recordEnd` holds it, so nothing is re-read.
  private func setAsideFirstLine(because problem: String) -> QuarantineEntry? {
    let p = source.base
    var lineEnd = recordStart
    while lineEnd < recordEnd, p[lineEnd] != ByteScan.newline, p[lineEnd] != ByteScan.carriageReturn { lineEnd += 1 }
    guard lineEnd < recordEnd else { return nil }
    var next = lineEnd + 1
    if p[lineEnd] == ByteScan.carriageReturn, next < source.end, p[next] == ByteScan.newline { next += 1 }
    recordEnd = lineEnd
    source.start = next
    nextLine = line + 1
    fieldCount = 0
    let resumes =
      next < source.end || !source.isAtEnd
      ? "so only line \(line) is set aside and reading resumes at line \(line + 1)"
      : "so line \(line) is set aside (the file ends after it)"
    return QuarantineEntry(
      file: file, line: line, recordID: nil, reason: .unterminatedQuote,
      detail: "a quote opened on line \(line) \(problem), \(resumes)",
      raw: rawExcerpt)
  }

  private func checkRecord() -> QuarantineEntry? {
    let count = recordEnd - recordStart
    if count > limits.maxRecordBytes {
      return entry(.recordTooLong, "record is longer than \(limits.maxRecordBytes) bytes (\(count) bytes)")
    }
    if let problem = ByteScan.firstEncodingProblem(source.base + recordStart, count) {
      switch problem {
      case .nul(let offset):
        let (l, c) = position(of: offset)
        return entry(.nulByte, "NUL byte at line \(l), column \(c)")
      case .invalidUTF8(let offset, let byte):
        let (l, c) = position(of: offset)
        return entry(
          .invalidUTF8,
          "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)) at line \(l), column \(c)")
      }
    }
    if longestField > limits.maxFieldBytes {
      // Which column: a pasted log in a ticket's body reads as that, not as a bad file (an outside
      // audit's message named neither the record nor the column).
      let index = (0..<fieldCount).max { fields[$0].end - fields[$0].start < fields[$1].end - fields[$1].start }
      let column = index.map { $0 < header.count ? "column '\(header[$0])'" : "column \($0 + 1)" }
      return entry(
        .fieldTooLong,
        "\(column.map { "\($0) holds" } ?? "a field holds") \(longestField) bytes, more than the \(limits.maxFieldBytes) a "
          + "field may hold (a pasted log or attachment?): cut it in the export")
    }
    if expectedFieldCount < 0 {
      expectedFieldCount = fieldCount
    } else if fieldCount != expectedFieldCount {
      return entry(
        .raggedRow,
        "row has \(fieldCount) fields but the header has \(expectedFieldCount)"
          + (hasTrailingEmptyField()
            ? " (the last is empty after a trailing delimiter: a row written with one, or a text with an unquoted delimiter)"
            : fieldCount > expectedFieldCount
              ? " (a field that holds the delimiter, such as \"Acme\(delimiterName) Inc.\", must be quoted)" : ""))
    }
    return nil
  }

  /// The delimiter as a ragged row's hint writes it inside a field (`,`, `;`, a tab as `\t`).
  private var delimiterName: String {
    delimiter == 9 ? "\\t" : String(decoding: [delimiter], as: UTF8.self)
  }

  /// Line and 1-based byte column of an offset inside the current record.
  private func position(of offset: Int) -> (Int, Int) {
    var l = line
    var lineStart = 0
    for i in 0..<offset where source.base[recordStart + i] == ByteScan.newline {
      l += 1
      lineStart = i + 1
    }
    return (l, offset - lineStart + 1)
  }

  private func entry(_ reason: QuarantineReason, _ detail: String) -> QuarantineEntry {
    let span = lastLine > line ? " (the record spans lines \(line)–\(lastLine))" : ""
    return QuarantineEntry(
      file: file, line: line, recordID: nil, reason: reason, detail: detail + span, raw: rawExcerpt)
  }
}

/// A reader owns a mutable buffer and a file descriptor: use it from one task at a time.
@available(*, unavailable)
extension CSVReader: Sendable {}
