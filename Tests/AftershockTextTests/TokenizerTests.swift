import Testing

@testable import AftershockText

@Suite struct TokenizerTests {
  private func tokens(_ text: String) -> [(kind: TokenKind, folded: String, flags: TokenFlags)] {
    let buffer = TokenBuffer()
    Tokenizer(lexicon: TextTestSupport.lexicon).tokenize(text, into: buffer)
    return (0..<buffer.tokenCount).map { (buffer.tokens[$0].kind, buffer.foldedString($0), buffer.tokens[$0].flags) }
  }

  private func words(_ text: String) -> [String] { tokens(text).filter { $0.kind == .word }.map(\.folded) }

  @Test func contractionsAndApostrophesStayInTheWord() {
    #expect(
      words("We don't trust it, it's Dana's laptop") == ["we", "don't", "trust", "it", "it's", "dana's", "laptop"])
    #expect(words("We don’t trust it") == ["we", "don't", "trust", "it"], "curly apostrophe folds to '")
    #expect(tokens("couldn't").first?.flags.contains(.negatedContraction) == true)
  }

  /// Plain ASCII contractions ("don't", "we're") are taken whole by a fast path (`contraction`)
  /// rather than `scanWord`: each must give the token `scanWord` defines, at every distance from
  /// the text's end and under either hash policy: the source bytes lower-cased, `hasLower` or
  /// `allCaps`, `negatedContraction` for "n't", the lexicon's entry and the hash of the folded
  /// bytes (with or without hashes, as `scanWord`'s). Words the fast path leaves to `scanWord`
  /// (a second apostrophe, digits, a hyphen, non-ASCII, too many letters, no letter after the
  /// apostrophe) keep their tokens.
  @Test func contractionsGetScanWordsTokenAtEveryLengthAndPlace() {
    let lexicon = TextTestSupport.lexicon
    let buffer = TokenBuffer()
    // Entries of ASCII letters around one apostrophe.
    let lexiconContractions = lexicon.entryKeys.filter {
      $0.count { $0 == UInt8(ascii: "'") } == 1 && $0.first != UInt8(ascii: "'") && $0.last != UInt8(ascii: "'")
        && $0.allSatisfy { $0 &- 0x61 < 26 || $0 == UInt8(ascii: "'") }
    }.map { String(decoding: $0, as: UTF8.self) }
    #expect(lexiconContractions.contains("don't") && lexiconContractions.contains("can't"))
    let pieces: [(text: String, folded: [String])] = [
      ("don't", ["don't"]), ("DON'T", ["don't"]), ("Isn't", ["isn't"]), ("we're", ["we're"]), ("I'm", ["i'm"]),
      ("I've", ["i've"]), ("it's", ["it's"]), ("can't", ["can't"]), ("Won't", ["won't"]), ("y'all", ["y'all"]),
      ("o'clock", ["o'clock"]), ("customer's", ["customer's"]), ("CUSTOMER'S", ["customer's"]),
      ("a'bcdefg", ["a'bcdefg"]), ("a'bcdefgh", ["a'bcdefgh"]), ("Abcdefg'h", ["abcdefg'h"]),
      ("abcdefgh'ijklmno", ["abcdefgh'ijklmno"]), ("n't", ["n't"]), ("x'T", ["x't"]), ("nt't", ["nt't"]),
      ("wouldn't", ["wouldn't"]),
      // Left to `scanWord`: the same tokens as before.
      ("rock'n'roll", ["rock'n'roll"]), ("can't've", ["can't've"]), ("it's9", ["it's9"]), ("o'8", ["o"]),
      ("abc'", ["abc"]), ("don't-care", ["don't-care"]), ("l'été", ["l'été"]), ("a'bcdefghi", ["a'bcdefghi"]),
      ("abcdefghi's", ["abcdefghi's"]), ("didn&#39;t", ["didn't"]), ("don’t", ["don't"]), ("it's@x", ["@"]),
      ("'tis", ["tis"]),
    ]
    var rng = SplitMix64(seed: 20_250_301)
    for hashes in [true, false] {
      let tokenizer = Tokenizer(lexicon: lexicon, hashes: hashes)
      for round in 0..<2000 {
        // One to four pieces after a prefix of up to 17 bytes, joined by " ", ", " or ". ", with
        // up to 9 bytes after the last (the fast path's loads differ near the end).
        let chosen = (0..<Int.random(in: 1...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
        let prefix = ["", "x ", "Ok ", "Ok so ", "Ok so we ", "So we abcdefghij "].randomElement(using: &rng)!
        let separator = [" ", ", ", ". "].randomElement(using: &rng)!
        let text =
          prefix + chosen.map(\.text).joined(separator: separator)
          + String(" ok ok ok".prefix(Int.random(in: 0...9, using: &rng)))
        tokenizer.tokenize(text, into: buffer)
        let context = "round \(round) hashes \(hashes): \(text)"
        let bytes = Array(text.utf8)
        var got: [String] = []
        for t in 0..<buffer.tokenCount where [.word, .email].contains(buffer.tokens[t].kind) {
          let token = buffer.tokens[t]
          let key = buffer.foldedBytes(t)
          let folded = buffer.foldedString(t)
          got.append(folded)
          guard folded.contains("'") else { continue }
          let source = bytes[Int(token.start)..<Int(token.end)]
          if source.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "&") }) {
            #expect(Array(key) == source.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, "\(context)")
          }
          let lower = source.contains { $0 &- 0x61 < 26 }
          var flags: TokenFlags = lower ? .hasLower : .allCaps
          if folded.hasSuffix("n't") { flags.insert(.negatedContraction) }
          #expect(token.flags == flags, "\(folded) in \(context)")
          #expect(token.entry == lexicon.entryID(key: key), "\(folded) in \(context)")
          #expect(token.hash == ByteKeyTable.hash(key), "\(folded) in \(context)")
        }
        let expected = chosen.flatMap(\.folded)
        let words = got.dropFirst(prefix.split(separator: " ").count).prefix(expected.count)
        #expect(Array(words) == expected, "\(context)")
      }
    }
    // The lexicon's contractions are found, in any case.
    for key in lexiconContractions {
      let found = tokens("so " + key.uppercased() + " ok")
      #expect(found.map(\.folded) == ["so", key, "ok"])
      #expect(found[1].flags.contains(.allCaps) && found[1].flags.contains(.negatedContraction) == key.hasSuffix("n't"))
    }
    let buffer2 = TokenBuffer()
    Tokenizer(lexicon: lexicon).tokenize("We don't", into: buffer2)
    #expect(buffer2.tokens[1].start == 3 && buffer2.tokens[1].end == 8 && buffer2.tokens[1].entry >= 0)
    #expect(buffer2.tokens[1].flags == [.hasLower, .negatedContraction])
  }

  @Test func moneyIsMarkedWithSignOrWord() {
    let t = tokens("A $10 voucher, 10 dollars, €5 or 3.50€ and 20% off")
    let numbers = t.filter { $0.kind == .number }
    #expect(numbers.map(\.folded) == ["10", "10", "5", "3.50", "20"])
    #expect(numbers[0].flags.contains(.money))
    #expect(numbers[2].flags.contains(.money))
    #expect(numbers[3].flags.contains(.money))
    #expect(numbers[4].flags.contains(.percent))
    // "10 dollars" is marked by the analyzer's look-up pass.
    #expect(TextTestSupport.analyzer().analyze("It was 10 dollars.").mentionsMoney)
    #expect(!TextTestSupport.analyzer().analyze("It took 10 hours.").mentionsMoney)
  }

  /// A score written as a fraction of 5, 10 or 100 is one number token; dates, other
  /// fractions and round-the-clock are not scores.
  @Test func scoresAreOneTokenWithTheirScale() {
    let scores = tokens("Support: 2/10, product 4.5/5, docs 7,5/10 and 85/100!").filter { $0.kind == .number }
    #expect(scores.map(\.folded) == ["2/10", "4.5/5", "7,5/10", "85/100"])
    #expect(scores.allSatisfy { $0.flags.contains(.rating) })
    for text in ["We run 24/7.", "Since 3/10/2026.", "1/2 of them", "11/10", "5/10ths", "$5/10", "1,000/10", "3/05"] {
      #expect(!tokens(text).contains { $0.flags.contains(.rating) }, "\(text)")
    }
    // A score in words: the number alone is flagged, the rules read the scale after it.
    for text in ["8 out of 10", "2 OUT OF 5 stars", "4.5 stars", "1 star."] {
      let numbers = tokens(text).filter { $0.kind == .number }
      #expect(numbers.first?.flags.contains(.rating) == true, "\(text)")
    }
    for text in ["11 out of 10", "3 out of 7", "12 stars", "5 starters", "4 stations", "1,000 out of 10"] {
      #expect(!tokens(text).contains { $0.flags.contains(.rating) }, "\(text)")
    }
  }

  @Test func emojiSequencesAreOneToken() {
    let t = tokens("ok 🤦🏽‍♂️👍🏻😡😡 🇩🇪")
    let emoji = t.filter { $0.kind == .emoji }
    #expect(emoji.count == 5)
    #expect(emoji[0].folded == "🤦\u{200D}♂", "skin tone and VS16 dropped, ZWJ sequence kept")
    #expect(emoji[1].folded == "👍")
    #expect(emoji[4].folded == "🇩🇪")
  }

  @Test func emoticonsAreRecognisedFromTheLexicon() {
    let t = tokens("broken again :( fine :-) meh :/ love <3")
    #expect(t.filter { $0.kind == .emoticon }.map(\.folded) == [":(", ":-)", ":/", "<3"])
    #expect(tokens("Note: see (below)").allSatisfy { $0.kind != .emoticon })
  }

  /// A label's colon before HTML markup is no emoticon: `Note:</b>` had read as the frown `:<`
  /// (an outside audit: every bold label scored -0.48) and `Host:&#160;` as `:&`; the tag's
  /// name then read as a word ("strong"). An emoticon before a tag is still one.
  @Test(arguments: [
    "<b>Note:</b> the agent restarted.", "<p><b>Host:</b> WS-01</p>", "<i>Host:</i> WS-01",
    "<strong>Host:</strong> WS-01", "<span style=\"font-weight:bold\">Host:</span> WS-01", "Host:<br>WS-01",
    "Host:&#160;WS-01", "Host:&nbsp;WS-01",
  ])
  func aColonBeforeMarkupIsNoEmoticon(text: String) {
    let t = tokens(text)
    #expect(t.allSatisfy { $0.kind != .emoticon }, "\(t.map(\.folded))")
    #expect(!words(text).contains { ["b", "i", "strong", "span", "br", "nbsp"].contains($0) }, "\(words(text))")
  }

  @Test func emoticonsBeforeMarkupAreKept() {
    #expect(tokens("<p>down again :(</p>").filter { $0.kind == .emoticon }.map(\.folded) == [":("])
    #expect(tokens("fixed :)<br>thanks").filter { $0.kind == .emoticon }.map(\.folded) == [":)"])
  }

  @Test func hashtagsSplitOnCamelCase() {
    #expect(words("#WorstSupportEver") == ["worst", "support", "ever"])
    #expect(words("#HTTPServerDown #fail") == ["http", "server", "down", "fail"])
    #expect(tokens("#WorstSupportEver").allSatisfy { $0.flags.contains(.hashtag) })
  }

  @Test func handlesUrlsAndEmailsAreMasked() {
    let t = tokens("@united see https://status.example.com/x?y=1. or mail ops@example.org now")
    #expect(t.map(\.kind) == [.handle, .word, .url, .word, .word, .email, .word])
    #expect(words("@united great") == ["great"])
    #expect(tokens("café@exemple.fr").map(\.kind) == [.email], "non-ASCII local part")
  }

  @Test func emphasisRunsAndSentencesAreKept() {
    let buffer = TokenBuffer()
    Tokenizer(lexicon: TextTestSupport.lexicon).tokenize(
      "Down again!!! Why?! See e.g. the U.S. users. Fine\nok", into: buffer)
    #expect(buffer.sentenceCount == 5)
    #expect(buffer.sentences[0].exclamations == 3)
    #expect(buffer.sentences[1].questions == 1 && buffer.sentences[1].exclamations == 1)
    #expect(tokens("WORST update ever").first?.flags.contains(.allCaps) == true)
    #expect(tokens("I am").first?.flags.contains(.allCaps) == false, "one letter is not shouting")
  }

  /// A title or an abbreviation that introduces what follows ends no sentence before a capital
  /// or a digit, on the word path and the byte-wise one (a word glued to a digit or an apostrophe
  /// takes the latter); "etc.", "Inc.", "no.", a capital letter alone and a word ending in a digit
  /// and a letter may end one.
  @Test(arguments: [
    ("Dear Mr. Okafor, thanks. We stay.", 2), ("Support (esp. Priya) was great.", 1),
    ("Tools, e.g. The console, failed.", 1), ("Sites: 3 vs. 2 last year.", 1), ("Call ext. 4412 now.", 1),
    ("DEAR MR. SMITH, THANKS.", 1), ("Dr. O'Neil's team helped.", 1), ("Approx. 40 hosts. All fine.", 2),
    ("We use Acme Inc. They are great.", 2), ("Plan B. It worked.", 2), ("The answer is no. We stay.", 2),
    ("Old Optiplex 7040s. Any tuning?", 2), ("Fruit, etc. Then more.", 2),
  ])
  func abbreviationsBeforeACapitalEndNoSentence(text: String, sentences: Int) {
    let buffer = TokenBuffer()
    Tokenizer(lexicon: TextTestSupport.lexicon).tokenize(text, into: buffer)
    #expect(buffer.sentenceCount == sentences, "\(text)")
  }

  @Test func theAbbreviationFilterPassesEveryAbbreviation() {
    for word in Abbreviations.neverFinalWords {
      var key: UInt64 = 0
      for (k, b) in word.utf8.enumerated() { key |= UInt64(b) << UInt64(8 * k) }
      #expect(Abbreviations.mayNeverEnd(key) && Abbreviations.neverFinal(key), "\(word)")
    }
    var key: UInt64 = 0
    for (k, b) in "now".utf8.enumerated() { key |= UInt64(b) << UInt64(8 * k) }
    #expect(!Abbreviations.neverFinal(key))
  }

  @Test func accentsAndOtherScriptsAreLetters() {
    #expect(words("Très MAUVAIS café, ÉNORME problème") == ["très", "mauvais", "café", "énorme", "problème"])
    #expect(words("Сервис ужасный 服务很差") == ["Сервис", "ужасный", "服务很差"])
  }

  @Test func invalidUTF8IsSkippedWithoutCrashing() {
    let bytes: [UInt8] = [0x67, 0x6F, 0x6F, 0x64, 0x20, 0xFF, 0xC3, 0x20, 0xE2, 0x82, 0x20, 0x62, 0x61, 0x64]
    let buffer = TokenBuffer()
    bytes.withUnsafeBytes { Tokenizer().tokenize($0, into: buffer) }
    #expect((0..<buffer.tokenCount).map { buffer.foldedString($0) } == ["good", "bad"])
  }

  @Test func randomBytesNeverCrashOrOverrun() {
    var rng = SplitMix64(seed: 20_241_119)
    let buffer = TokenBuffer()
    let tokenizer = Tokenizer(lexicon: TextTestSupport.lexicon)
    for round in 0..<300 {
      let n = Int(rng.next() % 200)
      let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      bytes.withUnsafeBytes { tokenizer.tokenize($0, into: buffer) }
      for i in 0..<buffer.tokenCount {
        let t = buffer.tokens[i]
        #expect(t.start >= 0 && t.end <= Int32(n) && t.start <= t.end, "seed 20241119 round \(round)")
      }
      #expect(buffer.foldedCount <= n + 8, "seed 20241119 round \(round)")
    }
  }

  /// The short-word index (a cuckoo table whose two slots per key are read with selects)
  /// must find every lexicon word of one to eight letters, in any case, and
  /// nothing that is not a word: each token's entry equals the lexicon's own.
  @Test func shortWordIndexFindsEveryLexiconWordAndNothingElse() {
    let lexicon = TextTestSupport.lexicon
    let buffer = TokenBuffer()
    let tokenizer = Tokenizer(lexicon: lexicon)
    let short = lexicon.entryKeys.filter { (1...8).contains($0.count) && $0.allSatisfy { $0 &- 0x61 < 26 } }
    #expect(short.count > 1000)
    // Each word as it is, upper-cased, and altered (one letter more, the last letter changed).
    var variants: [[UInt8]] = []
    for key in short {
      let upper: [UInt8] = key.map { $0 - 0x20 }
      let longer: [UInt8] = key + [UInt8(ascii: "q")]
      let changed: [UInt8] = key.dropLast() + [(key[key.count - 1] - 0x61 + 1) % 26 + 0x61]
      variants += [key, upper, longer, changed]
    }
    for chunk in stride(from: 0, to: variants.count, by: 500) {
      let text = variants[chunk..<min(chunk + 500, variants.count)].map { String(decoding: $0, as: UTF8.self) }
        .joined(separator: " ")
      tokenizer.tokenize(text, into: buffer)
      for t in 0..<buffer.tokenCount {
        #expect(buffer.tokens[t].entry == lexicon.entryID(key: buffer.foldedBytes(t)), "\(buffer.foldedString(t))")
      }
    }
  }

  /// The eight-bytes-at-a-time word path must fold, flag, hash and look up exactly as the
  /// byte-wise path and the lexicon's own hash do, at every word length and at the text's end.
  @Test func wordPathAgreesWithTheLexiconAtEveryLength() throws {
    let lexicon = TextTestSupport.lexicon
    let buffer = TokenBuffer()
    let tokenizer = Tokenizer(lexicon: lexicon)
    let texts = [
      "a ab abc abcd abcde abcdef abcdefg abcdefgh abcdefghi abcdefghijklmnop abcdefghijklmnopq",
      "DISAPPOINTED disappointed Disappointed unacceptable UNACCEPTABLE insulting",
      "OK I am FURIOUS", "terrible", "x", "outage, downtime; voucher: credit. Bricked!!",
      "It's ok don't 3rd x-ray e-mail café naïve wasn’t",
      "ALLCAPSWORDTHATISLONG and a lowercasewordthatislongerthansixteen",
    ]
    for text in texts {
      tokenizer.tokenize(text, into: buffer)
      for t in 0..<buffer.tokenCount where buffer.tokens[t].kind == .word {
        let key = buffer.foldedBytes(t)
        #expect(buffer.tokens[t].hash == ByteKeyTable.hash(key), "\(buffer.foldedString(t)) in \(text)")
        #expect(buffer.tokens[t].entry == lexicon.entryID(key: key), "\(buffer.foldedString(t)) in \(text)")
      }
    }
    #expect(words("abcdefgh ABCDEFGHIJKLMNOPQ") == ["abcdefgh", "abcdefghijklmnopq"])
    let caps = tokens("DISAPPOINTED Ok OK I")
    #expect(caps.map { $0.flags.contains(.allCaps) } == [true, false, true, false])
    #expect(caps.map { $0.flags.contains(.hasLower) } == [false, true, false, false])
    // Long sentiment words are found, whatever their case.
    let analyzer = TextTestSupport.analyzer()
    #expect(analyzer.sentiment("disappointed").compound < -0.3)
    #expect(analyzer.sentiment("DISAPPOINTED").compound == analyzer.sentiment("disappointed").compound)
  }

  /// The word loop (one load per word, a shift to fold, the next word's start tested by its
  /// load) must give every ASCII word, at every length, in every case and at every distance
  /// from the text's end (where its loads are short), the token its definition says: the
  /// source bytes lower-cased, `hasLower` or (two or more letters) `allCaps`, the lexicon's
  /// entry and hash (without hashes, 0 for a word of eight letters or fewer), and it must take
  /// ", " and ". " the dispatch's way.
  @Test func wordLoopGivesEveryWordItsTokenAtEveryLengthAndPlace() {
    let lexicon = TextTestSupport.lexicon
    let buffer = TokenBuffer()
    var rng = SplitMix64(seed: 20_241_126)
    let lexiconWords = lexicon.entryKeys.filter { !$0.isEmpty && $0.allSatisfy { $0 &- 0x61 < 26 } }
    for hashes in [true, false] {
      let tokenizer = Tokenizer(lexicon: lexicon, hashes: hashes)
      for round in 0..<3000 {
        // Two to five words of 1...20 letters (or lexicon words), in any case, joined by
        // " ", ", " or ". ", with up to 9 bytes after the last.
        var text: [UInt8] = []
        var expected: [[UInt8]] = []
        for w in 0..<Int.random(in: 2...5, using: &rng) {
          var word: [UInt8] =
            Bool.random(using: &rng)
            ? lexiconWords.randomElement(using: &rng)!
            : (0..<Int.random(in: 1...20, using: &rng)).map { _ in UInt8.random(in: 0x61...0x7a, using: &rng) }
          let caseRule = Int.random(in: 0..<4, using: &rng)
          for i in word.indices
          where caseRule == 1 || caseRule == 2 && i == 0 || caseRule == 3 && Bool.random(using: &rng) {
            word[i] &-= 0x20
          }
          if w > 0 { text += [[32], [44, 32], [46, 32]][Int.random(in: 0..<3, using: &rng)] }
          if text.last == 32 && text.dropLast().last == 46 { word[0] = word[0] & 0xdf }  // ". " then a capital
          text += word
          expected.append(word.map { $0 | 0x20 })
        }
        text += Array(" ok ok ok".utf8.prefix(Int.random(in: 0...9, using: &rng)))
        text.withUnsafeBytes { tokenizer.tokenize($0, into: buffer) }
        var got: [[UInt8]] = []
        for t in 0..<buffer.tokenCount where buffer.tokens[t].kind == .word {
          let token = buffer.tokens[t]
          let key = buffer.foldedBytes(t)
          let source = text[Int(token.start)..<Int(token.end)]
          let context = "round \(round) hashes \(hashes): \(String(decoding: text, as: UTF8.self))"
          #expect(Array(key) == source.map { $0 | 0x20 }, "\(context)")
          let lower = source.contains { $0 &- 0x61 < 26 }
          #expect(token.flags == (lower ? .hasLower : source.count >= 2 ? .allCaps : []), "\(context)")
          #expect(token.entry == lexicon.entryID(key: key), "\(context)")
          #expect(token.hash == (hashes || key.count > 16 ? ByteKeyTable.hash(key) : 0), "\(context)")
          got.append(Array(key))
        }
        #expect(
          Array(got.prefix(expected.count)) == expected, "round \(round): \(String(decoding: text, as: UTF8.self))")
      }
    }
  }

  /// The word loop takes a dot after a word itself when the text ends there, a line break
  /// follows, or ". " and anything but a lower-case letter or more space, and leaves the rest
  /// to the dispatch (`scanDots`): sentences must fall where
  /// `scanDots` puts them, whatever the bytes before (the loop's loads differ by the distance
  /// from the text's end).
  @Test func dotsAfterWordsEndSentencesAsTheDispatchDoes() {
    let cases: [(text: String, sentences: Int, words: [String])] = [
      ("ok.", 1, ["ok"]),
      // A lower-case word after the dot: a sentence end (texts typed in lower case), unless
      // the dot ends an abbreviation or a single letter.
      ("Fine. ok.", 2, ["fine", "ok"]),
      ("approx. ten", 1, ["approx", "ten"]),
      ("Etc. and more", 1, ["etc", "and", "more"]),
      ("U.S. users", 1, ["u", "s", "users"]),
      ("Fine. Ok.", 2, ["fine", "ok"]),
      ("Fine.ok", 1, ["fine", "ok"]),
      ("Fine.  Ok", 2, ["fine", "ok"]),
      ("Fine. 10 more", 2, ["fine", "more"]),
      ("a, b. C", 2, ["a", "b", "c"]),
      ("Thanks! Bye.", 2, ["thanks", "bye"]),
      ("done.\nNext", 2, ["done", "next"]),
      ("wait... What", 1, ["wait", "what"]),
      ("e.g. this", 1, ["e", "g", "this"]),
      ("Fine.  ok", 2, ["fine", "ok"]),
      ("Fine.\tok", 2, ["fine", "ok"]),
      ("approx.  ten", 1, ["approx", "ten"]),
      ("done.\r\nNext", 2, ["done", "next"]),
      ("asap. #WorstEver", 2, ["asap", "worst", "ever"]),
      ("Fine. \"Ok\"", 2, ["fine", "ok"]),
      ("Fine. 😡 ok", 2, ["fine", "ok"]),
      ("Fine. \n", 1, ["fine"]),
    ]
    for prefix in ["", "x ", "Hello ", "A longer prefix ", "Unbelievably long words "] {
      for (text, sentences, words) in cases {
        let buffer = TokenBuffer()
        Tokenizer(lexicon: TextTestSupport.lexicon).tokenize(prefix + text, into: buffer)
        #expect(buffer.sentenceCount == sentences, "\(prefix + text)")
        #expect(Int(buffer.sentences[buffer.sentenceCount - 1].tokenEnd) == buffer.tokenCount, "\(prefix + text)")
        let got = (0..<buffer.tokenCount).filter { buffer.tokens[$0].kind == .word }.map { buffer.foldedString($0) }
        #expect(Array(got.dropFirst(prefix.split(separator: " ").count)) == words, "\(prefix + text)")
      }
    }
  }

  /// Texts shorter than one eight-byte load (read with overlapping loads inside the text) and
  /// the last bytes of longer ones: every word whole, at every length and offset.
  @Test func shortTextsAndTailsAreReadWhole() {
    let tokenizer = Tokenizer(lexicon: TextTestSupport.lexicon)
    let buffer = TokenBuffer(capacity: 16)
    let letters = Array("abcdefghijklmnop".utf8)
    for length in 1...16 {
      for lead in 0...9 {
        let text = Array(repeating: UInt8(32), count: lead) + letters.prefix(length)
        text.withUnsafeBytes { tokenizer.tokenize($0, into: buffer) }
        #expect(buffer.tokenCount == 1, "lead \(lead) length \(length)")
        #expect(buffer.foldedString(0) == String(decoding: letters.prefix(length), as: UTF8.self))
        #expect(Int(buffer.tokens[0].start) == lead && Int(buffer.tokens[0].end) == lead + length)
        #expect(buffer.sentenceCount == 1 && buffer.sentences[0].tokenEnd == 1)
      }
    }
    // An empty text empties the buffer; a large one grows it, and a short one after it
    // reports its own counts only.
    tokenizer.tokenize("", into: buffer)
    #expect(buffer.tokenCount == 0 && buffer.sentenceCount == 0 && buffer.foldedCount == 0)
    let long = String(repeating: "Refund now! $10 please. ", count: 400)
    tokenizer.tokenize(long, into: buffer)
    #expect(buffer.tokenCount == 400 * 5 && buffer.sentenceCount == 800 && buffer.mentionsMoney)
    tokenizer.tokenize("ok", into: buffer)
    #expect(buffer.tokenCount == 1 && buffer.sentenceCount == 1 && buffer.foldedCount == 2 && !buffer.mentionsMoney)
  }

  /// Every scorable token (words of any script and length, numbers, hashtag parts, emoji,
  /// emoticons) carries `ByteKeyTable.hash` of its folded bytes and the lexicon's entry for
  /// them, whatever the length: the tokenizer hashes the last chunk with one masked load.
  @Test func everyScorableTokenHasItsHashAndEntry() {
    let lexicon = TextTestSupport.lexicon
    let tokenizer = Tokenizer(lexicon: lexicon)
    let buffer = TokenBuffer()
    var rng = SplitMix64(seed: 20_261_126)
    let pieces = [
      "refund", "don't", "won’t", "co-op", "x2", "café", "naïve", "Überraschung", "日本語", "😡", "👍🏽",
      "👨‍👩‍👧", ":(", ":-)", "<3", "#BadService", "#fail_2024", "$10", "10%", "3.5", "€20", "12:30",
      "extraordinarily", "unbelievablyunacceptable", "a", "ok", "the", "support@example.com", "!!!", "...", ",",
    ]
    var scorable = 0
    for round in 0..<2000 {
      let text = (0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
        .joined(separator: [" ", "  ", ", ", ". "].randomElement(using: &rng)!)
      tokenizer.tokenize(text, into: buffer)
      for t in 0..<buffer.tokenCount {
        let token = buffer.tokens[t]
        guard [.word, .number, .emoji, .emoticon].contains(token.kind) else { continue }
        let key = buffer.foldedBytes(t)
        #expect(token.hash == ByteKeyTable.hash(key), "round \(round): \(text) token \(t)")
        if token.kind != .emoji {
          #expect(token.entry == lexicon.entryID(key: key), "round \(round): \(text) token \(t)")
        }
        scorable += 1
      }
    }
    #expect(scorable > 5000)
  }
}
