import Foundation
import Testing

@testable import AftershockIngest

/// Writes test inputs to a fresh temporary directory and reads them back through the library.
final class Scratch {
  let directory: String

  init() {
    var template = Array((NSTemporaryDirectory() + "/aftershock-ingest-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    directory = String(cString: made!)
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  /// Writes `text` (UTF-8) to `name` and returns the path.
  @discardableResult
  func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

  /// Writes raw bytes to `name` and returns the path.
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) -> String {
    let path = directory + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }
}

/// The repository root, found from this file's path (the folder holding Package.swift).
func repositoryRoot(_ file: String = #filePath) -> String {
  var url = URL(fileURLWithPath: file).deletingLastPathComponent()
  while url.path != "/" {
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    url = url.deletingLastPathComponent()
  }
  return "."
}

/// A fixture under Tests/Fixtures.
func fixture(_ name: String) -> String { repositoryRoot() + "/Tests/Fixtures/" + name }

/// Limits with a tiny read size so fields straddle blocks.
func tinyBlocks(_ size: Int, maxField: Int = 1 << 20, maxRecord: Int = 4 << 20) -> IngestLimits {
  IngestLimits(maxFieldBytes: maxField, maxRecordBytes: maxRecord, blockSize: size)
}

/// Every record of a CSV file as strings, with quarantine entries in order: `.record([...])` / `.bad(reason, line)`.
enum Row: Equatable, CustomStringConvertible {
  case record([String], line: Int)
  case bad(QuarantineReason, line: Int)

  var description: String {
    switch self {
    case .record(let f, let l): return "record@\(l)\(f)"
    case .bad(let r, let l): return "bad@\(l)(\(r.rawValue))"
    }
  }
}

func readCSV(
  _ path: String, hasHeader: Bool = true, delimiter: UInt8 = UInt8(ascii: ","), limits: IngestLimits = IngestLimits()
)
  throws -> (header: [String], rows: [Row])
{
  let reader = try CSVReader(path: path, delimiter: delimiter, hasHeader: hasHeader, limits: limits)
  let (rows, _) = try readAll(reader)
  return (reader.header, rows)
}

/// Every row left in `reader`, and the quarantine entries among them.
func readAll(_ reader: CSVReader) throws -> (rows: [Row], entries: [QuarantineEntry]) {
  var rows: [Row] = []
  var entries: [QuarantineEntry] = []
  while let event = try reader.nextRecord() {
    switch event {
    case .record: rows.append(.record((0..<reader.fieldCount).map { reader.string(at: $0) }, line: reader.line))
    case .malformed(let e):
      rows.append(.bad(e.reason, line: e.line))
      entries.append(e)
    }
  }
  return (rows, entries)
}

/// The read end of a pipe that holds `text` and is closed for writing: what `cat FILE |` hands a
/// command as standard input (a pipe cannot seek). `text` must fit the pipe's buffer (64 KiB).
func pipeHolding(_ text: String) -> Int32 {
  var ends: [Int32] = [-1, -1]
  precondition(pipe(&ends) == 0)
  let bytes = Array(text.utf8)
  precondition(bytes.count < 60_000, "more than a pipe holds without a reader")
  var done = 0
  while done < bytes.count {
    let n = bytes[done...].withUnsafeBytes { write(ends[1], $0.baseAddress!, $0.count) }
    precondition(n > 0)
    done += n
  }
  close(ends[1])
  return ends[0]
}

/// A CSV reader over an open descriptor, read as standard input (`-`) is; the reader closes it.
func csvReader(descriptor: Int32, limits: IngestLimits) throws -> CSVReader {
  let source = try ByteSource(fileDescriptor: descriptor, path: "-", closesOnDeinit: true, limits: limits)
  return try CSVReader(source: source, delimiter: UInt8(ascii: ","), hasHeader: true, limits: limits)
}

/// Streams a tickets file and collects everything.
func readTickets(_ path: String, options: IngestOptions = IngestOptions(), known: AccountDirectory? = nil) throws
  -> (tickets: [Ticket], quarantine: [QuarantineEntry], summary: InputSummary)
{
  var tickets: [Ticket] = []
  var quarantine: [QuarantineEntry] = []
  let summary = try Ingest.streamTickets(
    from: path, options: options, knownAccounts: known, onTicket: { tickets.append($0) },
    onQuarantine: { quarantine.append($0) })
  return (tickets, quarantine, summary)
}

func readAccounts(
  _ path: String, options: IngestOptions = IngestOptions(), into directory: AccountDirectory = AccountDirectory()
)
  throws -> (accounts: [Account], quarantine: [QuarantineEntry], summary: InputSummary)
{
  var accounts: [Account] = []
  var quarantine: [QuarantineEntry] = []
  let summary = try Ingest.streamAccounts(
    from: path, options: options, into: directory, onAccount: { accounts.append($0) },
    onQuarantine: { quarantine.append($0) })
  return (accounts, quarantine, summary)
}

func readSurveys(_ path: String, options: IngestOptions = IngestOptions(), known: AccountDirectory? = nil) throws
  -> (responses: [SurveyResponse], quarantine: [QuarantineEntry], summary: InputSummary)
{
  var responses: [SurveyResponse] = []
  var quarantine: [QuarantineEntry] = []
  let summary = try Ingest.streamSurveys(
    from: path, options: options, knownAccounts: known, onResponse: { responses.append($0) },
    onQuarantine: { quarantine.append($0) })
  return (responses, quarantine, summary)
}
