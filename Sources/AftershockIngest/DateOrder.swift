/// The order of day and month in numeric dates such as `03/04/2024` (`--date-order`).
///
/// A numeric date whose first part is above 12 can only be day first and one whose second part is
/// above 12 only month first; a date where both are 12 or less is read in this order, and without
/// one it is quarantined as ambiguous (never guessed).
public enum DateOrder: String, Sendable, Hashable, CaseIterable {
  /// Month, day, year (`3/13/2022`, US exports such as Salesforce in en_US).
  case mdy
  /// Day, month, year (`13/03/2022`, European exports).
  case dmy
}
