import Testing

@testable import AftershockIngest

/// Column names of real vendor exports: which column feeds which field, what is left unfound, and
/// what a quarantined record says. Each test validates a small file the way `aftershock validate` does.
@Suite struct VendorExportTests {
  /// The column that fed each field of the only (or last) input validated.
  private func columns(_ report: ValidationReport) -> [String: String] {
    Dictionary(report.summary.columns.map { ($0.field, $0.column) }, uniquingKeysWith: { first, _ in first })
  }

  // MARK: H5: Annual Revenue is not ARR; Salesforce custom fields

  @Test func annualRevenueIsNotReadAsARR() throws {
    let s = Scratch()
    let path = s.write(
      "companies.csv",
      "Company ID,Company name,Annual Revenue,Revenue\nACC-1,Acme,9800000,9800000\nACC-2,Globex,120000,120000\n")
    let report = try #require(Ingest.validate([path]).first)
    #expect(columns(report)["arr"] == nil, "\(report.summary.columns)")
    #expect(report.summary.fieldsNotFound.contains("arr"))
    var arrs: [Double?] = []
    _ = try Ingest.streamAccounts(
      from: path, into: AccountDirectory(), onAccount: { arrs.append($0.arr) }, onQuarantine: { _ in })
    #expect(arrs == [nil, nil], "a customer company's own revenue is not what it pays")
  }

