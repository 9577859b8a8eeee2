import Foundation

/// How an error reads on the command line: one sentence, without Swift's debug descriptions.
///
/// The libraries' errors are sentences already, but some carry a `DecodingError` inside (a model
/// file that is not one), whose description names `CodingKeys(stringValue:intValue:)` and other
/// internals. Those parts are rewritten here, where errors are shown: "missing field 'algorithm'",
/// "field 'version' should be a number but is a string", "not valid JSON".
enum ErrorText {
  /// The error as the user should read it.
  static func sentence(_ error: any Error) -> String {
    if let decoding = error as? DecodingError { return describe(decoding) }
    return rewritingDecodingErrors(in: String(describing: error))
  }

  /// A decoding error in words: which field, what was wrong with it.
  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .keyNotFound(let key, let context):
      return "missing field '\(path(context.codingPath + [key]))'"
    case .valueNotFound(let type, let context):
      return "field '\(path(context.codingPath))' is null, expected \(kind(of: "\(type)"))"
    case .typeMismatch(let type, let context):
      let found = context.debugDescription.range(of: "but found ").map {
        String(context.debugDescription[$0.upperBound...]).replacingOccurrences(of: " instead.", with: "")
      }
      return mismatch(at: path(context.codingPath), expected: "\(type)", found: found)
    case .dataCorrupted(let context):
      return corrupted(at: path(context.codingPath), detail: context.debugDescription)
    @unknown default:
      return "unreadable data"
    }
  }

  /// `text` with each `DecodingError.…` description in it (as a library's `"\(error)"` puts it)
  /// replaced by a sentence.
  static func rewritingDecodingErrors(in text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let start = rest.range(of: "DecodingError.") {
      result += rest[..<start.lowerBound]
      // The description runs to the end of the text or to the ')' that closes a parenthesis
      // opened before it ("not a model JSON file (DecodingError...)").
      var depth = 0
      var end = rest.endIndex
      for index in rest[start.upperBound...].indices {
        let character = rest[index]
        if character == "(" { depth += 1 }
        if character == ")" {
          if depth == 0 {
            end = index
            break
          }
          depth -= 1
        }
      }
      result += sentence(fromDescription: String(rest[start.upperBound..<end]))
      rest = rest[end...]
    }
    return result + rest
  }

  /// One `DecodingError` description without its `DecodingError.` prefix: `keyNotFound: Key 'x'
  /// not found in keyed decoding container. Path: a.b. Debug description: ...`.
  private static func sentence(fromDescription description: String) -> String {
    let caseName = description.prefix { $0 != ":" }
    let debug = field("Debug description: ", in: description, until: nil) ?? ""
    let at = field(" Path: ", in: description, until: ". ") ?? ""
    switch caseName {
    case "keyNotFound":
      let key = field("Key '", in: description, until: "'") ?? "?"
      return "missing field '\(at.isEmpty ? key : at + "." + key)'"
    case "valueNotFound":
      let type = field("type ", in: description, until: " ") ?? ""
      return "field '\(at)' is null, expected \(kind(of: type))"
    case "typeMismatch":
      let type = field("type ", in: description, until: ".") ?? ""
      let found = field("but found ", in: debug, until: " instead")
      return mismatch(at: at, expected: type, found: found)
    default:
      return corrupted(at: at, detail: debug)
    }
  }

  /// The text after `marker` up to `terminator` (or the end).
  private static func field(_ marker: String, in text: String, until terminator: String?) -> String? {
    guard let start = text.range(of: marker) else { return nil }
    let rest = text[start.upperBound...]
    guard let terminator, let end = rest.range(of: terminator) else {
      return String(rest).trimmingCharacters(in: .whitespaces)
    }
    return String(rest[..<end.lowerBound])
  }

  private static func mismatch(at path: String, expected type: String, found: String?) -> String {
    let expected = kind(of: type)
    let actual = found.map { " but is \($0)" } ?? ""
    if path.isEmpty { return "the file should hold \(expected)\(actual)" }
    return "field '\(path)' should be \(expected)\(actual)"
  }

  private static func corrupted(at path: String, detail: String) -> String {
    if detail.contains("not valid JSON") { return "not valid JSON" }
    var detail = detail.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
    if let first = detail.first { detail = first.lowercased() + detail.dropFirst() }
    if detail.isEmpty { detail = "unreadable value" }
    return path.isEmpty ? detail : "field '\(path)': \(detail)"
  }

  /// A Swift type name as a user would say it (`Int` is "a number").
  private static func kind(of type: String) -> String {
    switch type {
    case "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Double", "Float":
      return "a number"
    case "String": return "a string"
    case "Bool": return "true or false"
    case _ where type.hasPrefix("Array") || type.hasPrefix("["): return "a list"
    case _ where type.hasPrefix("Dictionary"): return "an object"
    default: return "a value of type \(type)"
    }
  }

  /// A coding path as dotted keys with list positions: `options.weights[2]`.
  private static func path(_ keys: [any CodingKey]) -> String {
    var text = ""
    for key in keys {
      if let index = key.intValue, key.stringValue.hasPrefix("Index ") {
        text += "[\(index)]"
      } else {
        text += text.isEmpty ? key.stringValue : "." + key.stringValue
      }
    }
    return text
  }
}
