/// Turns a stream's field slots into typed records or a rejection (reason, detail, record id).
struct RecordBuilder {
  struct Rejection: Error {
    var reason: QuarantineReason
    var detail: String
    var recordID: String?
  }

  let schema: Schema
  /// Known accounts for tickets/surveys (nil: do not check), or the directory accounts are added to.
  let directory: AccountDirectory?
  /// Whether numbers use `,` for decimals and `.` for grouping (a `;`-separated file, or `--decimal-mark ,`).
  let decimalComma: Bool
  /// Numbers read with one grouping mark and no decimal mark (`1.125` as 1125 in a `;` file,
  /// `1,125` in a `,` file), and numbers refused because only the other decimal mark reads them
  /// (`1.5` in a `;` file): both in one input say its numbers are written the other way, and the
  /// first ones were read 1000 times too large (`InputSummary.decimalMarkConflict`).
  let markCounts = DecimalMarkCounts()
  /// The currencies ARR is written in, by symbol or code, and how many amounts each.
  let arrCurrencies = CurrencyCounts()
  /// Where the decimal mark comes from, for the message of a number that does not fit it.
  let numberConvention: NumberConvention
  /// How numeric dates whose day and month could be either way round are read (nil: quarantined).
  let dateOrder: DateOrder?
  /// Without a date order, the ambiguous numeric dates quarantined and the dates only one order
  /// reads (`InputSummary.dateOrderEvidence`).
  let dateOrderCounts = DateOrderCounts()
  /// The fields the current record gives JSON `null`, for messages (a required one "is null", not "is absent").
  let nullFields: NullFields?
  /// For a file without a header row, the column of each field (-1: none), for the message of a
  /// required field the record is too short to hold; nil for a file with a header.
  var headerlessColumns: [Int]? = nil
  private var seenIDs = IDHashSet()

  init(
    schema: Schema, directory: AccountDirectory?, decimalComma: Bool = false, dateOrder: DateOrder? = nil,
    numberConvention: NumberConvention = .delimited(UInt8(ascii: ","), markGiven: false), nullFields: NullFields? = nil
  ) {
    self.schema = schema
    self.nullFields = nullFields
    self.directory = directory
    self.decimalComma = decimalComma
    self.numberConvention = numberConvention
    self.dateOrder = dateOrder
  }

  /// A segment or plan as one spelling: lower case, with spaces, hyphens and slashes between
  /// words as one underscore ("Mid-Market" and "mid market" are `mid_market`, "Enterprise" is
  /// `enterprise`). A CRM's capitalisation split one segment in two and read it as a level the
  /// churn model never saw: an outside audit's identical accounts scored 29% as "Enterprise" and
  /// 2% as "enterprise" (session 36).
  static func categoryKey(_ value: String) -> String {
    var key = ""
    var pendingSeparator = false
    for character in value.lowercased() {
      if character == " " || character == "-" || character == "/" || character == "_" || character == "\t" {
        pendingSeparator = !key.isEmpty
      } else {
        if pendingSeparator { key.append("_") }
        pendingSeparator = false
        key.append(character)
      }
    }
    return key.isEmpty ? value : key
  }

  // MARK: - Field helpers

  private func text(_ slots: [UnsafeRawBufferPointer?], _ f: Int) -> UnsafeRawBufferPointer? {
    guard let b = slots[f] else { return nil }
    let t = FieldParser.trim(b)
    return t.isEmpty ? nil : t
  }

  private func string(_ slots: [UnsafeRawBufferPointer?], _ f: Int) -> String? {
    text(slots, f).map { String(decoding: $0, as: UTF8.self) }
  }

