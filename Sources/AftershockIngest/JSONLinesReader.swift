#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming JSON Lines reader: one flat JSON object per line, decoded by a hand-written byte scanner.
///
/// String values (with every escape, `\uXXXX` and surrogate pairs) are decoded into a reused scratch
/// buffer; numbers, `true` and `false` are kept as their text; `null` counts as an absent member.
/// A nested object or array (an export's `via`, `tags`, `custom_fields`) is checked to be
/// well-formed JSON and kept as its text (`nested`): the schema's fields need plain values, so a
/// nested one there quarantines the record (`nested_value`, `RecordStream`), but other members
/// pass through untouched (`aftershock score` writes them back). A bad line is quarantined and the
/// stream goes on; blank lines are skipped and not counted.
public final class JSONLinesReader {
  /// What `nextRecord()` found.
  public enum Event {
    /// A well-formed object is current: read it with `memberCount`, `withKey`, `withValue`.
    case record
    /// A line was rejected; the entry says where and why.
    case malformed(QuarantineEntry)
  }

  /// The JSON type of a member's value.
  public enum ValueKind: UInt8, Sendable {
    /// A string (decoded).
    case string
    /// A number (its text).
    case number
    /// `true` or `false` (its text).
    case boolean
    /// `null`.
    case null
    /// An object or array (its JSON text as written, checked to be well-formed).
    case nested
  }

  /// How deep objects and arrays may nest inside a member's value.
  public static let maxNestingDepth = 64

  struct Member {
    var keyStart: Int32
    var keyEnd: Int32
    var valueStart: Int32
    var valueEnd: Int32
    var kind: ValueKind
  }

  struct Failure: Error {
    var reason: QuarantineReason
    var detail: String
  }

  /// The input's path as given (`-` for stdin).
  public let file: String
  /// The 1-based line of the current record.
  public private(set) var line = 0
  /// How many members the current object has.
  public var memberCount: Int { members.count }

  let source: ByteSource
  let limits: IngestLimits
  private var nextLine = 1
  private var members: [Member] = []
  private var scratch: UnsafeMutablePointer<UInt8>
  private var scratchCapacity = 4096
  private var scratchUsed = 0
  private var lineStart = 0
  private var lineEnd = 0
  private var started = false

  /// Opens a JSON Lines file (`-` for stdin).
  public convenience init(path: String, limits: IngestLimits = IngestLimits()) throws(IngestError) {
    try self.init(source: ByteSource(path: path, limits: limits), limits: limits)
  }

  init(source: ByteSource, limits: IngestLimits) {
    self.source = source
    self.file = source.path
    self.limits = limits
    scratch = .allocate(capacity: scratchCapacity)
    members.reserveCapacity(32)
  }

  deinit { scratch.deallocate() }

  /// Moves to the next non-blank line; nil at the end of the input.
  public func nextRecord() throws(IngestError) -> Event? {
    if !started {
      started = true
      try source.prefetch(3)
      let p = source.base + source.start
      if source.end - source.start >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { source.start += 3 }
    }
    while true {
      let begin = source.start
      let available = source.end - begin
      let found = available > 0 ? memchr(source.base + begin, Int32(ByteScan.newline), available) : nil
      var contentEnd: Int
      var next: Int
      if let found {
        contentEnd = begin + (UnsafeMutableRawPointer(found) - UnsafeMutableRawPointer(source.base + begin))
        next = contentEnd + 1
      } else if source.isAtEnd {
        if available == 0 { return nil }
        contentEnd = source.end
        next = source.end
      } else {
        if available > limits.maxRecordBytes { return .malformed(try skipOversized()) }
        try source.refill()
        continue
      }
      line = nextLine
      nextLine += 1
      source.start = next
      if contentEnd > begin, source.base[contentEnd - 1] == ByteScan.carriageReturn { contentEnd -= 1 }
      lineStart = begin
      lineEnd = contentEnd
      if isBlank() { continue }
      if contentEnd - begin > limits.maxRecordBytes {
        return .malformed(
          entry(.recordTooLong, "line is longer than \(limits.maxRecordBytes) bytes (\(contentEnd - begin) bytes)"))
      }
      if let problem = ByteScan.firstEncodingProblem(source.base + begin, contentEnd - begin) {
        switch problem {
        case .nul(let offset):
          return .malformed(entry(.nulByte, "NUL byte at line \(line), column \(offset + 1)"))
        case .invalidUTF8(let offset, let byte):
          return .malformed(
            entry(
              .invalidUTF8,
              "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)) at line \(line), column \(offset + 1)"))
        }
      }
      do {
        try parseObject()
      } catch {
        return .malformed(entry(error.reason, error.detail))
      }
      return .record
    }
  }

