/// What an input file holds.
public enum RecordKind: String, CaseIterable, Sendable, Hashable {
  /// One row per customer account (`account_id` required).
  case accounts
  /// One row per support ticket.
  case tickets
  /// One row per survey response.
  case surveys
}
