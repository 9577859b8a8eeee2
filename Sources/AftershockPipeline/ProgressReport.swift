/// A step of long work, reported to whoever shows progress (the CLI draws a bar or prints lines).
public struct ProgressReport: Sendable, Equatable {
  /// The stage's name, e.g. `score tickets`.
  public var stage: String
  /// How far the stage is, from 0 to 1, when known.
  public var fraction: Double?
  /// A short note: counts so far, a file name.
  public var detail: String

  /// Makes a progress report.
  public init(stage: String, fraction: Double? = nil, detail: String = "") {
    self.stage = stage
    self.fraction = fraction
    self.detail = detail
  }
}

/// Receives progress reports; called on the thread doing the work.
public typealias ProgressHandler = @Sendable (ProgressReport) -> Void
