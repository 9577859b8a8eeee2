/// Why a record was set aside; `rawValue` is a stable snake_case name for files and databases.
public enum QuarantineReason: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
  /// A CSV row has a different number of fields than the header.
  case raggedRow = "ragged_row"
  /// A quoted CSV field is still open at the end of the file, or runs over line ends into a broken
  /// record (a stray quote, however far below the quote that closes it, past the record bound
  /// too): then only the line the quote opened on is quarantined.
  case unterminatedQuote = "unterminated_quote"
  /// The record holds a NUL (0x00) byte.
  case nulByte = "nul_byte"
  /// The record is not valid UTF-8.
  case invalidUTF8 = "invalid_utf8"
  /// One field is longer than the field bound.
  case fieldTooLong = "field_too_long"
  /// The record is longer than the record bound and no stray quote made it (the header's field
  /// count, its quotes closed before a delimiter or line end): skipped to the next line end outside quotes.
  case recordTooLong = "record_too_long"
  /// A JSON line is not a well-formed JSON object.
  case malformedJSON = "malformed_json"
  /// A JSON line gives a schema field (the ticket's body, its id...) a nested object or array
  /// where a plain value is needed (other nested members are kept).
  case nestedValue = "nested_value"
  /// A JSON Lines record gives a text field (a ticket's body or subject, a survey comment) `true`
  /// or `false`: no text to score, and not to be read as the English word.
  case notText = "not_text"
  /// A required field is absent, empty or (JSON Lines) `null`.
  case missingField = "missing_field"
  /// A date or timestamp could not be read.
  case invalidDate = "invalid_date"
  /// A number could not be read or is not finite.
  case invalidNumber = "invalid_number"
  /// A number is outside its allowed range (NPS 0–10, CSAT 1–5, ARR ≥ 0, ...), or a real date is
  /// outside `Day.supportedRange` (1900-01-01 through 2199-12-31) or on or before
  /// `Day.lastImplausibleRecordDay` (1970-01-01: a placeholder for an unknown date).
  case outOfRange = "out_of_range"
  /// A yes/no field holds something other than true/false/yes/no/1/0.
  case invalidBoolean = "invalid_boolean"
  /// The record's id was already seen in this input.
  case duplicateID = "duplicate_id"
  /// The record refers to an account that is not in the accounts input, or whose record there was
  /// quarantined (the detail says which, and that record's line).
  case unknownAccount = "unknown_account"
  /// An account's dates are out of order: its `churn_date` or its `renewal_date` is before its
  /// `contract_start` (a tenure or survival time cannot be negative).
  case dateOrder = "date_order"
  /// Two fields of a record contradict each other: an account's `churned` says it did not churn
  /// (false, no, `Active`...) while it has a `churn_date`, so neither can be believed.
  case conflictingFields = "conflicting_fields"
  /// The record is dated after the run's as-of day (a later run's record, or a typo): not this run's.
  case afterAsOf = "after_as_of"

  /// Orders reasons by their stable name.
  public static func < (lhs: QuarantineReason, rhs: QuarantineReason) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