  private func required(_ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?) throws(Rejection)
    -> UnsafeRawBufferPointer
  {
    guard let t = text(slots, f) else {
      let name = schema.fields[f].name
      var how = slots[f] != nil ? "is empty" : nullFields?.contains(f) == true ? "is null" : "is absent"
      if slots[f] == nil, let columns = headerlessColumns {
        how +=
          (columns[f] >= 0 ? ": a file without a header row has it in column \(columns[f] + 1)" : "")
          + " (--map \(name)=N reads it from column N)"
      }
      throw Rejection(reason: .missingField, detail: "required field '\(name)' \(how)", recordID: id)
    }
    // Ids and texts are taken as written: `NA` may be an account code, `N/A` a ticket's body.
    // Only typed fields read "no value" markers (`timestamp` for the required dates).
    return t
  }

  /// A required typed field (a date) holding a "no value" marker (`N/A`, `NULL`, `NaT`...) is missing.
  private func noValue(_ b: UnsafeRawBufferPointer, _ f: Int, _ id: String?) -> Rejection {
    Rejection(
      reason: .missingField,
      detail: "required field '\(schema.fields[f].name)' holds '\(shown(b))', a marker for no value", recordID: id)
  }

  /// A value for a message: its first 60 bytes, invisible characters written out (`\u{200B}`).
  private func shown(_ b: UnsafeRawBufferPointer) -> String {
    let s = InvisibleCharacters.escaped(String(decoding: UnsafeRawBufferPointer(rebasing: b.prefix(60)), as: UTF8.self))
    return b.count > 60 ? s + "…" : s
  }

  private func timestamp(_ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?, required: Bool) throws(Rejection)
    -> Timestamp?
  {
    guard let b = required ? try self.required(slots, f, id) : text(slots, f) else { return nil }
    if required, b.count <= 7, FieldParser.isNoValueMarker(b) { throw noValue(b, f, id) }
    let name = schema.fields[f].name
    // A day on or before 1970-01-01 is a placeholder for an unknown date (Excel's 1900-01-01 or
    // 1899-12-30, .NET's 0001-01-01, Unix time 0), whether or not `Day.supportedRange` holds it.
    func placeholder(_ t: Timestamp) -> Rejection {
      let value = shown(b) == t.day.description ? t.day.description : "'\(shown(b))' (\(t.day))"
      return Rejection(
        reason: .outOfRange,
        detail: "\(name) \(value) is on or before \(Day.lastImplausibleRecordDay), a placeholder for an unknown date "
          + "(Excel writes 1900-01-01 or 1899-12-30, Unix time 0 is 1970-01-01), not a real one: "
          + (required ? "export the real date" : "leave it blank when the date is unknown"),
        recordID: id)
    }
    switch FieldParser.date(b, order: dateOrder) {
    case .value(let t):
      guard t.day > Day.lastImplausibleRecordDay else { throw placeholder(t) }
      // Only a date whose year comes last can tell an order: one with a separator (`/`, `.`,
      // `-`, all below "0") after its first one or two digits; ISO dates (the common case) start
      // with four.
      if dateOrder == nil, b.count >= 3, b[1] < UInt8(ascii: "0") || b[2] < UInt8(ascii: "0"),
        let order = FieldParser.singleNumericOrder(b)
      {
        dateOrderCounts.record(order, example: shown(b))
      }
      return t
    case .outsideSupportedRange(let t):
      if t.day <= Day.lastImplausibleRecordDay { throw placeholder(t) }
      let value = shown(b) == t.day.description ? t.day.description : "'\(shown(b))' (\(t.day))"
      throw Rejection(
        reason: .outOfRange,
        detail: "\(name) \(value) is a date outside the supported range \(Day.supportedRangeDescription)",
        recordID: id)
    case .ambiguousDayMonth(let monthFirst, let dayFirst):
      dateOrderCounts.ambiguous += 1
      throw Rejection(
        reason: .invalidDate,
        detail: "\(name) '\(shown(b))' is ambiguous: \(monthFirst) if month/day/year, \(dayFirst) if day/month/year; "
          + "say which with --date-order mdy or --date-order dmy",
        recordID: id)
    case .notInDateOrder(let order):
      let (given, other) = order == .mdy ? ("month/day/year", "dmy") : ("day/month/year", "mdy")
      throw Rejection(
        reason: .invalidDate,
        detail: "\(name) '\(shown(b))' is not a date read as \(given) (--date-order \(order.rawValue)); "
          + "it is one only read the other way (--date-order \(other))",
        recordID: id)
    case .twoDigitYear:
      throw Rejection(
        reason: .invalidDate,
        detail: "\(name) '\(shown(b))' has a two-digit year, which could come first (YY-MM-DD) or last; "
          + "say the year is last and which of day and month comes first with --date-order mdy or --date-order dmy, "
          + "or export four-digit years",
        recordID: id)
    case .wrongWeekday(let day, let given, let actual):
      throw Rejection(
        reason: .invalidDate,
        detail: "\(name) '\(shown(b))' says \(FieldParser.weekdayName(given)) but \(day) is a "
          + "\(FieldParser.weekdayName(actual)): the weekday does not match the date",
        recordID: id)
    case .notADate:
      if !required, FieldParser.isNoValueMarker(b) { return nil }
      throw Rejection(
        reason: .invalidDate,
        detail: "\(name) '\(shown(b))' is not a date (expected YYYY-MM-DD, optionally with a time such as THH:MM[:SS] "
          + "or 10:22 AM and Z or ±HH:MM; DD.MM.YYYY; MM/DD/YYYY or DD/MM/YYYY; a month name as in 13 Nov 2024 "
          + "or Nov 13, 2024; or Unix time as 10 digits of seconds or 13 of milliseconds)",
        recordID: id)
    }
  }

