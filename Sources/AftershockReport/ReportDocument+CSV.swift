extension ReportDocument {
  /// The CSV text of a table (header then rows), numeric columns declared so negative numbers stay numbers.
  public static func summaryCSV(for table: ReportTable) -> String {
    let table = table.exported
    return CSVWriter().text(
      rows: [table.header] + table.rows.map { csvCells($0, of: table) }, kinds: columnKinds(of: table))
  }

  /// The kind of each column: numeric where marked, text otherwise (text gets the strict formula guard).
  static func columnKinds(of table: ReportTable) -> [CSVWriter.ColumnKind] {
    table.header.indices.map { table.numericColumns.contains($0) ? .numeric : .text }
  }

  /// A row as written to CSV: numeric cells lose their thousands separators (`1,240,000` → `1240000`)
  /// so spreadsheets and pandas read them as numbers; everything else is kept as shown.
  static func csvCells(_ row: [String], of table: ReportTable) -> [String] {
    row.enumerated().map { index, cell in
      table.numericColumns.contains(index) ? machineNumber(cell) : cell
    }
  }

  /// `cell` without grouping commas when it is a grouped number (`-1,234.5`); otherwise unchanged.
  static func machineNumber(_ cell: String) -> String {
    let bytes = Array(cell.utf8)
    guard bytes.contains(UInt8(ascii: ",")) else { return cell }
    var start = 0
    if start < bytes.count, bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+") { start += 1 }
    var end = start
    while end < bytes.count, bytes[end] != UInt8(ascii: ".") { end += 1 }
    // The integer part must be 1-3 digits, then groups of exactly three after each comma.
    let groups = bytes[start..<end].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
    guard let first = groups.first, (1...3).contains(first.count),
      groups.dropFirst().allSatisfy({ $0.count == 3 }),
      groups.allSatisfy({ $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } })
    else { return cell }
    let stripped = bytes.filter { $0 != UInt8(ascii: ",") }
    guard CSVWriter.isPlainNumber(stripped) else { return cell }
    return String(decoding: stripped, as: UTF8.self)
  }
}
