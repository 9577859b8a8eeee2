/// Where an input's decimal mark comes from, so that a number that does not fit it can say how the
/// file was read and how to read it the other way.
enum NumberConvention: Equatable {
  /// A CSV/TSV file split on `delimiter`; `markGiven` when `--decimal-mark` set the mark.
  case delimited(UInt8, markGiven: Bool)
  /// JSON Lines: `.` for decimals always (`--decimal-mark` does not apply).
  case jsonLines

  /// "this ;-separated file", "this tab-separated file", "this JSON Lines file".
  var fileDescription: String {
    switch self {
    case .delimited(let delimiter, _):
      delimiter == 0x09 ? "this tab-separated file" : "this \(Character(Unicode.Scalar(delimiter)))-separated file"
    case .jsonLines:
      "this JSON Lines file"
    }
  }

  /// How numbers are read, as in "read with ',' for decimals and '.' only between groups of three
  /// digits (1.234,56), as ;-separated files are".
  func rule(decimalComma: Bool) -> String {
    let marks =
      decimalComma
      ? "',' for decimals and '.' only between groups of three digits (1.234,56)"
      : "'.' for decimals and ',' only between groups of three digits (1,234.56)"
    switch self {
    case .delimited(_, markGiven: true):
      return "\(fileDescription) is read with --decimal-mark \(decimalComma ? "," : "."): \(marks)"
    case .delimited, .jsonLines:
      return "\(fileDescription) is read with \(marks)"
    }
  }

  /// Whether `--decimal-mark` can change how this input is read.
  var takesDecimalMark: Bool {
    if case .delimited = self { return true }
    return false
  }
}
