import AftershockIngest
import AftershockReport

/// Which records belong to a run by their date: those dated on or before its as-of day.
///
/// A ticket or survey answer dated later is a later run's, or a typo such as 2099-01-01: it is
/// quarantined as `after_as_of`, never scored, so it can neither leak the future into this run's
/// features, scored files and report, nor (when the as-of day is derived from the inputs) move
/// the run. Such records are not bad input: they do not count toward `--max-bad`.
///
/// An account that churned after the as-of day was still open on it: a run at a past as-of day
/// takes it as it stood then (renewal pending), so it is scored rather than lost. So is an account
/// whose renewal was decided after the as-of day (no churn date on or before it, and its
/// `renewal_date` later), whatever the decision: a renewal recorded later had not happened yet, and
/// counting it would feed the model and the offer comparison outcomes from the future. So is one
/// whose churn date is in the future of the clock (`latestPlausible`): a CRM's cancellation date
/// is the day a cancellation given notice of takes effect, and such an account, the surest to
/// leave, was quarantined until session 38 (an outside audit: it left the at-risk list and the
/// forecast, and its tickets, now of no account, failed the run); the run's warnings count them
/// (`isAheadOfTheClock`).
struct AsOfWindow {
  /// The run's as-of day: records dated on it belong to the run.
  let asOf: Day
  /// The latest day an export can really date a record (`latestPlausibleDay(today:)`).
  var latestPlausible = AsOfWindow.latestPlausibleDay(today: Job.today())

  /// How far past today's date (UTC) a record may be dated and still count when the as-of day is
  /// derived from the inputs: an export made east of UTC is already dated tomorrow.
  static let daysAheadOfTheClock: Int32 = 1

  /// The latest day the inputs may date a record and still set the as-of day: tomorrow in UTC.
  static func latestPlausibleDay(today: Day) -> Day {
    Day(daysSinceEpoch: today.daysSinceEpoch + daysAheadOfTheClock)
  }

  /// The account as it stood on the as-of day: one that churned after it, or whose renewal date
  /// (the day its renewal is decided) is after it with no churn on or before it, was still open
  /// then (`churned` and `churnDate` unset). One whose `churned` is blank but whose churn date is
  /// on or before the as-of day had churned by then (`churned` set): the date is the record of it,
  /// and reading the account as open would count lost revenue as ARR at risk. (A `churned` of
  /// false beside a churn date never gets here: the reader quarantines it as `conflicting_fields`.)
  func asOfDay(_ account: Account) -> Account {
    if account.churned == nil, let churnDate = account.churnDate, churnDate <= asOf {
      var churned = account
      churned.churned = true
      return churned
    }
    let decidedLater: Bool
    if let churnDate = account.churnDate {
      decidedLater = churnDate > asOf
    } else if isUndecided(account) {
      // Not churned, and no renewal date to say a renewal was decided: a customer whose renewal
      // is unknown (a CRM's "Active" with the date blank, or no renewal_date column), not one
      // who renewed.
      decidedLater = true
    } else {
      decidedLater = account.churned != nil && account.renewalDate.map { $0 > asOf } ?? false
    }
    guard decidedLater else { return account }
    var open = account
    if isUndecided(account) { open.renewalUnknown = true }
    // Notice given and still to take effect (not a back-dated run's later churn): what the CRM
    // knows today of the account's leaving.
    if account.churned == true, isAheadOfTheClock(account) { open.noticeEffective = account.churnDate }
    open.churned = nil
    open.churnDate = nil
    return open
  }

  /// Whether an account is marked not churned but has no renewal date: nothing says it renewed,
  /// so it is read as open with its renewal unknown, on the lists and in the forecast, and as not
  /// churned (still a customer) for the churn model and the offer comparison, as a snapshot of
  /// customers and leavers reads (until session 38 it read as renewed: an outside audit's CRM
  /// export, its Status "Active" and no renewal date, scored no open account, and an account
  /// writing "we will not renew" was on no list).
  func isUndecided(_ account: Account) -> Bool {
    account.churned == false && account.renewalDate == nil && account.churnDate == nil
  }

  /// Whether an account's churn date is in the future of the clock (a cancellation not yet in
  /// effect, or a typo such as 2099): it is read as open on the as-of day, as any churn after it
  /// is, and the run's warnings say how many there are; marked churned, it has given notice
  /// (`Account.noticeEffective`): its risk is 1 and its first reason says so.
  func isAheadOfTheClock(_ account: Account) -> Bool {
    guard let churnDate = account.churnDate else { return false }
    return churnDate > asOf && churnDate > latestPlausible
  }

  /// The quarantine entry of a ticket created after the as-of day; nil when it belongs.
  func entry(for ticket: Ticket, file: String) -> QuarantineEntry? {
    guard ticket.createdAt.day > asOf else { return nil }
    let fields = [ticket.ticketID, ticket.accountID, ticket.createdAt.description, ticket.body]
    return entry(
      file: file, line: ticket.line, recordID: ticket.ticketID, field: "created_at",
      date: ticket.createdAt.description, fields: fields)
  }

  /// The quarantine entry of a survey answer submitted after the as-of day; nil when it belongs.
  func entry(for response: SurveyResponse, file: String) -> QuarantineEntry? {
    guard response.submittedAt.day > asOf else { return nil }
    let fields = [
      response.responseID, response.accountID, response.submittedAt.description, response.nps.map(String.init) ?? "",
      response.csat.map(String.init) ?? "", response.comment ?? "",
    ]
    return entry(
      file: file, line: response.line, recordID: response.responseID, field: "submitted_at",
      date: response.submittedAt.description, fields: fields)
  }

  /// Moves `count` records the reader accepted to the quarantined ones (`after_as_of`), so the
  /// input's counts still add up: `read = accepted + quarantined`.
  static func quarantine(_ count: Int, in summary: inout InputSummary) {
    guard count > 0 else { return }
    summary.accepted -= count
    summary.quarantined += count
    summary.quarantinedByReason[.afterAsOf, default: 0] += count
  }

  /// An `after_as_of` entry; its raw text is the record's fields as read (its bytes are gone by
  /// the time it is typed and dated), as one CSV line cut to the quarantine's bound.
  private func entry(
    file: String, line: Int, recordID: String, field: String, date: String, fields: [String]
  ) -> QuarantineEntry {
    var record = CSVWriter(neutralisesFormulas: false).text(rows: [fields])
    record.removeLast()
    let raw = record.withUTF8 { QuarantineEntry.excerpt(UnsafeRawBufferPointer($0)) }
    return QuarantineEntry(
      file: file, line: line, recordID: recordID, reason: .afterAsOf,
      detail: "\(field) \(date) is dated after the run's as-of day \(asOf)", raw: raw)
  }
}
