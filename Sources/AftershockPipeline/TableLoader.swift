import AftershockIngest
import AftershockModel
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads any CSV, TSV or JSON Lines file into a `DataTable` of text columns through
/// AftershockIngest's streaming readers, keeping every rejected record as a quarantine entry.
///
/// Column names are matched exactly, then case-insensitively. JSON Lines records may differ in
/// their keys: a key first seen on a later line becomes a column that is blank for earlier rows.
public enum TableLoader {
  /// A file read into a table, with what was set aside.
  public struct LoadedTable: Sendable {
    /// The columns kept (all of them, or the requested ones in the requested order), as text.
    public var table: DataTable
    /// The input's format.
    public var format: InputFormat
    /// Records read, rejected ones included (`read = table.rowCount + quarantined.count`).
    public var recordsRead: Int
    /// Records the reader rejected (ragged rows, bad JSON, invalid UTF-8, oversized).
    public var quarantined: [QuarantineEntry]
    /// Every column name of the input, as written.
    public var columnsSeen: [String]
    /// The line of the input on which each row of `table` starts (1-based, the header is line 1
    /// of a CSV), to name a row as the user finds it in the file.
    public var lines: [Int]
  }

  /// Reads `path` (`-` for standard input) into a table.
  ///
  /// - Parameters:
  ///   - path: the file (`-` for standard input).
  ///   - format: the input format; by the file's extension, then its first bytes, when nil.
  ///   - columns: the columns to keep (matched exactly, then case-insensitively); all when nil.
  /// - Throws: `PipelineError` naming a requested column that is absent (with the columns seen);
  ///   `IngestError` when the file cannot be read at all.
  public static func load(path: String, format: InputFormat? = nil, columns: [String]? = nil) throws
    -> LoadedTable
  {
    switch try TableInput.open(path: path, format: format) {
    case .delimited(let reader, let format):
      return try loadCSV(reader, format: format, path: path, columns: columns)
    case .jsonLines(let reader):
      return try loadJSONLines(reader, path: path, columns: columns)
    }
  }

  /// The index of `name` in `header`: exact match first, then the only case-insensitive match.
  static func columnIndex(_ name: String, in header: [String]) -> Int? {
    if let exact = header.firstIndex(of: name) { return exact }
    let lowered = name.lowercased()
    let matches = header.indices.filter { header[$0].lowercased() == lowered }
    return matches.count == 1 ? matches[0] : nil
  }

  static func missingColumn(_ name: String, file: String, seen: [String]) -> PipelineError {
    .failed(
      "\(file) has no column '\(name)'; columns seen: "
        + (seen.isEmpty ? "(none)" : seen.joined(separator: ", ")))
  }

  private static func loadCSV(_ reader: CSVReader, format: InputFormat, path: String, columns: [String]?) throws
    -> LoadedTable
  {
    let header = reader.header
    if header.isEmpty { throw IngestError.emptyInput(file: path) }
    let picks: [Int]
    let names: [String]
    if let columns {
      picks = try columns.map { name in
        guard let index = columnIndex(name, in: header) else {
          throw missingColumn(name, file: path, seen: header)
        }
        return index
      }
      names = picks.map { header[$0] }
    } else {
      picks = Array(header.indices)
      names = header
    }
    var values = [[String]](repeating: [], count: picks.count)
    var quarantined: [QuarantineEntry] = []
    var lines: [Int] = []
    var read = 0
    while let event = try reader.nextRecord() {
      read += 1
      switch event {
      case .malformed(let entry):
        quarantined.append(entry)
      case .record:
        lines.append(reader.line)
        for (slot, index) in picks.enumerated() {
          values[slot].append(index < reader.fieldCount ? reader.string(at: index) : "")
        }
      }
    }
    let table = try DataTable(columnNames: uniqued(names), columns: values.map { .text($0) })
    return LoadedTable(
      table: table, format: format, recordsRead: read, quarantined: quarantined, columnsSeen: header, lines: lines)
  }

  private static func loadJSONLines(_ reader: JSONLinesReader, path: String, columns: [String]?) throws -> LoadedTable {
    var names: [String] = []
    var position: [String: Int] = [:]
    var values: [[String]] = []
    var rows = 0
    var quarantined: [QuarantineEntry] = []
    var lines: [Int] = []
    var read = 0
    var row: [String?] = []
    while let event = try reader.nextRecord() {
      read += 1
      switch event {
      case .malformed(let entry):
        quarantined.append(entry)
      case .record:
        lines.append(reader.line)
        row = [String?](repeating: nil, count: names.count)
        for member in 0..<reader.memberCount {
          let key = reader.key(at: member)
          var slot = position[key]
          if slot == nil {
            slot = names.count
            position[key] = names.count
            names.append(key)
            values.append([String](repeating: "", count: rows))
            row.append(nil)
          }
          row[slot!] = reader.valueKind(member) == .null ? "" : reader.string(at: member)
        }
        for slot in names.indices { values[slot].append(row[slot] ?? "") }
        rows += 1
      }
    }
    if let columns {
      var picked: [DataTable.Column] = []
      var pickedNames: [String] = []
      for name in columns {
        guard let index = columnIndex(name, in: names) else {
          throw missingColumn(name, file: path, seen: names)
        }
        picked.append(.text(values[index]))
        pickedNames.append(names[index])
      }
      let table = try DataTable(columnNames: uniqued(pickedNames), columns: picked)
      return LoadedTable(
        table: table, format: .jsonl, recordsRead: read, quarantined: quarantined, columnsSeen: names, lines: lines)
    }
    let table = try DataTable(columnNames: names, columns: values.map { .text($0) })
    return LoadedTable(
      table: table, format: .jsonl, recordsRead: read, quarantined: quarantined, columnsSeen: names, lines: lines)
  }

  /// Names made unique (`a`, `a_2`) so a column requested twice (text = label) still loads.
  private static func uniqued(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.map { name in
      var candidate = name
      var suffix = 2
      while !seen.insert(candidate).inserted {
        candidate = "\(name)_\(suffix)"
        suffix += 1
      }
      return candidate
    }
  }
}
