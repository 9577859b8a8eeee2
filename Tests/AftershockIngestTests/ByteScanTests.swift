import Testing

@testable import AftershockIngest

@Suite struct ByteScanTests {
  /// The word-at-a-time searches must agree with a plain byte loop at every start offset.
  @Test func swarSearchesAgreeWithAByteLoop() {
    let seed: UInt64 = 77
    var rng = SplitMix64(seed: seed)
    let alphabet: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x5C, 0x00, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xC3, 0xFF, 0x09]
    for round in 0..<300 {
      let count = Int.random(in: 0...70, using: &rng)
      let bytes = (0..<count).map { _ in
        Int.random(in: 0..<4, using: &rng) == 0 ? alphabet.randomElement(using: &rng)! : UInt8(ascii: "x")
      }
      bytes.withUnsafeBufferPointer { buffer in
        let p = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        for from in 0...count {
          let naive2 = (from..<count).first { bytes[$0] == 0x22 || bytes[$0] == 0x0A } ?? count
          let naive3 = (from..<count).first { [0x2C, 0x0A, 0x0D].contains(bytes[$0]) } ?? count
          let naiveJSON = (from..<count).first { bytes[$0] == 0x22 || bytes[$0] == 0x5C || bytes[$0] < 0x20 } ?? count
          #expect(ByteScan.firstOf2(p, from, count, 0x22, 0x0A) == naive2, "seed \(seed) round \(round)")
          #expect(ByteScan.firstOf3(p, from, count, 0x2C, 0x0A, 0x0D) == naive3, "seed \(seed) round \(round)")
          #expect(ByteScan.firstJSONStringStop(p, from, count) == naiveJSON, "seed \(seed) round \(round)")
        }
      }
    }
  }

  @Test func idHashSetFindsWhatWasInsertedAcrossGrowth() {
    var set = IDHashSet(minimumCapacity: 4)
    var allNew = true
    for i in 1...10_000 { allNew = set.insert(UInt64(i) &* 0x9E37_79B9_7F4A_7C15) && allNew }
    #expect(allNew)
    #expect(set.count == 10_000)
    let again = set.insert(5 &* 0x9E37_79B9_7F4A_7C15)
    #expect(!again)
    #expect(set.contains(10_000 &* 0x9E37_79B9_7F4A_7C15))
    #expect(!set.contains(12_345_678))
    let first = set.insert(0)
    let second = set.insert(0)
    #expect(first && !second)
  }

  @Test func accountDirectoryInternsAndLooksUpByBytes() {
    let directory = AccountDirectory()
    for i in 0..<3000 { directory.insert("ACC-\(i)") }
    #expect(directory.count == 3000)
    let again = directory.insert("ACC-7")
    #expect(again.index == 7 && !again.inserted)
    #expect(directory.index(of: "ACC-2999") == 2999)
    #expect(directory.index(of: "ACC-3000") == nil)
    #expect(!directory.contains(""))
  }
}
