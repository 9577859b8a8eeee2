/// The fields of each record kind with the column names (aliases) that map to them.
struct Schema {
  /// One field of a record kind.
  struct Field {
    /// Canonical snake_case name (`ticket_id`).
    let name: String
    let required: Bool
    /// Whether the field holds text to score (a ticket's body and subject, a survey comment): a
    /// JSON boolean there is no text (`not_text`), where other fields take `true` as a value.
    let isText: Bool
    /// Normalised aliases in order of preference (the canonical name first).
    let aliases: [String]
    /// Fallback: a normalised column name containing one of these (and none of `excluding`) matches.
    let containing: [String]
    let excluding: [String]
    /// Last fallback: a column named by this standard question ("How likely are you to recommend
    /// us? (0-10)" for `nps`), as survey tools export a score under its question.
    let question: SurveyQuestion?

    init(
      _ name: String, required: Bool = false, isText: Bool = false, _ aliases: [String], containing: [String] = [],
      excluding: [String] = [], question: SurveyQuestion? = nil
    ) {
      self.name = name
      self.required = required
      self.isText = isText
      var all = [Schema.normalize(name)]
      for alias in aliases.map(Schema.normalize) where !all.contains(alias) { all.append(alias) }
      self.aliases = all
      self.containing = containing
      self.excluding = excluding
      self.question = question
    }
  }

  let kind: RecordKind
  let fields: [Field]
  /// The fields' indices in the order Aftershock writes the kind's columns (`generate`, Data/sample)
  /// and reads them from a file without a header row (`--no-header`).
  let columnOrder: [Int]