  @Test func salesforceCustomFieldsAreMatchedWithoutTheirSuffix() throws {
    let s = Scratch()
    let path = s.write(
      "sf.csv",
      #""ID","NAME","ANNUALREVENUE","ARR__C","Renewal_Date__c","CHURNED__C","Segment__c""# + "\n"
        + #""001A","Acme","7350000","24500","2025-03-13","false","Enterprise""# + "\n")
    let report = try #require(Ingest.validate([path]).first)
    let used = columns(report)
    #expect(used["arr"] == "ARR__C")
    #expect(used["renewal_date"] == "Renewal_Date__c")
    #expect(used["churned"] == "CHURNED__C")
    #expect(used["segment"] == "Segment__c")
    var accounts: [Account] = []
    _ = try Ingest.streamAccounts(
      from: path, into: AccountDirectory(), onAccount: { accounts.append($0) }, onQuarantine: { _ in })
    #expect(accounts.first?.arr == 24_500)
    #expect(accounts.first?.segment == "enterprise", "one spelling of a segment, whatever its capitals")
  }

  /// A segment or plan spelled with capitals, hyphens or spaces is read as one spelling, so a
  /// CRM's "Enterprise" and "Mid-Market" are the churn model's `enterprise` and `mid_market`
  /// (an outside audit's identical accounts scored 29% as "Enterprise", 2% as "enterprise").
  @Test func segmentsAndPlansAreReadAsOneSpelling() throws {
    let s = Scratch()
    let path = s.write(
      "accounts.csv",
      """
      account_id,segment,plan,region
      A1,Enterprise,Professional,North America
      A2,Mid-Market,  essentials ,EMEA
      A3,mid market,PRO / Plus,EMEA
      A4,SMB,,EMEA
      A5,  ,Basic,EMEA

      """)
    var accounts: [String: Account] = [:]
    _ = try Ingest.streamAccounts(
      from: path, into: AccountDirectory(), onAccount: { accounts[$0.accountID] = $0 }, onQuarantine: { _ in })
    #expect(accounts["A1"]?.segment == "enterprise" && accounts["A1"]?.plan == "professional")
    #expect(accounts["A2"]?.segment == "mid_market" && accounts["A2"]?.plan == "essentials")
    #expect(accounts["A3"]?.segment == "mid_market" && accounts["A3"]?.plan == "pro_plus")
    #expect(accounts["A4"]?.segment == "smb" && accounts["A4"]?.plan == nil)
    #expect(accounts["A5"]?.segment == nil)
    #expect(accounts["A1"]?.region == "North America", "regions are names, kept as written")
  }

  // MARK: M2: vendor column names

  @Test func vendorTicketExportsResolveEveryRequiredField() throws {
    let s = Scratch()
    let cases: [(name: String, header: String, row: String, expected: [String: String])] = [
      (
        "hubspot.csv",
        "Ticket ID,Ticket name,Ticket description,Create date,Ticket status,Source,Associated Company (Primary),Associated Company IDs (Primary)",
        "101,Outage,It was down,2024-11-13 10:22,New,Email,Acme Logistics,ACC-1",
        [
          "ticket_id": "Ticket ID", "subject": "Ticket name", "body": "Ticket description", "created_at": "Create date",
          "account_id": "Associated Company IDs (Primary)", "channel": "Source",
        ]
      ),
      (
        "sf_cases.csv", "Case Number,Account Name,Account ID,Subject,Description,Date/Time Opened,Case Origin",
        "00001026,Acme Logistics,ACC-1,Outage,It was down,2024-11-13,Email",
        [
          "ticket_id": "Case Number", "account_id": "Account ID", "created_at": "Date/Time Opened",
          "channel": "Case Origin",
        ]
      ),
      (
        "jira.csv", "Summary,Issue key,Issue id,Created,Description,Organizations,Custom field (Customer ID)",
        "Billing,SUP-5001,15001,2024-11-04,It was down,Acme Logistics,ACC-1",
        [
          "ticket_id": "Issue key", "account_id": "Custom field (Customer ID)", "created_at": "Created",
          "subject": "Summary",
        ]
      ),
      (
        "jira_orgs.csv", "Issue id,Created,Description,Organizations", "15001,2024-11-04,It was down,ACC-1",
        ["ticket_id": "Issue id", "account_id": "Organizations"]
      ),
      (
        "intercom.csv", "conversation_id,message_body,message_created_at,company_id,conversation_created_at",
        "c1,It was down,2024-11-04 06:01:16,ACC-1,2024-11-04 06:01:16",
        [
          "ticket_id": "conversation_id", "body": "message_body", "created_at": "conversation_created_at",
          "account_id": "company_id",
        ]
      ),
    ]
    for c in cases {
      let report = try #require(Ingest.validate([s.write(c.name, c.header + "\n" + c.row + "\n")]).first)
      #expect(report.summary.kind == .tickets, "\(c.name)")
      #expect(report.summary.accepted == 1, "\(c.name): \(report.examples)")
      let used = columns(report)
      for (field, column) in c.expected {
        #expect(used[field] == column, "\(c.name): \(field) <- \(used[field] ?? "none")")
      }
    }
  }

  @Test func vendorAccountExportsResolveIdOwnerAndCountry() throws {
    let s = Scratch()
    let hubspot = try #require(
      Ingest.validate([s.write("hs.csv", "Record ID,Company name,Company owner,ARR\n9001,Acme,Maria Gonzalez,24500\n")])
        .first)
    #expect(columns(hubspot)["account_id"] == "Record ID")
    #expect(columns(hubspot)["account_manager"] == "Company owner")
    let salesforce = try #require(
      Ingest.validate([s.write("sf.csv", "Account ID,Account Name,Billing Country\nACC-1,Acme,Germany\n")]).first)
    #expect(columns(salesforce)["region"] == "Billing Country")
  }

  // MARK: H2 and M6: Qualtrics question tags, fields not found

  @Test func qualtricsScoreTaggedQuestionBesideItsGroupIsTheNPS() throws {
    let s = Scratch()
    let path = s.write(
      "Outage Follow-up Survey_November 14, 2024_09.02.csv",
      """
      RecordedDate,ResponseId,ExternalReference,Q1_NPS_GROUP,Q1,Q2,Q3
      Recorded Date,Response ID,External Data Reference,How likely ... - Group,How likely are you to recommend us?,How satisfied?,What could we do better?
      "{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""externalDataReference""}","{""ImportId"":""QID1_NPS_GROUP""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3_TEXT""}"
      2024-11-06 08:12:47,R_1,ACC-1,1,5,3,slow
      2024-11-07 08:12:47,R_2,ACC-1,3,10,5,great

      """)
    let report = try #require(Ingest.validate([path]).first)
    #expect(columns(report)["nps"] == "Q1", "the score, never its 1/2/3 group")
    // The text-entry question (ImportId QID3_TEXT) is the comment; no score is taken from a question's wording.
    #expect(columns(report)["csat"] == nil)
    #expect(columns(report)["comment"] == "Q3 (question: What could we do better?)")
    #expect(report.summary.fieldsNotFound == ["csat"], "\(report.summary.fieldsNotFound)")
    var answers: [(nps: Int?, comment: String?)] = []
    _ = try Ingest.streamSurveys(
      from: path, knownAccounts: nil, onResponse: { answers.append(($0.nps, $0.comment)) }, onQuarantine: { _ in })
    #expect(answers.map(\.nps) == [5, 10] && answers.map(\.comment) == ["slow", "great"])
  }

  /// A Qualtrics survey export of `questions` (tag, question text, ImportId) after its RecordedDate,
  /// ResponseId and ExternalReference columns, with one answer row (`answers`, comma-separated);
  /// `importRow` false leaves its ImportId row out. Returns the columns `validate` matched and its report.
  private func qualtrics(
    _ questions: [(tag: String, text: String, importID: String)], answers: String, importRow: Bool = true
  ) throws -> (columns: [String: String], report: ValidationReport) {
    let s = Scratch()
    let quoted = { (id: String) in "\"{\"\"ImportId\"\":\"\"\(id)\"\"}\"" }
    var lines = [
      (["RecordedDate", "ResponseId", "ExternalReference"] + questions.map(\.tag)).joined(separator: ","),
      (["Recorded Date", "Response ID", "External Data Reference"] + questions.map(\.text)).joined(separator: ","),
    ]
    if importRow {
      lines.append(
        (["recordedDate", "_recordId", "externalDataReference"] + questions.map(\.importID)).map(quoted).joined(
          separator: ","))
    }
    lines.append("2024-11-06 08:12:47,R_1,ACC-1," + answers)
    let report = try #require(Ingest.validate([s.write("survey.csv", lines.joined(separator: "\n") + "\n")]).first)
    return (columns(report), report)
  }

  /// A text-entry question (ImportId `QID2_TEXT`) that mentions satisfaction is the comment, not
  /// the CSAT (its answers are no scores: taking it quarantined every response).
  @Test func aTextEntryQuestionAboutSatisfactionIsTheCommentNotTheCSAT() throws {
    let (found, report) = try qualtrics(
      [
        ("Q2", "What could we do to improve your satisfaction?", "QID2_TEXT"),
        ("Q3", "How satisfied are you overall?", "QID3"),
      ],
      answers: "Faster support please,4")
    #expect(report.summary.quarantined == 0)
    #expect(found["csat"] == nil, "\(found)")
    #expect(found["comment"] == "Q2 (question: What could we do to improve your satisfaction?)")
  }

  /// An "Other, please specify" box (`QID2_5_TEXT`) is part of a choice question, not the comment.
  @Test func otherBoxesAreNotTheComment() throws {
    let (found, _) = try qualtrics(
      [
        ("Q2", "Which product do you use? - Selected Choice", "QID2"),
        ("Q2_5_TEXT", "Which product do you use? - Other (please specify) - Text", "QID2_5_TEXT"),
        ("Q4", "Anything else?", "QID4_TEXT"),
      ],
      answers: "5,AcmeEDR,Slow support")
    #expect(found["comment"] == "Q4 (question: Anything else?)", "\(found)")
  }

  /// No score is taken from a question's wording, whatever it says: "Which area would most
  /// improve your satisfaction?" holds choice codes, and no rule on words tells it from "How
  /// satisfied are you?" reliably (`--map surveys.csat=Q2` says which).
  @Test func noScoreIsTakenFromAQuestionsWording() throws {
    for question in ["Which area would most improve your satisfaction?", "How satisfied are you?"] {
      let (found, report) = try qualtrics([("Q2", question, "QID2")], answers: "4")
      #expect(found["csat"] == nil, "\(question)")
      #expect(report.summary.fieldsNotFound == ["nps", "csat", "comment"])
    }
  }

  /// Not the comment: a text-entry column named like another field (`Company`, which an account id
  /// may be read from; `score` does not take it for its text either), and any question in an
  /// export without its ImportId row (nothing then tells a text entry from a choice).
  @Test func textEntriesNamedLikeAFieldOrWithoutAnImportIDRowAreNotTheComment() throws {
    #expect(
      try qualtrics([("Company", "Your company name", "QID1_TEXT")], answers: "Acme Corp").columns["comment"] == nil)
    let bare = try qualtrics([("Q3", "Anything else?", "QID3_TEXT")], answers: "Slow", importRow: false)
    #expect(bare.columns["comment"] == nil)
  }

  @Test func aQuestionTagWithoutAnNPSGroupIsNotTakenForTheNPS() throws {
    let s = Scratch()
    let report = try #require(
      Ingest.validate([
        s.write("survey.csv", "ResponseId,ExternalReference,RecordedDate,Q1,Q2_NPS_GROUP\nR_1,ACC-1,2024-11-06,4,1\n")
      ])
      .first)
    #expect(columns(report)["nps"] == nil)
    #expect(report.summary.fieldsNotFound == ["nps", "csat", "comment"])
  }

  @Test func jsonLinesInputsReportTheKeysThatFedEachField() throws {
    let s = Scratch()
    let report = try #require(
      Ingest.validate([
        s.write(
          "surveys.jsonl",
          #"{"ResponseId":"R1","account_id":"A1","submitted_at":"2024-07-22"}"# + "\n"
            + #"{"ResponseId":"R2","account_id":"A1","submitted_at":"2024-07-22","NPS":9}"# + "\n")
      ]).first)
    #expect(report.summary.columns.map(\.field) == ["response_id", "account_id", "submitted_at", "nps"])
    #expect(columns(report)["nps"] == "NPS")
    #expect(report.summary.fieldsNotFound == ["csat", "comment"])
  }

  // MARK: M7: account names where ids belong

  @Test func unknownAccountThatIsAnAccountsNameSaysWhichAccount() throws {
    let s = Scratch()
    let accounts = s.write("accounts.csv", "account_id,name\nACC-1001,Acme Logistics\nACC-1002,Globex\n")
    let tickets = s.write(
      "tickets.csv",
      "Ticket ID,Company Name,Created time,Description\n5001,acme logistics,2024-11-13,down\n5002,Initech,2024-11-13,down\n"
    )
    let reports = try Ingest.validate([accounts, tickets], examplesPerReason: 5)
    let details = reports[1].examples[.unknownAccount]?.map(\.detail) ?? []
    #expect(details.count == 2)
    #expect(details.first?.contains("matches the name of account ACC-1001") == true, "\(details)")
    #expect(details.first?.contains("--map tickets.account_id=") == true)
    #expect(details.last == "account 'Initech' is not in the accounts input", "no hint for a value that is no name")
  }

  @Test func unknownAccountThatDiffersFromAnIdInCaseOrZerosNamesTheId() throws {
    let s = Scratch()
    let accounts = s.write(
      "accounts.csv", "account_id,name\nACC-000123,Acme\nACC-000124,Globex\nAB-7,Umbrella\nab_07,Hooli\n")
    let tickets = s.write(
      "tickets.csv",
      "ticket_id,account_id,created_at,body\n1,acc-000123,2024-11-13,down\n2,ACC-123,2024-11-13,down\n"
        + "3,ACC 000124,2024-11-13,down\n4,ab-7,2024-11-13,down\n5,ACC-000125,2024-11-13,down\n6,ACC-000123,2024-11-13,up\n"
    )
    let reports = try Ingest.validate([accounts, tickets], examplesPerReason: 10)
    let details = reports[1].examples[.unknownAccount]?.map(\.detail) ?? []
    #expect(details.count == 5, "\(details)")
    #expect(
      details[0].hasPrefix("account 'acc-000123' is not in the accounts input; did you mean ACC-000123?"), "\(details)")
    #expect(details[1].contains("did you mean ACC-000123?"), "a spreadsheet dropped the zeros: \(details[1])")
    #expect(details[2].contains("did you mean ACC-000124?"), "\(details[2])")
    #expect(details[3].contains("did you mean AB-7 (or 1 other known id of that form)?"), "\(details[3])")
    #expect(details[4] == "account 'ACC-000125' is not in the accounts input", "no hint for another id: \(details[4])")
  }

  @Test func looseFormOfAnIdIgnoresCaseSeparatorsAndLeadingZeros() {
    #expect(AccountDirectory.looseForm(of: "ACC-000123") == "acc123")
    #expect(AccountDirectory.looseForm(of: "acc 123") == "acc123")
    #expect(AccountDirectory.looseForm(of: "A100B-0") == "a100b0")
    #expect(AccountDirectory.looseForm(of: "00") == "0")
    #expect(AccountDirectory.looseForm(of: "Müller-01") == "müller1")
  }
}
