import Foundation

/// Foundation's JSONDecoder on the same ticket lines, as the reference the hand-written reader must beat.
enum JSONDecoderBaseline {
  // swift-format-ignore: AlwaysUseLowerCamelCase
  struct TicketRow: Decodable {
    var ticket_id: String
    var account_id: String
    var created_at: String
    var subject: String?
    var body: String
    var channel: String?
    var priority: String?
    var status: String?
  }

  /// CPU microseconds per line to decode the first `lines` lines of a JSON Lines file.
  static func measure(path: String, lines: Int) throws -> (lines: Int, microsecondsPerLine: Double) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return (0, 0) }
    defer { try? handle.close() }
    let chunk = handle.readData(ofLength: 64 << 20)
    var rows: [Data] = []
    var start = chunk.startIndex
    for i in chunk.indices where chunk[i] == 0x0A {
      rows.append(chunk[start..<i])
      start = i + 1
      if rows.count == lines { break }
    }
    let decoder = JSONDecoder()
    let begin = IngestBenchmark.cpuSeconds()
    var total = 0
    for row in rows { total &+= try decoder.decode(TicketRow.self, from: row).body.utf8.count }
    let seconds = IngestBenchmark.cpuSeconds() - begin
    if total == 42 { print("") }
    return (rows.count, seconds / Double(max(1, rows.count)) * 1e6)
  }
}
