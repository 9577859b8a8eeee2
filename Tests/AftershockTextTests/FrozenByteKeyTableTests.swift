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
    for count in [10, 1000, 30000] { sets.append((0..<count).map { _ in randomWord(Int.random(in: 1...8, using: &rng)) }) }
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
}
