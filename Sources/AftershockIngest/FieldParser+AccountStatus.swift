/// An account's `churned` written as the status a CRM keeps (`Churned`, `Active`) rather than yes/no.
extension FieldParser {
  /// The status words read as churned (yes), lowercased.
  static let churnedStatusWords = ["churned", "cancelled", "canceled", "lost", "closed"]
  /// The status words read as not churned (no), lowercased.
  static let stayedStatusWords = ["active", "retained", "renewed", "current"]

  /// Reads an account status word, any case, spaces around it trimmed: churned, cancelled,
  /// canceled, lost or closed is true; active, retained, renewed or current is false; nil otherwise
  /// (`Closed Won`, `Inactive`, `Paused` say no one thing and are not read).
  static func churnStatus(_ raw: UnsafeRawBufferPointer) -> Bool? {
    let b = trim(raw)
    guard b.count >= 4, b.count <= 9 else { return nil }
    var word = [UInt8](repeating: 0, count: b.count)
    for (i, c) in b.enumerated() { word[i] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
    func isOne(of words: [String]) -> Bool { words.contains { $0.utf8.elementsEqual(word) } }
    if isOne(of: churnedStatusWords) { return true }
    if isOne(of: stayedStatusWords) { return false }
    return nil
  }
}
