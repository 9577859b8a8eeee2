import AftershockIngest

/// The settings of one synthetic sample: size, seed, activity rates and the two key dates.
///
/// The defaults are the committed sample's (`Data/sample`, documented in its README) except
/// ``accountCount``, which the caller always chooses.
public struct SampleConfiguration: Sendable, Equatable {
  /// Number of accounts to generate (at least 1).
  public var accountCount: Int
  /// Seed of the random streams: the same seed gives byte-identical files.
  public var seed: UInt64
  /// Mean number of support tickets per account (Poisson, scaled by each account's vocalness).
  public var ticketsPerAccount: Double
  /// Share of accounts that answer the survey (0...1); about one in seven answers twice.
  public var surveyResponseRate: Double
  /// The day of the outage; tickets and surveys start after it, renewals fall in the year after it.
  public var outageDate: SampleDate
  /// The day labels are read: renewals on or before it are labelled, and churns whose notice was
  /// given by then (the churn date); other later renewals are open.
  public var asOfDate: SampleDate

  /// The default outage day, 2024-07-19.
  public static let defaultOutageDate = SampleDate(daysSinceEpoch: 19_923)
  /// The default distance from the outage to the as-of day (120 days).
  public static let defaultLabelWindowDays = 120

  /// The longest tenure drawn: contract starts fall up to this many years before a renewal.
  public static let maximumTenureYears = 12
  /// Renewals fall from 1 to this many days after the outage.
  public static let renewalWindowDays = 365

  /// The outage days whose sample fits in `Day.plausibleRecordRange` (the dates `run` reads): the
  /// earliest contract start (``maximumTenureYears`` before the day after the outage) on or after its
  /// first day, the latest renewal (``renewalWindowDays`` after the outage) on or before its last.
  public static var supportedOutageDates: ClosedRange<SampleDate> {
    let first = SampleDate(daysSinceEpoch: Int(Day.plausibleRecordRange.lowerBound.daysSinceEpoch))
    let last = SampleDate(daysSinceEpoch: Int(Day.plausibleRecordRange.upperBound.daysSinceEpoch))
    return first.anniversary(yearsBefore: -maximumTenureYears).adding(days: -1)...last.adding(days: -renewalWindowDays)
  }

  /// Makes a configuration; `asOfDate` defaults to 120 days after `outageDate`.
  public init(
    accountCount: Int,
    seed: UInt64 = 42,
    ticketsPerAccount: Double = 2.5,
    surveyResponseRate: Double = 0.4,
    outageDate: SampleDate = SampleConfiguration.defaultOutageDate,
    asOfDate: SampleDate? = nil
  ) {
    self.accountCount = accountCount
    self.seed = seed
    self.ticketsPerAccount = ticketsPerAccount
    self.surveyResponseRate = surveyResponseRate
    self.outageDate = outageDate
    self.asOfDate = asOfDate ?? outageDate.adding(days: Self.defaultLabelWindowDays)
  }

  /// Checks every field's range; `generate` calls it before writing anything.
  public func validate() throws(SyntheticError) {
    guard accountCount >= 1, accountCount <= 100_000_000 else {
      throw .invalidConfiguration(
        field: "account count", value: "\(accountCount)", expected: "a whole number from 1 to 100000000")
    }
    guard ticketsPerAccount.isFinite, ticketsPerAccount >= 0, ticketsPerAccount <= 50 else {
      throw .invalidConfiguration(
        field: "tickets per account", value: "\(ticketsPerAccount)", expected: "a mean from 0 to 50")
    }
    guard surveyResponseRate.isFinite, surveyResponseRate >= 0, surveyResponseRate <= 1 else {
      throw .invalidConfiguration(
        field: "survey response rate", value: "\(surveyResponseRate)", expected: "a share from 0 to 1")
    }
    let outages = Self.supportedOutageDates
    guard outages.contains(outageDate) else {
      throw .invalidConfiguration(
        field: "outage date", value: outageDate.description,
        expected: "a day from \(outages.lowerBound) to \(outages.upperBound), so that the sample's dates (contract "
          + "starts up to \(Self.maximumTenureYears) years before it, renewals up to \(Self.renewalWindowDays) days after "
          + "it) stay in the days inputs may hold, \(Day.plausibleRecordRange.lowerBound)...\(Day.plausibleRecordRange.upperBound)"
      )
    }
    guard asOfDate > outageDate else {
      throw .invalidConfiguration(
        field: "as-of date", value: asOfDate.description, expected: "a day after the outage (\(outageDate))")
    }
    guard asOfDate.daysSinceEpoch <= Int(Day.supportedRange.upperBound.daysSinceEpoch) else {
      throw .invalidConfiguration(
        field: "as-of date", value: asOfDate.description,
        expected: "a day in the supported range \(Day.supportedRangeDescription)")
    }
  }
}
