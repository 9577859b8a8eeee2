import Testing

@testable import AftershockIngest

@Suite struct JSONLinesReaderTests {
  enum Line: Equatable {
    case object([String: String])
    case bad(QuarantineReason, line: Int)
  }

  func read(_ text: String, block: Int = 1 << 20) throws -> [Line] {
    let s = Scratch()
    let reader = try JSONLinesReader(path: s.write("t.jsonl", text), limits: tinyBlocks(block))
    var out: [Line] = []
    while let event = try reader.nextRecord() {
      switch event {
      case .record:
        var object: [String: String] = [:]
        for m in 0..<reader.memberCount { object[reader.key(at: m)] = reader.string(at: m) }
        out.append(.object(object))
      case .malformed(let e):
        out.append(.bad(e.reason, line: e.line))
      }
    }
    return out
  }

  @Test(arguments: blockSizes)
  func stringEscapesAreDecoded(block: Int) throws {
    let lines = try read(#"{"a":"q\"b\\s\/n\nt\tr\rb\bf\f","k\u00e9y":"caf\u00e9"}"# + "\n", block: block)
    #expect(lines == [.object(["a": "q\"b\\s/n\nt\tr\rb\u{8}f\u{C}", "kéy": "café"])])
  }

  @Test(arguments: blockSizes)
  func surrogatePairsBecomeOneScalar(block: Int) throws {
    let lines = try read(#"{"emoji":"\ud83d\ude00 ok","raw":"😀"}"# + "\n", block: block)
    #expect(lines == [.object(["emoji": "😀 ok", "raw": "😀"])])
  }

  @Test func unpairedSurrogatesAreQuarantined() throws {
    let lines = try read(#"{"a":"\ud83d x"}"# + "\n" + #"{"a":"\ude00"}"# + "\n" + #"{"a":"fine"}"#)
    #expect(lines == [.bad(.malformedJSON, line: 1), .bad(.malformedJSON, line: 2), .object(["a": "fine"])])
  }

  @Test func numbersBooleansAndNullKeepTheirText() throws {
    let lines = try read(#"{"n":-12.5e3,"z":0,"t":true,"f":false,"x":null}"#)
    #expect(lines == [.object(["n": "-12.5e3", "z": "0", "t": "true", "f": "false", "x": ""])])
  }

  /// An export's nested members (`via`, `tags`, `custom_fields`) are kept as their JSON text,
  /// checked to be well-formed; a broken or too deep one quarantines the line.
  @Test func nestedValuesAreKeptAsTheirTextWhenWellFormed() throws {
    let text = [
      #"{"a":{"b":1, "c":[true,null,"x\"]"]},"d":"ok"}"#, #"{"a":[1,2]}"#, #"{"a":[]}"#,
      #"{"a":{"b":}}"#, #"{"a":[1,2}"#, #"{"a":{"b":"unclosed}}"#,
      "{\"a\":" + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "}",
    ].joined(separator: "\n")
    let lines = try read(text)
    #expect(
      lines == [
        .object(["a": #"{"b":1, "c":[true,null,"x\"]"]}"#, "d": "ok"]), .object(["a": "[1,2]"]), .object(["a": "[]"]),
        .bad(.malformedJSON, line: 4), .bad(.malformedJSON, line: 5), .bad(.malformedJSON, line: 6),
        .bad(.malformedJSON, line: 7),
      ])
    let scratch = Scratch()
    let reader = try JSONLinesReader(path: scratch.write("v.jsonl", #"{"v":{"x":1}}"#), limits: tinyBlocks(1 << 20))
    _ = try reader.nextRecord()
    #expect(reader.valueKind(0) == .nested)
  }

  @Test func malformedLinesAreQuarantinedAndTheStreamGoesOn() throws {
    let text = [
      #"{"a":1"#, #"{"a":01}"#, #"{"a":tru}"#, #"["a"]"#, #"{"a":"x"} trailing"#, #"{"a":"bad \q"}"#,
      "{\"a\":\"tab\tinside\"}", #"{a:1}"#, #"{"a":"ok"}"#,
    ].joined(separator: "\n")
    let lines = try read(text)
    #expect(lines.count == 9)
    #expect(lines.prefix(8).allSatisfy { if case .bad(.malformedJSON, _) = $0 { true } else { false } })
    #expect(lines.last == .object(["a": "ok"]))
  }

  @Test func blankLinesAndCRLFAreHandled() throws {
    let lines = try read("{\"a\":\"1\"}\r\n\r\n   \n{\"a\":\"2\"}")
    #expect(lines == [.object(["a": "1"]), .object(["a": "2"])])
  }

  @Test func escapedNulAndRawInvalidUTF8AreQuarantined() throws {
    let s = Scratch()
    let bytes = Array(#"{"a":"\u0000"}"#.utf8) + [0x0A] + Array(#"{"a":""#.utf8) + [0xFF] + Array("\"}\n{}\n".utf8)
    let reader = try JSONLinesReader(path: s.write("t.jsonl", bytes: bytes))
    var reasons: [QuarantineReason] = []
    var records = 0
    while let event = try reader.nextRecord() {
      if case .malformed(let e) = event { reasons.append(e.reason) } else { records += 1 }
    }
    #expect(reasons == [.nulByte, .invalidUTF8])
    #expect(records == 1)
  }

  @Test(arguments: [1, 7, 64])
  func lineOverTheBoundIsSkipped(block: Int) throws {
    let s = Scratch()
    let long = #"{"a":""# + String(repeating: "x", count: 300) + "\"}"
    let path = s.write("t.jsonl", "{\"a\":\"1\"}\n\(long)\n{\"a\":\"3\"}\n")
    let reader = try JSONLinesReader(path: path, limits: tinyBlocks(block, maxField: 100, maxRecord: 100))
    var seen: [String] = []
    while let event = try reader.nextRecord() {
      switch event {
      case .record: seen.append("\(reader.line):\(reader.string(at: 0))")
      case .malformed(let e): seen.append("\(e.line):\(e.reason.rawValue)")
      }
    }
    #expect(seen == ["1:1", "2:record_too_long", "3:3"])
  }
}
