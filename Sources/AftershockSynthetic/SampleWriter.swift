import AftershockReport

/// Writes generated accounts as rows of the five CSV files, through one ``ByteSink`` each, and the
/// sample's competitor and product names (`competitors.txt`, `products.txt`, which `aftershock run
/// --data DIR` reads).
///
/// Rows are assembled in a reused byte buffer; text cells go through ``CSVWriter/encode(_:neutralisesFormulas:)``
/// (RFC 4180 quoting and the formula guard), other cells are numbers, dates and fixed words.
struct SampleWriter {
  private let accounts: ByteSink
  private let tickets: ByteSink
  private let surveys: ByteSink
  private let accountsTruth: ByteSink
  private let textsTruth: ByteSink
  private let competitors: ByteSink
  private let products: ByteSink
  private let directory: String
  private let accountIDWidth: Int
  private var line: [UInt8] = []
  private var byteCounts = [Int](repeating: 0, count: 7)
  private(set) var ticketCount = 0
  private(set) var surveyCount = 0
  private var accountCount = 0
  private var labelledCount = 0
  private var churnedCount = 0
  private var churnedOutcomeCount = 0

  init(directory: String, configuration: SampleConfiguration) throws(SyntheticError) {
    self.directory = directory
    var width = 1
    var probe = configuration.accountCount / 10
    while probe > 0 {
      width += 1
      probe /= 10
    }
    accountIDWidth = max(6, width)
    do {
      let paths = SampleGenerator.relativePaths.map { directory + "/" + $0 }
      accounts = try ByteSink(atomicPath: paths[0])
      tickets = try ByteSink(atomicPath: paths[1])
      surveys = try ByteSink(atomicPath: paths[2])
      accountsTruth = try ByteSink(atomicPath: paths[3])
      textsTruth = try ByteSink(atomicPath: paths[4])
      competitors = try ByteSink(atomicPath: paths[5])
      products = try ByteSink(atomicPath: paths[6])
    } catch {
      throw Self.mapped(error, directory: directory)
    }
    line.reserveCapacity(1 << 14)
  }

  static func mapped(_ error: any Error, directory: String) -> SyntheticError {
    if let error = error as? SyntheticError { return error }
    if case .cannotWrite(let path, let reason)? = error as? ReportError {
      return .cannotWrite(path: path, reason: reason)
    }
    return .cannotWrite(path: directory, reason: "\(error)")
  }

  // MARK: Headers

  mutating func writeHeaders() throws(ReportError) {
    append("# The sample's competitors (fictional), one a line: `aftershock run --data DIR` reads a data folder's")
    try flushLine(to: competitors, file: 5)
    append("# competitors.txt beside Data/lexicons/competitors.txt (elsewhere: `--competitors FILE`).")
    try flushLine(to: competitors, file: 5)
    for name in NameBook.competitors {
      append(name)
      try flushLine(to: competitors, file: 5)
    }
    append("# The sample's vendor's product (fictional): customers cancel or leave it, as the service.")
    try flushLine(to: products, file: 6)
    append(NameBook.vendor)
    try flushLine(to: products, file: 6)
    append(
      "account_id,name,segment,region,account_manager,arr,seats,plan,contract_start,renewal_date,outage_impact_hours,offer,offer_redeemed,churned,churn_date"
    )
    try flushLine(to: accounts, file: 0)
    append("ticket_id,account_id,created_at,subject,body,channel,priority,status")
    try flushLine(to: tickets, file: 1)
    append("response_id,account_id,submitted_at,nps,csat,comment")
    try flushLine(to: surveys, file: 2)
    append("account_id,churn_probability,linear_predictor,churned_outcome,labelled,offer_reaction,csat_latent")
    for coefficient in ChurnMechanism.coefficients {
      line.append(UInt8(ascii: ","))
      line.append(contentsOf: Array(coefficient.feature.utf8))
    }
    try flushLine(to: accountsTruth, file: 3)
    append("text_id,account_id,kind,outage_stance,offer_reaction,churn_intent,sarcastic,contrast")
    try flushLine(to: textsTruth, file: 4)
  }

  // MARK: Rows

