import Foundation

/// Account-manager names as `at-risk --manager` matches them and `at_risk.md` groups them.
///
/// A manager cell may name several managers ("Maria Gonzalez; Tom Hargreaves"). Each name is
/// compared by its ``key(_:)``: whitespace trimmed and each run of it (a non-breaking space or
/// another Unicode space too) read as one space, case ignored, and up to Unicode composition
/// ("Lucía" precomposed or with a combining accent). Names that differ only by accents
/// ("María González", "Maria Gonzalez") are different names: a CRM may hold two people so, and
/// merging them silently would hand one manager the other's accounts.
public enum ManagerName {
  /// The names a manager cell holds, each with its whitespace tidied, in the cell's order (a name
  /// given twice once): split at `;`, `/` and `|`, and at ` & ` and ` and ` between two names.
  /// Empty for a missing cell or one that names nobody (blank, or separators only).
  public static func names(in cell: String?) -> [String] {
    guard let cell else { return [] }
    var names: [String] = []
    var keys = Set<String>()
    for part in tidied(cell).split(whereSeparator: { $0 == ";" || $0 == "/" || $0 == "|" }) {
      var words: [Substring] = []
      func finish() {
        let name = words.joined(separator: " ")
        words.removeAll()
        guard !name.isEmpty, keys.insert(key(name)).inserted else { return }
        names.append(name)
      }
      for word in part.split(separator: " ") {
        if !words.isEmpty && (word == "&" || word.lowercased() == "and") {
          finish()
        } else {
          words.append(word)
        }
      }
      finish()
    }
    return names
  }

  /// The form in which two names are the same manager: whitespace tidied, upper- then
  /// lower-cased (which folds "ß" and "SS" as well), compared as Swift strings, whose equality
  /// and hashing are canonical equivalence.
  public static func key(_ name: String) -> String {
    tidied(name).uppercased().lowercased()
  }

  /// The ``key(_:)`` without accents: two names with one such key and different keys differ only
  /// by accents ("María González" and "Maria Gonzalez").
  public static func accentlessKey(_ name: String) -> String {
    key(name).folding(options: [.diacriticInsensitive], locale: nil)
  }

  /// Whether the manager cell `cell` names the manager `name`; for an empty or blank `name`,
  /// whether it names nobody (the accounts without a manager).
  public static func cell(_ cell: String?, names name: String) -> Bool {
    let wanted = key(name)
    let named = names(in: cell)
    return wanted.isEmpty ? named.isEmpty : named.contains { key($0) == wanted }
  }

  /// `text` trimmed, each run of whitespace (`Unicode.Scalar.Properties.isWhitespace`: tabs,
  /// line breaks, U+00A0, U+2000–U+200A, U+202F, U+3000 ...) written as one space.
  static func tidied(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace {
        pendingSpace = !scalars.isEmpty
      } else {
        if pendingSpace { scalars.append(" ") }
        pendingSpace = false
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }
}
