/// A binary file format an input is given in by mistake (a compressed export, a spreadsheet
/// workbook), told by its first bytes so that it is refused as what it is rather than read as a
/// header of binary "column names".
public enum BinaryFormat: String, Sendable, Hashable, CaseIterable {
  /// gzip (`1F 8B`): `export.csv.gz`.
  case gzip
  /// bzip2 (`BZh`).
  case bzip2
  /// xz (`FD 37 7A 58 5A 00`).
  case xz
  /// Zstandard (`28 B5 2F FD`).
  case zstd
  /// An Excel workbook (`.xlsx`, `.xlsm`): a ZIP archive holding `xl/` parts.
  case xlsx
  /// An OpenDocument spreadsheet (`.ods`): a ZIP archive whose `mimetype` says so.
  case ods
  /// Another ZIP archive (`PK 03 04`).
  case zip
  /// An Excel 97–2003 workbook (`.xls`) or another legacy Office file (OLE2, `D0 CF 11 E0`).
  case xls
  /// Apache Parquet (`PAR1`).
  case parquet

  /// The format the first bytes of an input start with (the first 4 KiB are enough to tell an
  /// Excel workbook from another ZIP archive); nil for anything else, text included.
  package init?(sniffing bytes: UnsafeRawBufferPointer, fileName: String = "") {
    func starts(with magic: [UInt8]) -> Bool {
      bytes.count >= magic.count && Swift.zip(bytes, magic).allSatisfy { $0 == $1 }
    }
    if starts(with: [0x1F, 0x8B]) {
      self = .gzip
    } else if starts(with: [0x42, 0x5A, 0x68]), bytes.count >= 4, (0x31...0x39).contains(bytes[3]) {
      self = .bzip2
    } else if starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
      self = .xz
    } else if starts(with: [0x28, 0xB5, 0x2F, 0xFD]) {
      self = .zstd
    } else if starts(with: [0x50, 0x4B, 0x03, 0x04]) || starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      let lower = fileName.lowercased()
      if Self.contains(bytes, "mimetypeapplication/vnd.oasis.opendocument.spreadsheet") || lower.hasSuffix(".ods") {
        self = .ods
      } else if Self.contains(bytes, "xl/") || lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
        self = .xlsx
      } else {
        self = .zip
      }
    } else if starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      self = .xls
    } else if starts(with: Array("PAR1".utf8)) {
      self = .parquet
    } else {
      return nil
    }
  }

  /// What the input looks like, after "looks": "gzip-compressed", "like an Excel workbook (.xlsx)".
  public var looks: String {
    switch self {
    case .gzip: "gzip-compressed"
    case .bzip2: "bzip2-compressed"
    case .xz: "xz-compressed"
    case .zstd: "zstd-compressed"
    case .xlsx: "like an Excel workbook (.xlsx)"
    case .ods: "like an OpenDocument spreadsheet (.ods)"
    case .zip: "like a ZIP archive"
    case .xls: "like an Excel 97-2003 workbook (.xls) or another legacy Office file"
    case .parquet: "like a Parquet file"
    }
  }

  /// The command that decompresses a file of this format, and the suffix its files have.
  private var decompressor: (tool: String, suffix: String)? {
    switch self {
    case .gzip: ("gunzip", ".gz")
    case .bzip2: ("bunzip2", ".bz2")
    case .xz: ("unxz", ".xz")
    case .zstd: ("unzstd", ".zst")
    default: nil
    }
  }

  /// What to do with `file` (`-` for standard input), as a clause: the command, or the menu item.
  func advice(for file: String) -> String {
    if let (tool, suffix) = decompressor {
      guard file != "-" else { return "decompress it on the way in: pipe it through \(tool) -c first" }
      let output =
        file.lowercased().hasSuffix(suffix) && file.count > suffix.count
        ? String(file.dropLast(suffix.count)) : "decompressed.csv"
      return
        "decompress it first, e.g. \(tool) -c \(ShellWord.quoted(file)) > \(ShellWord.quoted(output)), and give that file"
    }
    switch self {
    case .xlsx, .xls:
      return "open it in Excel and save the sheet as \"CSV UTF-8 (Comma delimited)\", then give that file"
    case .ods:
      return "open it and save the sheet as CSV (UTF-8), then give that file"
    case .zip:
      return "extract the CSV, TSV or JSON Lines file in it (unzip) and give that file"
    default:
      return "convert it to CSV or JSON Lines first"
    }
  }

  private static func contains(_ bytes: UnsafeRawBufferPointer, _ text: String) -> Bool {
    let needle = Array(text.utf8)
    guard bytes.count >= needle.count else { return false }
    for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] {
      if (1..<needle.count).allSatisfy({ bytes[i + $0] == needle[$0] }) { return true }
    }
    return false
  }
}
