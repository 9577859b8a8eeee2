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
  private var seenIDs = IDHashSet()

  init(schema: Schema, directory: AccountDirectory?) {
    self.schema = schema
    self.directory = directory
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

  private func required(_ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?) throws(Rejection) -> UnsafeRawBufferPointer {
    guard let t = text(slots, f) else {
      let how = slots[f] == nil ? "is absent" : "is empty"
      throw Rejection(reason: .missingField, detail: "required field '\(schema.fields[f].name)' \(how)", recordID: id)
    }
    return t
  }

  private func shown(_ b: UnsafeRawBufferPointer) -> String {
    let s = String(decoding: UnsafeRawBufferPointer(rebasing: b.prefix(60)), as: UTF8.self)
    return b.count > 60 ? s + "…" : s
  }

  private func timestamp(_ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?, required: Bool) throws(Rejection) -> Timestamp? {
    guard let b = required ? try self.required(slots, f, id) : text(slots, f) else { return nil }
    switch FieldParser.date(b) {
    case .value(let t):
      return t
    case .outsideSupportedRange(let t):
      let value = shown(b) == t.day.description ? t.day.description : "'\(shown(b))' (\(t.day))"
      throw Rejection(
        reason: .outOfRange,
        detail: "\(schema.fields[f].name) \(value) is a date outside the supported range \(Day.supportedRangeDescription)",
        recordID: id)
    case .notADate:
      throw Rejection(
        reason: .invalidDate,
        detail: "\(schema.fields[f].name) '\(shown(b))' is not a date (expected YYYY-MM-DD, optionally with THH:MM[:SS] and Z or ±HH:MM, or Unix time as 10 digits of seconds or 13 of milliseconds)",
        recordID: id)
    }
  }

  private func day(_ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?) throws(Rejection) -> Day? {
    try timestamp(slots, f, id, required: false).map(Day.init)
  }

  private func number(
    _ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?, range: ClosedRange<Double>, integer: Bool = false
  ) throws(Rejection) -> Double? {
    guard let b = text(slots, f) else { return nil }
    let name = schema.fields[f].name
    switch FieldParser.double(b) {
    case .notANumber:
      throw Rejection(reason: .invalidNumber, detail: "\(name) '\(shown(b))' is not a number", recordID: id)
    case .notFinite:
      throw Rejection(reason: .invalidNumber, detail: "\(name) '\(shown(b))' is not a finite number", recordID: id)
    case .value(let v):
      if integer && v.rounded() != v {
        throw Rejection(reason: .invalidNumber, detail: "\(name) '\(shown(b))' is not a whole number", recordID: id)
      }
      guard range.contains(v) else {
        let low = integer ? String(Int(range.lowerBound)) : String(range.lowerBound)
        let high = integer ? String(Int(range.upperBound)) : String(range.upperBound)
        throw Rejection(
          reason: .outOfRange, detail: "\(name) \(shown(b)) is outside \(low)–\(high)", recordID: id)
      }
      return v
    }
  }

  private func boolean(_ slots: [UnsafeRawBufferPointer?], _ f: Int, _ id: String?) throws(Rejection) -> Bool? {
    guard let b = text(slots, f) else { return nil }
    guard let v = FieldParser.boolean(b) else {
      throw Rejection(
        reason: .invalidBoolean,
        detail: "\(schema.fields[f].name) '\(shown(b))' is not a yes/no value (true/false, yes/no, 1/0)", recordID: id)
    }
    return v
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
        reason: .unknownAccount, detail: "account '\(shown(b))' is not in the accounts input", recordID: id)
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
    a.segment = string(slots, A.segment)
    a.region = string(slots, A.region)
    a.accountManager = string(slots, A.accountManager)
    a.arr = try number(slots, A.arr, id, range: 0...1e12)
    a.seats = try number(slots, A.seats, id, range: 0...10_000_000, integer: true).map { Int($0) }
    a.plan = string(slots, A.plan)
    a.contractStart = try day(slots, A.contractStart, id)
    a.renewalDate = try day(slots, A.renewalDate, id)
    a.outageImpactHours = try number(slots, A.outageImpactHours, id, range: 0...8_784)
    a.offer = string(slots, A.offer).map(Offer.init(parsing:))
    a.offerRedeemed = try boolean(slots, A.offerRedeemed, id)
    a.churned = try boolean(slots, A.churned, id)
    a.churnDate = try day(slots, A.churnDate, id)
    try Self.checkDateOrder(a)
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
    let nps = try number(slots, S.nps, id, range: 0...10, integer: true).map { Int($0) }
    let csat = try number(slots, S.csat, id, range: 1...5, integer: true).map { Int($0) }
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

  /// Bytes held by the duplicate-id set.
  var idSetBytes: Int { seenIDs.memoryBytes }
}
