/// Maps column names (or JSON keys) to schema fields: `--map` overrides first, then aliases in order, then name
/// patterns, then a score's standard question (`SurveyQuestion`).
struct ColumnResolver {
  /// A match: the field index and its preference rank (lower wins).
  struct Match: Equatable {
    var field: Int
    var rank: Int
  }

  let schema: Schema
  /// Override columns as written, with their field.
  let overrides: [(field: Int, column: String)]
  /// The fields whose override is shared by several inputs: passed over when the header lacks its column.
  let shared: Set<Int>
  /// The fields whose override is scoped (`tickets.account_id=Company`): errors repeat the scope as typed.
  private(set) var scoped: Set<Int> = []
  private var table: [String: Match] = [:]

  /// Builds a resolver; throws for an override that names no field of the kind.
  init(schema: Schema, overrides: [String: String]) throws(IngestError) {
    try self.init(schema: schema, options: IngestOptions(overrides: overrides))
  }

  /// Builds a resolver from every override of `options` that concerns the kind: `overrides` (a field of another
  /// kind is an error), the kind's `scopedOverrides` (which win), and the `sharedOverrides` whose field the kind
  /// has (each used only when the header has its column).
  init(schema: Schema, options: IngestOptions) throws(IngestError) {
    self.schema = schema
    var chosen: [Int: (column: String, shared: Bool)] = [:]
    for (field, column) in options.sharedOverrides.sorted(by: { $0.key < $1.key }) {
      if let index = schema.fieldIndex(named: field) { chosen[index] = (column, true) }
    }
    for (field, column) in options.overrides.sorted(by: { $0.key < $1.key }) {
      guard let index = schema.fieldIndex(named: field) else {
        throw .invalidOverride(
          override: "\(field)=\(column)",
          expected: "one of the \(schema.kind.rawValue) fields: \(schema.fields.map(\.name).joined(separator: ", "))")
      }
      chosen[index] = (column, false)
    }
    for (field, column) in (options.scopedOverrides[schema.kind] ?? [:]).sorted(by: { $0.key < $1.key }) {
      guard let index = schema.fieldIndex(named: field) else {
        throw .invalidOverride(
          override: "\(schema.kind.rawValue).\(field)=\(column)",
          expected: "one of the \(schema.kind.rawValue) fields: \(schema.fields.map(\.name).joined(separator: ", "))")
      }
      chosen[index] = (column, false)
      scoped.insert(index)
    }
    let list = chosen.sorted { $0.key < $1.key }
    self.overrides = list.map { ($0.key, $0.value.column) }
    self.shared = Set(list.filter { $0.value.shared }.map(\.key))
    for (f, field) in schema.fields.enumerated() {
      for (r, alias) in field.aliases.enumerated() where table[alias] == nil {
        table[alias] = Match(field: f, rank: r + 1)
      }
    }
    for (f, column) in self.overrides { table[Schema.normalize(column)] = Match(field: f, rank: 0) }
  }

  /// The field a (raw) column name maps to.
  func match(_ column: String) -> Match? {
    let key = Schema.normalize(column)
    if let m = table[key] { return m }
    for (f, field) in schema.fields.enumerated() where !field.containing.isEmpty {
      if field.containing.contains(where: { key.contains($0) }), !field.excluding.contains(where: { key.contains($0) })
      {
        return Match(field: f, rank: 1000)
      }
    }
    for (f, field) in schema.fields.enumerated() {
      if let question = field.question, question.isAsked(by: column) {
        return Match(field: f, rank: Schema.questionMatchRank)
      }
    }
    return nil
  }

