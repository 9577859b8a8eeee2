import AftershockSynthetic
import Foundation
import Testing

@Suite struct SampleGeneratorTests {
  private func generate(_ configuration: SampleConfiguration) throws -> (folder: String, summary: GenerationSummary) {
    let folder = SampleFolder.temporary("gen")
    return (folder, try SampleGenerator(configuration: configuration).generate(into: folder))
  }

  @Test func sameSeedGivesByteIdenticalFiles() throws {
    let configuration = SampleConfiguration(accountCount: 400, seed: 99)
    let first = try generate(configuration)
    let second = try generate(configuration)
    defer {
      try? FileManager.default.removeItem(atPath: first.folder)
      try? FileManager.default.removeItem(atPath: second.folder)
    }
    #expect(first.summary == second.summary)
    for path in SampleGenerator.relativePaths {
      let identical =
        try SampleFolder.bytes(first.folder + "/" + path) == SampleFolder.bytes(second.folder + "/" + path)
      #expect(identical, "\(path)")
    }
  }

  @Test func threadCountDoesNotChangeTheBytes() throws {
    let configuration = SampleConfiguration(accountCount: 2_500, seed: 8)
    var sequential = SampleGenerator(configuration: configuration)
    sequential.workerCount = 1
    var parallel = SampleGenerator(configuration: configuration)
    parallel.workerCount = 4
    let first = SampleFolder.temporary("one-thread")
    let second = SampleFolder.temporary("four-threads")
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    #expect(try sequential.generate(into: first) == parallel.generate(into: second))
    for path in SampleGenerator.relativePaths {
      let identical = try SampleFolder.bytes(first + "/" + path) == SampleFolder.bytes(second + "/" + path)
      #expect(identical, "\(path)")
    }
  }

  @Test func differentSeedGivesDifferentFiles() throws {
    let first = try generate(SampleConfiguration(accountCount: 200, seed: 1))
    let second = try generate(SampleConfiguration(accountCount: 200, seed: 2))
    defer {
      try? FileManager.default.removeItem(atPath: first.folder)
      try? FileManager.default.removeItem(atPath: second.folder)
    }
    // The competitors are the fictional market's, whatever the seed.
    for path in SampleGenerator.relativePaths where path.hasSuffix(".csv") {
      let identical =
        try SampleFolder.bytes(first.folder + "/" + path) == SampleFolder.bytes(second.folder + "/" + path)
      #expect(!identical, "\(path)")
    }
  }

  @Test func accountsDependOnlyOnSeedAndNumber() throws {
    let small = try generate(SampleConfiguration(accountCount: 50, seed: 5))
    let large = try generate(SampleConfiguration(accountCount: 80, seed: 5))
    defer {
      try? FileManager.default.removeItem(atPath: small.folder)
      try? FileManager.default.removeItem(atPath: large.folder)
    }
    let smallRows = try SampleFolder.rows(small.folder + "/accounts.csv")
    let largeRows = try SampleFolder.rows(large.folder + "/accounts.csv")
    // Account ids are padded to the same width (6) in both runs, so the first 50 rows are equal.
    let samePrefix = Array(largeRows.prefix(51)) == smallRows
    #expect(samePrefix)
  }

  @Test func rowCountsMatchTheSummaryAndEveryRowHasAllColumns() throws {
    let sample = try GeneratedSample.load()
    #expect(sample.accounts.count == 3_000)
    #expect(sample.summary.accountCount == 3_000)
    #expect(sample.tickets.count == sample.summary.ticketCount)
    #expect(sample.surveys.count == sample.summary.surveyCount)
    #expect(sample.accountsTruth.count == 3_000)
    let comments = sample.surveys.filter { !($0["comment"] ?? "").isEmpty }.count
    #expect(sample.textsTruth.count == sample.tickets.count + comments)
    for (path, rows) in sample.rawRows {
      let width = rows[0].count
      let ragged = rows.firstIndex { $0.count != width }
      #expect(ragged == nil, "\(path) row \(ragged ?? -1) has a different number of fields")
    }
    #expect(sample.summary.files.map(\.relativePath) == SampleGenerator.relativePaths)
  }

