/// Days travel in JSON as `YYYY-MM-DD` (in accounts, inside a sharded run's partial state).
extension Day: Codable {
  /// Decodes `YYYY-MM-DD`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      let value = Day(year: year, month: month, day: day)
    else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a day as YYYY-MM-DD, found '\(text)'")
    }
    self = value
  }

  /// Encodes the day as `YYYY-MM-DD`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
