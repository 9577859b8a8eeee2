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