  private func day(_ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?) throws(Rejection) -> Day? {
    try timestamp(slots, f, id, required: false).map(Day.init)
  }

  private func number(
    _ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?, range: ClosedRange<Double>, integer: Bool = false,
    label: ((String) -> FieldParser.LabelResult)? = nil
  ) throws(Rejection) -> Double? {
    guard let b = text(slots, f) else { return nil }
    let name = schema.fields[f].name
    var value: Double
    switch FieldParser.double(b, decimalComma: decimalComma) {
    case .value(let v):
      value = v
      if numberConvention.takesDecimalMark && FieldParser.hasLoneGroupingMark(b, decimalComma: decimalComma) {
        markCounts.loneGrouping += 1
      }
    case .notANumber, .notFinite:
      if FieldParser.isNoValueMarker(b) { return nil }
      if numberConvention.takesDecimalMark, case .value = FieldParser.double(b, decimalComma: !decimalComma) {
        markCounts.otherMark += 1
      }
      if let label {
        // A decimal written the other way (`1,0` in a `,` file) is a number to be told about, not a label.
        if numberConvention.takesDecimalMark, case .value = FieldParser.double(b, decimalComma: !decimalComma) {
          throw Rejection(reason: .invalidNumber, detail: notANumber(name, b), recordID: id)
        }
        value = try surveyLabel(b, f, id, label)
        break
      }
      throw Rejection(reason: .invalidNumber, detail: notANumber(name, b), recordID: id)
    }
    if integer && value.rounded() != value {
      throw Rejection(reason: .invalidNumber, detail: "\(name) '\(shown(b))' is not a whole number", recordID: id)
    }
    guard range.contains(value) else {
      let low = integer ? String(Int(range.lowerBound)) : String(range.lowerBound)
      let high = integer ? String(Int(range.upperBound)) : String(range.upperBound)
      let negative = value < 0 && range.lowerBound >= 0 ? " (it cannot be negative)" : ""
      throw Rejection(
        reason: .outOfRange, detail: "\(name) \(shown(b)) is outside \(low)–\(high)\(negative)", recordID: id)
    }
    return value
  }