  /// For each field, the header column it reads (-1 for none); throws naming what is missing.
  func resolve(header: [String], file: String) throws(IngestError) -> [Int] {
    var column = Array(repeating: -1, count: schema.fields.count)
    var rank = Array(repeating: Int.max, count: schema.fields.count)
    var taken = Set<Int>()
    // Overrides are matched on the exact column text first, so `--map body=Description` is unambiguous.
    for (f, name) in overrides {
      let trimmed = name.trimmingASCIIWhitespace()
      let exact = header.firstIndex { $0.trimmingASCIIWhitespace() == trimmed }
      let loose = header.firstIndex { Schema.normalize($0) == Schema.normalize(name) }
      guard let j = exact ?? loose else {
        if shared.contains(f) { continue }
        let field = (scoped.contains(f) ? "\(schema.kind.rawValue)." : "") + schema.fields[f].name
        throw .mappedColumnNotFound(file: file, field: field, column: name, columnsSeen: header)
      }
      column[f] = j
      rank[f] = 0
      taken.insert(j)
    }
    for (j, name) in header.enumerated() where !taken.contains(j) {
      guard let m = match(name), m.rank < rank[m.field] else { continue }
      column[m.field] = j
      rank[m.field] = m.rank
    }
    // What only the whole header shows (a Qualtrics `Q1` beside `Q1_NPS_GROUP` is the NPS score): Schema.headerMatches.
    for m in schema.headerMatches(header) where m.rank < rank[m.field] && !taken.contains(m.column) {
      (column[m.field], rank[m.field]) = (m.column, m.rank)
    }
    // Two columns of one name (up to case and punctuation): the first would be read and the other
    // ignored without a word, so neither is chosen. A --map naming one by its exact text picks it.
    for (f, j) in column.enumerated() where j >= 0 {
      let key = Schema.normalize(header[j])
      let same = header.indices.filter { Schema.normalize(header[$0]) == key }
      guard same.count > 1 else { continue }
      if rank[f] == 0, let name = overrides.first(where: { $0.field == f })?.column.trimmingASCIIWhitespace(),
        same.filter({ header[$0].trimmingASCIIWhitespace() == name }).count == 1
      {
        continue
      }
      throw .duplicateColumn(
        file: file, columns: same.map { header[$0] }, positions: same.map { $0 + 1 }, field: schema.fields[f].name)
    }
    let missing = schema.fields.indices.filter { schema.fields[$0].required && column[$0] < 0 }
    if !missing.isEmpty {
      throw .missingColumns(
        file: file, kind: schema.kind,
        missing: missing.map {
          IngestError.MissingField(field: schema.fields[$0].name, aliasesTried: schema.fields[$0].aliases)
        },
        columnsSeen: header)
    }
    return column
  }

  /// How well a header fits a kind: 2 per required field found, 1 per optional one, and whether all required ones are there.
  /// How well a header fits a kind: its matched fields (required ones count twice), whether
  /// every required field is there, and whether a required field of the kind's own (not the
  /// `account_id` every kind has) is.
  static func fit(of kind: RecordKind, header: [String]) -> (score: Int, complete: Bool, ownRequired: Bool) {
    guard let resolver = try? ColumnResolver(schema: .of(kind), overrides: [:]) else { return (0, false, false) }
    var found = Set<Int>()
    for name in header { if let m = resolver.match(name) { found.insert(m.field) } }
    let fields = resolver.schema.fields
    let score = found.reduce(0) { $0 + (fields[$1].required ? 2 : 1) }
    let complete = fields.indices.allSatisfy { !fields[$0].required || found.contains($0) }
    let ownRequired = found.contains { fields[$0].required && fields[$0].name != "account_id" }
    return (score, complete, ownRequired)
  }

  /// The record kind a file holds, from its name (`accounts`, `tickets`, `surveys`, ...) or else the
  /// best-fitting header. A kind that is complete, or that has a required field of its own
  /// (`ticket_id`, `submitted_at`, ...), may win: the highest score does, completeness breaking
  /// ties. So `ticket_id,account_id,body` is tickets missing `created_at` (which the reader then
  /// says), not accounts with two extra columns, and `account_id,comment` (a ticket text) is
  /// tickets rather than accounts whose text would go unread; `account_id,notes` is accounts.
  static func detectKind(fileName: String, header: [String]) -> RecordKind? {
    decideKind(fileName: fileName, header: header)?.kind
  }

  /// The kind a header fits better than `kind`, the kind it was given as (`--accounts` given a
  /// tickets export): another kind that it fits completely, with a required field of that kind's
  /// own, while it lacks a field `kind` requires or fits `kind` only by the `account_id` every kind
  /// has, and worse. The rule `decideKind` applies to a file whose name names `kind`.
  /// An accounts table has no required field of its own: a header that lacks a field `kind`
  /// requires and has `account_id` and three more accounts fields is taken for one.
  static func kindTheHeaderFitsBetter(than kind: RecordKind, header: [String]) -> RecordKind? {
    guard !header.isEmpty else { return nil }
    if let decided = decideKind(fileName: kind.rawValue, header: header), decided.kind != kind { return decided.kind }
    guard kind != .accounts, !fit(of: kind, header: header).complete else { return nil }
    let accounts = fit(of: .accounts, header: header)
    return accounts.complete && accounts.score >= 5 ? .accounts : nil
  }

