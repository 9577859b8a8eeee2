/// The mark between a number's whole part and its decimals (`--decimal-mark`); the other of `.`
/// and `,` then separates groups of three digits.
public enum DecimalMark: String, Sendable, Hashable, CaseIterable {
  /// `1,234.56`
  case point = "."
  /// `1.234,56`
  case comma = ","
}

/// How to read one input: format, header, column overrides and size bounds.
public struct IngestOptions: Sendable, Equatable {
  /// The format; nil picks it from the extension, then from the content (`{` → JSON Lines; tabs and no commas → TSV).
  public var format: InputFormat?
  /// A delimiter byte overriding the format's (`,` for CSV, or `;` when the header line has `;` and no comma; tab for TSV).
  public var delimiter: UInt8?
  /// Whether a CSV/TSV input starts with a header row; without one, columns are taken in the order Aftershock
  /// writes them (`RecordKind.columnOrder`) unless `overrides` give 1-based column numbers (`body=4`).
  public var hasHeader: Bool
  /// Explicit `field=column` overrides for every input read with these options, keyed by field name: the field must
  /// be one of the input's kind and the column must be in its header (one file, as `validate FILE` reads it).
  public var overrides: [String: String]
  /// `kind.field=column` overrides (`--map tickets.account_id=Company`): for inputs of that kind only, where the
  /// column must be in the header.
  public var scopedOverrides: [RecordKind: [String: String]]
  /// `field=column` overrides shared by several inputs (the CLI's unscoped `--map` in `run`): each applies to an
  /// input whose kind has the field and whose header has the column, and is passed over by the others
  /// (`Ingest.checkMappings` says when one applies to no input at all).
  public var sharedOverrides: [String: String]
  /// Size bounds for fields and records.
  public var limits: IngestLimits
  /// How numeric dates that could be day or month first (`03/04/2024`) are read (`--date-order`);
  /// nil quarantines them as ambiguous.
  public var dateOrder: DateOrder? = nil
  /// The decimal mark of a CSV/TSV file's numbers (`--decimal-mark`), overriding the file's convention:
  /// `,` in a `;`-separated file, `.` in a `,`- or tab-separated one. JSON Lines always use `.`.
  public var decimalMark: DecimalMark? = nil

  /// Creates options; the defaults read a headed CSV or JSON Lines file chosen by extension or content.
  public init(
    format: InputFormat? = nil, delimiter: UInt8? = nil, hasHeader: Bool = true, overrides: [String: String] = [:],
    scopedOverrides: [RecordKind: [String: String]] = [:], sharedOverrides: [String: String] = [:],
    limits: IngestLimits = IngestLimits()
  ) {
    self.format = format
    self.delimiter = delimiter
    self.hasHeader = hasHeader
    self.overrides = overrides
    self.scopedOverrides = scopedOverrides
    self.sharedOverrides = sharedOverrides
    self.limits = limits
  }

  /// Whether any override is set.
  public var hasMappings: Bool {
    !overrides.isEmpty || !sharedOverrides.isEmpty || scopedOverrides.values.contains { !$0.isEmpty }
  }

  /// Parses `--map` arguments of the form `field=column` (the column may contain `=` and spaces).
  public static func parseOverrides(_ specs: [String]) throws(IngestError) -> [String: String] {
    var result: [String: String] = [:]
    for spec in specs {
      let (field, column) = try split(spec)
      result[field] = column
    }
    return result
  }

  /// One `--map` argument: `field=column`, or `kind.field=column` for one kind's input.
  public struct Mapping: Sendable, Equatable {
    /// The kind it is scoped to (`tickets.` in `tickets.account_id=Company`), nil for every input.
    public var kind: RecordKind?
    /// The canonical field name (`account_id`).
    public var field: String
    /// The column as written.
    public var column: String
  }

  /// Parses `--map` arguments, `field=column` or `kind.field=column` (kind: accounts, tickets or surveys),
  /// checking that the field belongs to the kind, or to some kind when unscoped.
  public static func parseMappings(_ specs: [String]) throws(IngestError) -> [Mapping] {
    var result: [Mapping] = []
    for spec in specs {
      var (field, column) = try split(spec)
      var kind: RecordKind?
      if let dot = field.firstIndex(of: ".") {
        let prefix = String(field[..<dot]).trimmingASCIIWhitespace().lowercased()
        guard let scoped = RecordKind(rawValue: prefix) else {
          throw .invalidOverride(
            override: spec, expected: "field=column or kind.field=column with kind one of accounts, tickets, surveys")
        }
        kind = scoped
        field = String(field[field.index(after: dot)...]).trimmingASCIIWhitespace()
      }
      let kinds = kind.map { [$0] } ?? RecordKind.allCases
      guard
        let canonical = kinds.lazy.compactMap({ k in
          Schema.of(k).fieldIndex(named: field).map { Schema.of(k).fields[$0].name }
        }).first
      else {
        let expected = kinds.map { k in "\(k.rawValue): \(Schema.of(k).fields.map(\.name).joined(separator: ", "))" }
        throw .invalidOverride(
          override: spec,
          expected: "a field of " + (kind.map { "the \($0.rawValue)" } ?? "some input") + " ("
            + expected.joined(separator: "; ") + ")")
      }
      // Two columns for one field is a contradiction, not a correction: refuse it as every other repeated
      // option is refused, instead of letting the last one win.
      if let earlier = result.first(where: { $0.kind == kind && $0.field == canonical }) {
        let scope = kind.map { "\($0.rawValue)." } ?? ""
        throw .conflictingOverrides(field: scope + canonical, columns: [earlier.column, column])
      }
      result.append(Mapping(kind: kind, field: canonical, column: column))
    }
    return result
  }

  /// Sets the overrides from parsed `--map` arguments: scoped ones for their kind, unscoped ones shared by the
  /// inputs (`sharedOverrides`; `Ingest.validate` of a single file reads them as `overrides`).
  public mutating func setMappings(_ mappings: [Mapping]) {
    for m in mappings {
      if let kind = m.kind {
        scopedOverrides[kind, default: [:]][m.field] = m.column
      } else {
        sharedOverrides[m.field] = m.column
      }
    }
  }

  private static func split(_ spec: String) throws(IngestError) -> (field: String, column: String) {
    guard let eq = spec.firstIndex(of: "=") else {
      throw .invalidOverride(override: spec, expected: "field=column, e.g. body=Description")
    }
    let field = String(spec[..<eq]).trimmingASCIIWhitespace()
    let column = String(spec[spec.index(after: eq)...])
    guard !field.isEmpty, !column.trimmingASCIIWhitespace().isEmpty else {
      throw .invalidOverride(override: spec, expected: "field=column with both sides non-empty")
    }
    return (field, column)
  }
}