  /// Why a value is not a number, with the shapes that are read (which depend on the file's decimal mark).
  private func notANumber(_ name: String, _ b: UnsafeRawBufferPointer) -> String {
    let text = shown(b)
    if case .notFinite = FieldParser.double(b, decimalComma: decimalComma) {
      return "\(name) '\(text)' is not a finite number"
    }
    if let last = text.last, "kKmMbB".contains(last), text.dropLast().contains(where: \.isNumber) {
      return
        "\(name) '\(text)' is not a number: an abbreviation such as 12k is not read; write the number in full (12000)"
    }
    let rule = numberConvention.rule(decimalComma: decimalComma)
    // Digits that only the other convention reads (`3.25` in a `;` file, `40,1` in a `,` file): say so,
    // and how to read the file that way; never read them so.
    if numberConvention.takesDecimalMark, case .value = FieldParser.double(b, decimalComma: !decimalComma) {
      let other = decimalComma ? "." : ","
      return "\(name) '\(text)' does not fit how numbers are written here: \(rule); "
        + "if its numbers use '\(other)' for decimals, give --decimal-mark \(other)"
    }
    return
      "\(name) '\(text)' is not a number: \(rule); a sign, a currency symbol or code, or parentheses for a negative may go with it"
  }

  private func boolean(_ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?) throws(Rejection) -> Bool? {
    guard let b = text(slots, f) else { return nil }
    guard let v = FieldParser.boolean(b) else {
      if FieldParser.isNoValueMarker(b) { return nil }
      throw Rejection(
        reason: .invalidBoolean,
        detail: "\(schema.fields[f].name) '\(shown(b))' is not a yes/no value (true/false, yes/no, 1/0, 1.0/0.0)",
        recordID: id)
    }
    return v
  }

  /// An account's `churned`: a yes/no value, or a CRM's status word (`Churned`, `Active`:
  /// `FieldParser.churnStatus`).
  private func churned(_ slots: [UnsafeRawBufferPointer?], _ id: String?) throws(Rejection) -> Bool? {
    let f = A.churned
    guard let b = text(slots, f) else { return nil }
    if let v = FieldParser.boolean(b) ?? FieldParser.churnStatus(b) { return v }
    if FieldParser.isNoValueMarker(b) { return nil }
    let yes = FieldParser.churnedStatusWords.joined(separator: "/")
    let no = FieldParser.stayedStatusWords.joined(separator: "/")
    throw Rejection(
      reason: .invalidBoolean,
      detail: "\(schema.fields[f].name) '\(shown(b))' is not a yes/no value (true/false, yes/no, 1/0, 1.0/0.0) "
        + "nor an account status (\(yes) for churned; \(no) for not churned)",
      recordID: id)
  }