  /// The kind a word of the file name names (`ticket`; `survey`, `nps`, `csat`, `response`;
  /// `account`, `customer`), if any.
  static func kindNamed(by fileName: String) -> RecordKind? {
    let name = fileName.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
    if name.contains("ticket") { return .tickets }
    if name.contains("survey") || name.contains("nps") || name.contains("csat") || name.contains("response") {
      return .surveys
    }
    if name.contains("account") || name.contains("customer") { return .accounts }
    return nil
  }

  /// The kind a file holds and the rule that decided it.
  ///
  /// A folder's own names (`accounts.csv`, `tickets.jsonl`, ...) decide, as for `run --data`. A
  /// word in another name decides unless the header fits another kind completely, with a required
  /// field of that kind's own, while the named kind is incomplete, or is accounts complete only by
  /// the `account_id` every kind has and fits worse ("Customer Feedback Q4.csv" holding a survey
  /// export, `account_health_check.csv` holding `response_id, account_id, submitted_at, nps`).
  /// Without a word, the header decides as `detectKind` says.
  static func decideKind(fileName: String, header: [String]) -> (kind: RecordKind, rule: KindRule)? {
    let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
    let named = kindNamed(by: fileName)
    if let named, Ingest.knownInputNames.contains(base) { return (named, .name) }
    var fits: [RecordKind: (score: Int, complete: Bool, ownRequired: Bool)] = [:]
    for kind in RecordKind.allCases { fits[kind] = fit(of: kind, header: header) }
    guard let named else {
      var best: (kind: RecordKind, score: Int, complete: Bool)?
      for kind in [RecordKind.tickets, .surveys, .accounts] {
        let f = fits[kind]!
        guard f.score > 0, f.complete || f.ownRequired else { continue }
        if let b = best {
          if f.score > b.score || (f.score == b.score && f.complete && !b.complete) {
            best = (kind, f.score, f.complete)
          }
        } else {
          best = (kind, f.score, f.complete)
        }
      }
      return best.map { ($0.kind, .columns) }
    }
    let n = fits[named]!
    let others = [RecordKind.tickets, .surveys, .accounts].filter {
      $0 != named && fits[$0]!.complete && fits[$0]!.ownRequired
    }
    if let other = others.max(by: { fits[$0]!.score < fits[$1]!.score }) {
      if !n.complete || (!n.ownRequired && fits[other]!.score > n.score) { return (other, .columns) }
    }
    return (named, .name)
  }
}

/// Where `score` finds a text by `validate`'s and `run`'s names for it.
package enum TextColumns {
  /// The columns of `header` named as column `index` is, up to case and punctuation, as
  /// `validate` and `run` compare names ("body" and "Body"): `index` among them.
  package static func sameName(as index: Int, in header: [String]) -> [Int] {
    let key = Schema.normalize(header[index])
    return header.indices.filter { Schema.normalize(header[$0]) == key }
  }

  /// The column of `header` that `validate` and `run` read as a ticket's body, else as a survey
  /// answer's comment (by their aliases, the best-ranked first), or nil: `score`'s text when no
  /// common text name is in the header (a HubSpot export's "Ticket description" was refused by
  /// `score` and read by `run`: an outside audit).
  package static func index(in header: [String]) -> Int? {
    for (kind, fieldName) in [(RecordKind.tickets, "body"), (.surveys, "comment")] {
      guard let resolver = try? ColumnResolver(schema: .of(kind), overrides: [:]),
        let field = resolver.schema.fieldIndex(named: fieldName)
      else { continue }
      var best: (column: Int, rank: Int)?
      for (column, name) in header.enumerated() {
        guard let match = resolver.match(name), match.field == field else { continue }
        if best.map({ match.rank < $0.rank }) ?? true { best = (column, match.rank) }
      }
      if let best { return best.column }
    }
    return nil
  }
}