  /// A schema whose columns come in `columnOrder` (field names), or in the order of `fields` when nil.
  init(kind: RecordKind, fields: [Field], columnOrder: [String]? = nil) {
    self.kind = kind
    self.fields = fields
    self.columnOrder =
      columnOrder.map { names in
        names.map { name in
          guard let index = fields.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("column order names an unknown field \(name)")
          }
          return index
        }
      } ?? Array(fields.indices)
    precondition(Set(self.columnOrder) == Set(fields.indices), "column order must hold every field once")
  }

  /// Lowercases ASCII letters and drops everything but letters and digits, so `Ticket ID`, `ticket-id` and `ticket_id` match.
  ///
  /// Two vendor wrappings are taken off first: Salesforce's custom-field suffix `__c` (Data Loader
  /// and API exports name `ARR__c`, `Renewal_Date__c`; any case), and Jira's
  /// `Custom field (Customer ID)`, which is the field `Customer ID`.
  static func normalize(_ name: String) -> String {
    func lower(_ b: UInt8) -> UInt8 { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b }
    var bytes = Substring(name).utf8[...]
    let custom = "custom field (".utf8
    if bytes.count > custom.count + 1, bytes.last == UInt8(ascii: ")"),
      bytes.prefix(custom.count).elementsEqual(custom, by: { lower($0) == $1 })
    {
      bytes = bytes.dropFirst(custom.count).dropLast()
    }
    if bytes.count > 3, bytes.suffix(3).elementsEqual("__c".utf8, by: { lower($0) == $1 }) { bytes = bytes.dropLast(3) }
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    for b in bytes {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(b | 0x20)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(b)
      case 0x80...: out.append(b)
      default: break
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func of(_ kind: RecordKind) -> Schema {
    switch kind {
    case .accounts: return accounts
    case .tickets: return tickets
    case .surveys: return surveys
    }
  }

  /// The index of a field by its canonical name (normalised comparison).
  func fieldIndex(named name: String) -> Int? {
    let key = Schema.normalize(name)
    return fields.firstIndex { Schema.normalize($0.name) == key }
  }

  // Field indices, in the order of each schema's `fields`.
  enum AccountField {
    static let accountID = 0, name = 1, segment = 2, region = 3, accountManager = 4, arr = 5, seats = 6
    static let plan = 7, contractStart = 8, renewalDate = 9, outageImpactHours = 10, offer = 11
    static let offerRedeemed = 12, churned = 13, churnDate = 14
  }

  enum TicketField {
    static let ticketID = 0, accountID = 1, createdAt = 2, body = 3, subject = 4, channel = 5
    static let priority = 6, status = 7
  }

  enum SurveyField {
    static let responseID = 0, accountID = 1, submittedAt = 2, nps = 3, csat = 4, comment = 5
  }

  static let accounts = Schema(
    kind: .accounts,
    fields: [
      Field(
        "account_id", required: true,
        [
          "account id", "accountid", "id", "account", "customer_id", "customer id", "company_id", "organization_id",
          "org_id", "account_number", "external_id", "record_id",
        ]),
      Field(
        "name",
        ["account_name", "company", "company_name", "organization", "organization_name", "customer_name", "customer"]),
      Field("segment", ["customer_segment", "tier", "size", "segment_name"]),
      // Salesforce: Billing Country; HubSpot: Country/Region.
      Field("region", ["geo", "territory", "country_region", "sales_region", "billing_country", "country"]),
      // HubSpot companies: Company owner; Salesforce: Account Owner.
      Field(
        "account_manager",
        ["manager", "owner", "account_owner", "company_owner", "csm", "customer_success_manager", "am"]),
      // Not "Annual Revenue" (HubSpot, Salesforce `AnnualRevenue`) nor "Revenue": in a CRM that is
      // the customer company's own revenue, not what it pays; read as ARR it inflated ARR at risk 25×.
      Field("arr", ["annual_recurring_revenue", "arr_usd", "contract_value"]),
      Field("seats", ["licenses", "seat_count", "licences", "endpoints", "users"]),
      Field("plan", ["product", "edition", "plan_name", "subscription"]),
      Field("contract_start", ["contract_start_date", "start_date", "customer_since", "contract_begin"]),
      Field("renewal_date", ["renewal", "contract_end", "contract_end_date", "next_renewal", "renewal_on"]),
      Field("outage_impact_hours", ["impact_hours", "downtime_hours", "outage_hours", "hours_down", "outage_impact"]),
      Field("offer", ["compensation", "offer_type", "remedy", "offer_name"]),
      Field("offer_redeemed", ["redeemed", "voucher_redeemed", "offer_accepted", "accepted_offer"]),
      Field("churned", ["churn", "is_churned", "churn_flag", "has_churned", "lost"]),
      Field("churn_date", ["churned_at", "churned_on", "churn_on", "cancellation_date", "cancelled_at"]),
    ])

  static let tickets = Schema(
    kind: .tickets,
    fields: [
      // Zendesk: Id / Ticket ID; Freshdesk, HubSpot: Ticket ID; Salesforce: Case Number; Jira: Issue key
      // (SUP-5001) before Issue id (15001); Intercom: conversation_id, else message_id.
      Field(
        "ticket_id", required: true,
        [
          "ticket id", "ticket", "ticket_number", "id", "case_id", "case_number", "issue_key", "issue_id",
          "conversation_id", "message_id",
        ]),
      // Id columns before name columns. Zendesk: Organization / Requester organization; Freshdesk:
      // Company ID / Company; HubSpot: Associated Company IDs (Primary) (an id) before Associated
      // Company (Primary) (a name); Jira: Organizations (names; `Custom field (Customer ID)` is
      // customer_id).
      Field(
        "account_id", required: true,
        [
          "account", "organization_id", "organisation_id", "org_id", "company_id", "customer_id",
          "requester_organization_id", "associated_company_ids_primary", "associated_company_ids",
          "requester_organization", "organization", "organisation", "organizations", "company", "company_name",
          "associated_company_primary", "customer",
        ]),
      // Zendesk: Created at; Freshdesk: Created time; HubSpot: Create date; Salesforce: Date/Time
      // Opened; Jira: Created; Intercom: conversation_created_at, else message_created_at.
      Field(
        "created_at", required: true,
        [
          "created", "created_time", "created_date", "creation_date", "date_created", "create_date",
          "date_time_opened", "opened_at", "conversation_created_at", "message_created_at", "submitted_at",
          "timestamp", "date",
        ]),
      // Zendesk, Freshdesk, Salesforce, Jira: Description; HubSpot: Ticket description; Intercom: message_body.
      Field(
        "body", required: true, isText: true,
        [
          "description", "text", "message", "content", "comment", "ticket_description", "first_comment", "body_text",
          "description_text", "message_body",
        ]),
      // HubSpot: Ticket name; Jira: Summary.
      Field("subject", isText: true, ["title", "summary", "ticket_subject", "ticket_name"]),
      // Zendesk: Via; Freshdesk, HubSpot: Source; Salesforce: Case Origin (API name Origin).
      Field("channel", ["via", "source", "ticket_channel", "medium", "case_origin", "origin"]),
      Field("priority", ["ticket_priority", "urgency", "severity"]),
      Field("status", ["ticket_status", "state"]),
    ],
    // Written subject first, as `generate` and Data/sample write tickets (and Zendesk exports them);
    // `fields` keeps the required body fourth (`TicketField`).
    columnOrder: [
      "ticket_id", "account_id", "created_at", "subject", "body", "channel", "priority", "status",
    ])

  static let surveys = Schema(
    kind: .surveys,
    fields: [
      // Qualtrics: ResponseId.
      Field("response_id", required: true, ["responseid", "response", "id", "survey_response_id", "submission_id"]),
      // Qualtrics: ExternalReference (ExternalDataReference in old exports) often carries the customer id.
      Field(
        "account_id", required: true,
        [
          "account", "organization_id", "company_id", "customer_id", "org_id", "externalreference",
          "externaldatareference", "external_reference", "organization", "company",
        ]),
      // Qualtrics: RecordedDate (preferred) or EndDate.
      Field(
        "submitted_at", required: true,
        [
          "recordeddate", "recorded_date", "enddate", "end_date", "submitted", "submitted_date", "completed_at",
          "response_date", "created_at", "date", "timestamp",
        ]),
      // Qualtrics: NPS / Q_NPS / Q1 named like "Q5_NPS", or, in a default export, the question's tag
      // `Q5` beside its category `Q5_NPS_GROUP` (`headerMatches`); the *_NPS_GROUP column is never the score.
      // SurveyMonkey, Typeform, Google Forms: the question itself, "How likely are you to recommend us? (0-10)".
      Field(
        "nps", ["nps_score", "q_nps", "likelihood_to_recommend", "ltr", "recommend", "net_promoter_score"],
        containing: ["nps"], excluding: ["group", "category", "segment", "comment", "text", "reason"],
        question: .recommend),
      Field(
        "csat", ["csat_score", "q_csat", "satisfaction", "satisfaction_score", "customer_satisfaction"],
        containing: ["csat"], excluding: ["comment", "text", "reason"], question: .satisfaction),
      Field(
        "comment", isText: true,
        [
          "comments", "feedback", "verbatim", "text", "open_text", "q_comment", "free_text", "why", "reason",
          "nps_reason",
          "nps_comment", "what_could_we_do_better",
        ],
        containing: ["comment", "feedback", "verbatim"], excluding: []),
    ])

  /// Rank of a match found from the whole header (`headerMatches`): after every alias, before a
  /// name-pattern match (`Field.containing`, rank 1000).
  static let headerMatchRank = 500

  /// Rank of a column named by a field's standard question (`Field.question`): after every other match.
  static let questionMatchRank = 1100

  /// Matches that only the whole header shows, as (field, column index, rank): a Qualtrics NPS
  /// question exports its 0–10 score under its tag (`Q1`) and its 1/2/3 category beside it as
  /// `Q1_NPS_GROUP`, so a column `X` with a sibling `X_NPS_GROUP` is the surveys' `nps` (the first
  /// such column; the `_NPS_GROUP` column itself never is).
  func headerMatches(_ header: [String]) -> [(field: Int, column: Int, rank: Int)] {
    guard kind == .surveys else { return [] }
    let names = header.map(Schema.normalize)
    let groups = Set(names.filter { $0.hasSuffix("npsgroup") })
    guard !groups.isEmpty else { return [] }
    for (j, name) in names.enumerated() where !name.isEmpty && !name.hasSuffix("npsgroup") {
      if groups.contains(name + "npsgroup") { return [(SurveyField.nps, j, Schema.headerMatchRank)] }
    }
    return []
  }
}
