extension RecordKind {
  /// The kind's columns in the order Aftershock writes them (`aftershock generate`, `Data/sample`)
  /// and reads them from a CSV or TSV file without a header row (`--no-header`).
  public var columnOrder: [String] {
    let schema = Schema.of(self)
    return schema.columnOrder.map { schema.fields[$0].name }
  }
}
