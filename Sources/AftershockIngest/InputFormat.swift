/// The byte format of an input file.
public enum InputFormat: String, Sendable, Hashable {
  /// Comma-separated values (RFC 4180).
  case csv
  /// Tab-separated values (CSV rules with a tab delimiter).
  case tsv
  /// JSON Lines: one flat JSON object per line.
  case jsonl

  /// The format implied by a file name's extension, if any (`.csv`, `.tsv`, `.jsonl`, `.ndjson`, `.json`).
  public init?(fileName: String) {
    let lower = fileName.lowercased()
    if lower.hasSuffix(".csv") {
      self = .csv
    } else if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") {
      self = .tsv
    } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
      self = .jsonl
    } else {
      return nil
    }
  }

  /// Guesses the format from the first bytes of a file: `{` starts JSON Lines; a first line with tabs and no commas is TSV.
  package static func sniff(_ bytes: UnsafeRawBufferPointer) -> InputFormat {
    var i = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D {
      i += 1
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "{") { return .jsonl }
    var tabs = 0
    var commas = 0
    while i < bytes.count, bytes[i] != 0x0A {
      if bytes[i] == 0x09 { tabs += 1 } else if bytes[i] == UInt8(ascii: ",") { commas += 1 }
      i += 1
    }
    return tabs > 0 && commas == 0 ? .tsv : .csv
  }

  /// Whether the first line holds semicolons and no comma or tab (a `;`-separated CSV export).
  package static func firstLineUsesSemicolons(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var semicolons = 0
    for b in bytes {
      if b == 0x0A { break }
      if b == UInt8(ascii: ",") || b == 0x09 { return false }
      if b == UInt8(ascii: ";") { semicolons += 1 }
    }
    return semicolons > 0
  }
}
