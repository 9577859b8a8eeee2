import Foundation
import Testing

@testable import AftershockIngest

/// Block sizes small enough that quotes, CRLF pairs and fields straddle reads, plus the default.
let blockSizes = [1, 2, 3, 5, 7, 16, 1 << 20]

@Suite struct CSVReaderTests {
  @Test(arguments: blockSizes)
  func quotedNewlineStaysInField(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", "id,body\n1,\"line one\nline two\"\n2,plain\n")
    let (header, rows) = try readCSV(path, limits: tinyBlocks(block))
    #expect(header == ["id", "body"])
    #expect(rows == [.record(["1", "line one\nline two"], line: 2), .record(["2", "plain"], line: 4)])
  }

  @Test(arguments: blockSizes)
  func doubledQuotesBecomeOneQuote(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", "a,b\n\"say \"\"hi\"\", ok\",\"\"\"\"\n")
    let (_, rows) = try readCSV(path, limits: tinyBlocks(block))
    #expect(rows == [.record(["say \"hi\", ok", "\""], line: 2)])
  }

  @Test(arguments: blockSizes)
  func crlfLineEndsAreStripped(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", "a,b\r\n1,2\r\n\"x\r\ny\",3\r\n")
    let (header, rows) = try readCSV(path, limits: tinyBlocks(block))
    #expect(header == ["a", "b"])
    #expect(rows == [.record(["1", "2"], line: 2), .record(["x\r\ny", "3"], line: 3)])
  }

  @Test(arguments: blockSizes)
  func byteOrderMarkIsSkipped(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n7,x\n".utf8))
    let (header, rows) = try readCSV(path, limits: tinyBlocks(block))
    #expect(header == ["id", "name"])
    #expect(rows == [.record(["7", "x"], line: 2)])
  }

  @Test(arguments: blockSizes)
  func emptyFieldsAndEmptyLastField(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", "a,b,c\n,,\n1,,\n\"\",x,\n")
    let (_, rows) = try readCSV(path, limits: tinyBlocks(block))
    #expect(
      rows == [
        .record(["", "", ""], line: 2), .record(["1", "", ""], line: 3), .record(["", "x", ""], line: 4),
      ])
  }

  @Test(arguments: blockSizes)
  func lastRecordWithoutTrailingNewline(block: Int) throws {
    let s = Scratch()
    let withNewline = try readCSV(s.write("a.csv", "a,b\n1,2\n3,4\n"), limits: tinyBlocks(block)).rows
    let without = try readCSV(s.write("b.csv", "a,b\n1,2\n3,4"), limits: tinyBlocks(block)).rows
    let quotedLast = try readCSV(s.write("c.csv", "a,b\n1,2\n3,\"4\""), limits: tinyBlocks(block)).rows
    let emptyLast = try readCSV(s.write("d.csv", "a,b\n1,2\n3,"), limits: tinyBlocks(block)).rows
    #expect(withNewline == [.record(["1", "2"], line: 2), .record(["3", "4"], line: 3)])
    #expect(without == withNewline)
    #expect(quotedLast == withNewline)
    #expect(emptyLast == [.record(["1", "2"], line: 2), .record(["3", ""], line: 3)])
  }

  @Test func blankLinesAreSkippedButCountedForLineNumbers() throws {
    let s = Scratch()
    let (_, rows) = try readCSV(s.write("t.csv", "a,b\n\n1,2\r\n\r\n3,4\n\n"))
    #expect(rows == [.record(["1", "2"], line: 3), .record(["3", "4"], line: 5)])
  }

  @Test func loneCarriageReturnEndsARecord() throws {
    let s = Scratch()
    let (_, rows) = try readCSV(s.write("t.csv", "a,b\r1,2\r3,4"))
    #expect(rows == [.record(["1", "2"], line: 2), .record(["3", "4"], line: 3)])
  }

  @Test func strayQuotesAreKeptLiterally() throws {
    let s = Scratch()
    let (_, rows) = try readCSV(s.write("t.csv", "a,b\nsize 5\" screen,\"quoted\" tail\n"))
    #expect(rows == [.record(["size 5\" screen", "quoted tail"], line: 2)])
  }

  @Test(arguments: blockSizes)
  func tabDelimiterReadsTSV(block: Int) throws {
    let s = Scratch()
    let (header, rows) = try readCSV(
      s.write("t.tsv", "a\tb\n1,5\t\"x\ty\"\n"), delimiter: UInt8(ascii: "\t"), limits: tinyBlocks(block))
    #expect(header == ["a", "b"])
    #expect(rows == [.record(["1,5", "x\ty"], line: 2)])
  }

  @Test func noHeaderModeTakesTheFirstRowAsData() throws {
    let s = Scratch()
    let (header, rows) = try readCSV(s.write("t.csv", "1,2\n3,4\n5\n"), hasHeader: false)
    #expect(header.isEmpty)
    #expect(rows == [.record(["1", "2"], line: 1), .record(["3", "4"], line: 2), .bad(.raggedRow, line: 3)])
  }

  @Test(arguments: blockSizes)
  func raggedRowsAreQuarantinedWithTheirLine(block: Int) throws {
    let s = Scratch()
    let (_, rows) = try readCSV(s.write("t.csv", "a,b\n1,2\n1,2,3\n\"x\ny\"\n4,5\n"), limits: tinyBlocks(block))
    // The quote on line 4 makes a one-field record over lines 4-5: each line is set aside on its own.
    #expect(
      rows == [
        .record(["1", "2"], line: 2), .bad(.raggedRow, line: 3), .bad(.unterminatedQuote, line: 4),
        .bad(.raggedRow, line: 5), .record(["4", "5"], line: 6),
      ])
  }

  @Test(arguments: blockSizes)
  func unterminatedQuoteAtEndOfFileIsQuarantined(block: Int) throws {
    let (_, rows) = try readCSV(fixture("ingest-unterminated-quote.csv"), limits: tinyBlocks(block))
    // Only the line the quote opens on is the unterminated record; the line after it is read on its own.
    #expect(rows == [.record(["1", "fine"], line: 2), .bad(.unterminatedQuote, line: 3), .bad(.raggedRow, line: 4)])
  }

  @Test(arguments: blockSizes)
  func strayQuoteSetsAsideOnlyItsLineAndTheRowsAfterItAreRead(block: Int) throws {
    let (_, rows) = try readCSV(fixture("unclosed-quote-accounts.csv"), limits: tinyBlocks(block))
    #expect(
      rows == [
        .record(["A1", "Acme", "smb", "100"], line: 2),
        .bad(.unterminatedQuote, line: 3),
        .record(["A3", "Summit Dental", "smb", "200"], line: 4),
        .record(["A4", "Harbor Health", "smb", "300"], line: 5),
        .record(["A5", "Larkspur Credit Union, Inc.", "mid_market", "400"], line: 6),
        .record(["A6", "Evergreen", "smb", "500"], line: 7),
        .record(["A7", "Two\nLines", "smb", "700"], line: 8),
        .record(["A8", "Last", "smb", "800"], line: 10),
      ])
  }

  @Test func strayQuoteEntryNamesItsLineTheSpanAndKeepsOnlyThatLine() throws {
    let reader = try CSVReader(path: fixture("unclosed-quote-accounts.csv"))
    var entries: [QuarantineEntry] = []
    while let event = try reader.nextRecord() { if case .malformed(let e) = event { entries.append(e) } }
    #expect(entries.count == 1)
    #expect(entries.first?.line == 3)
    #expect(entries.first?.raw == "A2,\"Blue Ridge Analytics Inc.,enterprise,500")
    #expect(
      entries.first?.detail
        == "a quote opened on line 3 is not closed on that line; read as one record up to line 6, it would have 5 fields where the header has 4, so only line 3 is set aside and reading resumes at line 4"
    )
  }

  @Test(arguments: blockSizes)
  func strayQuoteClosedByALaterQuotedFieldWithTheRightFieldCountIsStillFound(block: Int) throws {
    // The stray quote on line 2 closes at the opening quote on line 4; the fields then add up to the
    // header's three by chance, but text goes on after that closing quote.
    let s = Scratch()
    let path = s.write("t.csv", "id,name,arr\n1,\"Stray,100\n2,Plain,200\n3,\"Quoted \"\"Q\"\" Co\",300\n4,Last,400\n")
    let reader = try CSVReader(path: path, limits: tinyBlocks(block))
    var rows: [Row] = []
    var details: [String] = []
    while let event = try reader.nextRecord() {
      switch event {
      case .record: rows.append(.record((0..<reader.fieldCount).map { reader.string(at: $0) }, line: reader.line))
      case .malformed(let e):
        rows.append(.bad(e.reason, line: e.line))
        details.append(e.detail)
      }
    }
    #expect(
      rows == [
        .bad(.unterminatedQuote, line: 2), .record(["2", "Plain", "200"], line: 3),
        .record(["3", "Quoted \"Q\" Co", "300"], line: 4), .record(["4", "Last", "400"], line: 5),
      ])
    #expect(
      details == [
        "a quote opened on line 2 is not closed on that line; read as one record up to line 4, field 2 would go on with text after the quote that closes it, so only line 2 is set aside and reading resumes at line 3"
      ])
  }

  @Test(arguments: blockSizes)
  func quotedFieldWithTextAfterItsQuoteOnOneLineStaysARecord(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", "a,b,c\n\"x\"y,\"multi\nline\",z\n")
    let (_, rows) = try readCSV(path, limits: tinyBlocks(block))
    #expect(rows == [.record(["xy", "multi\nline", "z"], line: 2)])
  }

  @Test(arguments: blockSizes)
  func strayQuoteWithCRLFLineEndsResumesOnTheNextLine(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", "a,b,c\r\n1,\"open,x\r\n2,y,z\r\n3,w,\"q\"\r\n")
    let (_, rows) = try readCSV(path, limits: tinyBlocks(block))
    #expect(
      rows == [
        .bad(.unterminatedQuote, line: 2), .record(["2", "y", "z"], line: 3), .record(["3", "w", "q"], line: 4),
      ])
  }

  @Test(arguments: blockSizes)
  func quoteNeverClosedBeforeTheEndOfTheFileKeepsTheRowsAfterIt(block: Int) throws {
    let s = Scratch()
    let (_, rows) = try readCSV(s.write("t.csv", "a,b\n1,\"open\n2,x\n3,y"), limits: tinyBlocks(block))
    #expect(rows == [.bad(.unterminatedQuote, line: 2), .record(["2", "x"], line: 3), .record(["3", "y"], line: 4)])
  }

  @Test func lastLineIsWhereAQuotedMultiLineRecordEnds() throws {
    let s = Scratch()
    let reader = try CSVReader(path: s.write("t.csv", "a,b\n1,\"x\ny\nz\"\n2,w"))
    _ = try reader.nextRecord()
    #expect((reader.line, reader.lastLine) == (2, 4))
    _ = try reader.nextRecord()
    #expect((reader.line, reader.lastLine) == (5, 5))
  }

  @Test(arguments: blockSizes)
  func nulByteIsQuarantinedWithLineAndColumn(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", bytes: Array("a,b\n1,2\n3,x".utf8) + [0] + Array("y\n5,6\n".utf8))
    let reader = try CSVReader(path: path, limits: tinyBlocks(block))
    var details: [String] = []
    var records = 0
    while let event = try reader.nextRecord() {
      if case .malformed(let e) = event {
        #expect(e.reason == .nulByte)
        #expect(e.line == 3)
        #expect(e.raw == "3,x\u{2400}y")
        details.append(e.detail)
      } else {
        records += 1
      }
    }
    #expect(records == 2)
    #expect(details == ["NUL byte at line 3, column 4"])
  }

  @Test(arguments: blockSizes)
  func invalidUTF8IsQuarantinedAndReadingGoesOn(block: Int) throws {
    let s = Scratch()
    let bad: [UInt8] = Array("a,b\n1,\"ok\nst".utf8) + [0xC3, 0x28] + Array("\"\n2,é😀\n".utf8)
    let (_, rows) = try readCSV(s.write("t.csv", bytes: bad), limits: tinyBlocks(block))
    #expect(rows == [.bad(.invalidUTF8, line: 2), .record(["2", "é😀"], line: 4)])
  }

  @Test func encodingChecksRejectOverlongAndSurrogateForms() {
    func problem(_ bytes: [UInt8]) -> ByteScan.EncodingProblem? {
      bytes.withUnsafeBufferPointer { ByteScan.firstEncodingProblem($0.baseAddress!, $0.count) }
    }
    #expect(problem(Array("plain ascii text, long enough for words".utf8)) == nil)
    #expect(problem(Array("naïve café 😀 ok".utf8)) == nil)
    #expect(problem([0x41, 0xC0, 0x80]) == .invalidUTF8(offset: 1, byte: 0xC0))
    #expect(problem([0xED, 0xA0, 0x80]) == .invalidUTF8(offset: 0, byte: 0xED))
    #expect(problem([0xE2, 0x82]) == .invalidUTF8(offset: 0, byte: 0xE2))
    #expect(problem([0xF4, 0x90, 0x80, 0x80]) == .invalidUTF8(offset: 0, byte: 0xF4))
    #expect(problem(Array("12345678abc".utf8) + [0]) == .nul(offset: 11))
  }

  /// A range that the 32-byte path reads to its end is clean: the byte after it is not read (it
  /// was, and the last record of a file without a final line break, 32 or 64 bytes long, was
  /// quarantined for the NUL or stray byte beyond it: an outside audit).
  @Test(arguments: [32, 64, 96])
  func theByteAfterAWholeBlockIsNotRead(length: Int) throws {
    let s = Scratch()
    for after: UInt8 in [0, 0xC3] {
      let bytes = Array(String(repeating: "a", count: length).utf8) + [after]
      let problem = bytes.withUnsafeBufferPointer { ByteScan.firstEncodingProblem($0.baseAddress!, length) }
      #expect(problem == nil, "\(length) bytes, then \(after)")
    }
    let last = "T-2," + String(repeating: "x", count: length - 4)
    let (_, rows) = try readCSV(s.write("t.csv", "id,body\nT-1,first\n" + last))
    #expect(rows == [.record(["T-1", "first"], line: 2), .record(["T-2", String(last.dropFirst(4))], line: 3)])
  }

  @Test(arguments: blockSizes)
  func fieldOverTheBoundIsQuarantined(block: Int) throws {
    let s = Scratch()
    let long = String(repeating: "x", count: 40)
    let path = s.write("t.csv", "a,b\n1,\"\(long)\"\n2,short\n")
    let (_, rows) = try readCSV(path, limits: tinyBlocks(block, maxField: 32, maxRecord: 1000))
    #expect(rows == [.bad(.fieldTooLong, line: 2), .record(["2", "short"], line: 3)])
  }

  @Test(arguments: [1, 3, 8, 64])
  func recordOverTheBoundIsSkippedToTheNextLineEndOutsideQuotes(block: Int) throws {
    let s = Scratch()
    let huge = String(repeating: "word, \n", count: 30)  // 210 bytes of quoted text with newlines
    let path = s.write("t.csv", "a,b\n1,ok\n2,\"\(huge)\"\n3,after\n")
    let (_, rows) = try readCSV(path, limits: tinyBlocks(block, maxField: 64, maxRecord: 100))
    #expect(
      rows == [.record(["1", "ok"], line: 2), .bad(.recordTooLong, line: 3), .record(["3", "after"], line: 34)])
  }

  @Test(arguments: [1, 16, 4096])
  func oversizedRecordQuotedToTheEndSetsAsideOnlyItsFirstLine(block: Int) throws {
    // A stray quote in a file with no other quote: the open field runs past the record bound to the end.
    let s = Scratch()
    let rows = (3...60).map { "\($0),row \($0)\n" }.joined()
    let path = s.write("t.csv", "a,b\n1,ok\n2,\"stray\n" + rows)
    let reader = try CSVReader(path: path, limits: tinyBlocks(block, maxField: 64, maxRecord: 100))
    var entries: [QuarantineEntry] = []
    var records: [(line: Int, id: String)] = []
    while let event = try reader.nextRecord() {
      switch event {
      case .malformed(let e): entries.append(e)
      case .record: records.append((reader.line, reader.string(at: 0)))
      }
    }
    #expect(entries.map(\.reason) == [.unterminatedQuote])
    #expect(entries.first?.line == 3)
    #expect(entries.first?.raw == "2,\"stray")
    #expect(entries.first?.detail.contains("not closed") == true)
    #expect(records.map(\.id) == ["1"] + (3...60).map(String.init))
    #expect(records.map(\.line) == [2] + Array(4...61))
    #expect(reader.bytesRead == Int64(("a,b\n1,ok\n2,\"stray\n" + rows).utf8.count))
  }

  // MARK: - Standard input reads as the same file would

  /// `cat tickets.csv | aftershock validate -`: a pipe cannot seek back, yet a quote left open
  /// past the record bound to the end of the input costs only its own line, as in a file (the
  /// rows after it used to be one `unterminated_quote` entry, so read = accepted + quarantined broke).
  @Test(arguments: [1, 16, 4096])
  func strayQuoteOnAPipeLosesOnlyItsLineAsInAFile(block: Int) throws {
    let text = "a,b\n1,ok\n2,\"stray\n" + (3...60).map { "\($0),row \($0)\n" }.joined()
    let limits = tinyBlocks(block, maxField: 64, maxRecord: 100)
    let s = Scratch()
    let fromFile = try readCSV(s.write("t.csv", text), limits: limits)
    let reader = try csvReader(descriptor: pipeHolding(text), limits: limits)
    let (rows, entries) = try readAll(reader)
    #expect(rows == fromFile.rows)
    #expect(
      rows == [.record(["1", "ok"], line: 2), .bad(.unterminatedQuote, line: 3)]
        + (3...60).map { .record(["\($0)", "row \($0)"], line: $0 + 1) })
    #expect(entries.first?.file == "-")
    #expect(entries.first?.raw == "2,\"stray")
    #expect(
      entries.first?.detail.hasSuffix("so only line 3 is set aside and reading resumes at line 4") == true, "\(entries)"
    )
    #expect(reader.bytesRead == Int64(text.utf8.count))
  }

  /// A second quote left open further down is found again in what was read back: the copy kept of
  /// the pipe is read again from its own line, like a file.
  @Test(arguments: [1, 16, 4096])
  func secondStrayQuoteOnAPipeIsRecoveredFromTheCopy(block: Int) throws {
    // Line 22's `x"y` is a literal quote (its field is not quoted), which closes line 3's quote
    // for the skip; its `"open` then opens one the parser sees only after reading line 4 again.
    let text =
      "a,b\n1,ok\n2,\"stray\n" + (3...20).map { "\($0),row \($0)\n" }.joined() + "21,x\"y,\"open\n"
      + (22...60).map { "\($0),row \($0)\n" }.joined()
    let limits = tinyBlocks(block, maxField: 64, maxRecord: 100)
    let s = Scratch()
    let fromFile = try readCSV(s.write("t.csv", text), limits: limits)
    let (rows, entries) = try readAll(try csvReader(descriptor: pipeHolding(text), limits: limits))
    #expect(rows == fromFile.rows)
    #expect(entries.map(\.reason) == [.unterminatedQuote, .unterminatedQuote])
    #expect(entries.map(\.line) == [3, 22])
    #expect(rows.count == 61 - 1)
  }

  /// Stray quotes further apart than the record bound: the skip of the oversized "record" the
  /// first one opens ends at the line of the next one, which closes it with text after it. That
  /// is the short record's stray-quote sign, so only the quote's own line is set aside and the
  /// rows in between are read (they were one `record_too_long`), from a file or a pipe alike,
  /// and whether the "record" fits the buffer (4096-byte blocks) or not.
  @Test(arguments: [1, 16, 4096])
  func strayQuotesFurtherApartThanTheBoundEachCostOnlyTheirLine(block: Int) throws {
    let strays = [3, 22, 41]
    let text =
      "a,b\n1,ok\n"
      + (2...60).map { strays.contains($0 + 1) ? "\($0),\"stray \($0)\n" : "\($0),row \($0)\n" }.joined()
    let limits = tinyBlocks(block, maxField: 64, maxRecord: 100)
    let s = Scratch()
    let (fromFile, entries) = try readAll(try CSVReader(path: s.write("t.csv", text), limits: limits))
    let fromPipe = try readAll(try csvReader(descriptor: pipeHolding(text), limits: limits))
    let expected: [Row] = (1...60).map {
      strays.contains($0 + 1)
        ? .bad(.unterminatedQuote, line: $0 + 1) : .record(["\($0)", $0 == 1 ? "ok" : "row \($0)"], line: $0 + 1)
    }
    #expect(fromFile == expected)
    #expect(fromPipe.rows == expected)
    #expect(entries.map(\.raw) == ["2,\"stray 2", "21,\"stray 21", "40,\"stray 40"])
    #expect(entries.first?.detail.contains("read as one record up to line 22") == true, "\(entries)")
    #expect(
      entries.first?.detail.hasSuffix(
        "field 2 would go on with text after the quote that closes it, so only line 3 is set aside and reading resumes at line 4"
      )
        == true, "\(entries)")
    #expect(fromPipe.entries.map(\.detail) == entries.map(\.detail))
  }

  /// A stray quote closed far below just before a delimiter: the "record" it makes has a field
  /// too many, so it is a stray quote too, and the line that closes it is read as the row it is.
  @Test(arguments: [1, 16, 4096])
  func strayQuoteClosedFarBelowWithAFieldTooManyCostsOnlyItsLine(block: Int) throws {
    let text = "a,b,c\n1,x,\"stray\n" + (2...30).map { "\($0),y,z\n" }.joined() + "31,5\" screen,z\n32,y,z\n"
    let limits = tinyBlocks(block, maxField: 64, maxRecord: 100)
    let s = Scratch()
    let (rows, entries) = try readAll(try CSVReader(path: s.write("t.csv", text), limits: limits))
    #expect(
      rows == [.bad(.unterminatedQuote, line: 2)] + (2...30).map { .record(["\($0)", "y", "z"], line: $0 + 1) } + [
        .record(["31", "5\" screen", "z"], line: 32), .record(["32", "y", "z"], line: 33),
      ])
    #expect(entries.first?.detail.contains("it would have 4 fields where the header has 3") == true, "\(entries)")
  }

  /// Property: whatever the block size, and from a file or a pipe, a CSV full of stray quotes,
  /// quoted line ends and lines longer than the record bound reads to the same records and
  /// quarantine entries (the oversized skip and its going back depend on no buffer boundary).
  @Test func fileAndPipeReadAlikeWhateverTheBlockSize() throws {
    let s = Scratch()
    for seed in UInt64(1)...150 {
      var state = seed
      func next(_ n: UInt64) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % n)
      }
      let cells = ["\"x", "y\"z", "\"q,\nr\"", "\"\"\"", "\"ok\"tail"]
      let rows = (0..<(5 + next(40))).map { row in
        (0..<3).map { _ in
          let pick = next(seed % 2 == 0 ? 12 : 30)
          return pick < cells.count ? cells[pick] : pick == 5 ? String(repeating: "w", count: next(40)) : "v\(row)"
        }.joined(separator: ",")
      }
      let text = (["a,b,c"] + rows).joined(separator: "\n") + "\n"
      let path = s.write("p\(seed).csv", text)
      let limits = { (block: Int) in tinyBlocks(block, maxField: 1 << 20, maxRecord: 20 + Int(seed % 30)) }
      func events(_ reader: CSVReader) throws -> [String] {
        try readAll(reader).rows.map(\.description)
      }
      let expected = try events(try CSVReader(path: path, limits: limits(1)))
      for block in [3, 8, 64] {
        #expect(
          try events(try CSVReader(path: path, limits: limits(block))) == expected, "seed \(seed), block \(block)")
        #expect(
          try events(try csvReader(descriptor: pipeHolding(text), limits: limits(block))) == expected,
          "seed \(seed), block \(block), pipe")
      }
    }
  }

  /// A one-line record over the bound with a field too many runs over no line end, so no quote is
  /// to blame: it is `record_too_long` (as when it fits the buffer), not an `unterminated_quote`,
  /// whatever the block and from a pipe too.
  @Test(arguments: [1, 16, 64, 4096])
  func oneLineRecordOverTheBoundWithAFieldTooManyIsRecordTooLong(block: Int) throws {
    // Lines of 103 to 133 bytes: some end inside the buffer that has just passed the bound.
    for width in 47...62 {
      let long = String(repeating: "x", count: width)
      let text = "a,b,c\n1,\(long),\(long),extra\n2,y,z\n"
      let limits = tinyBlocks(block, maxField: 64, maxRecord: 100)
      let s = Scratch()
      let (rows, entries) = try readAll(try CSVReader(path: s.write("t.csv", text), limits: limits))
      let fromPipe = try readAll(try csvReader(descriptor: pipeHolding(text), limits: limits))
      #expect(rows == [.bad(.recordTooLong, line: 2), .record(["2", "y", "z"], line: 3)], "width \(width)")
      #expect(fromPipe.rows == rows, "width \(width)")
      #expect(entries.allSatisfy { !$0.detail.contains("a quote opened") }, "width \(width): \(entries)")
    }
  }

  /// A stray quote on a line that is itself longer than the bound: only that line is set aside
  /// and the rows below it are read, from a file whatever the block and from a pipe alike (the
  /// line end that ends the first line may come after the buffer has filled).
  @Test(arguments: [1, 16, 4096])
  func strayQuoteOnALineLongerThanTheBoundCostsOnlyThatLine(block: Int) throws {
    let text =
      "a,b\n1,\"stray " + String(repeating: "y", count: 150) + "\n"
      + (2...20).map { "\($0),row \($0)\n" }.joined() + "21,\"closed\" late\n22,last\n"
    let limits = tinyBlocks(block, maxField: 64, maxRecord: 100)
    let s = Scratch()
    let (rows, entries) = try readAll(try CSVReader(path: s.write("t.csv", text), limits: limits))
    let fromPipe = try readAll(try csvReader(descriptor: pipeHolding(text), limits: limits))
    let expected: [Row] =
      [.bad(.unterminatedQuote, line: 2)] + (2...20).map { .record(["\($0)", "row \($0)"], line: $0 + 1) }
      + [.record(["21", "closed late"], line: 22), .record(["22", "last"], line: 23)]
    #expect(rows == expected)
    #expect(fromPipe.rows == expected)
    #expect(fromPipe.entries.map(\.detail) == entries.map(\.detail))
  }

  /// A field really longer than the bound closes its quote before a delimiter or line end and
  /// leaves the header's field count: still `record_too_long`, skipped whole, whatever the block.
  @Test(arguments: [1, 16, 4096])
  func quotedFieldReallyOverTheBoundStaysRecordTooLong(block: Int) throws {
    let text = "a,b,c\n1,\"" + String(repeating: "a \"\"quoted\"\" line, long\n", count: 10) + "\",z\n2,y,z\n"
    let s = Scratch()
    let (rows, entries) = try readAll(
      try CSVReader(path: s.write("t.csv", text), limits: tinyBlocks(block, maxField: 64, maxRecord: 100)))
    #expect(rows == [.bad(.recordTooLong, line: 2), .record(["2", "y", "z"], line: 13)])
    #expect(entries.first?.raw.hasPrefix("1,\"a \"\"quoted") == true)
  }

  /// Standard input redirected from a file another command has begun (`(head -1; aftershock ...) < f`):
  /// reading again goes back to the line after the quote's, counted from where the input started.
  @Test(arguments: [1, 4096])
  func strayQuoteOnAPartReadFileResumesFromWhereTheInputStarted(block: Int) throws {
    let text = "a,b\n1,ok\n2,\"stray\n" + (3...60).map { "\($0),row \($0)\n" }.joined()
    let s = Scratch()
    let path = s.write("t.csv", "skipped by an earlier reader\n" + text)
    let descriptor = open(path, O_RDONLY)
    #expect(lseek(descriptor, off_t("skipped by an earlier reader\n".utf8.count), SEEK_SET) > 0)
    let limits = tinyBlocks(block, maxField: 64, maxRecord: 100)
    let (rows, _) = try readAll(try csvReader(descriptor: descriptor, limits: limits))
    #expect(
      rows == [.record(["1", "ok"], line: 2), .bad(.unterminatedQuote, line: 3)]
        + (3...60).map { .record(["\($0)", "row \($0)"], line: $0 + 1) })
  }

  // MARK: - A header that cannot be read is an error that says why

  @Test(arguments: [1, 16, 4096])
  func headerOverTheRecordBoundIsAnErrorNamingTheBound(block: Int) throws {
    let s = Scratch()
    let path = s.write("t.csv", "ticket_id,account_id,body," + String(repeating: "x", count: 300) + "\nT1,A1,hi\n")
    #expect(throws: IngestError.headerTooLong(file: path, line: 1, limit: 100)) {
      _ = try CSVReader(path: path, limits: tinyBlocks(block, maxField: 64, maxRecord: 100))
    }
    #expect(
      IngestError.headerTooLong(file: "t.csv", line: 1, limit: 4_194_304).description.hasPrefix(
        "t.csv: the header row (line 1) is longer than 4194304 bytes, the most a row may hold, so its column names cannot be read"
      ))
  }

  /// A header whose last column opens a quote that nothing closes is not "empty": the message
  /// names the line, the column and its text.
  @Test(arguments: [1, 16, 4096])
  func headerWithAQuoteNeverClosedIsAnErrorNamingTheColumn(block: Int) throws {
    let s = Scratch()
    let unclosed = s.write(
      "u.csv", "ticket_id,account_id,created_at,\"body\nT1,A1,2024-11-01,hi\nT2,A1,2024-11-02,yo\n")
    let expected = IngestError.headerQuoteNotClosed(file: unclosed, line: 1, column: 4, opening: "\"body")
    #expect(throws: expected) { _ = try CSVReader(path: unclosed, limits: tinyBlocks(block)) }
    #expect(
      expected.description
        == "\(unclosed): the header row (line 1) has a quote that is never closed: column 4 opens one (\"body); remove that quote or close it on line 1"
    )
    // Past the record bound to the end of the file, and closed by a quote far below: the same.
    let long = s.write("l.csv", "id,\"name,arr\n" + (1...40).map { "\($0),n\($0),\($0)\n" }.joined())
    #expect(throws: IngestError.headerQuoteNotClosed(file: long, line: 1, column: 2, opening: "\"name,arr")) {
      _ = try CSVReader(path: long, limits: tinyBlocks(block, maxField: 64, maxRecord: 100))
    }
    let closedBelow = s.write("c.csv", "id,\"name,arr\n1,\"Acme\",3\n2,Beta,4\n")
    #expect(throws: IngestError.headerQuoteNotClosed(file: closedBelow, line: 1, column: 2, opening: "\"name,arr")) {
      _ = try CSVReader(path: closedBelow, limits: tinyBlocks(block))
    }
    // A quoted column name over two lines, closed before its delimiter, is still a header.
    let (header, rows) = try readCSV(s.write("m.csv", "id,\"full\nname\"\n1,Acme\n"), limits: tinyBlocks(block))
    #expect(header == ["id", "full\nname"])
    #expect(rows == [.record(["1", "Acme"], line: 3)])
  }

  @Test func rawExcerptIsCutToOneKibibyteOnACharacterBoundary() throws {
    let s = Scratch()
    let body = String(repeating: "é", count: 800)  // 1,600 bytes
    let path = s.write("t.csv", "a,b\n1,\(body),extra\n")
    let reader = try CSVReader(path: path)
    guard case .malformed(let e) = try reader.nextRecord() else {
      Issue.record("expected a ragged row")
      return
    }
    #expect(e.raw.utf8.count <= 1024)
    #expect(e.raw.utf8.count >= 1021)
    #expect(!e.raw.contains("\u{FFFD}"))
  }

  @Test func withFieldGivesBytesWithoutMakingStrings() throws {
    let s = Scratch()
    let reader = try CSVReader(path: s.write("t.csv", "a,b\n\"x\"\"y\",42\n"))
    _ = try reader.nextRecord()
    let first = reader.withField(0) { Array($0) }
    let second = reader.withField(1) { $0.count }
    #expect(first == Array("x\"y".utf8))
    #expect(second == 2)
  }

  @Test func rawRecordKeepsQuotesAndDropsTheLineEnd() throws {
    let s = Scratch()
    let reader = try CSVReader(path: s.write("t.csv", "a,b\r\n\"x\"\"y\",\"p\nq\"\r\n"))
    _ = try reader.nextRecord()
    let raw = reader.withRawRecord { String(decoding: $0, as: UTF8.self) }
    #expect(raw == "\"x\"\"y\",\"p\nq\"")
  }

  @Test func missingFileIsAThrownErrorNamingIt() {
    #expect(throws: IngestError.cannotOpen(file: "/nonexistent/x.csv", reason: "no such file or directory")) {
      _ = try CSVReader(path: "/nonexistent/x.csv")
    }
  }
}
