import Foundation

/// A value SQLite stores: null, integer, real, text or blob.
public enum DatabaseValue: Equatable, Sendable {
  /// SQL `NULL`.
  case null
  /// A 64-bit integer.
  case integer(Int64)
  /// A double-precision real.
  case real(Double)
  /// UTF-8 text.
  case text(String)
  /// Raw bytes.
  case blob(Data)
}

extension DatabaseValue {
  /// Wraps an optional integer (`nil` becomes `NULL`).
  public init(_ value: Int64?) { self = value.map(DatabaseValue.integer) ?? .null }
  /// Wraps an optional integer (`nil` becomes `NULL`).
  public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
  /// Wraps an optional real (`nil` and NaN become `NULL`).
  public init(_ value: Double?) {
    if let value, !value.isNaN { self = .real(value) } else { self = .null }
  }
  /// Wraps optional text (`nil` becomes `NULL`).
  public init(_ value: String?) { self = value.map(DatabaseValue.text) ?? .null }
  /// Wraps optional bytes (`nil` becomes `NULL`).
  public init(_ value: Data?) { self = value.map(DatabaseValue.blob) ?? .null }
}
