import AftershockIngest
import Foundation

/// The arguments of one command after parsing, with typed accessors that throw usage errors.
struct ParsedArguments {
  /// Option values by long name, in the order given.
  var values: [String: [String]] = [:]
  /// The flags that were set.
  var flags: Set<String> = []
  /// Positional arguments, in order.
  var positionals: [String] = []
  /// Whether `-h`/`--help` was given.
  var wantsHelp = false
  /// The command's name, for error messages.
  var command = ""

  /// Whether a flag was set.
  func isSet(_ flag: String) -> Bool { flags.contains(flag) }

  /// The last value of an option, or `nil`.
  func string(_ name: String) -> String? { values[name]?.last }

  /// Every value of a repeatable option.
  func strings(_ name: String) -> [String] { values[name] ?? [] }

  /// The value of an option as an integer in `range`.
  func integer(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
    guard let text = string(name) else { return nil }
    guard let value = Int(text), range.contains(value) else {
      throw UsageError(
        command: command,
        message: "the value '\(text)' is invalid for '\(name)'; expected a whole number"
          + (range == Int.min...Int.max ? "" : " from \(range.lowerBound) to \(range.upperBound)"))
    }
    return value
  }

  /// The value of an option as a number in `range`.
  func number(
    _ name: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
  )
    throws -> Double?
  {
    guard let text = string(name) else { return nil }
    guard let value = Double(text), value.isFinite, range.contains(value) else {
      throw UsageError(
        command: command,
        message:
          "the value '\(text)' is invalid for '\(name)'; expected a number from \(range.lowerBound) to \(range.upperBound)"
      )
    }
    return value
  }

  /// The value of an option that must be one of `choices`; with `ignoringCase`, written in any
  /// case (`HIGH` for `high`) and returned as the choice is spelled.
  func choice(_ name: String, from choices: [String], ignoringCase: Bool = false) throws -> String? {
    guard let text = string(name) else { return nil }
    if ignoringCase, let choice = choices.first(where: { $0.lowercased() == text.lowercased() }) { return choice }
    guard choices.contains(text) else {
      let list = choices.map { "'\($0)'" }
      let spelled = list.count > 1 ? list.dropLast().joined(separator: ", ") + " or " + list.last! : list.joined()
      throw UsageError(
        command: command,
        message: "the value '\(text)' is invalid for '\(name)'; please provide one of \(spelled)")
    }
    return text
  }

  /// The value of an option as a calendar date `YYYY-MM-DD` (UTC midnight).
  func day(_ name: String) throws -> Day? {
    guard let text = string(name) else { return nil }
    guard let day = Self.parseDay(text) else {
      throw UsageError(
        command: command, message: "the value '\(text)' is invalid for '\(name)'; expected a date YYYY-MM-DD")
    }
    guard Day.supportedRange.contains(day) else {
      throw UsageError(
        command: command,
        message:
          "the value '\(text)' is invalid for '\(name)'; expected a date in the supported range \(Day.supportedRangeDescription)"
      )
    }
    return day
  }

  /// Parses `YYYY-MM-DD` (a day that exists: not 2023-02-29).
  static func parseDay(_ text: String) -> Day? { Day(iso8601: text) }

  /// `field=column` pairs of a repeatable option such as `--map`.
  func pairs(_ name: String) throws -> [(String, String)] {
    var result: [(String, String)] = []
    for text in strings(name) {
      guard let equals = text.firstIndex(of: "="), equals != text.startIndex,
        text.index(after: equals) != text.endIndex
      else {
        throw UsageError(
          command: command, message: "the value '\(text)' is invalid for '\(name)'; expected field=column")
      }
      result.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
    }
    return result
  }
}
