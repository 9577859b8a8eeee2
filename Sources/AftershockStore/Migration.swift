/// One step of the schema: the SQL that brings the file from the previous version to `version`.
public struct Migration: Sendable {
  /// The `user_version` the file has once this step is applied.
  public let version: Int
  /// The statements of the step (`;`-separated).
  public let sql: String

  /// Makes a migration step.
  public init(version: Int, sql: String) {
    self.version = version
    self.sql = sql
  }
}