  /// Calls `body` with the decoded key of member `index`.
  public func withKey<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(keyBytes(index))
  }

  /// Calls `body` with the decoded value of member `index` (the text of a number or boolean; empty for null).
  public func withValue<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(valueBytes(index))
  }

  /// The JSON type of member `index`'s value.
  public func valueKind(_ index: Int) -> ValueKind { members[index].kind }

  /// The key of member `index` as a String.
  public func key(at index: Int) -> String { String(decoding: keyBytes(index), as: UTF8.self) }

  /// The value of member `index` as a String.
  public func string(at index: Int) -> String { String(decoding: valueBytes(index), as: UTF8.self) }

  /// The current line's raw bytes cut to 1 KiB.
  public var rawExcerpt: String {
    QuarantineEntry.excerpt(UnsafeRawBufferPointer(start: source.base + lineStart, count: lineEnd - lineStart))
  }

  /// Calls `body` with the current line's raw bytes (line end removed), uncut.
  public func withRawLine<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: source.base + lineStart, count: lineEnd - lineStart))
  }

  /// Total bytes read from the input so far.
  public var bytesRead: Int64 { source.bytesRead }

  func keyBytes(_ index: Int) -> UnsafeRawBufferPointer {
    let m = members[index]
    return UnsafeRawBufferPointer(start: scratch + Int(m.keyStart), count: Int(m.keyEnd - m.keyStart))
  }

  func valueBytes(_ index: Int) -> UnsafeRawBufferPointer {
    let m = members[index]
    return UnsafeRawBufferPointer(start: scratch + Int(m.valueStart), count: Int(m.valueEnd - m.valueStart))
  }

  // MARK: - Parsing

  private func isBlank() -> Bool {
    var i = lineStart
    while i < lineEnd {
      let b = source.base[i]
      if b != 0x20 && b != 0x09 && b != 0x0D { return false }
      i += 1
    }
    return true
  }

  private func skipOversized() throws(IngestError) -> QuarantineEntry {
    line = nextLine
    let raw = QuarantineEntry.excerpt(
      UnsafeRawBufferPointer(start: source.base + source.start, count: min(source.end - source.start, 4096)))
    var skipped = Int64(0)
    while true {
      let available = source.end - source.start
      if available > 0, let found = memchr(source.base + source.start, Int32(ByteScan.newline), available) {
        let offset = UnsafeMutableRawPointer(found) - UnsafeMutableRawPointer(source.base + source.start)
        skipped += Int64(offset)
        source.start += offset + 1
        break
      }
      skipped += Int64(available)
      source.discardAll()
      if try !source.refill() { break }
    }
    nextLine += 1
    return QuarantineEntry(
      file: file, line: line, recordID: nil, reason: .recordTooLong,
      detail: "line is longer than \(limits.maxRecordBytes) bytes (\(skipped) bytes); skipped to the next line",
      raw: raw)
  }

  private func ensureScratch(_ count: Int) {
    if scratchCapacity < count {
      scratch.deallocate()
      scratchCapacity = count
      scratch = .allocate(capacity: count)
    }
  }

  private func parseObject() throws(Failure) {
    members.removeAll(keepingCapacity: true)
    // Decoded text is never longer than the line (escapes only shrink), so one check suffices.
    ensureScratch(lineEnd - lineStart + 16)
    scratchUsed = 0
    let p = UnsafePointer(source.base)
    let end = lineEnd
    var i = skipSpace(p, lineStart, end)
    guard i < end, p[i] == UInt8(ascii: "{") else {
      throw Failure(reason: .malformedJSON, detail: "line does not start with a JSON object ('{')")
    }
    i = skipSpace(p, i + 1, end)
    if i < end, p[i] == UInt8(ascii: "}") {
      i = skipSpace(p, i + 1, end)
      if i != end { throw unexpected(p, i, "end of line after '}'") }
      return
    }
    while true {
      guard i < end, p[i] == ByteScan.quote else { throw unexpected(p, i, "a member name in quotes") }
      let keyStart = scratchUsed
      i = try parseString(p, i + 1, end)
      let keyEnd = scratchUsed
      i = skipSpace(p, i, end)
      guard i < end, p[i] == UInt8(ascii: ":") else { throw unexpected(p, i, "':' after a member name") }
      i = skipSpace(p, i + 1, end)
      guard i < end else { throw unexpected(p, i, "a value") }
      let valueStart = scratchUsed
      let kind: ValueKind
      switch p[i] {
      case ByteScan.quote:
        i = try parseString(p, i + 1, end)
        kind = .string
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        // Checked by a walk that decodes into the scratch as it goes; then the text as written
        // replaces what the walk left there (never longer than the bytes consumed).
        let start = i
        i = try skipValue(p, i, end, depth: 1)
        scratchUsed = valueStart
        memcpy(scratch + scratchUsed, p + start, i - start)
        scratchUsed += i - start
        kind = .nested
      case UInt8(ascii: "t"):
        i = try literal(p, i, end, "true")
        kind = .boolean
      case UInt8(ascii: "f"):
        i = try literal(p, i, end, "false")
        kind = .boolean
      case UInt8(ascii: "n"):
        i = try literal(p, i, end, "null")
        scratchUsed = valueStart
        kind = .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        i = try number(p, i, end)
        kind = .number
      default:
        throw unexpected(p, i, "a value")
      }
      members.append(
        Member(
          keyStart: Int32(keyStart), keyEnd: Int32(keyEnd), valueStart: Int32(valueStart),
          valueEnd: Int32(scratchUsed), kind: kind))
      i = skipSpace(p, i, end)
      guard i < end else { throw unexpected(p, i, "',' or '}'") }
      if p[i] == UInt8(ascii: ",") {
        i = skipSpace(p, i + 1, end)
        continue
      }
      guard p[i] == UInt8(ascii: "}") else { throw unexpected(p, i, "',' or '}'") }
      i = skipSpace(p, i + 1, end)
      if i != end { throw unexpected(p, i, "end of line after '}'") }
      return
    }
  }

  /// Checks one JSON value starting at `i` (objects and arrays to `maxNestingDepth`); returns the
  /// index after it. Leaves decoded bytes in the scratch, which the caller discards.
  private func skipValue(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int, depth: Int) throws(Failure) -> Int {
    var i = from
    guard i < end else { throw unexpected(p, i, "a value") }
    switch p[i] {
    case ByteScan.quote:
      return try parseString(p, i + 1, end)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard depth <= Self.maxNestingDepth else {
        throw Failure(
          reason: .malformedJSON, detail: "objects and arrays nest deeper than \(Self.maxNestingDepth) levels")
      }
      let isObject = p[i] == UInt8(ascii: "{")
      let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      i = skipSpace(p, i + 1, end)
      if i < end, p[i] == close { return i + 1 }
      while true {
        if isObject {
          guard i < end, p[i] == ByteScan.quote else { throw unexpected(p, i, "a member name in quotes") }
          i = skipSpace(p, try parseString(p, i + 1, end), end)
          guard i < end, p[i] == UInt8(ascii: ":") else { throw unexpected(p, i, "':' after a member name") }
          i = skipSpace(p, i + 1, end)
        }
        i = skipSpace(p, try skipValue(p, i, end, depth: depth + 1), end)
        guard i < end else { throw unexpected(p, i, "',' or '\(Character(Unicode.Scalar(close)))'") }
        if p[i] == UInt8(ascii: ",") {
          i = skipSpace(p, i + 1, end)
          continue
        }
        guard p[i] == close else { throw unexpected(p, i, "',' or '\(Character(Unicode.Scalar(close)))'") }
        return i + 1
      }
    case UInt8(ascii: "t"): return try literal(p, i, end, "true")
    case UInt8(ascii: "f"): return try literal(p, i, end, "false")
    case UInt8(ascii: "n"): return try literal(p, i, end, "null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(p, i, end)
    default: throw unexpected(p, i, "a value")
    }
  }

  private func unexpected(_ p: UnsafePointer<UInt8>, _ i: Int, _ expected: String) -> Failure {
    let column = i - lineStart + 1
    if i >= lineEnd {
      return Failure(reason: .malformedJSON, detail: "line ends at column \(column) where \(expected) was expected")
    }
    let shown =
      p[i] >= 0x20 && p[i] < 0x7F ? "'\(Character(Unicode.Scalar(p[i])))'" : "byte 0x\(String(p[i], radix: 16))"
    return Failure(reason: .malformedJSON, detail: "unexpected \(shown) at column \(column); expected \(expected)")
  }

  @inline(__always)
  private func skipSpace(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
    var i = from
    while i < end, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
    return i
  }

  private func literal(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ word: StaticString) throws(Failure) -> Int {
    let n = word.utf8CodeUnitCount
    guard i + n <= end, memcmp(p + i, word.utf8Start, n) == 0 else {
      throw unexpected(p, i, "a value (\(word) ?)")
    }
    memcpy(scratch + scratchUsed, p + i, n)
    scratchUsed += n
    return i + n
  }

  private func number(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) throws(Failure) -> Int {
    var i = from
    if p[i] == UInt8(ascii: "-") { i += 1 }
    func digits(_ j: inout Int) -> Int {
      let s = j
      while j < end, p[j] >= 0x30, p[j] <= 0x39 { j += 1 }
      return j - s
    }
    guard i < end, p[i] >= 0x30, p[i] <= 0x39 else { throw unexpected(p, i, "a digit") }
    if p[i] == 0x30 { i += 1 } else { _ = digits(&i) }
    if i < end, p[i] == UInt8(ascii: ".") {
      i += 1
      if digits(&i) == 0 { throw unexpected(p, i, "a digit after '.'") }
    }
    if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
      i += 1
      if i < end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
      if digits(&i) == 0 { throw unexpected(p, i, "a digit in the exponent") }
    }
    memcpy(scratch + scratchUsed, p + from, i - from)
    scratchUsed += i - from
    return i
  }

  /// Decodes a string whose opening quote is just before `from` into the scratch buffer; returns the offset after the closing quote.
  private func parseString(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) throws(Failure) -> Int {
    var i = from
    let out = scratch
    var n = scratchUsed
    defer { scratchUsed = n }
    while true {
      // Copy a run of plain bytes.
      let runStart = i
      i = ByteScan.firstJSONStringStop(p, i, end)
      if i > runStart {
        memcpy(out + n, p + runStart, i - runStart)
        n += i - runStart
      }
      guard i < end else {
        scratchUsed = n
        throw unexpected(p, i, "a closing '\"'")
      }
      let b = p[i]
      if b == ByteScan.quote { return i + 1 }
      if b < 0x20 {
        scratchUsed = n
        throw Failure(
          reason: .malformedJSON,
          detail:
            "control byte 0x\(String(b, radix: 16)) inside a string at column \(i - lineStart + 1); it must be escaped")
      }
      // Backslash escape.
      guard i + 1 < end else { throw unexpected(p, i + 1, "an escape character") }
      let e = p[i + 1]
      i += 2
      if let byte = Self.escapedByte(e) {
        out[n] = byte
        n += 1
        continue
      }
      switch e {
      case UInt8(ascii: "u"):
        var scalar = try hex4(p, i, end)
        i += 4
        if scalar >= 0xD800 && scalar <= 0xDBFF {
          guard i + 6 <= end, p[i] == 0x5C, p[i + 1] == UInt8(ascii: "u") else {
            throw Failure(
              reason: .malformedJSON,
              detail:
                "unpaired high surrogate \\u\(String(scalar, radix: 16, uppercase: true)) at column \(i - 6 - lineStart + 1)"
            )
          }
          let low = try hex4(p, i + 2, end)
          guard low >= 0xDC00 && low <= 0xDFFF else {
            throw Failure(
              reason: .malformedJSON,
              detail:
                "high surrogate \\u\(String(scalar, radix: 16, uppercase: true)) is not followed by a low surrogate at column \(i - 6 - lineStart + 1)"
            )
          }
          i += 6
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
          throw Failure(
            reason: .malformedJSON,
            detail:
              "unpaired low surrogate \\u\(String(scalar, radix: 16, uppercase: true)) at column \(i - 6 - lineStart + 1)"
          )
        }
        if scalar == 0 {
          throw Failure(reason: .nulByte, detail: "escaped NUL (\\u0000) at column \(i - 6 - lineStart + 1)")
        }
        n += encodeUTF8(scalar, out + n)
      default:
        throw Failure(
          reason: .malformedJSON,
          detail: "invalid escape '\\\(Character(Unicode.Scalar(e)))' at column \(i - 2 - lineStart + 1)")
      }
    }
  }

  /// The byte a one-character escape stands for (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`,
  /// `\t`), or nil (`\u` and invalid escapes).
  private static func escapedByte(_ e: UInt8) -> UInt8? {
    switch e {
    case ByteScan.quote, 0x5C, UInt8(ascii: "/"): return e
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "t"): return 0x09
    default: return nil
    }
  }

  private func hex4(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) throws(Failure) -> UInt32 {
    guard i + 4 <= end else { throw unexpected(p, min(i, end), "four hex digits after \\u") }
    var v: UInt32 = 0
    for k in 0..<4 {
      let c = p[i + k]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw unexpected(p, i + k, "a hex digit after \\u")
      }
      v = v << 4 | d
    }
    return v
  }

  /// Writes a scalar as UTF-8; a `\uXXXX` (6 bytes) or a pair (12 bytes) always encodes shorter, so the scratch bound holds.
  private func encodeUTF8(_ scalar: UInt32, _ out: UnsafeMutablePointer<UInt8>) -> Int {
    if scalar < 0x80 {
      out[0] = UInt8(scalar)
      return 1
    }
    if scalar < 0x800 {
      out[0] = UInt8(0xC0 | (scalar >> 6))
      out[1] = UInt8(0x80 | (scalar & 0x3F))
      return 2
    }
    if scalar < 0x10000 {
      out[0] = UInt8(0xE0 | (scalar >> 12))
      out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
      out[2] = UInt8(0x80 | (scalar & 0x3F))
      return 3
    }
    out[0] = UInt8(0xF0 | (scalar >> 18))
    out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
    out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
    out[3] = UInt8(0x80 | (scalar & 0x3F))
    return 4
  }

  private func entry(_ reason: QuarantineReason, _ detail: String) -> QuarantineEntry {
    QuarantineEntry(file: file, line: line, recordID: nil, reason: reason, detail: detail, raw: rawExcerpt)
  }
}

/// A reader owns a mutable buffer and a file descriptor: use it from one task at a time.
@available(*, unavailable)
extension JSONLinesReader: Sendable {}
