import Foundation

/// Test helpers: the repository root, temporary folders and reading generated files.
enum SampleFolder {
  /// The folder holding Package.swift, found from this file's path.
  static func repositoryRoot(filePath: String = #filePath) -> String {
    var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url.path
      }
      url.deleteLastPathComponent()
    }
    fatalError("Package.swift not found above \(filePath)")
  }

  /// A fresh temporary folder; remove it with `FileManager.default.removeItem(atPath:)`.
  static func temporary(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("synth-\(name)-\(UUID().uuidString)").path
  }

  static func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }

  /// Parses an RFC 4180 CSV file (quoted fields, doubled quotes, embedded newlines) into rows.
  static func rows(_ path: String) throws -> [[String]] {
    let data = [UInt8](try bytes(path))
    var rows: [[String]] = []
    var row: [String] = []
    var fieldStart = 0
    var field: [UInt8] = []
    var inQuotes = false
    data.withUnsafeBufferPointer { buffer in
      var index = 0
      let count = buffer.count
      while index < count {
        let byte = buffer[index]
        if inQuotes {
          if byte == 0x22 {
            if index + 1 < count && buffer[index + 1] == 0x22 {
              field.append(0x22)
              index += 1
            } else {
              inQuotes = false
            }
          } else {
            field.append(byte)
          }
        } else if byte == 0x22 {
          inQuotes = true
        } else if byte == 0x2C || byte == 0x0A {
          row.append(String(decoding: field, as: UTF8.self))
          field.removeAll(keepingCapacity: true)
          if byte == 0x0A {
            rows.append(row)
            row = []
          }
        } else {
          field.append(byte)
        }
        index += 1
      }
      fieldStart = index
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(String(decoding: field, as: UTF8.self))
      rows.append(row)
    }
    _ = fieldStart
    return rows
  }

  /// Rows as dictionaries keyed by the header.
  static func records(_ path: String) throws -> [[String: String]] {
    let all = try rows(path)
    guard let header = all.first else { return [] }
    return all.dropFirst().map { row in
      var record: [String: String] = [:]
      for (index, name) in header.enumerated() where index < row.count { record[name] = row[index] }
      return record
    }
  }
}
