import AftershockIngest
import Foundation
import Testing

@testable import AftershockCLI

@Suite struct CommandSpecTests {
  private let spec = CommandSpec(
    name: "demo",
    abstract: "A command for tests.",
    positionalName: "FILE...",
    positionalHelp: "Files to read.",
    positionalCount: 0...3,
    options: [
      .init(name: "--out", valueName: "DIR", help: "Where to write.", defaultValue: "out", shortName: "-o"),
      .init(name: "--top", valueName: "N", help: "How many."),
      .init(name: "--map", valueName: "FIELD=COLUMN", help: "Rename a column.", isRepeatable: true),
      .init(name: "--verbose", valueName: nil, help: "Say more."),
      .init(name: "--format", valueName: "FORMAT", help: "table, csv or json."),
      .init(name: "--as-of", valueName: "DATE", help: "The day."),
    ])

  @Test func optionsFlagsAndPositionalsAreParsed() throws {
    let parsed = try spec.parse(["a.csv", "--out", "x", "--verbose", "-", "--top=5"])
    #expect(parsed.positionals == ["a.csv", "-"])
    #expect(parsed.string("--out") == "x")
    #expect(parsed.isSet("--verbose"))
    #expect(try parsed.integer("--top") == 5)
  }

  @Test func shortAliasAndDoubleDashWork() throws {
    let parsed = try spec.parse(["-o", "dir", "--", "--not-an-option"])
    #expect(parsed.string("--out") == "dir")
    #expect(parsed.positionals == ["--not-an-option"])
  }

  @Test func repeatableOptionCollectsPairs() throws {
    var parsed = try spec.parse(["--map", "body=Description", "--map", "account_id=Company"])
    parsed.command = "demo"
    let pairs = try parsed.pairs("--map")
    #expect(pairs.map(\.0) == ["body", "account_id"])
    #expect(pairs.map(\.1) == ["Description", "Company"])
  }

  @Test func unknownOptionSuggestsTheClosestName() {
    #expect(throws: UsageError(command: "demo", message: "unknown option '--ot'; did you mean '--out'?")) {
      try spec.parse(["--ot", "x"])
    }
  }

  @Test func missingValueIsAUsageError() {
    #expect(throws: UsageError(command: "demo", message: "missing value for '--out <DIR>'")) {
      try spec.parse(["--out"])
    }
  }

  /// `--out --as-of 2024-11-13` forgot the folder: `--as-of` is not taken as the folder's name.
  @Test func aValueThatIsAnOptionIsAMissingValue() {
    let message =
      "missing value for '--out <DIR>': '--as-of' is an option; to give a value that starts with a dash, write --out=--as-of"
    #expect(throws: UsageError(command: "demo", message: message)) {
      try spec.parse(["--out", "--as-of", "2024-11-13"])
    }
    #expect(throws: UsageError.self) { try spec.parse(["--out", "--verbose"]) }
    #expect(throws: UsageError.self) { try spec.parse(["--out", "-o"]) }
    #expect(throws: UsageError.self) { try spec.parse(["--out", "--help"]) }
    #expect(throws: UsageError.self) { try spec.parse(["--out", "--top=5"]) }
  }

  /// A value that starts with a dash but names no option, or one given with `=`, is still a value.
  @Test func aDashedValueThatIsNoOptionOrIsGivenWithEqualsIsKept() throws {
    #expect(try spec.parse(["--out=--as-of"]).string("--out") == "--as-of")
    #expect(try spec.parse(["--top", "-3"]).string("--top") == "-3")
    #expect(try spec.parse(["--out", "--quiet"]).string("--out") == "--quiet")
    #expect(try spec.parse(["--out", "-"]).string("--out") == "-")
  }

  /// `--out ""` would name the filesystem root: an empty value is bad usage, inline or not.
  @Test func emptyValueIsAUsageError() {
    #expect(throws: UsageError(command: "demo", message: "empty value for '--out <DIR>'")) {
      try spec.parse(["--out", ""])
    }
    #expect(throws: UsageError(command: "demo", message: "empty value for '--out <DIR>'")) {
      try spec.parse(["--out="])
    }
  }

  @Test func nonRepeatableOptionGivenTwiceIsRejected() {
    #expect(throws: UsageError(command: "demo", message: "'--top' was given more than once")) {
      try spec.parse(["--top", "1", "--top", "2"])
    }
  }

  @Test func flagWithValueIsRejected() {
    #expect(throws: UsageError.self) { try spec.parse(["--verbose=yes"]) }
  }

  @Test func tooManyPositionalsAreRejected() {
    #expect(throws: UsageError.self) { try spec.parse(["a", "b", "c", "d"]) }
  }

  @Test func typedAccessorsExplainBadValues() throws {
    var parsed = try spec.parse(["--top", "ten", "--format", "xml", "--as-of", "2026-02-30"])
    parsed.command = "demo"
    #expect(
      throws: UsageError(
        command: "demo", message: "the value 'ten' is invalid for '--top'; expected a whole number from 1 to 100")
    ) {
      try parsed.integer("--top", in: 1...100)
    }
    #expect(
      throws: UsageError(
        command: "demo",
        message: "the value 'xml' is invalid for '--format'; please provide one of 'table', 'csv' or 'json'")
    ) {
      try parsed.choice("--format", from: ["table", "csv", "json"])
    }
    #expect(throws: UsageError.self) { try parsed.day("--as-of") }
  }

  @Test func validDayParsesAsItsDay() throws {
    let day = try #require(ParsedArguments.parseDay("2026-03-02"))
    #expect(day.daysSinceEpoch * 86_400 == 1_772_409_600)
    #expect(ParsedArguments.parseDay("2023-02-29") == nil)
    #expect(ParsedArguments.parseDay("2026-3-02") == nil)
  }

  /// --as-of and --cut take the days the inputs may hold (`Day.supportedRange`), no others.
  @Test func aDayOutsideTheSupportedRangeIsBadUsage() throws {
    let parsed = try spec.parse(["--as-of", "9999-12-31"])
    let error = try #require(throws: UsageError.self) { try parsed.day("--as-of") }
    #expect(
      error.message
        == "the value '9999-12-31' is invalid for '--as-of'; expected a date in the supported range 1900-01-01...2199-12-31"
    )
    #expect(try spec.parse(["--as-of", "2199-12-31"]).day("--as-of") == Day(year: 2199, month: 12, day: 31))
  }

  @Test func helpListsEveryOptionWithDefaults() {
    let help = spec.helpText
    #expect(help.contains("USAGE: aftershock demo [options] [FILE...]"))
    #expect(help.contains("-o, --out <DIR>"))
    #expect(help.contains("(default: out)"))
    #expect(help.contains("--help"))
  }

  @Test func usageErrorReadsAsOneLineAndAHint() {
    let error = UsageError(command: "run", message: "unknown option '--x'")
    #expect(error.description == "aftershock run: error: unknown option '--x'\nhint: see 'aftershock run --help'")
  }
}