  private static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
    ByteScan.hash(b.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, b.count)
  }

  /// The interned account id of a ticket/survey, checking it is known when a directory was given.
  private func accountID(_ b: UnsafeRawBufferPointer, _ id: String?) throws(Rejection) -> String {
    guard let directory else { return String(decoding: b, as: UTF8.self) }
    guard let index = directory.index(of: b) else {
      if let line = directory.quarantinedLine(of: String(decoding: b, as: UTF8.self)) {
        throw Rejection(
          reason: .unknownAccount,
          detail: "account '\(shown(b))' was quarantined in the accounts input (line \(line))", recordID: id)
      }
      throw Rejection(
        reason: .unknownAccount,
        detail: "account '\(shown(b))' is not in the accounts input"
          + directory.unknownAccountHint(for: String(decoding: b, as: UTF8.self), kind: schema.kind), recordID: id)
    }
    return directory.id(at: index)
  }

  // MARK: - Records

  typealias A = Schema.AccountField
  typealias T = Schema.TicketField
  typealias S = Schema.SurveyField

  /// An account, added to `directory` when accepted (a second account with the same id is `duplicate_id`).
  mutating func account(_ slots: [UnsafeRawBufferPointer?], line: Int) throws(Rejection) -> Account {
    let idBytes = try required(slots, A.accountID, nil)
    let id = String(decoding: idBytes, as: UTF8.self)
    do throws(Rejection) {
      return try account(slots, id: id, idBytes: idBytes, line: line)
    } catch {
      if error.reason != .duplicateID { directory?.noteQuarantined(id, line: line) }
      throw error
    }
  }

  private mutating func account(
    _ slots: [UnsafeRawBufferPointer?], id: String, idBytes: UnsafeRawBufferPointer, line: Int
  ) throws(Rejection) -> Account {
    var a = Account(accountID: id, line: line)
    a.name = string(slots, A.name)
    a.segment = string(slots, A.segment).map(Self.categoryKey)
    a.region = string(slots, A.region)
    a.accountManager = string(slots, A.accountManager)
    a.arr = try number(slots, A.arr, id, range: 0...1e12)
    if a.arr != nil, let b = text(slots, A.arr), let currency = FieldParser.currency(b) {
      arrCurrencies.seen[currency, default: 0] += 1
    }
    a.seats = try number(slots, A.seats, id, range: 0...10_000_000, integer: true).map { Int($0) }
    a.plan = string(slots, A.plan).map(Self.categoryKey)
    a.contractStart = try day(slots, A.contractStart, id)
    a.renewalDate = try day(slots, A.renewalDate, id)
    a.outageImpactHours = try number(slots, A.outageImpactHours, id, range: 0...8_784)
    a.offer = string(slots, A.offer).map(Offer.init(parsing:))
    a.offerRedeemed = try boolean(slots, A.offerRedeemed, id)
    a.churned = try churned(slots, id)
    a.churnDate = try day(slots, A.churnDate, id)
    try Self.checkDateOrder(a)
    if a.churned == false, let date = a.churnDate, let said = text(slots, A.churned) {
      throw Rejection(
        reason: .conflictingFields,
        detail: "churned '\(shown(said))' says the account did not churn, but churn_date \(date) says it did; "
          + "clear the churn_date, or set churned to true",
        recordID: id)
    }
    if let directory {
      let (index, inserted) = directory.insert(idBytes)
      guard inserted else {
        throw Rejection(reason: .duplicateID, detail: "account_id '\(id)' appears earlier in this input", recordID: id)
      }
      a.accountID = directory.id(at: index)
    }
    return a
  }

  /// Refuses an account whose churn or renewal date is before its contract start (`date_order`):
  /// it would leave the survival curve without a word, or give the churn model a negative tenure.
  /// Equal days are in order (a contract may end on the day it started).
  static func checkDateOrder(_ a: Account) throws(Rejection) {
    guard let start = a.contractStart else { return }
    // Two plain tests: no array of pairs built per account.
    func refuse(_ name: String, _ date: Day) -> Rejection {
      Rejection(reason: .dateOrder, detail: "\(name) \(date) is before contract_start \(start)", recordID: a.accountID)
    }
    if let date = a.churnDate, date < start { throw refuse("churn_date", date) }
    if let date = a.renewalDate, date < start { throw refuse("renewal_date", date) }
  }

  /// A ticket (ticket ids must be unique within the input).
  mutating func ticket(_ slots: [UnsafeRawBufferPointer?], line: Int) throws(Rejection) -> Ticket {
    let idBytes = try required(slots, T.ticketID, nil)
    let id = String(decoding: idBytes, as: UTF8.self)
    let accountBytes = try required(slots, T.accountID, id)
    let created = try timestamp(slots, T.createdAt, id, required: true)!
    let body = try required(slots, T.body, id)
    let account = try accountID(accountBytes, id)
    // The last check: one probe both tests and records the id (a probe into a large table is a cache miss).
    guard seenIDs.insert(RecordBuilder.hash(idBytes)) else {
      throw Rejection(reason: .duplicateID, detail: "ticket_id '\(id)' appears earlier in this input", recordID: id)
    }
    var t = Ticket(
      ticketID: id, accountID: account, createdAt: created, body: String(decoding: body, as: UTF8.self), line: line)
    t.subject = string(slots, T.subject)
    t.channel = string(slots, T.channel)
    t.priority = string(slots, T.priority)
    t.status = string(slots, T.status)
    return t
  }

  /// A survey response (response ids must be unique within the input).
  mutating func survey(_ slots: [UnsafeRawBufferPointer?], line: Int) throws(Rejection) -> SurveyResponse {
    let idBytes = try required(slots, S.responseID, nil)
    let id = String(decoding: idBytes, as: UTF8.self)
    let accountBytes = try required(slots, S.accountID, id)
    let submitted = try timestamp(slots, S.submittedAt, id, required: true)!
    let nps = try number(slots, S.nps, id, range: 0...10, integer: true, label: FieldParser.npsLabel).map { Int($0) }
    let csat = try number(slots, S.csat, id, range: 1...5, integer: true, label: FieldParser.csatLabel).map { Int($0) }
    let account = try accountID(accountBytes, id)
    guard seenIDs.insert(RecordBuilder.hash(idBytes)) else {
      throw Rejection(reason: .duplicateID, detail: "response_id '\(id)' appears earlier in this input", recordID: id)
    }
    var r = SurveyResponse(responseID: id, accountID: account, submittedAt: submitted, line: line)
    r.nps = nps
    r.csat = csat
    r.comment = string(slots, S.comment)
    return r
  }

  /// A survey score exported as its choice text (Qualtrics "Use choice text"): its value, or a
  /// rejection asking for numeric values.
  private func surveyLabel(
    _ b: UnsafeRawBufferPointer, _ f: Int, _ id: String?, _ read: (String) -> FieldParser.LabelResult
  ) throws(Rejection) -> Double {
    let name = schema.fields[f].name
    switch read(String(decoding: b, as: UTF8.self)) {
    case .value(let v):
      return Double(v)
    case .contradicts(let number, let labelValue):
      throw Rejection(
        reason: .invalidNumber,
        detail: "\(name) '\(shown(b))' gives \(number) but its label means \(labelValue) on the 1–5 scale "
          + "(5 = very satisfied); export numeric values (Qualtrics: Export data, 'Use numeric values')",
        recordID: id)
    case .unknown:
      let readable =
        f == S.nps
        ? "a number 0–10, or a label led by one such as '10 - Extremely likely'"
        : "a number 1–5, or a satisfaction label such as 'Somewhat satisfied' or '4 - Satisfied'"
      throw Rejection(
        reason: .invalidNumber,
        detail:
          "\(name) '\(shown(b))' is not \(readable); export numeric values (Qualtrics: Export data, 'Use numeric values')",
        recordID: id)
    }
  }

  /// Bytes held by the duplicate-id set.
  var idSetBytes: Int { seenIDs.memoryBytes }
}

/// `RecordBuilder`'s counts, without a date order, of ambiguous numeric dates and of the dates only
/// one order reads, with the first of each order (a class, as `DecimalMarkCounts`).
final class DateOrderCounts {
  var ambiguous = 0
  var dayFirst = 0
  var monthFirst = 0
  var dayFirstExample = ""
  var monthFirstExample = ""

  func record(_ order: DateOrder, example: @autoclosure () -> String) {
    switch order {
    case .dmy:
      if dayFirst == 0 { dayFirstExample = example() }
      dayFirst += 1
    case .mdy:
      if monthFirst == 0 { monthFirstExample = example() }
      monthFirst += 1
    }
  }
}

/// `RecordBuilder`'s counts of numbers read with one grouping mark and numbers refused for the other
/// decimal mark (a class, so the builder's reading functions stay non-mutating).
/// The currencies an input's ARR is written in (`InputSummary.arrCurrencies`).
final class CurrencyCounts {
  var seen: [String: Int] = [:]
}

final class DecimalMarkCounts {
  var loneGrouping = 0
  var otherMark = 0
}
