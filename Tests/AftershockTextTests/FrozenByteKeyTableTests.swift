import Testing

@testable import AftershockText

@Suite struct FrozenByteKeyTableTests {
  /// The short-word index (a cuckoo table: each key in one of two slots) must find every key
  /// of one to eight letters with its id and nothing else, whatever the key set: random words,
  /// words that share long prefixes (which share much of their slots' hash), every one- and
  /// two-letter word, and sets large enough that a placement may have to start over bigger.
  @Test func letterIndexFindsEveryKeyAndNothingElse() {
    var rng = SplitMix64(seed: 20_241_126)
    func randomWord(_ length: Int) -> [UInt8] { (0..<length).map { _ in UInt8.random(in: 0x61...0x7a, using: &rng) } }
    let alphabet = Array(UInt8(ascii: "a")...UInt8(ascii: "z"))
    var sets: [[[UInt8]]] = [[], [[0x61]]]
    sets.append(alphabet.map { [$0] } + alphabet.flatMap { a in alphabet.map { [a, $0] } })
    sets.append(alphabet.flatMap { a in alphabet.map { Array("abandon".utf8).prefix(6) + [a, $0] } })
    for count in [10, 1000, 30000] {
      sets.append((0..<count).map { _ in randomWord(Int.random(in: 1...8, using: &rng)) })
    }
    for keys in sets {
      var table = ByteKeyTable()
      // Keys that are not letter words take ids too, and must not disturb the index.
      _ = table.insert(Array("don't".utf8))
      _ = table.insert(Array("abcdefghij".utf8))
      for key in keys { _ = table.insert(key) }
      let frozen = table.frozen()
      for key in keys {
        let id = table.find(key)
        let head = key.withUnsafeBytes { FrozenByteKeyTable.head(of: $0) }
        #expect(frozen.lookup.find(letters: head) == id, "\(String(decoding: key, as: UTF8.self))")
      }
      for _ in 0..<2000 {
        let word = randomWord(Int.random(in: 1...8, using: &rng))
        let head = word.withUnsafeBytes { FrozenByteKeyTable.head(of: $0) }
        #expect(frozen.lookup.find(letters: head) == table.find(word))
      }
    }
  }

  /// The long-word index (nine to sixteen letters, by the key's two words) likewise: every key
  /// with its id, nothing else, whether keys share their first eight letters (the same head)
  /// or end alike; and it knows no short, longer or non-letter key.
  @Test func longWordIndexFindsEveryKeyAndNothingElse() {
    var rng = SplitMix64(seed: 20_261_126)
    func randomWord(_ length: Int) -> [UInt8] { (0..<length).map { _ in UInt8.random(in: 0x61...0x7a, using: &rng) } }
    func find(_ frozen: FrozenByteKeyTable, _ key: [UInt8]) -> Int32 {
      let head = key.withUnsafeBytes { FrozenByteKeyTable.head(of: $0) }
      let tail = key.count > 8 ? Array(key[8...]).withUnsafeBytes { FrozenByteKeyTable.head(of: $0) } : 0
      return withUnsafePointer(to: frozen.lookup) { FrozenByteKeyTable.Lookup.findLong(in: $0, head: head, tail: tail) }
    }
    let shared = Array("communic".utf8)
    var sets: [[[UInt8]]] = [[], [Array("unacceptable".utf8)]]
    sets.append((0..<500).map { _ in shared + randomWord(Int.random(in: 1...8, using: &rng)) })
    sets.append((0..<500).map { _ in randomWord(Int.random(in: 1...8, using: &rng)) + Array("ability".utf8) })
    for count in [10, 1000, 20000] {
      sets.append((0..<count).map { _ in randomWord(Int.random(in: 9...16, using: &rng)) })
    }
    for keys in sets {
      var table = ByteKeyTable()
      _ = table.insert(Array("abcdefghijklmnopq".utf8))  // seventeen letters: not in the index
      _ = table.insert(Array("self-destructing".utf8))
      _ = table.insert(Array("shortish".utf8))
      for key in keys { _ = table.insert(key) }
      let frozen = table.frozen()
      for key in keys where key.count >= 9 {
        #expect(find(frozen, key) == table.find(key), "\(String(decoding: key, as: UTF8.self))")
      }
      for _ in 0..<2000 {
        let word = randomWord(Int.random(in: 9...16, using: &rng))
        #expect(find(frozen, word) == table.find(word))
      }
      // The seventeen-letter key's first sixteen letters are no key.
      #expect(find(frozen, Array("abcdefghijklmnop".utf8)) == -1)
    }
  }
}
