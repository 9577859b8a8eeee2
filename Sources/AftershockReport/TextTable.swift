/// Rows under titled columns, rendered for a terminal (fitted to a width), or as CSV, Markdown or JSON.
///
/// Used by `at-risk`. Cells are shown as given; control characters (including terminal escape
/// sequences from customer data) are replaced by spaces on the terminal, and bidirectional
/// controls (which would reorder what follows them) are written out as `\u{202E}`.
public struct TextTable: Sendable, Equatable {
  /// How a numeric column's raw cells (`0.9123`, `240000`) are shown on the terminal and in Markdown.
  ///
  /// CSV and JSON keep the raw value, so machines read numbers and people read `91.2%`.
  public enum Display: Sendable, Equatable {
    /// The cell as given.
    case asIs
    /// A fraction as a percentage with `decimals` digits (`0.9123` → `91.2%`).
    case percent(decimals: Int)
    /// A fraction as a percentage cut (not rounded) to `decimals` digits (`0.4966` → `49%`): a
    /// risk just under a tier's threshold never shows as the threshold itself (an outside audit
    /// read "50% medium" beside "51% high").
    case percentDown(decimals: Int)
    /// A number with thousands separators (`240000` → `240,000`).
    case grouped(decimals: Int)
    /// A number with a sign when positive (`0.052` → `+0.05`).
    case signed(decimals: Int)
    /// A number with exactly `decimals` digits.
    case fixed(decimals: Int)

    /// The cell as shown; cells that are not numbers (`n/a`, empty) are shown as given.
    public func format(_ cell: String) -> String {
      guard self != .asIs, let value = Double(cell), value.isFinite else { return cell }
      switch self {
      case .asIs: return cell
      case .percent(let decimals): return FixedFormat.percent(value, decimals: decimals)
      case .percentDown(let decimals): return FixedFormat.percentDown(value, decimals: decimals)
      case .grouped(let decimals): return FixedFormat.grouped(value, decimals: decimals)
      case .signed(let decimals): return ValueFormat.signed.label(value, decimals: decimals)
      case .fixed(let decimals): return FixedFormat.string(value, decimals: decimals)
      }
    }
  }

  /// A column: its title, its key in JSON, alignment, widest display width and whether it holds numbers.
  public struct Column: Sendable, Equatable {
    /// The title shown in the header.
    public var title: String
    /// The JSON key (defaults to the title in `snake_case`).
    public var key: String
    /// How cells line up on the terminal and in Markdown.
    public var alignment: ColumnAlignment
    /// The widest the column may be on the terminal (`nil`: as wide as its content); only
    /// for a column that may be cut.
    public var maxWidth: Int?
    /// Whether the terminal may cut cells to fit its width (free text such as a name); numbers
    /// and ids are never cut, since a reader cannot tell `53,…` from 53,000 or from 53,999,999.
    public var isTruncatable: Bool
    /// Whether cells are numbers: written as JSON numbers and CSV numbers when they parse as such.
    public var isNumeric: Bool
    /// How cells are shown on the terminal and in Markdown (CSV and JSON keep them raw).
    public var display: Display

    /// Makes a column; numbers default to right alignment and to never being cut, and a
    /// `display` other than `asIs` implies a number.
    public init(
      _ title: String, key: String? = nil, alignment: ColumnAlignment? = nil, maxWidth: Int? = nil,
      isNumeric: Bool = false, isTruncatable: Bool? = nil, display: Display = .asIs
    ) {
      let isNumeric = isNumeric || display != .asIs
      self.title = title
      self.key = key ?? Column.snakeCase(title)
      self.alignment = alignment ?? (isNumeric ? .right : .left)
      self.maxWidth = maxWidth
      self.isNumeric = isNumeric
      self.isTruncatable = isTruncatable ?? !isNumeric
      self.display = display
    }

    static func snakeCase(_ title: String) -> String {
      var out: [UInt8] = []
      for byte in title.utf8 {
        switch byte {
        case 0x41...0x5A: out.append(byte + 0x20)
        case 0x30...0x39, 0x61...0x7A, 0x80...0xFF: out.append(byte)
        default: if let last = out.last, last != UInt8(ascii: "_") { out.append(UInt8(ascii: "_")) }
        }
      }
      while out.last == UInt8(ascii: "_") { out.removeLast() }
      return out.isEmpty ? "column" : String(decoding: out, as: UTF8.self)
    }
  }

  /// The columns.
  public var columns: [Column]
  /// The rows (short rows are padded with empty cells; extra cells are ignored).
  public var rows: [[String]]

  /// Makes a table.
  public init(columns: [Column], rows: [[String]]) {
    self.columns = columns
    self.rows = rows
  }

  private func cell(_ row: [String], _ index: Int) -> String { index < row.count ? row[index] : "" }

  // MARK: Terminal

