/// What `Ingest.validate` found in one input: its kind, format, counts and a few examples per quarantine reason.
public struct ValidationReport: Sendable, Equatable {
  /// Counts and column use for the input.
  public var summary: InputSummary
  /// The first few quarantine entries for each reason, in file order.
  public var examples: [QuarantineReason: [QuarantineEntry]]
  /// What decided the input's kind (nil when not recorded).
  public var kindRule: KindRule?

  /// Creates a report.
  public init(summary: InputSummary, examples: [QuarantineReason: [QuarantineEntry]]) {
    self.summary = summary
    self.examples = examples
  }
}
