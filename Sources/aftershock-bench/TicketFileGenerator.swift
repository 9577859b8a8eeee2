#if canImport(Glibc)
  import Glibc
#endif

/// Writes a ticket CSV that looks like a real export after the outage: quoted multi-sentence bodies with
/// commas, quotes, some embedded newlines and emoji, ~300–600 bytes a row.
struct TicketFileGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

  static let sentences = [
    "Every endpoint in our Frankfurt office blue-screened after this morning's update, and nobody could log in.",
    "We lost a full day of trading, so please explain how a $10 voucher is supposed to cover that.",
    "Your status page said \"degraded performance\", which is not what a global outage looks like.",
    "Support was honest with us, and the workaround (boot into safe mode, delete the file) worked.",
    "Honestly, the \"apology\" voucher felt like a joke; our CFO is asking whether we should renew.",
    "Thanks to the engineer on the bridge call, we were back up within four hours.",
    "Half our laptops are still stuck in a boot loop, and the recovery keys are on the same machines.",
    "We'd like a service credit for the downtime, not a gift card we can't even use for business.",
    "Our contract renews in September; after this, we're evaluating other vendors.",
    "The fix was quick, but the communication was slow, vague, and mostly on social media.",
    "Could you send the root-cause report to our security team, please?",
    "Three hospitals in our network were affected, which is unacceptable for a security product.",
    "I appreciate the transparency in today's update; it helps us explain things to our board.",
    "The voucher code didn't even work: \"invalid or expired\", it said.",
    "We have 2,400 seats and every single one needed manual remediation.",
    "No complaints about the product itself, but this incident has shaken our confidence.",
  ]
  static let emoji = ["😡", "🙄", "👍", "🔥", "💸", "😤", "🙏"]
  static let subjects = [
    "Outage follow-up", "Re: your $10 voucher", "BSOD on all endpoints", "Service credit request",
    "Renewal concerns", "Root cause report?", "Voucher code invalid", "Thanks for the quick fix",
  ]
  static let channels = ["email", "web", "chat", "phone"]
  static let priorities = ["low", "normal", "high", "urgent"]
  static let statuses = ["open", "pending", "solved", "closed"]

  /// Generates rows until the file holds at least `bytes` bytes; returns the number of tickets.
  mutating func write(to path: String, bytes target: Int, jsonLines: Bool = false) throws -> Int {
    guard let out = fopen(path, "w") else {
      throw GeneratorError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(out) }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 22)
    if !jsonLines {
      buffer.append(contentsOf: "ticket_id,account_id,created_at,subject,body,channel,priority,status\n".utf8)
    }
    var written = 0
    var rows = 0
    while written + buffer.count < target {
      rows += 1
      var body = ""
      let count = 3 + Int(next() % 4)
      for k in 0..<count {
        if k > 0 { body += next() % 10 == 0 ? "\n" : " " }
        body += pick(Self.sentences)
        if next() % 12 == 0 { body += " " + pick(Self.emoji) }
      }
      let day = 19 + Int(next() % 12)
      let hour = Int(next() % 24)
      let minute = Int(next() % 60)
      let timestamp = "2024-07-\(day)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00Z"
      let subject = pick(Self.subjects)
      let account = "ACC-\(10000 + Int(next() % 5000))"
      let line: String
      if jsonLines {
        let escaped = body.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
        line =
          #"{"ticket_id":"TCK-\#(rows)","account_id":"\#(account)","created_at":"\#(timestamp)","subject":"\#(subject)","body":"\#(escaped)","channel":"\#(pick(Self.channels))","priority":"\#(pick(Self.priorities))","status":"\#(pick(Self.statuses))"}"#
          + "\n"
      } else {
        let escaped = body.replacingOccurrences(of: "\"", with: "\"\"")
        let quotedSubject = subject.contains(",") || subject.contains("\"") ? "\"\(subject)\"" : subject
        line =
          "TCK-\(rows),\(account),\(timestamp),\(quotedSubject),\"\(escaped)\",\(pick(Self.channels)),\(pick(Self.priorities)),\(pick(Self.statuses))\n"
      }
      buffer.append(contentsOf: line.utf8)
      if buffer.count >= 1 << 22 {
        written += buffer.count
        try flush(&buffer, out, path)
      }
    }
    written += buffer.count
    try flush(&buffer, out, path)
    return rows
  }

  private func flush(_ buffer: inout [UInt8], _ out: UnsafeMutablePointer<FILE>, _ path: String) throws {
    let n = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
    if n != buffer.count { throw GeneratorError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
    buffer.removeAll(keepingCapacity: true)
  }
}

struct GeneratorError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

extension String {
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
