/// What decided the kind (accounts, tickets, surveys) of an input `validate` reads.
public enum KindRule: String, Sendable, Hashable {
  /// `validate --kind`.
  case option = "--kind"
  /// The `--map` overrides: fields only that kind has, or `kind.field=column`.
  case mapping = "--map"
  /// A word of the file name (`tickets_2024.csv`), or a folder's own name (`surveys.jsonl`).
  case name = "its name"
  /// The header (or the first JSON object's keys): it fits that kind best.
  case columns = "its columns"
}