  /// The sample names competitors no shipped list holds; its competitors.txt lists them, one a
  /// line after comment lines, for a run over the folder to read.
  @Test func competitorsFileListsTheNamesTheTextsUse() throws {
    let sample = try GeneratedSample.load()
    let names = sample.competitors.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(names == ["Bastionware", "Northgate Defense", "Quillon Security", "Ironveil", "Sentrik"])
    for name in names {
      #expect(sample.tickets.contains { ($0["body"] ?? "").contains(name) }, "\(name)")
    }
    #expect(sample.products.split(separator: "\n").filter { !$0.hasPrefix("#") } == ["Aegis"])
  }

  @Test func requiredFieldsAreNeverEmpty() throws {
    let sample = try GeneratedSample.load()
    let required: [(String, [[String: String]], [String])] = [
      (
        "accounts", sample.accounts,
        [
          "account_id", "name", "segment", "region", "account_manager", "arr", "seats",
          "plan", "contract_start", "renewal_date", "outage_impact_hours", "offer",
        ]
      ),
      (
        "tickets", sample.tickets,
        ["ticket_id", "account_id", "created_at", "subject", "body", "channel", "priority", "status"]
      ),
      ("surveys", sample.surveys, ["response_id", "account_id", "submitted_at", "nps"]),
    ]
    for (file, records, fields) in required {
      for field in fields {
        let empty = records.firstIndex { ($0[field] ?? "").isEmpty }
        #expect(empty == nil, "\(file).\(field) is empty in record \(empty ?? -1)")
      }
    }
    let accountIDs = Set(sample.accounts.compactMap { $0["account_id"] })
    #expect(accountIDs.count == 3_000, "account ids are unique")
    #expect(sample.tickets.allSatisfy { accountIDs.contains($0["account_id"] ?? "") })
    #expect(Set(sample.tickets.compactMap { $0["ticket_id"] }).count == sample.tickets.count)
    for survey in sample.surveys {
      let nps = Int(survey["nps"] ?? "") ?? -1
      #expect((0...10).contains(nps))
      if let csat = survey["csat"], !csat.isEmpty { #expect((1...5).contains(Int(csat) ?? 0)) }
    }
  }

  @Test func labelsFollowTheAsOfRule() throws {
    let sample = try GeneratedSample.load()
    let configuration = GeneratedSample.configuration
    let asOf = configuration.asOfDate.description
    let outage = configuration.outageDate.description
    var noticeBeforeRenewal = 0
    for (account, truth) in zip(sample.accounts, sample.accountsTruth) {
      let renewal = account["renewal_date"] ?? ""
      let churned = account["churned"] ?? ""
      let churnDate = account["churn_date"] ?? ""
      #expect(account["account_id"] == truth["account_id"])
      #expect(renewal > outage && (account["contract_start"] ?? "") < outage)
      if renewal <= asOf {
        #expect(churned == truth["churned_outcome"], "labelled \(account["account_id"] ?? "")")
        #expect(truth["labelled"] == "true")
      } else if !churned.isEmpty {
        // Renewal still ahead: labelled only as a churn whose notice was given by the as-of day.
        #expect(churned == "true" && truth["churned_outcome"] == "true", "open renewal \(renewal) labelled renewed")
        #expect(truth["labelled"] == "true")
        noticeBeforeRenewal += 1
      } else {
        #expect(churnDate.isEmpty)
        #expect(truth["labelled"] == "false")
      }
      if churned == "true" {
        #expect(!churnDate.isEmpty && churnDate <= asOf && churnDate <= renewal && churnDate > outage)
        let notice = try SampleDate(iso8601: renewal).days(since: SampleDate(iso8601: churnDate))
        #expect((0...30).contains(notice), "notice of \(notice) days")
      } else {
        #expect(churnDate.isEmpty)
      }
    }
    // A churn with its renewal in the month after the as-of day has most often given notice by then.
    #expect(noticeBeforeRenewal > 0)
    for ticket in sample.tickets {
      let created = ticket["created_at"] ?? ""
      #expect(created >= outage && created < asOf, "ticket \(created) outside the outage-to-as-of window")
    }
    for survey in sample.surveys { #expect((survey["submitted_at"] ?? "") < asOf) }
  }

  @Test func truthProbabilitiesFollowTheDocumentedEquation() throws {
    let sample = try GeneratedSample.load()
    var worst = 0.0
    for truth in sample.accountsTruth {
      var logit = ChurnMechanism.intercept
      for coefficient in ChurnMechanism.coefficients {
        logit += coefficient.value * (Double(truth[coefficient.feature] ?? "") ?? .nan)
      }
      let probability = 1 / (1 + Foundation.exp(-logit))
      worst = max(worst, abs(probability - (Double(truth["churn_probability"] ?? "") ?? .nan)))
    }
    // Features are written with 6 decimals, so the recomputed probability differs by rounding only.
    #expect(worst < 2e-5, "largest gap \(worst)")
  }

  @Test func shortLabelWindowKeepsEveryDateBeforeAsOf() throws {
    let outage = try SampleDate(iso8601: "2025-01-10")
    let asOf = outage.adding(days: 3)
    let run = try generate(SampleConfiguration(accountCount: 300, seed: 4, outageDate: outage, asOfDate: asOf))
    defer { try? FileManager.default.removeItem(atPath: run.folder) }
    let tickets = try SampleFolder.records(run.folder + "/tickets.csv")
    let surveys = try SampleFolder.records(run.folder + "/surveys.csv")
    #expect(!tickets.isEmpty && !surveys.isEmpty)
    #expect(
      tickets.allSatisfy {
        ($0["created_at"] ?? "") >= outage.description && ($0["created_at"] ?? "") < asOf.description
      })
    #expect(
      surveys.allSatisfy {
        ($0["submitted_at"] ?? "") >= outage.description && ($0["submitted_at"] ?? "") < asOf.description
      })
    let accounts = try SampleFolder.records(run.folder + "/accounts.csv")
    let labelled = accounts.filter { !($0["churned"] ?? "").isEmpty }
    #expect(
      labelled.allSatisfy {
        ($0["renewal_date"] ?? "") <= asOf.description
          || ($0["churned"] == "true" && ($0["churn_date"] ?? "") <= asOf.description)
      })
    #expect(run.summary.labelledCount == labelled.count)
  }

  @Test func invalidSettingsAreRejectedBeforeWriting() throws {
    let folder = SampleFolder.temporary("invalid")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let outage = SampleConfiguration.defaultOutageDate
    let bad: [SampleConfiguration] = [
      SampleConfiguration(accountCount: 0),
      SampleConfiguration(accountCount: 10, ticketsPerAccount: -1),
      SampleConfiguration(accountCount: 10, surveyResponseRate: 1.5),
      SampleConfiguration(accountCount: 10, outageDate: outage, asOfDate: outage),
    ]
    for configuration in bad {
      #expect(throws: SyntheticError.self) { try SampleGenerator(configuration: configuration).generate(into: folder) }
    }
    #expect(!FileManager.default.fileExists(atPath: folder + "/accounts.csv"))
  }

  @Test func unwritableFolderGivesACannotWriteError() {
    #expect {
      try SampleGenerator(configuration: SampleConfiguration(accountCount: 5)).generate(into: "/proc/no-such/folder")
    } throws: { error in
      guard case .cannotWrite(let path, _)? = error as? SyntheticError else { return false }
      return path.hasPrefix("/proc/no-such/folder")
    }
  }

  @Test func progressIsReportedAtEachIntervalAndAtTheEnd() throws {
    let folder = SampleFolder.temporary("progress")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var seen: [Int] = []
    let summary = try SampleGenerator(configuration: SampleConfiguration(accountCount: 25))
      .generate(into: folder, progressInterval: 10) { seen.append($0.accountsWritten) }
    #expect(seen == [10, 20, 25])
    #expect(summary.bytesWritten == summary.files.reduce(0) { $0 + $1.byteCount })
    let accountsSize = try FileManager.default.attributesOfItem(atPath: folder + "/accounts.csv")[.size] as? Int
    #expect(accountsSize == summary.files[0].byteCount)
  }
}
