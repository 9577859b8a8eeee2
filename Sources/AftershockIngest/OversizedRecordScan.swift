/// Reads a record too long to buffer as the bytes go by, as `CSVReader` parses one, to find where
/// it ends and what it would hold: its field count, and whether a quoted field that runs over a
/// line end goes on with text after its closing quote.
///
/// Those are the signs of a stray quote `CSVReader.strayQuoteEntry` reads in a record that fits;
/// the scan keeps them in a few integers, so a record of any length is judged by the same rule
/// without being held. A quote opens a quoted field only at a field's start; inside one, `""` is
/// a quote and any other `"` closes it; text after a closing quote runs to the next delimiter or
/// line end with its quotes kept literally. Only line feeds inside quotes are counted as lines
/// (as `parse` counts them); a line end outside quotes (LF, CRLF or a lone CR) ends the record.
struct OversizedRecordScan {
  enum State: UInt8 {
    case fieldStart
    /// In an unquoted field, or in the literal text after a quoted part.
    case unquoted
    case quoted
    /// Just after a `"` inside a quoted field: `""` (a quote) or the closing quote, told by the next byte.
    case quoteInQuoted
  }

  let delimiter: UInt8
  private(set) var state = State.fieldStart
  /// Fields begun so far, the one being read included.
  private(set) var fieldCount = 1
  /// Line feeds read inside quotes so far.
  private(set) var lineFeeds = 0
  /// The first field (1-based) whose quoted part held a line end and went on with text after its closing quote.
  private(set) var fieldWithTextAfterClosingQuote: Int?
  private var quotedFieldHasLineEnd = false
  /// Whether a line end (LF or CR, in quotes or not) has been read yet.
  private var hasMetLineEnd = false
  /// The index of the record's first line end, in the bytes of the `scan` call that read it, until taken.
  private var firstLineEnd: Int?

  init(delimiter: UInt8) {
    self.delimiter = delimiter
  }

  /// The index of the record's first line end (LF or CR, in quotes or not) in the bytes of the
  /// last `scan` call, once: nil before that call read it and after it was taken. Where the
  /// record's first line ends is where a stray quote's record is read again from.
  mutating func takeFirstLineEnd() -> Int? {
    defer { firstLineEnd = nil }
    return firstLineEnd
  }

  private mutating func meetLineEnd(at index: Int) {
    if !hasMetLineEnd {
      hasMetLineEnd = true
      firstLineEnd = index
    }
  }

  /// Whether the bytes so far end inside a quoted field (a `"` just read would close it, so not then).
  var isInQuotes: Bool { state == .quoted }

  /// Reads `p[from..<end]` and returns the index of the line end outside quotes that ends the
  /// record, or nil when the bytes run out before it (call again with the next ones).
  mutating func scan(_ p: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
    let q = ByteScan.quote
    let lf = ByteScan.newline
    let cr = ByteScan.carriageReturn
    let d = delimiter
    var i = from
    while i < end {
      switch state {
      case .fieldStart:
        if p[i] == q {
          state = .quoted
          quotedFieldHasLineEnd = false
          i += 1
        } else {
          state = .unquoted
        }
      case .unquoted:
        i = ByteScan.firstOf3(p, i, end, d, lf, cr)
        if i == end { return nil }
        if p[i] != d {
          meetLineEnd(at: i)
          return i
        }
        fieldCount += 1
        state = .fieldStart
        i += 1
      case .quoted:
        i = ByteScan.firstOf3(p, i, end, q, lf, cr)
        if i == end { return nil }
        let b = p[i]
        if b == q {
          state = .quoteInQuoted
        } else {
          quotedFieldHasLineEnd = true
          meetLineEnd(at: i)
          if b == lf { lineFeeds += 1 }
        }
        i += 1
      case .quoteInQuoted:
        let b = p[i]
        if b == q {
          state = .quoted
          i += 1
        } else if b == d {
          fieldCount += 1
          state = .fieldStart
          i += 1
        } else if b == lf || b == cr {
          state = .unquoted
          meetLineEnd(at: i)
          return i
        } else {
          if quotedFieldHasLineEnd, fieldWithTextAfterClosingQuote == nil {
            fieldWithTextAfterClosingQuote = fieldCount
          }
          state = .unquoted
        }
      }
    }
    return nil
  }
}
