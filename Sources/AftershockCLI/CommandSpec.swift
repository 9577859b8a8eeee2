/// What a command accepts: its options, flags and positional arguments, and the help built from them.
struct CommandSpec: Sendable {
  /// One `--name VALUE` option or `--name` flag.
  struct Option: Sendable {
    /// The long name with its dashes, e.g. `--out`.
    var name: String
    /// The placeholder shown in help (`DIR`), or `nil` for a flag that takes no value.
    var valueName: String?
    /// One line of help.
    var help: String
    /// The default shown in help, if any.
    var defaultValue: String? = nil
    /// Whether the option may be given several times (`--map a=b --map c=d`).
    var isRepeatable = false
    /// A one-letter alias with its dash, e.g. `-o`.
    var shortName: String? = nil
    /// Whether an empty value means something (`at-risk --manager ""`: the accounts with no
    /// manager); other options refuse one.
    var allowsEmpty = false

    var isFlag: Bool { valueName == nil }
  }

  /// The command's path after `aftershock`, e.g. `sentiment train`.
  var name: String
  /// One line saying what the command does.
  var abstract: String
  /// Extra paragraphs for `--help` (examples, notes).
  var discussion: String = ""
  /// The placeholder for positional arguments (`FILE...`), or `nil` when there are none.
  var positionalName: String? = nil
  /// Help for the positional arguments.
  var positionalHelp: String = ""
  /// Fewest and most positional arguments accepted.
  var positionalCount: ClosedRange<Int> = 0...0
  /// The options, in the order help lists them.
  var options: [Option] = []

  /// The `--help` text.
  var helpText: String {
    var lines: [String] = []
    lines.append("OVERVIEW: \(abstract)")
    lines.append("")
    var usage = "USAGE: aftershock \(name)"
    if !options.isEmpty { usage += " [options]" }
    if let positionalName {
      usage += positionalCount.lowerBound == 0 ? " [\(positionalName)]" : " \(positionalName)"
    }
    lines.append(usage)
    if let positionalName, !positionalHelp.isEmpty {
      lines.append("")
      lines.append("ARGUMENTS:")
      lines.append(Self.row(left: "  " + positionalName, right: positionalHelp))
    }
    lines.append("")
    lines.append("OPTIONS:")
    for option in options {
      var left = "  "
      if let short = option.shortName { left += short + ", " }
      left += option.name
      if let value = option.valueName { left += " <\(value)>" }
      var right = option.help
      if let value = option.defaultValue { right += " (default: \(value))" }
      lines.append(Self.row(left: left, right: right))
    }
    lines.append(Self.row(left: "  -h, --help", right: "Show help for this command."))
    if !discussion.isEmpty {
      lines.append("")
      lines.append(discussion)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func row(left: String, right: String) -> String {
    let column = 30
    if left.count >= column - 1 {
      return left + "\n" + String(repeating: " ", count: column) + right
    }
    return left + String(repeating: " ", count: column - left.count) + right
  }

  /// Parses `arguments` (everything after the command's name).
  ///
  /// Accepts `--name value`, `--name=value`, flags, `--` to end options, and `-` as a
  /// positional (standard input). A separate value that is one of the command's options
  /// (`--out --as-of`) is refused as a missing value; `--out=--as-of` gives it.
  /// - Throws: `UsageError` naming the offending argument and what was expected.
  func parse(_ arguments: [String]) throws -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if argument == "-h" || argument == "--help" {
        parsed.wantsHelp = true
        continue
      }
      var name = argument
      var inlineValue: String? = nil
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let option = options.first(where: { $0.name == name || $0.shortName == name }) else {
        throw UsageError(
          command: self.name,
          message: "unknown option '\(name)'" + suggestion(for: name))
      }
      if option.isFlag {
        if inlineValue != nil {
          throw UsageError(command: self.name, message: "the flag '\(option.name)' takes no value")
        }
        parsed.flags.insert(option.name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if index < arguments.count {
        value = arguments[index]
        // `run --out --as-of 2024-11-13` forgot the folder: taking `--as-of` as it would write into a folder
        // named `--as-of` and leave the date as a stray argument. A value that names one of the command's
        // options is refused; `--out=--as-of` still passes it when it is really meant.
        if namesOption(value) {
          throw UsageError(
            command: self.name,
            message: "missing value for '\(option.name) <\(option.valueName ?? "VALUE")>': '\(value)' is an option; "
              + "to give a value that starts with a dash, write \(option.name)=\(value)")
        }
        index += 1
      } else {
        throw UsageError(
          command: self.name,
          message: "missing value for '\(option.name) <\(option.valueName ?? "VALUE")>'")
      }
      // An empty value names nothing: `--out ""` would otherwise resolve to the filesystem root.
      // Only a text to score, or an option that says what an empty value means, may be empty.
      if value.isEmpty && option.valueName != "TEXT" && !option.allowsEmpty {
        throw UsageError(
          command: self.name, message: "empty value for '\(option.name) <\(option.valueName ?? "VALUE")>'")
      }
      if !option.isRepeatable, parsed.values[option.name] != nil {
        throw UsageError(command: self.name, message: "'\(option.name)' was given more than once")
      }
      parsed.values[option.name, default: []].append(value)
    }
    if parsed.wantsHelp { return parsed }
    if !positionalCount.contains(parsed.positionals.count) {
      if let first = parsed.positionals.first, positionalName == nil || positionalCount.upperBound == 0 {
        throw UsageError(command: name, message: "unexpected argument '\(first)'")
      }
      if parsed.positionals.count < positionalCount.lowerBound {
        throw UsageError(command: name, message: "missing expected argument '\(positionalName ?? "ARGUMENT")'")
      }
      throw UsageError(
        command: name,
        message: "too many arguments: at most \(positionalCount.upperBound) \(positionalName ?? "argument") expected")
    }
    return parsed
  }

  /// Whether `word` is one of this command's options (or `--help`), alone or as `--name=value`.
  private func namesOption(_ word: String) -> Bool {
    guard word.hasPrefix("-"), word != "-", word != "--" else { return false }
    var name = word
    if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") { name = String(word[..<equals]) }
    if name == "-h" || name == "--help" { return true }
    return options.contains { $0.name == name || $0.shortName == name }
  }

  private func suggestion(for name: String) -> String {
    let candidates = options.map(\.name) + ["--help"]
    guard let best = candidates.min(by: { editDistance($0, name) < editDistance($1, name) }),
      editDistance(best, name) <= 2
    else { return "" }
    return "; did you mean '\(best)'?"
  }
}

/// Levenshtein distance between two short strings (for "did you mean" hints).
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.utf8)
  let b = Array(b.utf8)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
