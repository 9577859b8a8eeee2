/// Maps column names (or JSON keys) to schema fields: `--map` overrides first, then aliases in order, then name patterns.
struct ColumnResolver {
  /// A match: the field index and its preference rank (lower wins).
  struct Match: Equatable {
    var field: Int
    var rank: Int
  }

  let schema: Schema
  /// Override columns as written, with their field.
  let overrides: [(field: Int, column: String)]
  private var table: [String: Match] = [:]

  /// Builds a resolver; throws for an override that names no field of the kind.
  init(schema: Schema, overrides: [String: String]) throws(IngestError) {
    self.schema = schema
    var list: [(Int, String)] = []
    for (field, column) in overrides.sorted(by: { $0.key < $1.key }) {
      guard let index = schema.fieldIndex(named: field) else {
        throw .invalidOverride(
          override: "\(field)=\(column)",
          expected: "one of the \(schema.kind.rawValue) fields: \(schema.fields.map(\.name).joined(separator: ", "))")
      }
      list.append((index, column))
    }
    self.overrides = list
    for (f, field) in schema.fields.enumerated() {
      for (r, alias) in field.aliases.enumerated() where table[alias] == nil {
        table[alias] = Match(field: f, rank: r + 1)
      }
    }
    for (f, column) in list { table[Schema.normalize(column)] = Match(field: f, rank: 0) }
  }

  /// The field a (raw) column name maps to.
  func match(_ column: String) -> Match? {
    let key = Schema.normalize(column)
    if let m = table[key] { return m }
    for (f, field) in schema.fields.enumerated() where !field.containing.isEmpty {
      if field.containing.contains(where: { key.contains($0) }), !field.excluding.contains(where: { key.contains($0) }) {
        return Match(field: f, rank: 1000)
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
        throw .mappedColumnNotFound(file: file, field: schema.fields[f].name, column: name, columnsSeen: header)
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
    let missing = schema.fields.indices.filter { schema.fields[$0].required && column[$0] < 0 }
    if !missing.isEmpty {
      throw .missingColumns(
        file: file, kind: schema.kind,
        missing: missing.map { IngestError.MissingField(field: schema.fields[$0].name, aliasesTried: schema.fields[$0].aliases) },
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

  /// The record kind a file holds: from its name (`accounts`, `tickets`, `surveys`, ...) or else
  /// the best-fitting header. A kind that is complete, or that has a required field of its own
  /// (`ticket_id`, `submitted_at`, ...), may win: the highest score does, completeness breaking
  /// ties. So `ticket_id,account_id,body` is tickets missing `created_at` (which the reader then
  /// says), not accounts with two extra columns, and `account_id,comment` (a ticket text) is
  /// tickets rather than accounts whose text would go unread; `account_id,notes` is accounts.
  static func detectKind(fileName: String, header: [String]) -> RecordKind? {
    let name = fileName.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
    if name.contains("ticket") { return .tickets }
    if name.contains("survey") || name.contains("nps") || name.contains("csat") || name.contains("response") {
      return .surveys
    }
    if name.contains("account") || name.contains("customer") { return .accounts }
    var best: (kind: RecordKind, score: Int, complete: Bool)?
    for kind in [RecordKind.tickets, .surveys, .accounts] {
      let f = fit(of: kind, header: header)
      guard f.score > 0, f.complete || f.ownRequired else { continue }
      if let b = best {
        if f.score > b.score || (f.score == b.score && f.complete && !b.complete) { best = (kind, f.score, f.complete) }
      } else {
        best = (kind, f.score, f.complete)
      }
    }
    return best?.kind
  }
}
