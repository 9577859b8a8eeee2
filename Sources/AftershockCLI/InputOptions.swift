import AftershockIngest
import AftershockPipeline

/// The reading options shared by commands that take inputs (`--format`, `--map`, `--no-header`).
enum InputOptions {
  /// The options' specs, for a command's option list.
  static let specs: [CommandSpec.Option] = [
    .init(
      name: "--format", valueName: "FORMAT",
      help: "Input format: csv, tsv or jsonl (default: by extension, then content)."),
    .init(
      name: "--map", valueName: "FIELD=COLUMN",
      help: "Read FIELD from COLUMN (repeatable), e.g. --map body=Description: in each input whose kind has FIELD "
        + "and whose header has COLUMN (at least one must). --map KIND.FIELD=COLUMN (KIND: accounts, tickets, "
        + "surveys) reads it in that kind's input only, e.g. --map tickets.account_id=Company.",
      isRepeatable: true),
    .init(
      name: "--no-header", valueName: nil,
      help: "The CSV/TSV has no header row: its columns come in the order 'aftershock generate' writes them ("
        + RecordKind.allCases.map { "\($0.rawValue): " + $0.columnOrder.joined(separator: ", ") }
        .joined(separator: "; ")
        + "); a shorter row leaves its last fields empty, and --map FIELD=N reads FIELD from column N instead."),
    .init(
      name: "--date-order", valueName: "ORDER",
      help:
        "Read numeric dates such as 03/04/2024 as mdy (month first) or dmy (day first); without it such dates are quarantined as ambiguous, as are numeric dates with a two-digit year (24-11-01)."
    ),
    .init(
      name: "--decimal-mark", valueName: "MARK",
      help: "The decimal mark of CSV/TSV numbers: . (1,234.56) or , (1.234,56). Default: , in a ;-separated "
        + "file, . otherwise; a number written the other way is quarantined as invalid_number. JSON Lines always use '.'."
    ),
  ]

  /// Builds ingest options from parsed arguments.
  static func make(from arguments: ParsedArguments) throws -> IngestOptions {
    var options = IngestOptions()
    if let format = try arguments.choice("--format", from: ["csv", "tsv", "jsonl"]) {
      options.format = InputFormat(rawValue: format)
    }
    do {
      options.setMappings(try IngestOptions.parseMappings(arguments.strings("--map")))
    } catch {
      throw UsageError(command: arguments.command, message: "\(error)")
    }
    options.hasHeader = !arguments.isSet("--no-header")
    options.decimalMark = try arguments.choice("--decimal-mark", from: [".", ","]).flatMap(DecimalMark.init(rawValue:))
    options.dateOrder = try arguments.choice("--date-order", from: ["mdy", "dmy"]).flatMap(DateOrder.init(rawValue:))
    return options
  }

  /// Runs `body` (a command reading its input with `--input-format`, its `--format` being the
  /// output's), naming `--input-format` in the refusal of an input whose bytes are another format's.
  static func namingInputFormatOption<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch IngestError.formatMismatch(let file, let readAs, let looksLike) {
      throw PipelineError.failed(
        "\(file) looks like \(looksLike.name) but was read as \(readAs.name); give --input-format \(looksLike.rawValue)"
      )
    }
  }
}