  mutating func write(_ account: SyntheticAccount) throws(ReportError) {
    accountCount += 1
    if account.isLabelled { labelledCount += 1 }
    if account.isLabelled && account.churnedOutcome { churnedCount += 1 }
    if account.churnedOutcome { churnedOutcomeCount += 1 }

    // accounts.csv
    appendAccountID(account.number)
    comma()
    appendText(account.name)
    comma()
    append(account.segment.name)
    comma()
    append(account.region.name)
    comma()
    appendText(Array(account.managerName.utf8))
    comma()
    ByteFormat.appendInteger(account.arr, to: &line)
    comma()
    ByteFormat.appendInteger(account.seats, to: &line)
    comma()
    append(account.plan.name)
    comma()
    ByteFormat.appendDate(account.contractStart, to: &line)
    comma()
    ByteFormat.appendDate(account.renewalDate, to: &line)
    comma()
    ByteFormat.appendFixed(account.impactHours, decimals: 1, to: &line)
    comma()
    append(account.offer.name)
    comma()
    if let redeemed = account.offerRedeemed { appendBool(redeemed) }
    comma()
    if account.isLabelled { appendBool(account.churnedOutcome) }
    comma()
    if let churnDate = account.churnDate { ByteFormat.appendDate(churnDate, to: &line) }
    try flushLine(to: accounts, file: 0)

    // tickets.csv and texts_truth.csv
    for ticket in account.tickets {
      ticketCount += 1
      ByteFormat.appendIdentifier("TKT", ticketCount, width: 8, to: &line)
      comma()
      appendAccountID(account.number)
      comma()
      ByteFormat.appendTimestamp(ticket.createdDate, secondOfDay: ticket.createdSecond, to: &line)
      comma()
      appendText(ticket.subject)
      comma()
      appendText(ticket.body)
      comma()
      append(ticket.channel)
      comma()
      append(ticket.priority)
      comma()
      append(ticket.status)
      try flushLine(to: tickets, file: 1)
      try writeTextTruth(id: "TKT", number: ticketCount, account: account.number, kind: "ticket", ticket.truth)
    }

    // surveys.csv
    for survey in account.surveys {
      surveyCount += 1
      ByteFormat.appendIdentifier("SRV", surveyCount, width: 8, to: &line)
      comma()
      appendAccountID(account.number)
      comma()
      ByteFormat.appendTimestamp(survey.submittedDate, secondOfDay: survey.submittedSecond, to: &line)
      comma()
      ByteFormat.appendInteger(survey.nps, to: &line)
      comma()
      if let csat = survey.csat { ByteFormat.appendInteger(csat, to: &line) }
      comma()
      appendText(survey.comment)
      try flushLine(to: surveys, file: 2)
      if !survey.comment.isEmpty {
        try writeTextTruth(id: "SRV", number: surveyCount, account: account.number, kind: "survey", survey.truth)
      }
    }

    // truth/accounts_truth.csv
    appendAccountID(account.number)
    comma()
    ByteFormat.appendFixed(account.churnProbability, decimals: 6, to: &line)
    comma()
    ByteFormat.appendFixed(ChurnMechanism.linearPredictor(account.features), decimals: 6, to: &line)
    comma()
    appendBool(account.churnedOutcome)
    comma()
    appendBool(account.isLabelled)
    comma()
    append(account.offerReaction.name)
    comma()
    ByteFormat.appendInteger(account.csatLatent, to: &line)
    for feature in account.features {
      comma()
      if feature == feature.rounded() && abs(feature) < 1e9 {
        ByteFormat.appendInteger(Int(feature), to: &line)
      } else {
        ByteFormat.appendFixed(feature, decimals: 6, to: &line)
      }
    }
    try flushLine(to: accountsTruth, file: 3)
  }

  private mutating func writeTextTruth(
    id prefix: StaticString, number: Int, account: Int, kind: StaticString, _ truth: TextTruth
  ) throws(ReportError) {
    ByteFormat.appendIdentifier(prefix, number, width: 8, to: &line)
    comma()
    appendAccountID(account)
    comma()
    append(kind)
    comma()
    append(truth.outageStance.name)
    comma()
    append(truth.offerReaction.name)
    comma()
    append(truth.intent.name)
    comma()
    appendBool(truth.isSarcastic)
    comma()
    appendBool(truth.hasContrast)
    try flushLine(to: textsTruth, file: 4)
  }

  // MARK: Finishing

  func commit() throws(ReportError) -> GenerationSummary {
    try accounts.commit()
    try tickets.commit()
    try surveys.commit()
    try accountsTruth.commit()
    try textsTruth.commit()
    try competitors.commit()
    try products.commit()
    var files: [GenerationSummary.WrittenFile] = []
    for (index, path) in SampleGenerator.relativePaths.enumerated() {
      files.append(GenerationSummary.WrittenFile(relativePath: path, byteCount: byteCounts[index]))
    }
    return GenerationSummary(
      accountCount: accountCount, ticketCount: ticketCount, surveyCount: surveyCount, labelledCount: labelledCount,
      churnedCount: churnedCount, churnedOutcomeCount: churnedOutcomeCount, files: files)
  }

  // MARK: Cells

  private mutating func flushLine(to sink: ByteSink, file: Int) throws(ReportError) {
    line.append(0x0A)
    byteCounts[file] += line.count
    try sink.write(line)
    line.removeAll(keepingCapacity: true)
  }

  @inline(__always) private mutating func comma() { line.append(UInt8(ascii: ",")) }

  private mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { line.append(contentsOf: $0) }
  }

  private mutating func appendText(_ bytes: [UInt8]) {
    line.append(contentsOf: CSVWriter.encode(bytes))
  }

  private mutating func appendBool(_ value: Bool) {
    append(value ? "true" : "false")
  }

  private mutating func appendAccountID(_ number: Int) {
    ByteFormat.appendIdentifier("ACC", number, width: accountIDWidth, to: &line)
  }
}

@available(*, unavailable)
extension SampleWriter: Sendable {}
