import Foundation
import Testing

@testable import AftershockReport

@Suite struct CSVWriterTests {
  private func encoded(_ text: String) -> String {
    String(decoding: CSVWriter.encode(Array(text.utf8)), as: UTF8.self)
  }

  @Test func plainFieldIsWrittenAsIs() {
    #expect(encoded("hello") == "hello")
  }

  @Test func separatorsQuotesAndNewlinesAreQuoted() {
    #expect(encoded("a,b") == "\"a,b\"")
    #expect(encoded("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(encoded("two\nlines") == "\"two\nlines\"")
    #expect(encoded("cr\rhere") == "\"cr\rhere\"")
  }

  @Test(arguments: ["=SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tx", "\rx"])
  func formulaLikeCellsAreNeutralised(cell: String) {
    let out = encoded(cell)
    #expect(out.hasPrefix("'") || out.hasPrefix("\"'"), "\(out)")
  }

  @Test(arguments: ["-12.5", "+3", "-0.0001", "1e-4", "-2E+10", "42"])
  func numbersAreNotMangled(cell: String) {
    #expect(encoded(cell) == cell)
  }

  @Test func rowsRoundTripThroughAnAtomicFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvw-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/out.csv"
    let sink = try ByteSink(atomicPath: path)
    try CSVWriter().writeRow(["id", "note"], to: sink)
    try CSVWriter().writeRow(["1", "=HYPERLINK(\"x\")"], to: sink)
    #expect(!FileManager.default.fileExists(atPath: path), "not visible before commit")
    try sink.commit()
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == "id,note\n1,\"'=HYPERLINK(\"\"x\"\")\"\n")
  }

  @Test func droppedSinkLeavesNoFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvw-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      let sink = try ByteSink(atomicPath: dir + "/half.csv")
      try sink.write("partial")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
  }
}

@Suite struct CSVInjectionTests {
  private func encoded(_ text: String, _ kind: CSVWriter.ColumnKind) -> String {
    String(decoding: CSVWriter.encode(Array(text.utf8), kind: kind), as: UTF8.self)
  }

  // OWASP's leading characters, each with a realistic payload, plus the fullwidth forms.
  @Test(arguments: [
    "=1+1", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "-5", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
    "\n=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)",
  ])
  func everyTriggerIsGuardedInTextColumns(cell: String) {
    let out = encoded(cell, .text)
    #expect(out.hasPrefix("'") || out.hasPrefix("\"'"), "\(out)")
  }

  @Test(arguments: ["-12.5", "-0.05", "-3", "+0.02", "-1e-3", "0", "1240000"])
  func negativeNumbersStayNumbersInNumericColumns(cell: String) {
    #expect(encoded(cell, .numeric) == cell)
  }

  @Test(arguments: ["-1+1", "=1+1", "@A1", "-", "--5"])
  func formulasInNumericColumnsAreStillGuarded(cell: String) {
    #expect(encoded(cell, .numeric).hasPrefix("'"))
  }

  @Test func textThatMerelyContainsTriggersIsUntouched() {
    #expect(encoded("a-b=c", .text) == "a-b=c")
    #expect(encoded("jane@example.com", .text) == "jane@example.com")
  }

  @Test func rowWithKindsWritesGuardedTextAndPlainNumbers() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let sink = try ByteSink(atomicPath: folder + "/t.csv")
    try CSVWriter().writeRow(["-5", "-5", "=2+5"], kinds: [.text, .numeric, .text], to: sink)
    try sink.commit()
    #expect(try String(contentsOfFile: folder + "/t.csv", encoding: .utf8) == "'-5,-5,'=2+5\n")
  }
}
