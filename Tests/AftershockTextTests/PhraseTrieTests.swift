import Testing

@testable import AftershockText

@Suite struct PhraseTrieTests {
  /// Every phrase of the shipped lexicons (idioms, aspects, intents, competitors) is reached by
  /// walking the trie word by word, and ends on a prefix that is that phrase; each prefix on the
  /// way says a longer phrase continues it.
  @Test func everyShippedPhraseIsFoundWordByWord() {
    let lexicon = TextTestSupport.lexicon
    let trie = lexicon.phraseTrie
    var walked = 0
    for id in 0..<lexicon.phraseCount {
      let entries = Array(lexicon.phrases.key(Int32(id))).withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
      guard entries.count >= 2 else { continue }
      var prefix = trie.find(PhraseTrie.firstKey(entries[0], entries[1]))
      for k in 2..<entries.count {
        #expect(prefix >= 0 && lexicon.prefixContinuesPointer[Int(prefix)], "phrase \(id) breaks before word \(k)")
        guard prefix >= 0 else { break }
        prefix = trie.find(PhraseTrie.nextKey(prefix, entries[k]))
      }
      #expect(prefix >= 0 && lexicon.prefixPhrasePointer[Int(prefix)] == Int32(id), "phrase \(id)")
      walked += 1
    }
    #expect(walked > 100)
  }

  /// Words that start no phrase together, or a phrase's words in the wrong order, lead nowhere.
  @Test func wordsThatStartNoPhraseLeadNowhere() throws {
    let lexicon = TextTestSupport.lexicon
    func entry(_ word: String) -> Int32 {
      var copy = word
      return copy.withUTF8 { lexicon.entryID(key: UnsafeRawBufferPointer($0)) }
    }
    let slap = entry("slap")
    let inWord = entry("in")
    let outage = entry("outage")
    try #require(slap >= 0 && inWord >= 0 && outage >= 0)
    #expect(lexicon.phraseTrie.find(PhraseTrie.firstKey(slap, inWord)) >= 0)  // "slap in the face"
    #expect(lexicon.phraseTrie.find(PhraseTrie.firstKey(inWord, slap)) < 0)
    #expect(lexicon.phraseTrie.find(PhraseTrie.firstKey(outage, outage)) < 0)
  }
}
