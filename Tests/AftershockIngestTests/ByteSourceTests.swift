import Testing

@testable import AftershockIngest

@Suite struct ByteSourceTests {
  /// Every byte left from the buffer's `start` to the end of the input, reading block by block.
  static func rest(of source: ByteSource) throws -> [UInt8] {
    var bytes: [UInt8] = []
    repeat {
      bytes += source.available
      source.start = source.end
    } while try source.refill()
    return bytes
  }

  /// A pipe marked part-way and read on (but not to its end) reads again from the mark: the copy
  /// first, then the pipe where it was left; marked again while the copy is read, and went back
  /// to again, it still gives the input as it was.
  @Test(arguments: [1, 7, 64])
  func pipeGoesBackToAMarkBeforeItsEndAndReadsOnFromThePipe(block: Int) throws {
    let text = Array((0..<300).map { "\($0 % 10)" }.joined().utf8)
    let source = try ByteSource(
      fileDescriptor: pipeHolding(String(decoding: text, as: UTF8.self)), path: "-", closesOnDeinit: true,
      limits: tinyBlocks(block, maxRecord: 64))
    while source.end < 20, try source.refill() {}
    let mark = Int64(source.bytesRead) - Int64(source.end - 10)
    source.keepForRestart(from: 10)
    for _ in 0..<(100 / block) {
      source.start = source.end
      try source.refill()
    }
    #expect(source.bytesRead < Int64(text.count))
    #expect(source.restart(atOffset: mark))
    source.stopKeeping()
    // Part-way through the copy, mark again and go back once more.
    for _ in 0..<(30 / block) {
      source.start = source.end
      try source.refill()
    }
    let second = source.bytesRead - Int64(source.end - source.start)
    source.keepForRestart(from: source.start)
    for _ in 0..<(150 / block) {
      source.start = source.end
      try source.refill()
    }
    #expect(source.restart(atOffset: second))
    source.stopKeeping()
    #expect(try Self.rest(of: source) == Array(text[Int(second)...]))
    #expect(source.bytesRead == Int64(text.count))
  }
}
