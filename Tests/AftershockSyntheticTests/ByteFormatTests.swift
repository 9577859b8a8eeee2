import Testing

@testable import AftershockSynthetic

@Suite struct ByteFormatTests {
  private func fixed(_ value: Double, _ decimals: Int) -> String {
    var bytes: [UInt8] = []
    ByteFormat.appendFixed(value, decimals: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func fixedDecimalsRoundHalfAwayAndNeverWriteMinusZero() {
    #expect(fixed(0.1234565, 6) == "0.123457" || fixed(0.1234565, 6) == "0.123456")
    #expect(fixed(-1.25, 1) == "-1.3")
    #expect(fixed(-0.0000001, 6) == "0.000000")
    #expect(fixed(336, 1) == "336.0")
    #expect(fixed(-2.005, 0) == "-2")
    #expect(fixed(0.000042, 6) == "0.000042")
  }

  @Test func timestampsAndIdentifiersArePadded() {
    var bytes: [UInt8] = []
    ByteFormat.appendTimestamp(SampleDate(daysSinceEpoch: 19_923), secondOfDay: 3_725, to: &bytes)
    bytes.append(0x20)
    ByteFormat.appendIdentifier("ACC", 42, width: 6, to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "2024-07-19T01:02:05Z ACC-000042")
  }
}
