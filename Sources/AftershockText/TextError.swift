import Foundation

/// Why an operation of AftershockText could not go on (record-level problems are data, not errors).
public enum TextError: Error, Equatable, CustomStringConvertible {
  /// A lexicon, aspect, intent or competitor file could not be read.
  case unreadableFile(path: String, reason: String)
  /// A line of a lexicon-style file does not have the expected shape.
  case malformedLine(path: String, line: Int, value: String, expected: String)
  /// A saved model file is not a model this version can read.
  case invalidModelFile(path: String, reason: String)
  /// A saved model file could not be written.
  case unwritableModelFile(path: String, reason: String)
  /// Training or evaluation data is unusable as given.
  case invalidTrainingData(reason: String)
  /// A configuration value is out of its valid range.
  case invalidParameter(name: String, value: String, expected: String)

  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "cannot read \(path): \(reason)"
    case .malformedLine(let path, let line, let value, let expected):
      return "\(path):\(line): malformed line '\(value.prefix(80))', expected \(expected)"
    case .invalidModelFile(let path, let reason):
      return "\(path) is not a usable sentiment model: \(reason)"
    case .unwritableModelFile(let path, let reason):
      return "cannot write model to \(path): \(reason)"
    case .invalidTrainingData(let reason):
      return "invalid training data: \(reason)"
    case .invalidParameter(let name, let value, let expected):
      return "invalid \(name) '\(value)', expected \(expected)"
    }
  }
}

extension TextError {
  /// Why `path` gave no bytes, in words: no such file, a folder, or not readable and the system's reason.
  static func unreadable(_ path: String, expected: String) -> TextError {
    var isDirectory: ObjCBool = false
    let reason: String
    if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      reason = "no such file"
    } else if isDirectory.boolValue {
      reason = "it is a folder, not \(expected)"
    } else {
      // The system's own reason (permission denied, an I/O error, too many open files...).
      let fd = open(path, O_RDONLY)
      if fd >= 0 {
        close(fd)
        reason = "not readable"
      } else {
        reason = "not readable (" + String(cString: strerror(errno)).lowercased() + ")"
      }
    }
    return .unreadableFile(path: path, reason: reason)
  }
}
