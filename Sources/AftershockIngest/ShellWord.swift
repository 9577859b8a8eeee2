import Foundation

/// A path written so that a command line printed for the user can be pasted into a shell as is.
public enum ShellWord {
  /// `text` as one shell word: unchanged when it holds only `A-Z a-z 0-9 _ . / -`, otherwise in
  /// single quotes (an embedded `'` written `'\''`). A relative path starting with `-` gets `./`
  /// in front, so it is not read as an option.
  public static func quoted(_ text: String) -> String {
    let word = text.hasPrefix("-") ? "./" + text : text
    let isPlain =
      !word.isEmpty
      && word.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"),
          UInt8(ascii: "-"):
          return true
        default:
          return false
        }
      }
    if isPlain { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