/// The parser's refusals as a user meets them, from the built binary.
@Suite struct CommandSpecCommandTests {
  /// An option whose value was forgot takes the next option as its value no more: exit 2, the option named.
  @Test func anOptionFollowedByAnotherOptionIsAMissingValue() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let run = try workspace.run([
      "run", "--data", CLIWorkspace.repositoryRoot.path + "/Data/sample", "--out", "--as-of", "2024-11-13",
    ])
    #expect(run.status == 2)
    #expect(run.errors.contains("missing value for '--out <DIR>': '--as-of' is an option"), "\(run.errors)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("--as-of")))

    let score = try workspace.run(["score", "--text", "--quiet"])
    #expect(score.status == 2)
    #expect(score.output.isEmpty, "\(score.output)")
    #expect(score.errors.contains("missing value for '--text <TEXT>'"), "\(score.errors)")

    let atRisk = try workspace.run(["at-risk", "--db", "none.sqlite", "--manager", "--top", "5"])
    #expect(atRisk.status == 2)
    #expect(atRisk.errors.contains("missing value for '--manager <NAME>': '--top' is an option"), "\(atRisk.errors)")

    // With `=`, a value that starts with dashes is given on purpose.
    let meant = try workspace.run(["score", "--text=--quiet"])
    #expect(meant.status == 0, "\(meant.errors)")
    #expect(meant.output.contains("sentiment:"), "\(meant.output)")
  }

  /// `--map` naming one field twice is refused like any other repeated option, naming the field.
  @Test func aFieldMappedTwiceIsRefused() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    let validate = try workspace.run(
      ["validate", CLIWorkspace.fixture("cli-tickets.csv"), "--map", "body=subject", "--map", "body=channel"])
    #expect(validate.status == 2)
    #expect(
      validate.errors.contains("--map gives field 'body' more than once (body=subject, body=channel)"),
      "\(validate.errors)")
    let run = try workspace.run(
      [
        "run", "--data", CLIWorkspace.repositoryRoot.path + "/Data/sample", "--map", "body=subject", "--map",
        "body=channel",
      ])
    #expect(run.status == 2)
    #expect(!FileManager.default.fileExists(atPath: workspace.path("out")))
  }
}
