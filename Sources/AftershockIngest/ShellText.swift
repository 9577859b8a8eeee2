/// Paths written into a command line a message suggests, so it can be pasted into a shell as is
/// (the CLI's `ShellWord` follows the same rule).
package enum ShellText {
  /// `text` as one shell word: unchanged when it holds only `A-Z a-z 0-9 _ . / -`, otherwise in
  /// single quotes (an embedded `'` written `'\''`). A relative path starting with `-` gets `./`
  /// in front, so it is not read as an option.
  package static func word(_ text: String) -> String {
    let word = text.hasPrefix("-") ? "./" + text : text
    let isPlain = !word.isEmpty && word.utf8.allSatisfy { byte in
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
    var quoted = "'"
    for character in word {
      if character == "'" { quoted += "'\\''" } else { quoted.append(character) }
    }
    return quoted + "'"
  }
}
