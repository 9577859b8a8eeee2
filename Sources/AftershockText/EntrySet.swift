/// A set of lexicon entry ids as a bit set: whether a token's entry is one of a rule's words in
/// one load, a shift and a test, where comparing the token's bytes with each word of a list
/// cost a few hundred instructions for a list of twenty (`Scripts/text_part_cost.sh`).
///
/// The words must be lexicon entries (`TextLexicon.Builder.addRuleWords` makes every list of
/// `RuleWords` entries; the words of intents.txt's phrases are entries by being in a phrase),
/// and plain ASCII without an apostrophe: then a token's entry is a word's exactly when its
/// bytes are that word in any case, as `TextAnalyzer.isWord` compares them.
struct EntrySet {
  private let words: [UInt64]

  /// The set of `entries`; a negative id (a word the lexicons lack, or no entry) is left out.
  init(_ entries: [Int32]) {
    let top = entries.max().map { Int($0) } ?? -1
    var words = [UInt64](repeating: 0, count: top >= 0 ? top / 64 + 1 : 0)
    for e in entries where e >= 0 { words[Int(e) >> 6] |= 1 << UInt64(e & 63) }
    self.words = words
  }

  /// Whether `entry` is in the set (never for a negative id: a token without an entry).
  @inline(__always)
  func contains(_ entry: Int32) -> Bool {
    let i = Int(entry) >> 6
    return entry >= 0 && i < words.count && words[i] & (1 << UInt64(entry & 63)) != 0
  }
}
