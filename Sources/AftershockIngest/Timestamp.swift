/// An instant in UTC with one-second resolution, stored as seconds since 1970-01-01T00:00:00Z.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Seconds since the Unix epoch.
  public var secondsSinceEpoch: Int64

  /// Creates a timestamp from seconds since the Unix epoch.
  public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

  /// Midnight UTC at the start of a day.
  public init(_ day: Day) { secondsSinceEpoch = Int64(day.daysSinceEpoch) * 86_400 }

  /// The UTC day holding this instant.
  public var day: Day { Day(self) }

  /// ISO 8601 `YYYY-MM-DDTHH:MM:SSZ`.
  public var description: String {
    let seconds = Int(secondsSinceEpoch - Int64(day.daysSinceEpoch) * 86_400)
    return "\(day)T\(Day.pad(seconds / 3600, 2)):\(Day.pad(seconds / 60 % 60, 2)):\(Day.pad(seconds % 60, 2))Z"
  }

  /// Orders instants chronologically.
  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}
