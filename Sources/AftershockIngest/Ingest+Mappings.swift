extension Ingest {
  /// A shared `--map field=column` and the inputs it applies to.
  public struct MappingUse: Sendable, Equatable {
    /// The override as written (`account_id=Company`).
    public var mapping: String
    /// The inputs it applies to, in the order given.
    public var inputs: [String]
  }

  /// Checks the overrides of `options` against inputs whose kinds are known, before any is read:
  /// a `kind.field=column` override needs an input of that kind (its column is checked when that
  /// input is read), and a shared `field=column` one must apply to at least one input (one whose
  /// kind has the field and whose header has the column). An input read from standard input (`-`)
  /// is not looked at: a shared override whose field its kind has may apply to it.
  /// - Returns: every shared override with the inputs it applies to.
  /// - Throws: `IngestError.unusedMapping` naming the inputs, their kinds and columns; the errors of
  ///   opening an input.
  public static func checkMappings(
    _ inputs: [(path: String, kind: RecordKind)], options: IngestOptions
  ) throws(IngestError) -> [MappingUse] {
    var headers: [String: [String]] = [:]
    for input in inputs where input.path != "-" && headers[input.path] == nil && needsHeader(input.kind, options) {
      headers[input.path] = try peekHeader(input.path, options: options)
    }
    return try checkMappings(
      inputs.map { ($0.path, $0.kind, $0.path == "-" ? nil : headers[$0.path]) }, options: options)
  }

  private static func needsHeader(_ kind: RecordKind, _ options: IngestOptions) -> Bool {
    options.hasHeader && options.sharedOverrides.keys.contains { Schema.of(kind).fieldIndex(named: $0) != nil }
  }

  /// `checkMappings` with the headers at hand (nil: not known, standard input).
  static func checkMappings(
    _ inputs: [(path: String, kind: RecordKind, header: [String]?)], options: IngestOptions
  ) throws(IngestError) -> [MappingUse] {
    func describe(_ filter: (RecordKind) -> Bool = { _ in true }) -> String {
      let chosen = inputs.filter { filter($0.kind) }
      return chosen.map { input in
        let columns =
          input.header.map { $0.isEmpty ? "no columns" : "columns " + $0.joined(separator: ", ") } ?? "standard input"
        return "\(input.path) (\(input.kind.rawValue); \(columns))"
      }.joined(separator: "; ")
    }
    let kindsGiven = inputs.map(\.kind)
    for (kind, mappings) in options.scopedOverrides.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      guard let (field, column) = mappings.sorted(by: { $0.key < $1.key }).first, !kindsGiven.contains(kind) else {
        continue
      }
      throw .unusedMapping(
        mapping: "\(kind.rawValue).\(field)=\(column)",
        reason: "there is no \(kind.rawValue) input (inputs: \(describe()))")
    }
    var uses: [MappingUse] = []
    for (field, column) in options.sharedOverrides.sorted(by: { $0.key < $1.key }) {
      let spec = "\(field)=\(column)"
      let owners = RecordKind.allCases.filter { Schema.of($0).fieldIndex(named: field) != nil }
      let candidates = inputs.filter { owners.contains($0.kind) }
      guard !candidates.isEmpty else {
        throw .unusedMapping(
          mapping: spec,
          reason: "\(field) is a field of \(owners.map(\.rawValue).joined(separator: " and ")) only, "
            + "and no input is of that kind (inputs: \(describe()))")
      }
      let applying = candidates.filter { input in
        guard options.hasHeader, let header = input.header else { return true }
        return header.contains { Self.sameColumn($0, column) }
      }
      guard !applying.isEmpty else {
        throw .unusedMapping(
          mapping: spec,
          reason: "no \(owners.map(\.rawValue).joined(separator: " or ")) input has a column '\(column)' "
            + "(\(describe { owners.contains($0) })); check the spelling, or scope it, e.g. --map "
            + "\(candidates[0].kind.rawValue).\(field)=COLUMN")
      }
      uses.append(MappingUse(mapping: spec, inputs: applying.map(\.path)))
    }
    return uses
  }

  /// Whether a header column is the one an override names: the same text (spaces around it aside), or
  /// the same normalised name, as `ColumnResolver.resolve` matches it.
  static func sameColumn(_ header: String, _ column: String) -> Bool {
    header.trimmingASCIIWhitespace() == column.trimmingASCIIWhitespace()
      || Schema.normalize(header) == Schema.normalize(column)
  }

  /// The column names of an input as its reader sees them: a CSV's header row (none without one), or
  /// the keys of the first good JSON Lines object.
  static func peekHeader(_ path: String, options: IngestOptions) throws(IngestError) -> [String] {
    let input = try TableInput.open(
      path: path, format: options.format, delimiter: options.delimiter, hasHeader: options.hasHeader,
      limits: options.limits)
    switch input {
    case .delimited(let reader, _):
      return options.hasHeader ? reader.header : []
    case .jsonLines(let reader):
      while let event = try reader.nextRecord() {
        if case .record = event { return (0..<reader.memberCount).map { reader.key(at: $0) } }
      }
      return []
    }
  }
}
