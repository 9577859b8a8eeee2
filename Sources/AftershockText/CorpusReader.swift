import Foundation

/// Reads labelled text corpora shipped in `Data/corpora` (for tests and the benchmark; the
/// CLI uses AftershockIngest's streaming readers instead).
package enum CorpusReader {
  /// Rows of an RFC 4180 CSV file (quoted fields, `""` escapes, embedded newlines, CRLF).
  package static func csvRows(path: String) throws -> [[String]] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TextError.unreadable(path, expected: "a CSV file")
    }
    let bytes = [UInt8](data)
    var rows: [[String]] = []
    var row: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while i < bytes.count {
      let b = bytes[i]
      if quoted {
        if b == UInt8(ascii: "\"") {
          if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
            field.append(b)
            i += 1
          } else {
            quoted = false
          }
        } else {
          field.append(b)
        }
      } else if b == UInt8(ascii: "\"") && field.isEmpty {
        quoted = true
      } else if b == UInt8(ascii: ",") {
        row.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
      } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
        if b == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        row.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        rows.append(row)
        row = []
      } else {
        field.append(b)
      }
      i += 1
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(String(decoding: field, as: UTF8.self))
      rows.append(row)
    }
    return rows
  }

  /// Texts and labels of a CSV with a header naming `textColumn` and `labelColumn`.
  package static func labelledCSV(path: String, textColumn: String, labelColumn: String) throws
    -> (texts: [String], labels: [String])
  {
    let rows = try csvRows(path: path)
    guard let header = rows.first, let t = header.firstIndex(of: textColumn),
      let l = header.firstIndex(of: labelColumn)
    else {
      throw TextError.malformedLine(
        path: path, line: 1, value: rows.first?.joined(separator: ",") ?? "",
        expected: "a header with columns '\(textColumn)' and '\(labelColumn)'")
    }
    var texts: [String] = []
    var labels: [String] = []
    for (n, row) in rows.dropFirst().enumerated() {
      guard row.count > max(t, l) else {
        throw TextError.malformedLine(
          path: path, line: n + 2, value: row.joined(separator: ","), expected: "\(header.count) fields")
      }
      texts.append(row[t])
      labels.append(row[l])
    }
    return (texts, labels)
  }

  /// VADER's ground-truth files (`id<TAB>mean rating -4..4<TAB>text`) as texts and
  /// three-class labels at ±0.05 of rating/4 (VADER's own convention).
  package static func vaderGroundTruth(path: String) throws -> (texts: [String], labels: [String]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TextError.unreadable(path, expected: "a CSV file")
    }
    var texts: [String] = []
    var labels: [String] = []
    for (n, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
      let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
      guard fields.count == 3, let rating = Double(fields[1]) else {
        throw TextError.malformedLine(path: path, line: n + 1, value: String(line), expected: "id<TAB>rating<TAB>text")
      }
      let score = rating / 4
      texts.append(String(fields[2]))
      labels.append(score >= 0.05 ? "positive" : score <= -0.05 ? "negative" : "neutral")
    }
    return (texts, labels)
  }

  /// The sample generator's tickets and survey comments with a binary sentiment label (`0`
  /// negative, `1` positive) from their recorded truth (`sample/truth/texts_truth.csv`):
  /// negative when the text is furious or negative about the outage or insulted or sarcastic
  /// about the offer, positive when it is positive about the outage or grateful for the
  /// offer; texts with both signals or neither are left out (they have no overall polarity).
  package static func sampleSentiment(dataDirectory: String) throws -> (texts: [String], labels: [String]) {
    let d = dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/"
    var bodies: [String: String] = [:]
    for (file, idColumn, textColumn) in [
      ("sample/tickets.csv", "ticket_id", "body"), ("sample/surveys.csv", "response_id", "comment"),
    ] {
      let rows = try csvRows(path: d + file)
      guard let header = rows.first, let id = header.firstIndex(of: idColumn),
        let text = header.firstIndex(of: textColumn)
      else {
        throw TextError.malformedLine(
          path: d + file, line: 1, value: rows.first?.joined(separator: ",") ?? "",
          expected: "a header with columns '\(idColumn)' and '\(textColumn)'")
      }
      for row in rows.dropFirst() where row.count > max(id, text) && !row[text].isEmpty { bodies[row[id]] = row[text] }
    }
    let truthPath = d + "sample/truth/texts_truth.csv"
    let truth = try csvRows(path: truthPath)
    guard let header = truth.first, let id = header.firstIndex(of: "text_id"),
      let outage = header.firstIndex(of: "outage_stance"), let offer = header.firstIndex(of: "offer_reaction")
    else {
      throw TextError.malformedLine(
        path: truthPath, line: 1, value: truth.first?.joined(separator: ",") ?? "",
        expected: "a header with columns 'text_id', 'outage_stance' and 'offer_reaction'")
    }
    var texts: [String] = []
    var labels: [String] = []
    for row in truth.dropFirst() where row.count > max(id, outage, offer) {
      guard let body = bodies[row[id]] else { continue }
      let negative = ["furious", "negative"].contains(row[outage]) || ["insulted", "sarcastic"].contains(row[offer])
      let positive = row[outage] == "positive" || row[offer] == "grateful"
      guard negative != positive else { continue }
      texts.append(body)
      labels.append(positive ? "1" : "0")
    }
    return (texts, labels)
  }
}
