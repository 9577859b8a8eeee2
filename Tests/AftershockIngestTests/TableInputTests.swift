import Foundation
import Testing

@testable import AftershockIngest

/// What an input turns out to be from its first bytes, whatever its name says.
@Suite struct TableInputTests {
  static let header = "ticket_id,account_id,created_at,body\n"
  static let ticket = "T1,A1,2024-11-01,The outage cost us a day\n"

  /// Excel's "Text (Tab delimited)" saved as `.csv`: read as the TSV it is, as a `;` file is read with `;`.
  @Test func tabSeparatedFileNamedCSVIsReadAsTSV() throws {
    let s = Scratch()
    let tabbed = (Self.header + Self.ticket).replacingOccurrences(of: ",", with: "\t")
    let (tickets, quarantine, summary) = try readTickets(s.write("tab_export.csv", tabbed))
    #expect(quarantine.isEmpty)
    #expect(tickets.map(\.body) == ["The outage cost us a day"])
    #expect(summary.format == .tsv)
    // Commas in the first line keep it a CSV (a tab inside a text is no delimiter).
    let commas = s.write("t.csv", Self.header + "T1,A1,2024-11-01,\"tab\there\"\n")
    let (plain, _, csv) = try readTickets(commas)
    #expect(plain.map(\.body) == ["tab\there"])
    #expect(csv.format == .csv)
  }

  @Test func gzipFileIsRefusedWithTheCommandThatDecompressesIt() throws {
    let s = Scratch()
    let path = s.write(
      "tickets.csv.gz",
      bytes: [0x1F, 0x8B, 0x08, 0x08, 0, 0, 0, 0, 0, 3] + Array("tickets.csv".utf8) + [0, 0x4B, 0x2C])
    let error = IngestError.binaryInput(file: path, format: .gzip)
    #expect(throws: error) { _ = try readTickets(path) }
    let shown = IngestError.binaryInput(file: "exports/tickets.csv.gz", format: .gzip).description
    #expect(
      shown
        == "exports/tickets.csv.gz looks gzip-compressed, not CSV, TSV or JSON Lines text: decompress it first, e.g. gunzip -c exports/tickets.csv.gz > exports/tickets.csv, and give that file"
    )
    #expect(
      IngestError.binaryInput(file: "-", format: .gzip).description
        == "standard input looks gzip-compressed, not CSV, TSV or JSON Lines text: decompress it on the way in: pipe it through gunzip -c first"
    )
  }

  @Test func excelWorkbookIsRefusedWithHowToSaveItAsCSV() throws {
    let s = Scratch()
    // A ZIP local file header for `xl/workbook.xml`, as an .xlsx starts (whatever the file is named).
    let zip: [UInt8] = [
      0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 15, 0, 0, 0,
    ]
    let path = s.write("tickets.csv", bytes: zip + Array("xl/workbook.xml<x/>".utf8))
    #expect(throws: IngestError.binaryInput(file: path, format: .xlsx)) { _ = try readTickets(path) }
    #expect(
      IngestError.binaryInput(file: "t.xlsx", format: .xlsx).description
        == "t.xlsx looks like an Excel workbook (.xlsx), not CSV, TSV or JSON Lines text: open it in Excel and save the sheet as \"CSV UTF-8 (Comma delimited)\", then give that file"
    )
    // Another ZIP archive is named as one.
    let archive = s.write("tickets.zip", bytes: zip + Array("tickets.csv".utf8))
    #expect(throws: IngestError.binaryInput(file: archive, format: .zip)) { _ = try readTickets(archive) }
  }

  @Test func binaryFormatsAreToldByTheirFirstBytes() {
    func sniff(_ bytes: [UInt8], _ name: String = "x") -> BinaryFormat? {
      bytes.withUnsafeBytes { BinaryFormat(sniffing: $0, fileName: name) }
    }
    #expect(sniff([0x1F, 0x8B, 0x08]) == .gzip)
    #expect(sniff(Array("BZh91AY".utf8)) == .bzip2)
    #expect(sniff([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00]) == .xz)
    #expect(sniff([0x28, 0xB5, 0x2F, 0xFD, 0x00]) == .zstd)
    #expect(sniff([0x50, 0x4B, 0x03, 0x04, 0x14], "book.xlsx") == .xlsx)
    #expect(
      sniff([0x50, 0x4B, 0x03, 0x04] + Array("mimetypeapplication/vnd.oasis.opendocument.spreadsheet".utf8)) == .ods)
    #expect(sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]) == .xls)
    #expect(sniff(Array("PAR1\u{15}".utf8)) == .parquet)
    // Text is not binary, even starting like a magic number in letters.
    #expect(sniff(Array("PK,name\n1,x\n".utf8)) == nil)
    #expect(sniff(Array("BZh,ok\n".utf8)) == nil)
    #expect(sniff(Array(Self.header.utf8)) == nil)
  }

  /// UTF-16 without a byte-order mark: one file-level error naming the encoding and the `iconv`
  /// line, not a `nul_byte` row per line (with more rows read than the file holds).
  @Test(arguments: ["UTF-16LE", "UTF-16BE"])
  func utf16WithoutAByteOrderMarkIsRefusedNamingIt(encoding: String) throws {
    let s = Scratch()
    let text = Self.header + Self.ticket + "T2,A1,2024-11-02,Déjà vu\n"
    let big = encoding.hasSuffix("BE")
    let bytes = text.utf16.flatMap { big ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let path = s.write("tickets_utf16.csv", bytes: bytes)
    let error = IngestError.notUTF8WithoutMark(file: path, encoding: encoding, tabSeparated: false)
    #expect(throws: error) { _ = try readTickets(path) }
    #expect(
      IngestError.notUTF8WithoutMark(file: "tickets_utf16.csv", encoding: encoding, tabSeparated: false).description
        == "tickets_utf16.csv looks \(encoding) without a byte-order mark (its letters come with a zero byte each), not UTF-8: save it as UTF-8 (\"CSV UTF-8\" in Excel) or convert it, e.g. iconv -f \(encoding) -t UTF-8 tickets_utf16.csv > converted.csv"
    )
  }

  @Test func utf32WithoutAByteOrderMarkIsRefusedNamingIt() throws {
    let s = Scratch()
    let bytes = (Self.header + Self.ticket).unicodeScalars.flatMap { scalar -> [UInt8] in
      let v = scalar.value
      return [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }
    let path = s.write("t.csv", bytes: bytes)
    #expect(throws: IngestError.notUTF8WithoutMark(file: path, encoding: "UTF-32LE", tabSeparated: false)) {
      _ = try readTickets(path)
    }
  }

  /// A UTF-8 file with a stray NUL byte is still UTF-8: that line alone is quarantined.
  @Test func aStrayNulByteIsNotTakenForUTF16() throws {
    let s = Scratch()
    let path = s.write(
      "t.csv",
      bytes: Array((Self.header + "T1,A1,2024-11-01,bad").utf8) + [0]
        + Array(("\n" + Self.ticket.replacingOccurrences(of: "T1", with: "T2")).utf8))
    let (tickets, quarantine, _) = try readTickets(path)
    #expect(tickets.map(\.ticketID) == ["T2"])
    #expect(quarantine.map(\.reason) == [.nulByte])
  }
}
