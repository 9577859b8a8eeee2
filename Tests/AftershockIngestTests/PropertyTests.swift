import Testing

@testable import AftershockIngest

/// SplitMix64: a small seeded generator so failures can be replayed from the printed seed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct PropertyTests {
  static let pieces = ["word", "x", "", ",", "\"", "\"\"", "\n", "\r\n", "é", "😀", " ", "a,b", "line\nbreak", "\t"]

  func randomField(_ rng: inout SplitMix64) -> String {
    (0..<Int.random(in: 0...4, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
  }

  func encode(_ field: String) -> String {
    let needsQuotes = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
  }

  @Test func csvRoundTripsRandomFieldsAtAnyBlockSize() throws {
    let seed: UInt64 = 20_240_719
    var rng = SplitMix64(seed: seed)
    let s = Scratch()
    for round in 0..<60 {
      let columns = Int.random(in: 1...4, using: &rng)
      var rows: [[String]] = []
      for _ in 0..<Int.random(in: 1...12, using: &rng) {
        var row = (0..<columns).map { _ in randomField(&rng) }
        if columns == 1 && row[0].isEmpty { row[0] = "z" }  // a lone empty field is a blank line
        rows.append(row)
      }
      let header = (0..<columns).map { "c\($0)" }
      let lineEnd = Bool.random(using: &rng) ? "\r\n" : "\n"
      var text = ([header] + rows).map { $0.map(encode).joined(separator: ",") }.joined(separator: lineEnd)
      if Bool.random(using: &rng) { text += lineEnd }
      let path = s.write("r\(round).csv", text)
      let block = [1, 2, 3, 5, 8, 13, 4096].randomElement(using: &rng)!
      let (readHeader, read) = try readCSV(path, limits: tinyBlocks(block))
      let fields = read.compactMap { row -> [String]? in if case .record(let f, _) = row { f } else { nil } }
      #expect(readHeader == header, "seed \(seed) round \(round)")
      #expect(fields == rows, "seed \(seed) round \(round) block \(block)")
    }
  }

  /// A realistic ticket file with `count` rows, some with quoted multi-line bodies.
  func ticketFile(_ rng: inout SplitMix64, count: Int) -> String {
    var lines = ["ticket_id,account_id,created_at,body,subject"]
    for i in 0..<count {
      let body = ["Down for hours, \"really\" bad.", "Voucher?\nInsulting 😡", "ok", "Fix it; now, please"]
        .randomElement(using: &rng)!
      lines.append("T\(i),A\(i % 5),2024-07-\(10 + i % 15)T08:00:00Z,\(encode(body)),s\(i)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func corrupt(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    // The header stays intact: a broken header makes the whole input unreadable, which is a thrown error.
    var b = bytes
    let bodyStart = b.firstIndex(of: UInt8(ascii: "\n"))! + 1
    for _ in 0..<Int.random(in: 1...6, using: &rng) {
      let at = Int.random(in: bodyStart..<b.count, using: &rng)
      switch Int.random(in: 0..<7, using: &rng) {
      case 0: b.insert(UInt8(ascii: "\""), at: at)
      case 1: b.insert(0, at: at)
      case 2: b.insert(0xFF, at: at)
      case 3: b.remove(at: at)
      case 4: b.insert(UInt8(ascii: ","), at: at)
      case 5: b.insert(UInt8(ascii: "\n"), at: at)
      default: b[at] = UInt8.random(in: 0...255, using: &rng)
      }
    }
    return b
  }

  func events(_ path: String, block: Int) throws -> (summary: InputSummary, log: [String]) {
    var log: [String] = []
    let summary = try Ingest.streamTickets(
      from: path, options: IngestOptions(limits: tinyBlocks(block, maxField: 200, maxRecord: 400)),
      knownAccounts: AccountDirectory(ids: (0..<5).map { "A\($0)" }),
      onTicket: { log.append("ok \($0.line) \($0.ticketID) \($0.body.utf8.count)") },
      onQuarantine: { log.append("bad \($0.line) \($0.reason.rawValue)") })
    return (summary, log)
  }

  @Test func readEqualsAcceptedPlusQuarantinedUnderRandomCorruption() throws {
    let seed: UInt64 = 0xAF7E_5A0C
    var rng = SplitMix64(seed: seed)
    let s = Scratch()
    let clean = Array(ticketFile(&rng, count: 40).utf8)
    let cleanPath = s.write("clean.csv", bytes: clean)
    let (cleanSummary, _) = try events(cleanPath, block: 1 << 20)
    #expect(cleanSummary.read == 40 && cleanSummary.accepted == 40, "seed \(seed)")
    var reasonsSeen = Set<QuarantineReason>()
    for round in 0..<80 {
      let broken = corrupt(clean, &rng)
      let path = s.write("broken\(round).csv", bytes: broken)
      let (whole, log) = try events(path, block: 1 << 20)
      let context = Comment(rawValue: "seed \(seed) round \(round)")
      #expect(whole.read == whole.accepted + whole.quarantined, context)
      #expect(log.count == whole.read, context)
      #expect(whole.quarantinedByReason.values.reduce(0, +) == whole.quarantined, context)
      reasonsSeen.formUnion(whole.quarantinedByReason.keys)
      let lines = log.map { Int($0.split(separator: " ")[1])! }
      #expect(lines == lines.sorted() && (lines.first ?? 2) >= 2, context)
      // Block boundaries must not change anything a user sees.
      let block = [1, 3, 7, 64].randomElement(using: &rng)!
      let (_, smallLog) = try events(path, block: block)
      #expect(smallLog == log, "seed \(seed) round \(round) block \(block)")
    }
    // The corruptions must actually exercise the quarantine, or the invariant above proves little.
    #expect(
      reasonsSeen.isSuperset(of: [.raggedRow, .nulByte, .invalidUTF8, .invalidDate]), "seed \(seed): \(reasonsSeen)")
  }
}