  /// The table for a terminal `width` columns wide: a header, a rule, a line per row; or, when
  /// the columns that are never cut do not fit, the rows as blocks (``renderBlocks(width:)``).
  ///
  /// Columns that may be cut are capped at their `maxWidth`; if the table is still too wide, the
  /// widest of them give up space (down to their title or 4 columns) and cells are cut with `…`
  /// by display width. No line is wider than `width`.
  public func renderTerminal(width: Int = 100) -> String {
    guard !columns.isEmpty else { return "" }
    let header = columns.map { Self.terminalSafe($0.title) }
    let body = terminalBody()
    guard let widths = fittedWidths(header: header, body: body, width: width) else { return renderBlocks(width: width) }
    let gap = 2
    func line(_ cells: [String]) -> String {
      var out = ""
      for index in columns.indices {
        let text = DisplayWidth.truncate(cells[index], to: widths[index])
        let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(text)))
        let isLast = index == columns.count - 1
        switch columns[index].alignment {
        case .left: out += text + (isLast ? "" : padding)
        case .right: out += padding + text
        case .center:
          let leftPad = padding.count / 2
          out += String(repeating: " ", count: leftPad) + text
          if !isLast { out += String(repeating: " ", count: padding.count - leftPad) }
        }
        if !isLast { out += String(repeating: " ", count: gap) }
      }
      while out.hasSuffix(" ") { out.removeLast() }
      return out
    }
    var lines = [line(header)]
    lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: String(repeating: " ", count: gap)))
    for row in body { lines.append(line(row)) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Whether ``renderTerminal(width:)`` lays the rows out as a table (rather than as blocks) at `width`.
  public func fitsTerminal(width: Int) -> Bool {
    fittedWidths(header: columns.map { Self.terminalSafe($0.title) }, body: terminalBody(), width: width) != nil
  }

  /// Each row as a block of `title: value` lines, values lined up and wrapped (never cut) to
  /// `width`; blocks are separated by a blank line. For terminals too narrow for the table.
  public func renderBlocks(width: Int = 100) -> String {
    guard !columns.isEmpty else { return "" }
    let titles = columns.map { Self.terminalSafe($0.title) + ":" }
    let indent = min(titles.map(DisplayWidth.of).max() ?? 0, max(0, width / 2 - 1)) + 1
    let valueWidth = max(1, width - indent)
    var blocks: [String] = []
    for row in terminalBody() {
      var lines: [String] = []
      for index in columns.indices where !row[index].isEmpty {
        let title = titles[index]
        var label = DisplayWidth.of(title) < indent ? title : DisplayWidth.truncate(title, to: indent - 1)
        label += String(repeating: " ", count: indent - DisplayWidth.of(label))
        for (number, part) in DisplayWidth.wrap(row[index], to: valueWidth).enumerated() {
          lines.append((number == 0 ? label : String(repeating: " ", count: indent)) + part)
        }
      }
      blocks.append(lines.joined(separator: "\n") + "\n")
    }
    return blocks.joined(separator: "\n")
  }

  /// The cells as shown on the terminal: formatted for people, control characters defused.
  private func terminalBody() -> [[String]] {
    rows.map { row in columns.indices.map { Self.terminalSafe(columns[$0].display.format(cell(row, $0))) } }
  }

  /// Each column's width in a table at most `width` wide, or `nil` when the columns that are
  /// never cut (with the narrowest the others may be) do not fit.
  private func fittedWidths(header: [String], body: [[String]], width: Int) -> [Int]? {
    var widths = columns.indices.map { index -> Int in
      let natural = max(DisplayWidth.of(header[index]), body.map { DisplayWidth.of($0[index]) }.max() ?? 0)
      guard columns[index].isTruncatable else { return natural }
      return min(natural, max(columns[index].maxWidth ?? Int.max, 1))
    }
    let minimums = columns.indices.map { index in
      columns[index].isTruncatable ? min(widths[index], max(4, min(DisplayWidth.of(header[index]), 8))) : widths[index]
    }
    let gap = 2
    var total = widths.reduce(0, +) + gap * (columns.count - 1)
    while total > width {
      // Shrink the widest column that can still give.
      var candidate: Int? = nil
      for index in widths.indices where widths[index] > minimums[index] {
        if candidate == nil || widths[index] > widths[candidate!] { candidate = index }
      }
      guard let index = candidate else { return nil }
      widths[index] -= 1
      total -= 1
    }
    return widths
  }

  /// `text` for a terminal cell: control characters become spaces, bidirectional controls
  /// (``DisplayWidth/isBidiControl(_:)``) become visible escapes such as `\u{202E}`.
  package static func terminalSafe(_ text: String) -> String {
    TerminalText.neutralized(text, controls: .spaces)
  }

  // MARK: Other formats

  /// The table as CSV: header then rows; numeric columns keep negative numbers, text columns are guarded.
  ///
  /// Control characters (a terminal escape sequence in an account name) are written out as
  /// `\u{1B}`, as on the terminal and in Markdown: this CSV is read on screens too
  /// (`at-risk --format csv`); newlines and tabs, which CSV quotes, are kept.
  public func renderCSV() -> String {
    let kinds = columns.map { $0.isNumeric ? CSVWriter.ColumnKind.numeric : .text }
    let body = rows.map { row in columns.indices.map { TerminalText.neutralized(cell(row, $0), controls: .escaped) } }
    return CSVWriter().text(rows: [columns.map(\.title)] + body, kinds: kinds)
  }

  /// The table as a GitHub-flavoured Markdown table.
  public func renderMarkdown() -> String {
    var builder = MarkdownBuilder()
    let shown = rows.map { row in columns.indices.map { columns[$0].display.format(cell(row, $0)) } }
    builder.table(header: columns.map(\.title), rows: shown, alignments: columns.map(\.alignment))
    return builder.text
  }

  /// The table as JSON: one object per row keyed by column key; an array, or one object per line (JSON Lines).
  ///
  /// Numeric columns hold JSON numbers when the cell is one (`-0.25`), `null` when empty, and a
  /// string otherwise; other columns hold strings.
  public func renderJSON(lines: Bool = false) -> String {
    let objects = rows.map { row -> JSONText in
      .object(
        columns.indices.map { index in
          let text = cell(row, index)
          let value: JSONText
          if columns[index].isNumeric {
            value = text.isEmpty ? .null : JSONText.isJSONNumber(text) ? .number(text) : .string(text)
          } else {
            value = .string(text)
          }
          return (columns[index].key, value)
        })
    }
    if lines {
      return objects.map { $0.rendered(indent: nil) + "\n" }.joined()
    }
    return JSONText.array(objects).rendered(indent: 2) + "\n"
  }
}
