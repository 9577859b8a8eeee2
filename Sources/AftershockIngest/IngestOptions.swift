/// How to read one input: format, header, column overrides and size bounds.
public struct IngestOptions: Sendable, Equatable {
  /// The format; nil picks it from the extension, then from the content (`{` → JSON Lines; tabs and no commas → TSV).
  public var format: InputFormat?
  /// A delimiter byte overriding the format's (`,` for CSV, or `;` when the header line has `;` and no comma; tab for TSV).
  public var delimiter: UInt8?
  /// Whether a CSV/TSV input starts with a header row; without one, columns are taken in the schema's field order
  /// (DESIGN.md's table) unless `overrides` give 1-based column numbers (`body=4`).
  public var hasHeader: Bool
  /// Explicit `field=column` overrides (the CLI's `--map`), keyed by canonical field name.
  public var overrides: [String: String]
  /// Size bounds for fields and records.
  public var limits: IngestLimits
  /// How numeric dates that could be day or month first (`03/04/2024`) are read (`--date-order`);
  /// nil quarantines them as ambiguous.
  public var dateOrder: DateOrder? = nil

  /// Creates options; the defaults read a headed CSV or JSON Lines file chosen by extension or content.
  public init(
    format: InputFormat? = nil, delimiter: UInt8? = nil, hasHeader: Bool = true, overrides: [String: String] = [:],
    limits: IngestLimits = IngestLimits()
  ) {
    self.format = format
    self.delimiter = delimiter
    self.hasHeader = hasHeader
    self.overrides = overrides
    self.limits = limits
  }

  /// Parses `--map` arguments of the form `field=column` (the column may contain `=` and spaces).
  public static func parseOverrides(_ specs: [String]) throws(IngestError) -> [String: String] {
    var result: [String: String] = [:]
    for spec in specs {
      guard let eq = spec.firstIndex(of: "=") else {
        throw .invalidOverride(override: spec, expected: "field=column, e.g. body=Description")
      }
      let field = String(spec[..<eq]).trimmingASCIIWhitespace()
      let column = String(spec[spec.index(after: eq)...])
      guard !field.isEmpty, !column.trimmingASCIIWhitespace().isEmpty else {
        throw .invalidOverride(override: spec, expected: "field=column with both sides non-empty")
      }
      result[field] = column
    }
    return result
  }
}
