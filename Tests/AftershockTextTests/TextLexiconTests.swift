import Testing

@testable import AftershockText

@Suite struct TextLexiconTests {
  /// A lexicon of the given files' text (each file named for messages), no standard files.
  static func lexicon(
    domain: String = "", aspects: String? = nil, intents: String? = nil, competitors: String? = nil
  ) throws -> TextLexicon {
    func file(_ name: String, _ text: String?) -> (name: String, bytes: [UInt8])? { text.map { (name, Array($0.utf8)) } }
    return try TextLexicon(
      sentimentLexicons: [("domain.txt", Array(domain.utf8))], aspects: file("aspects.txt", aspects),
      intents: file("intents.txt", intents), competitors: file("competitors.txt", competitors))
  }

  /// The error a lexicon build throws, as the user reads it (empty when it loads).
  static func message(_ build: () throws -> TextLexicon) -> String {
    do {
      _ = try build()
      return ""
    } catch {
      return "\(error)"
    }
  }

  /// VADER's scale is -4..4, and the message says so: 9.5 (a typo for 0.95) was accepted.
  @Test(arguments: [("4", true), ("-4", true), ("-4.0", true), ("4.01", false), ("9.5", false), ("-10", false)])
  func valenceIsOnVadersScale(valence: String, accepted: Bool) {
    let message = Self.message { try Self.lexicon(domain: "# header\nzorkmid\t\(valence)\n") }
    if accepted {
      #expect(message.isEmpty, "\(message)")
    } else {
      #expect(message.hasPrefix("domain.txt:2: malformed line 'zorkmid\t\(valence)'") && message.contains("from -4 to 4"), "\(message)")
    }
  }
}
